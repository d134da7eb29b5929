"""A resident in a real browser: the "Heute" link to /heute/, narrowing a listing by district × age × weekday, and printing."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from audit import require
from conftest import build_site, serve, write_offer
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
# links whose address a reader of the paper sees; a listing's cards show the phone number instead
LINKS_ON_PAPER = 'main a[href^="/"]:not(.cards > .card:not(.booklet-entry) .card-title a), main a[href^="http"]'
PHONES = {
    "Strickcafé": "+49 2323 111111",
    "Spielnachmittag": "+49 2325 222222",
    "Nachbarschaftsfest": "+49 2325 333333",
}


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    content = tmp_path_factory.mktemp("eingrenzen") / "content"
    write_offer(content, "strickcafe", titel="Strickcafé", bezirk="Sodingen", stadtteil="Börnig", kontakt={"telefon": "02323 111111"},
                altersgruppen=["senioren"], termine=[{"tage": ["di", "do"], "von": "15:00"}])  # fmt: skip
    write_offer(content, "spielnachmittag", titel="Spielnachmittag", bezirk="Wanne", stadtteil="Crange", kontakt={"telefon": "02325 222222"},
                altersgruppen=["kinder"], termine=[{"tage": ["mi"], "von": "15:00"}])  # fmt: skip
    write_offer(content, "nachbarschaftsfest", titel="Nachbarschaftsfest", bezirk="Eickel", stadtteil="Eickel", kontakt={"telefon": "02325 333333"},
                altersgruppen=["alle"], termine=[{"tage": ["sa"], "von": "11:00"}])  # fmt: skip
    site = build_site(content, tmp_path_factory.mktemp("eingrenzen-site") / "site")
    with serve(site) as url:
        yield url


def visible_titles(page) -> list[str]:
    return page.locator(".card:visible .card-title").all_inner_texts()


def option_labels(page, select: str) -> list[str]:
    return page.locator(f"{select} option").all_inner_texts()


def test_heute_leads_to_the_offers_of_the_visit_not_of_the_build(browser, root: str) -> None:
    context = browser.new_context(locale="de-DE", timezone_id="Europe/Berlin")
    page = context.new_page()
    try:
        page.clock.set_fixed_time("2026-11-27T09:00:00+01:00")  # a Friday; the site was built on a Wednesday
        page.goto(root)
        link = page.locator("#heute")
        assert link.inner_text() == "Heute: Was findet heute statt?"
        assert link.get_attribute("href") == "/heute/"
        link.click()
        expect(page.locator("#heute-stand")).to_have_text("Heute ist Freitag, 27. November 2026.")
        assert page.locator("#heute-tag").inner_text().startswith("An diesem Tag findet kein Angebot statt.")
    finally:
        context.close()


def test_without_javascript_heute_and_listings_still_work(browser, root: str) -> None:
    context = browser.new_context(locale="de-DE", java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(root)
        page.locator("#heute").click()
        page.wait_for_url("**/heute/")
        assert page.locator("#heute-tag .day-entry a").all_inner_texts() == ["Spielnachmittag"]  # the build's Wednesday
        page.get_by_role("link", name="Angebote nach Wochentag").click()
        page.get_by_role("link", name="Samstag").click()
        assert visible_titles(page) == ["Nachbarschaftsfest"]
        page.goto(root + "angebote/")
        assert not page.locator("#eingrenzen").is_visible()
        assert len(visible_titles(page)) == 3
    finally:
        context.close()


def test_narrowing_combines_district_age_and_weekday_with_counts(page, root: str) -> None:
    page.goto(root + "angebote/")
    assert option_labels(page, "#eingrenzen-bezirk") == [
        "alle (3)", "Eickel (1)", "Herne-Mitte (0)", "Sodingen (1)", "Wanne (1)",
    ]  # fmt: skip
    page.get_by_label("Altersgruppe").select_option("senioren")
    assert visible_titles(page) == ["Strickcafé", "Nachbarschaftsfest"]  # "alle Generationen" counts for every age
    assert page.locator("#eingrenzen-status").inner_text() == "2 von 3 Angeboten passen zu Ihrer Auswahl."
    page.get_by_label("Stadtbezirk").select_option("sodingen")
    assert "Donnerstag (1)" in option_labels(page, "#eingrenzen-tag")
    assert "Samstag (0)" in option_labels(page, "#eingrenzen-tag")
    page.get_by_label("Wochentag").select_option("donnerstag")
    assert visible_titles(page) == ["Strickcafé"]
    assert page.url.endswith("/angebote/?bezirk=sodingen&alter=senioren&tag=donnerstag")


def test_an_empty_combination_says_so_and_points_to_the_other_districts(page, root: str) -> None:
    page.goto(root + "bezirke/sodingen/")
    assert page.locator("#eingrenzen-bezirk").count() == 0  # the page already is about one district
    page.get_by_label("Wochentag").select_option("mittwoch")
    assert visible_titles(page) == []
    empty = page.locator("#eingrenzen-leer")
    assert "Für diese Auswahl gibt es hier leider kein Angebot." in empty.inner_text()
    assert empty.get_by_role("link").all_inner_texts() == [
        "Stadtbezirk Eickel", "Stadtbezirk Herne-Mitte", "Stadtbezirk Wanne",
    ]  # fmt: skip
    empty.get_by_role("link", name="Stadtbezirk Wanne").click()
    page.wait_for_url("**/bezirke/wanne/?tag=mittwoch")
    assert page.get_by_label("Wochentag").input_value() == "mittwoch"
    assert visible_titles(page) == ["Spielnachmittag"]
    assert page.locator("#eingrenzen-status").inner_text() == "1 von 1 Angebot passt zu Ihrer Auswahl."


@pytest.mark.parametrize("path", ["angebote/", "angebote/strickcafe/", "angebotsheft/"])
def test_pages_print_without_navigation_with_link_addresses_and_nothing_cut_off(page, root: str, path: str) -> None:
    page.set_viewport_size({"width": 680, "height": 1000})  # A4 less the page margins, at 96 dpi
    page.goto(root + path)
    page.emulate_media(media="print")
    for chrome in ("header nav", ".skip-link", ".breadcrumb", ".footer-links", "#eingrenzen"):
        if page.locator(chrome).count():
            assert not page.locator(chrome).first.is_visible(), chrome
    sizes = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert sizes[0] <= sizes[1]
    shown = page.evaluate(
        f"""() => [...document.querySelectorAll('{LINKS_ON_PAPER}')]
                 .map((a) => [a.getAttribute('href'), a.textContent, getComputedStyle(a, '::after').content])"""
    )
    assert shown
    for href, text, after in shown:
        assert href in text or href in after, (href, after)  # a reader of the paper sees where each link leads


def test_a_printed_listing_is_a_compact_list_with_every_phone_number(page, root: str, tmp_path: Path) -> None:
    require("pdftotext", "bash scripts/install-test-tools.sh")
    page.goto(root + "angebote/")
    pdf = tmp_path / "angebote.pdf"
    page.pdf(path=pdf, format="A4")  # Chromium's print-to-PDF, with the print CSS
    pages = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split("\f")
    for title, phone in PHONES.items():
        holding = [text for text in pages if title in text]
        assert len(holding) == 1 and phone in holding[0], title  # each card whole on one page, with its phone
    text = "".join(pages)
    assert "(/angebote/" not in text  # a path without the site's address helps no one on paper
    assert all(title in pages[0] for title in PHONES)  # three offers: one page, not one per card
