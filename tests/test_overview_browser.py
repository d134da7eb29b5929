"""The overview on a small phone passes axe-core, and an offer page's calendar link downloads its file."""

from __future__ import annotations

from pathlib import Path

import pytest
from audit import axe_violations
from conftest import build_site, serve, write_offer

pytestmark = pytest.mark.browser


def test_overview_on_a_phone_and_the_calendar_download(page, content: Path, tmp_path: Path) -> None:
    write_offer(content, "kaffee", termine=[{"tage": ["di"], "rhythmus": "monatlich", "woche": [1], "von": "15:00"}])
    write_offer(content, "kochen", bezirk="Wanne", stadtteil="Crange", altersgruppen=["alle"],
                termine=[{"tage": ["sa"], "von": "18:00"}])  # fmt: skip
    site = build_site(content, tmp_path / "site")
    with serve(site) as root:
        page.set_viewport_size({"width": 360, "height": 740})
        page.goto(root + "ueberblick/")
        assert axe_violations(page) == [], "also on a small phone"
        # the calendar link downloads the file the offer page promises
        page.goto(root + "angebote/kaffee/")
        with page.expect_download() as download:
            page.get_by_role("link", name="In den Kalender eintragen").click()
        assert Path(download.value.path()).read_bytes().startswith(b"BEGIN:VCALENDAR")


@pytest.mark.parametrize("width", [1280, 375])
def test_every_column_of_the_tables_can_be_reached_and_a_narrow_screen_says_so(
    browser, example_site: Path, width: int
) -> None:
    context = browser.new_context(locale="de-DE", viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        with serve(example_site) as root:
            page.goto(root + "ueberblick/")
            for box in page.locator(".tabelle").all():  # each a labelled region the keyboard can scroll
                assert box.get_attribute("role") == "region" and box.get_attribute("tabindex") == "0"
                assert box.get_attribute("aria-labelledby")
            wide = page.locator(".tabelle.breit")
            assert wide.count() == 3
            for index, last in enumerate(["Alle Generationen", "Sonntag", "Sonntag"]):
                box = wide.nth(index)
                overflows = box.evaluate("(e) => e.scrollWidth > e.clientWidth")
                hint = page.locator(".tabelle-hinweis").nth(index)
                # Where the table is wider than its box, the page says so, naming the last column; else it fits.
                assert overflows == (width == 375) == hint.is_visible()
                if overflows:
                    assert f"bis „{last}“" in hint.inner_text()
                for name in {"Alle Generationen": ["Ältere Menschen", "Alle Generationen"]}.get(
                    last, ["Samstag", "Sonntag"]
                ):
                    column = box.get_by_role("columnheader", name=name)
                    column.scroll_into_view_if_needed()  # what a swipe or the arrow keys do in the region
                    assert column.evaluate(
                        "(e) => { const r = e.getBoundingClientRect(); return r.left >= 0 && r.right <= innerWidth; }"
                    ), (width, name)
            if width == 375:  # a focused region scrolls with the arrow keys
                wide.nth(1).evaluate("(e) => { e.scrollLeft = 0; e.focus(); }")
                page.keyboard.press("ArrowRight")
                page.wait_for_function("() => document.querySelectorAll('.tabelle.breit')[1].scrollLeft > 0")
    finally:
        context.close()
