"""The resident's side, checked as an auditor would: axe-core, keyboard, reflow, privacy and page weight, against the
example build served on 127.0.0.1 in Debian's chromium."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from audit import axe_violations
from conftest import serve

pytestmark = pytest.mark.browser

OFFER = "angebote/erzaehlcafe-herne-mitte/"
SEARCH_WITH_RESULTS = "suche/?q=Kaffee"
# Every kind of page a resident meets; add a path here when a new kind of page appears.
PAGES = [
    "",
    "angebote/",
    "bezirke/",
    "bezirke/sodingen/",
    "altersgruppen/",
    "altersgruppen/senioren/",
    "wochentage/",
    "wochentage/mittwoch/",
    "heute/",  # the list of the visitor's today (of the build date when the clock is outside the page's week)
    "termine/",
    "bezirke/herne-mitte/?alter=kinder&tag=dienstag",  # narrowed to nothing: the kind message and other districts
    OFFER,
    SEARCH_WITH_RESULTS,
    "angebotsheft/",
    "ueberblick/",
    "impressum/",
    "datenschutz/",
    "barrierefreiheit/",
    "leichte-sprache/",
    "404.html",
    "angebot-eintragen/",
    "angaben-aendern/?angebot=erzaehlcafe-herne-mitte",  # "Angaben ändern" with the offer named by its script
]
PAGE_BUDGET_BYTES = 20_000


@pytest.fixture(scope="module")
def root(example_site: Path) -> Iterator[str]:
    with serve(example_site) as url:
        yield url


def open_page(page, url: str) -> None:
    """Load a page and wait until its own scripts are done: deferred ones (filters counted) run before `load`, the
    search shows its results later."""
    page.goto(url)
    if "suche/?q=" in url:
        page.locator("#suchstatus").filter(has_text="gefunden").wait_for()


@pytest.mark.parametrize("path", PAGES)
def test_axe_finds_no_violation(page, root: str, path: str) -> None:
    open_page(page, root + path)
    assert axe_violations(page) == []


@pytest.mark.parametrize("path", ["heute/", "termine/"])
def test_axe_finds_no_violation_in_the_day_lists_at_a_visitors_later_today(browser, root: str, path: str) -> None:
    """Two days after the build: /heute/ shows a list its script loaded, /termine/ a window of days it chose."""
    context = browser.new_context(locale="de-DE", timezone_id="Europe/Berlin")
    page = context.new_page()
    try:
        page.clock.set_fixed_time("2026-11-27T10:00:00+01:00")
        page.goto(root + path)
        page.locator(".count-line[role=status]").filter(has_text=re.compile("^(Heute ist|Ab heute)")).wait_for()
        assert axe_violations(page) == []
    finally:
        context.close()


@pytest.mark.parametrize("width", [320, 640])  # 640 CSS px is a 1280 px window at 200 % zoom
def test_no_horizontal_scrolling_on_narrow_screens(browser, root: str, width: int) -> None:
    context = browser.new_context(locale="de-DE", viewport={"width": width, "height": 800})
    page = context.new_page()
    try:
        overflowing = []
        for path in PAGES:
            open_page(page, root + path)
            sizes = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
            if sizes[0] > sizes[1]:
                overflowing.append((path, sizes))
        assert overflowing == []
    finally:
        context.close()


def tab_to(page, selector: str, limit: int = 60) -> dict:
    """Press Tab until the element matching `selector` has the focus; returns how its focus is drawn."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return page.evaluate(
                """() => { const style = getComputedStyle(document.activeElement);
                           return {outline: style.outlineStyle, width: parseFloat(style.outlineWidth),
                                   shadow: style.boxShadow}; }"""
            )
    raise AssertionError(f"{selector} ist mit der Tab-Taste nicht erreichbar")


def assert_focus_visible(style: dict) -> None:
    assert style["outline"] != "none" and style["width"] >= 2, style
    assert style["shadow"] != "none", style


def test_keyboard_reaches_search_filter_and_offer(page, root: str) -> None:
    page.goto(root)
    assert_focus_visible(tab_to(page, "#suchbegriff"))
    page.goto(root + "angebote/")
    assert_focus_visible(tab_to(page, "#eingrenzen-tag"))
    page.keyboard.press("ArrowDown")  # a select changes with the arrow keys, no mouse needed
    assert "passen zu Ihrer Auswahl" in page.locator("#eingrenzen-status").inner_text()
    assert_focus_visible(tab_to(page, ".card:not([hidden]) .card-title a"))
    page.keyboard.press("Enter")
    page.wait_for_url("**/angebote/*/")


def test_every_request_stays_on_our_server_and_no_cookie_is_set(page, root: str) -> None:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    for path in PAGES:
        open_page(page, root + path)
    page.goto(root + "suche/")
    page.get_by_label("Suchbegriff").fill("Spaziergang")
    page.locator("#suchstatus").filter(has_text="gefunden").wait_for()
    assert any("/pagefind/" in url for url in requests)  # the search really ran
    strangers = [url for url in requests if not url.startswith(root) and not url.startswith("data:")]
    assert strangers == []
    assert page.context.cookies() == []


def test_offer_page_stays_within_its_weight_budget(page, root: str) -> None:
    """HTML + CSS + JS an offer page needs (the search index is loaded only by the search page)."""
    responses = []
    page.on("response", lambda response: responses.append(response))
    open_page(page, root + OFFER)
    page.wait_for_load_state("networkidle")  # anything a script fetched later counts too
    sizes = {
        r.url.removeprefix(root): len(r.body())
        for r in responses
        if r.request.resource_type in ("document", "stylesheet", "script")
    }
    total = sum(sizes.values())
    print(f"\nSeitengewicht {OFFER}: {total} Bytes ({', '.join(f'{k} {v}' for k, v in sizes.items())})")
    assert OFFER in sizes and "assets/style.css" in sizes
    assert total < PAGE_BUDGET_BYTES
