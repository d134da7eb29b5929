"""The page "Angaben ändern": both ways to correct an offer, the offer named from the address, and no developer words
for residents anywhere on the site outside the part marked for associations with a GitHub account."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from conftest import serve

# Words residents should not meet: the code host, the config, and the project's file names.
DEVELOPER_WORDS = re.compile(r"GitHub|Konfiguration|config\.toml|_vorlage\.md|CONTRIBUTING\.md|Repository|Pull Request")
ASSOCIATION_PART = ".github-teil"  # a part headed „Für Vereine mit einem GitHub-Konto“


def visible_text(path: Path, leave_out: str = ASSOCIATION_PART) -> str:
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    for element in soup.select(f"script, style, template, {leave_out}"):
        element.decompose()
    return soup.get_text(" ")


def test_residents_meet_no_developer_words_outside_the_association_part(example_site: Path) -> None:
    pages = sorted(example_site.rglob("*.html"))
    found = {str(p.relative_to(example_site)): DEVELOPER_WORDS.findall(visible_text(p)) for p in pages}
    assert {page: words for page, words in found.items() if words} == {}
    for part in BeautifulSoup((example_site / "angebot-eintragen" / "index.html").read_text(), "html.parser").select(
        ASSOCIATION_PART
    ):
        assert part.find("h3").get_text() == "Für Vereine mit einem GitHub-Konto"  # marked where it is


def test_the_page_explains_both_ways(example_site: Path) -> None:
    page = BeautifulSoup((example_site / "angaben-aendern" / "index.html").read_text(), "html.parser")
    headings = [h.get_text() for h in page.select("main h2, main h3")]
    assert headings == [
        "Für alle: einen Fehler melden",
        "Für den Verein oder Träger des Angebots: die Angaben selbst ändern",
        "Für Vereine mit einem GitHub-Konto",
    ]
    assert page.find("a", href="tel:+49232316-2551") or page.find("a", string="02323 16-2551")
    assert urlsplit(page.find(id="melden")["href"]).path == "mittendrin@example.org"
    assert page.find(id="bearbeiten")["href"] == "https://github.com/stadt-herne/mittendrin/tree/main/content/offers"
    assert "GitHub" not in visible_text(example_site / "angaben-aendern" / "index.html")


@pytest.mark.browser
def test_the_page_names_the_offer_from_its_address(page, example_site: Path) -> None:
    with serve(example_site) as root:
        page.goto(root + "angebote/erzaehlcafe-herne-mitte/")
        page.get_by_role("link", name="Angaben ändern").click()
        named = page.get_by_role("link", name="Erzählcafé am Kastanienhof")
        named.wait_for()
        assert named.get_attribute("href") == "/angebote/erzaehlcafe-herne-mitte/"
        edit = page.get_by_role("link", name="Angebotsdatei auf GitHub bearbeiten").get_attribute("href")
        mail = urlsplit(page.locator("#melden").get_attribute("href"))
    assert edit == "https://github.com/stadt-herne/mittendrin/edit/main/content/offers/erzaehlcafe-herne-mitte.md"
    assert parse_qs(mail.query)["subject"] == ["Fehler im Angebot „Erzählcafé am Kastanienhof“"]
    assert "https://mittendrin.example.org/angebote/erzaehlcafe-herne-mitte/" in parse_qs(mail.query)["body"][0]
