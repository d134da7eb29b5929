"""The two exports for people with spreadsheets: einsamkeit-nrw.csv in the state's ten columns, and angebote.xlsx
opened by LibreOffice as staff would open it, with text that stays text and formulas that never run."""

from __future__ import annotations

import csv
import re
import subprocess
from pathlib import Path

from audit import require
from bs4 import BeautifulSoup
from conftest import ROOT, TOWN_CONFIG, build_site, write_offer

from mittendrin.data.einsamkeit import STATE_COLUMN_NAMES
from mittendrin.data.records import COLUMN_NAMES

# The headers of the state's list on land.nrw/einsamkeit, letter for letter (../shared/domain.md, "Open data").
STATE_HEADERS = [
    "Angebot", "Institution", "Ort", "PLZ", "Straße und Hausnummer", "Telefon-Nr.", "Webseite", "Zielgruppe",
    "Kategorie", "Beschreibung",
]  # fmt: skip
HYPERLINK = '=HYPERLINK("https://evil.example/";"Klick")'


def read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as file:
        reader = csv.DictReader(file)
        return list(reader.fieldnames or []), list(reader)


def published_titles(site: Path) -> list[str]:
    _, rows = read_csv(site / "daten" / "angebote.csv")
    return [row["titel"] for row in rows]


def test_the_state_file_has_its_ten_columns_and_one_row_per_offer(example_site: Path) -> None:
    headers, rows = read_csv(example_site / "daten" / "einsamkeit-nrw.csv")
    assert headers == STATE_HEADERS
    assert [row["Angebot"] for row in rows] == published_titles(example_site)
    assert all(None not in row and len(row) == 10 for row in rows), "no row has more or fewer cells"

    cafe = next(row for row in rows if row["Angebot"] == "Erzählcafé am Kastanienhof")
    assert cafe["Institution"] == "Begegnungsstätte Kastanienhof e. V."
    assert (cafe["Ort"], cafe["PLZ"], cafe["Straße und Hausnummer"]) == ("Herne", "44623", "Bahnhofstraße 14")
    assert cafe["Telefon-Nr."] == "02323 0815-12", "as the association wrote it, like the state's entries"
    assert cafe["Webseite"] == "https://mittendrin.example.org/angebote/erzaehlcafe-herne-mitte/", "no own website"
    assert cafe["Zielgruppe"] == "Erwachsene, Ältere Menschen"
    assert cafe["Kategorie"] == "Offener Treff & Café, Lernen & Gespräch"
    assert cafe["Beschreibung"].startswith("Jeden Mittwoch erzählen ältere und jüngere Menschen")
    assert cafe["Beschreibung"].endswith("\nTermine: jeden Mittwoch, 15:00–17:00 Uhr")
    assert not [row["Angebot"] for row in rows if re.search(r"[<>*]|\]\(", row["Beschreibung"])], "no HTML or Markdown"


def test_the_overview_links_both_files(example_site: Path) -> None:
    page = BeautifulSoup((example_site / "ueberblick" / "index.html").read_text(encoding="utf-8"), "html.parser")
    links = {a["href"] for a in page.select("#daten ~ ul a")}
    assert {"/daten/einsamkeit-nrw.csv", "/daten/angebote.xlsx"} <= links
    assert all((example_site / href.lstrip("/")).is_file() for href in links if href.startswith("/daten/"))


def test_the_description_is_plain_text_and_the_words_come_from_the_config(content: Path, tmp_path: Path, cli) -> None:
    config = tmp_path / "config.toml"
    config.write_text(
        (TOWN_CONFIG)
        .read_text(encoding="utf-8")
        .replace('name = "Offener Treff & Café"', 'name = "Treffpunkt"')
        .replace('name = "Ältere Menschen"', 'name = "Seniorinnen und Senioren"'),
        encoding="utf-8",
    )
    body = "Wir **treffen** uns [im Park](https://example.org/park) &amp; im Saal.\n\n- Kaffee & Kuchen\n- Spiele"
    write_offer(content, "kaffeeklatsch", body=body, kontakt={"telefon": "02323 0123456", "web": "https://verein.example"})  # fmt: skip
    site = tmp_path / "site"
    code, _, err = cli("--config", config, "build", "--content", content, "--out", site, "--no-pdf")
    assert code == 0, err

    _, (row,) = read_csv(site / "daten" / "einsamkeit-nrw.csv")
    assert row["Zielgruppe"] == "Erwachsene, Seniorinnen und Senioren"
    assert row["Kategorie"] == "Treffpunkt, Gemeinsam essen"
    assert row["Webseite"] == "https://verein.example"
    assert row["Beschreibung"].splitlines() == [
        "Bei Kaffee und Kuchen kommen Nachbarinnen und Nachbarn ins Gespräch.",
        "Wir treffen uns im Park & im Saal.",
        "– Kaffee & Kuchen",
        "– Spiele",
        "Termine: jeden Dienstag und Donnerstag, 15:00–17:00 Uhr",
    ]


def test_formulas_are_inert_in_the_state_file(content: Path, tmp_path: Path) -> None:
    write_offer(content, "formel", titel=HYPERLINK, traeger="@SUMME(1+1)")
    _, (row,) = read_csv(build_site(content, tmp_path / "site") / "daten" / "einsamkeit-nrw.csv")
    assert (row["Angebot"], row["Institution"]) == ("'" + HYPERLINK, "'@SUMME(1+1)")


def test_the_mapping_in_the_docs_names_every_column_in_order() -> None:
    text = (ROOT / "docs" / "daten.md").read_text(encoding="utf-8")
    table = text.split("## Einsamkeit.NRW", 1)[1].split("|---|---|---|\n", 1)[1].split("\n\n", 1)[0]
    documented = re.findall(r"^\| ([^|]+?) \|", table, re.M)
    assert documented == list(STATE_COLUMN_NAMES) == STATE_HEADERS


def open_in_libreoffice(workbook: Path, out: Path) -> tuple[list[str], list[dict[str, str]]]:
    """The workbook as LibreOffice Calc reads it, saved back as UTF-8 CSV: what a text cell shows, and for a formula
    cell its result."""
    require("soffice", "bash scripts/install-test-tools.sh (Debian-Paket libreoffice-calc-nogui)")
    out.mkdir()
    subprocess.run(
        ["soffice", f"-env:UserInstallation={(out / 'profil').as_uri()}", "--headless", "--convert-to",
         "csv:Text - txt - csv (StarCalc):44,34,76,1", "--outdir", str(out), str(workbook)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    return read_csv(out / f"{workbook.stem}.csv")


def test_libreoffice_opens_the_workbook_with_every_value_of_the_csv(example_site: Path, tmp_path: Path) -> None:
    headers, rows = open_in_libreoffice(example_site / "daten" / "angebote.xlsx", tmp_path / "calc")
    assert headers == list(COLUMN_NAMES)
    assert all(None not in row and len(row) == len(COLUMN_NAMES) for row in rows), "one column per field"
    _, expected = read_csv(example_site / "daten" / "angebote.csv")
    assert rows == expected, "the same values as angebote.csv, umlauts and all"
    cafe = next(row for row in rows if row["kennung"] == "erzaehlcafe-herne-mitte")
    assert (cafe["titel"], cafe["kontakt_telefon"]) == ("Erzählcafé am Kastanienhof", "+49 2323 0815-12")


def test_text_stays_text_and_formulas_never_run_in_the_workbook(content: Path, tmp_path: Path) -> None:
    write_offer(content, "formel", titel=HYPERLINK, kosten="=1+1", traeger="@SUMME(1+1)", geprueft_am="2026-10-01",
                ort={"strasse": "Am Markt 1", "plz": "01067"}, kontakt={"telefon": "+49 2323 123456"})  # fmt: skip
    site = build_site(content, tmp_path / "site")
    _, (row,) = open_in_libreoffice(site / "daten" / "angebote.xlsx", tmp_path / "calc")
    assert (row["titel"], row["kosten"], row["traeger"]) == (HYPERLINK, "=1+1", "@SUMME(1+1)"), "text, not results"
    assert (row["ort_plz"], row["geprueft_am"]) == ("01067", "2026-10-01"), "no number, no date"
    assert row["kontakt_telefon"] == "+49 2323 123456"
