"""An association's whole way in: copy the template, fill it in, check, build, and find the offer everywhere."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import EXAMPLE_CONTENT, serve

pytestmark = pytest.mark.browser

# What the volunteer changes in the copied template, in their own words (long weekday names, "16 Uhr").
FILLED_IN = {
    "titel: Kaffeeklatsch im Quartier": "titel: Schachtreff am Flottmann",
    "kurzbeschreibung: Bei Kaffee und Kuchen kommen Nachbarinnen und Nachbarn ins Gespräch – ohne Anmeldung.": (
        "kurzbeschreibung: Schach spielen und lernen, für Anfängerinnen und Könner."
    ),
    "traeger: Nachbarschaftsverein Börnig e. V.": "traeger: Schachfreunde Herne-Süd e. V.",
    "bezirk: Sodingen\n": "bezirk: Herne-Mitte\n",
    "stadtteil: Börnig": "stadtteil: Herne-Süd",
    "altersgruppen: [senioren, erwachsene]": "altersgruppen: [jugendliche, senioren]",
    "kategorien: [treff, essen]": "kategorien: [spiel, lernen]",
    "  - tage: [di, do]": "  - tage: [Freitag]",
    '    von: "15:00"': "    von: 16 Uhr",
}


def listed(site: Path, folder: str) -> list[str]:
    page = BeautifulSoup((site / folder / "index.html").read_text(encoding="utf-8"), "html.parser")
    return [a.get_text() for a in page.select("main .card-title a")]


def test_association_adds_an_offer_and_residents_find_it(tmp_path: Path, cli, page) -> None:
    content = tmp_path / "content"
    shutil.copytree(EXAMPLE_CONTENT, content)
    target = content / "offers" / "schachtreff-herne-sued.md"
    text = (content / "offers" / "_vorlage.md").read_text(encoding="utf-8")
    for old, new in FILLED_IN.items():
        assert old in text, old
        text = text.replace(old, new)
    target.write_text(text, encoding="utf-8")

    code, out, err = cli("check", "--content", content)
    assert code == 0, err
    assert "schachtreff-herne-sued.md" not in err, "the filled-in template has no warnings"
    assert out.startswith("Alles in Ordnung: 30 Angebote geprüft")

    site = tmp_path / "site"
    assert cli("build", "--content", content, "--out", site)[0] == 0
    offer = BeautifulSoup((site / "angebote" / "schachtreff-herne-sued" / "index.html").read_text(), "html.parser")
    assert [li.get_text() for li in offer.select(".facts dd")[0].select("li")] == ["jeden Freitag, 16:00–17:00 Uhr"]
    for folder in ("bezirke/herne-mitte", "altersgruppen/jugendliche", "altersgruppen/senioren", "wochentage/freitag"):
        assert "Schachtreff am Flottmann" in listed(site, folder), folder
    assert "Schachtreff am Flottmann" not in listed(site, "bezirke/sodingen")

    with serve(site) as root:
        page.goto(root + "suche/?q=Schach")
        page.locator("#suchstatus").filter(has_text="1 Angebot gefunden").wait_for()
        assert page.locator("#treffer a").all_inner_texts() == ["Schachtreff am Flottmann"]
