"""A resident searches in a real browser (Debian's chromium via Playwright), at the root and under a sub-path."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import build_site, serve, write_offer

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def small_content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    content = tmp_path_factory.mktemp("suche") / "content"
    write_offer(content, "erzaehlcafe-sodingen", titel="Erzählcafé in Sodingen", bezirk="Sodingen", stadtteil="Börnig",
                kurzbeschreibung="Geschichten von früher bei Kaffee und Kuchen.")  # fmt: skip
    write_offer(content, "erzaehlcafe-wanne", titel="Erzählcafé in Wanne", bezirk="Wanne", stadtteil="Crange",
                kurzbeschreibung="Geschichten aus Crange bei Kaffee.", kosten="2 € pro Treffen")  # fmt: skip
    write_offer(content, "fahrradwerkstatt", titel="Fahrradwerkstatt", bezirk="Eickel", stadtteil="Röhlinghausen",
                kurzbeschreibung="Gemeinsam Fahrräder reparieren, mit Hilfe von Profis.", kategorien=["engagement"])  # fmt: skip
    write_offer(content, "nachbarschaftshilfe-crange", titel="Nachbarschaftshilfe Crange", bezirk="Wanne",
                stadtteil="Crange", kurzbeschreibung="Nachbarn helfen beim Einkaufen.")  # fmt: skip
    return content


def search_and_filter(page, url: str) -> None:
    page.goto(url)
    page.get_by_label("Suchbegriff").fill("Erzählcafé")
    page.get_by_role("button", name="Suchen").click()
    status = page.locator("#suchstatus")
    status.filter(has_text="2 Angebote gefunden").wait_for()
    page.get_by_text("Eingrenzen", exact=False).first.click()  # the choices wait behind one button
    page.get_by_label("Stadtbezirk").select_option("Wanne")
    status.filter(has_text="1 Angebot gefunden").wait_for()
    links = page.locator("#treffer a")
    assert links.all_inner_texts() == ["Erzählcafé in Wanne"]
    links.first.click()
    page.wait_for_url("**/angebote/erzaehlcafe-wanne/")
    assert page.locator("h1").inner_text() == "Erzählcafé in Wanne"


def test_search_with_filter_at_the_root(page, small_content: Path, tmp_path: Path) -> None:
    site = build_site(small_content, tmp_path / "site")
    with serve(site) as root:
        search_and_filter(page, root + "suche/")
        # German stemming: the plural finds the singular
        page.goto(root + "suche/?q=Fahrrad")
        page.locator("#suchstatus").filter(has_text="1 Angebot gefunden").wait_for()
        # Compounds: "Hilfe" is a noun in the Fahrradwerkstatt's text, so it finds "Nachbarschaftshilfe"
        page.goto(root + "suche/?q=hilfe")
        page.locator("#suchstatus").filter(has_text="gefunden").wait_for()
        assert "Nachbarschaftshilfe Crange" in page.locator("#treffer a").all_inner_texts()


def test_search_under_a_sub_path(page, small_content: Path, tmp_path: Path) -> None:
    build_site(small_content, tmp_path / "www" / "mittendrin", "--base-url", "https://example.org/mittendrin/")
    with serve(tmp_path / "www") as root:
        search_and_filter(page, root + "mittendrin/suche/")
        assert page.url.startswith(root + "mittendrin/angebote/")


def test_home_search_box_leads_to_results(page, small_content: Path, tmp_path: Path) -> None:
    site = build_site(small_content, tmp_path / "site")
    with serve(site) as root:
        page.goto(root)
        page.get_by_label("Suchbegriff").fill("Kuchen")
        page.get_by_label("Suchbegriff").press("Enter")
        page.locator("#suchstatus").filter(has_text="1 Angebot gefunden").wait_for()
        assert page.locator("#treffer a").all_inner_texts() == ["Erzählcafé in Sodingen"]


def test_on_a_phone_the_first_hit_shows_without_scrolling(page, small_content: Path, tmp_path: Path) -> None:
    site = build_site(small_content, tmp_path / "site")
    page.set_viewport_size({"width": 375, "height": 740})
    with serve(site) as root:
        page.goto(root + "suche/")
        page.get_by_label("Suchbegriff").fill("Erzählcafé")
        page.get_by_label("Suchbegriff").press("Enter")
        page.locator("#suchstatus").filter(has_text="2 Angebote gefunden").wait_for()
        first = page.locator("#treffer .card-title a").first
        box = first.bounding_box()
        assert box is not None and box["y"] + box["height"] <= 740, box  # no scrolling needed
        assert page.evaluate("window.scrollY") == 0
        hit = page.locator("#treffer .card").first.inner_text()
        assert "Wann" in hit and "Kosten" in hit and "Anmeldung" in hit  # enough to decide without opening it


def test_choices_without_a_word_lead_to_the_listing_and_load_no_index(
    page, small_content: Path, tmp_path: Path
) -> None:
    site = build_site(small_content, tmp_path / "site")
    with serve(site) as root:
        requested: list[str] = []
        page.on("request", lambda request: requested.append(request.url))
        page.goto(root + "suche/")
        page.locator("#eingrenzen-suche summary").click()
        page.get_by_label("Stadtbezirk").select_option("Wanne")
        link = page.get_by_role("link", name="Alle Angebote für diese Auswahl ansehen")
        link.wait_for()
        assert link.get_attribute("href") == "/angebote/?bezirk=wanne"
        page.get_by_role("button", name="Suchen").click()
        page.wait_for_url("**/angebote/?bezirk=wanne")
        page.locator("#eingrenzen-status").filter(has_text="passen zu Ihrer Auswahl").wait_for()
        assert sorted(page.locator(".card:visible .card-title").all_inner_texts()) == [
            "Erzählcafé in Wanne",
            "Nachbarschaftshilfe Crange",
        ]
        assert not [url for url in requested if "/pagefind/" in url and url.endswith(".pf_index")]


def test_a_misspelt_word_is_searched_as_the_closest_word(page, small_content: Path, tmp_path: Path) -> None:
    site = build_site(small_content, tmp_path / "site")
    with serve(site) as root:
        page.goto(root + "suche/?q=Farradwerkstatt")
        page.locator("#suchstatus").filter(has_text="1 Angebot gefunden für „fahrradwerkstatt“").wait_for()
        assert "Für „Farradwerkstatt“ gibt es keine Treffer." in page.locator("#suchstatus").inner_text()
        assert page.locator("#treffer a").all_inner_texts() == ["Fahrradwerkstatt"]


def test_no_hit_offers_ways_to_browse(page, small_content: Path, tmp_path: Path) -> None:
    site = build_site(small_content, tmp_path / "site")
    with serve(site) as root:
        page.goto(root + "suche/?q=Xylophonorchester")
        page.locator("#suchstatus").filter(has_text="Keine Angebote gefunden").wait_for()
        assert page.get_by_role("link", name="Was ist heute los?").is_visible()
        assert page.locator("#vorschlaege").is_hidden()


def test_a_district_name_narrows_to_the_district(page, small_content: Path, tmp_path: Path) -> None:
    """ "Wanne" is stemmed to "wann" like the word in "Sie kommen, wann es Ihnen passt"."""
    write_offer(small_content, "wann", titel="Offener Abend", kurzbeschreibung="Sie kommen, wann es Ihnen passt.")
    site = build_site(small_content, tmp_path / "site")
    with serve(site) as root:
        page.goto(root + "suche/?q=Wanne")
        page.locator("#suchstatus").filter(has_text="im Stadtbezirk Wanne gefunden").wait_for()
        titles = page.locator(".card-title").all_inner_texts()
        assert titles and "Offener Abend" not in titles
