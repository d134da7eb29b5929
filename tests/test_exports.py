"""The open data under daten/: JSON and CSV with every offer and field, HSDS 3.0 checked against the official schemas,
the Atom feed, and a second town's config that everything follows."""

from __future__ import annotations

import csv
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, build_site, write_offer
from icalendar import Calendar
from jsonschema import Draft202012Validator

from mittendrin.data.records import COLUMN_NAMES, csv_row

SCHEMAS = Path(__file__).parent / "schemas" / "hsds"
ATOM = "{http://www.w3.org/2005/Atom}"


def published_slugs(site: Path) -> set[str]:
    return {p.parent.name for p in (site / "angebote").glob("*/index.html")}


def test_json_and_csv_have_every_offer_and_round_trip(example_site: Path) -> None:
    records = json.loads((example_site / "daten" / "angebote.json").read_text(encoding="utf-8"))
    assert [r["kennung"] for r in records] == sorted(published_slugs(example_site))
    assert all(list(r) == list(COLUMN_NAMES) for r in records)

    with (example_site / "daten" / "angebote.csv").open(encoding="utf-8", newline="") as file:
        reader = csv.DictReader(file)
        assert reader.fieldnames == list(COLUMN_NAMES)
        rows = list(reader)
    assert rows == [csv_row(r) for r in records], "CSV and JSON hold the same values"

    cafe = next(r for r in records if r["kennung"] == "erzaehlcafe-herne-mitte")
    assert cafe["bezirk"] == "Herne-Mitte" and cafe["sprachen"] == ["de", "tr"]
    assert cafe["einfach"].startswith("Jeden Mittwoch gibt es das Erzähl·café.")  # a text field, as written in the file
    assert cafe["termine"] == ["jeden Mittwoch, 15:00–17:00 Uhr"]
    assert cafe["kontakt_telefon"] == "+49 2323 0815-12" and cafe["kostenlos"] is False
    row = next(r for r in rows if r["kennung"] == "erzaehlcafe-herne-mitte")
    assert row["sprachen"] == "de | tr" and row["barrierefreiheit_stufenlos"] == "ja" and row["ort_plz"] == "44623"
    assert "\n" in row["beschreibung_html"], "multi-line text survives the CSV round trip"


def test_every_column_is_documented() -> None:
    documented = re.findall(r"^\| `([a-z_]+)` \|", (ROOT / "docs" / "daten.md").read_text(encoding="utf-8"), re.M)
    assert documented == list(COLUMN_NAMES), "each column needs its row in docs/daten.md, in the columns' order"


@pytest.fixture(scope="module")
def hsds_schema() -> dict:
    return json.loads((SCHEMAS / "service_with_definitions.json").read_text(encoding="utf-8"))


def validator(schema: dict, definition: str | None = None) -> Draft202012Validator:
    """The whole service schema, or one of its definitions (organization, location) with every definition in reach."""
    if definition:
        schema = {"$ref": f"#/definitions/{definition}", "definitions": schema["definitions"]}
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def errors(check: Draft202012Validator, item: object) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in check.iter_errors(item)]


def test_the_validator_accepts_the_official_example_and_rejects_a_broken_service(hsds_schema: dict) -> None:
    check = validator(hsds_schema)
    example = json.loads((SCHEMAS / "service_full.json").read_text(encoding="utf-8"))
    assert errors(check, example) == []
    broken = {**example, "status": "offen", "id": "keine-uuid"}
    del broken["name"]
    assert len(errors(check, broken)) == 3


def test_hsds_export_validates_against_the_official_schemas(example_site: Path, hsds_schema: dict) -> None:
    folder = example_site / "daten" / "hsds"
    services = json.loads((folder / "services.json").read_text(encoding="utf-8"))
    organizations = json.loads((folder / "organizations.json").read_text(encoding="utf-8"))
    locations = json.loads((folder / "locations.json").read_text(encoding="utf-8"))
    assert len(services) == len(published_slugs(example_site))
    for kind, items, check in [
        ("service", services, validator(hsds_schema)),
        ("organization", organizations, validator(hsds_schema, "organization")),
        ("location", locations, validator(hsds_schema, "location")),
    ]:
        for item in items:
            assert errors(check, item) == [], f"{kind} {item['name']}"

    ids = [s["id"] for s in services] + [o["id"] for o in organizations] + [loc["id"] for loc in locations]
    assert len(ids) == len(set(ids)), "identifiers are unique"
    assert {s["organization_id"] for s in services} == {o["id"] for o in organizations}


def test_hsds_schedules_carry_the_recurrence(content: Path, tmp_path: Path) -> None:
    write_offer(content, "monatlich", altersgruppen=["jugendliche", "junge-erwachsene"], sprachen=["de", "uk"],
                termine=[{"tage": ["mi"], "rhythmus": "monatlich", "woche": [1], "von": "10:00", "bis": "12:00"},
                         {"tage": ["do"], "rhythmus": "14-taeglich", "ab": "2026-01-08", "von": "18:00",
                          "bis_datum": "2027-06-30"},
                         {"nach_vereinbarung": True}])  # fmt: skip
    site = build_site(content, tmp_path / "site")
    (service,) = json.loads((site / "daten" / "hsds" / "services.json").read_text(encoding="utf-8"))
    first, second, third = service["schedules"]
    assert (first["freq"], first["byday"], first["opens_at"], first["closes_at"]) == (
        "MONTHLY",
        "1WE",
        "10:00:00",
        "12:00:00",
    )
    assert first["description"] == "jeden 1. Mittwoch im Monat, 10:00–12:00 Uhr"
    assert (second["freq"], second["interval"], second["byday"], second["dtstart"], second["until"]) == (
        "WEEKLY", 2, "TH", "2026-01-08", "2027-06-30",
    )  # fmt: skip
    assert "freq" not in third and third["description"] == "nach Vereinbarung"
    assert (service["minimum_age"], service["maximum_age"]) == (13, 26)
    assert [lang["name"] for lang in service["languages"]] == ["Deutsch", "Ukrainisch"]
    location = service["service_at_locations"][0]["location"]
    assert location["addresses"][0]["state_province"] == "Nordrhein-Westfalen"
    assert location["accessibility"][0]["description"] == (
        "stufenlos erreichbar, kein rollstuhlgerechtes WC, keine Höranlage."
    )


def test_atom_feed_lists_newest_confirmations_first(content: Path, tmp_path: Path) -> None:
    write_offer(content, "alt", titel="Alter Treff", geprueft_am="2026-01-10")
    write_offer(content, "neu", titel="Neuer Treff", geprueft_am="2026-11-20")
    write_offer(content, "mitte", titel="Mittlerer Treff", geprueft_am="2026-06-01")
    site = build_site(content, tmp_path / "site")
    feed = ET.parse(site / "daten" / "neu.atom").getroot()
    assert feed.tag == f"{ATOM}feed"
    assert feed.findtext(f"{ATOM}updated") == "2026-11-20T00:00:00Z"
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == ["Neuer Treff", "Mittlerer Treff", "Alter Treff"]
    assert entries[0].findtext(f"{ATOM}id") == "https://mittendrin.example.org/angebote/neu/"
    assert entries[0].find(f"{ATOM}link").get("href") == "https://mittendrin.example.org/angebote/neu/"


OTHER_TOWN = """
[site]
name = "Zusammen in Musterstadt"
short_name = "Zusammen"
town = "Musterstadt"
state = "Niedersachsen"
base_url = "https://zusammen.musterstadt.example/"

[contact]
office = "Stadt Musterstadt, Büro für Nachbarschaft"
phone = "0511 123456"
email = "zusammen@musterstadt.example"
address = "Rathausplatz 1, 30159 Musterstadt"

[[districts]]
slug = "altstadt"
name = "Altstadt"
quarters = ["Altstadt", "Hafen"]

[[districts]]
slug = "neustadt"
name = "Neustadt"
quarters = ["Neustadt"]

[[age_groups]]
slug = "jung"
name = "Junge Leute"
min_age = 14
max_age = 29

[[age_groups]]
slug = "aeltere"
name = "Ältere"
min_age = 60

[[categories]]
slug = "treff"
name = "Treffpunkt"

[languages]
de = "Deutsch"
""" + "".join(
    f'\n[[weekdays]]\nkey = "{key}"\nslug = "{slug}"\nname = "{name}"\n'
    for key, slug, name in [("mo", "montag", "Montag"), ("di", "dienstag", "Dienstag"), ("mi", "mittwoch", "Mittwoch"),
                            ("do", "donnerstag", "Donnerstag"), ("fr", "freitag", "Freitag"),
                            ("sa", "samstag", "Samstag"), ("so", "sonntag", "Sonntag")]
)  # fmt: skip


def test_another_town_only_changes_the_config(content: Path, tmp_path: Path, cli) -> None:
    config = tmp_path / "musterstadt.toml"
    config.write_text(OTHER_TOWN, encoding="utf-8")
    write_offer(content, "hafencafe", titel="Hafencafé", bezirk="Altstadt", stadtteil="Hafen", altersgruppen=["aeltere"],
                kategorien=["treff"], ort={"strasse": "Kai 3", "plz": "30159"})  # fmt: skip
    site = tmp_path / "site"
    code, _, err = cli("--config", config, "build", "--content", content, "--out", site)
    assert code == 0, err

    assert sorted(p.name for p in (site / "bezirke").iterdir() if p.is_dir()) == ["altstadt", "neustadt"]
    overview = BeautifulSoup((site / "ueberblick" / "index.html").read_text(encoding="utf-8"), "html.parser")
    first = overview.select_one("#tabelle-1")
    assert [th.text for th in first.select("thead th")][1:] == ["Junge Leute", "Ältere"]
    assert [th.text for th in first.select("tbody th")] == ["Altstadt", "Neustadt", "ganz Musterstadt"]
    assert "Lücken (3): Altstadt – Junge Leute; Neustadt – Junge Leute; Neustadt – Ältere." in overview.text
    assert "Musterstadt" in overview.select_one("footer").text

    (record,) = json.loads((site / "daten" / "angebote.json").read_text(encoding="utf-8"))
    assert (record["bezirk"], record["ort_ort"], record["adresse"]) == (
        "Altstadt", "Musterstadt", "https://zusammen.musterstadt.example/angebote/hafencafe/",
    )  # fmt: skip
    (service,) = json.loads((site / "daten" / "hsds" / "services.json").read_text(encoding="utf-8"))
    address = service["service_at_locations"][0]["location"]["addresses"][0]
    assert (address["region"], address["state_province"], service["minimum_age"]) == ("Altstadt", "Niedersachsen", 60)
    calendar = Calendar.from_ical((site / "daten" / "termine-altstadt.ics").read_bytes())
    assert [str(e["UID"]) for e in calendar.walk("VEVENT")] == ["hafencafe-0@zusammen.musterstadt.example"]
    assert (site / "daten" / "termine-neustadt.ics").exists() and not (site / "daten" / "termine-wanne.ics").exists()

    code, out, _ = cli("--config", config, "report", "--content", content)
    assert code == 0
    assert out.startswith("Bestandsaufnahme Musterstadt: 1 veröffentlichtes Angebot, Stand 25. November 2026")
    assert "Lücken (3): Altstadt – Junge Leute; Neustadt – Junge Leute; Neustadt – Ältere" in out


def structured_start(site: Path, slug: str) -> str | None:
    page = BeautifulSoup((site / "angebote" / slug / "index.html").read_text(encoding="utf-8"), "html.parser")
    return json.loads(page.select_one('script[type="application/ld+json"]').string).get("startDate")


ISO_WITH_OFFSET = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0[12]:00")
CANCELLATION = re.compile(r"\d{4}-\d\d-\d\d(/\d{4}-\d\d-\d\d)?( \S.*)?")


def test_next_date_and_cancellations_in_json_and_csv(example_site: Path) -> None:
    records = json.loads((example_site / "daten" / "angebote.json").read_text(encoding="utf-8"))
    with (example_site / "daten" / "angebote.csv").open(encoding="utf-8", newline="") as file:
        rows = {row["kennung"]: row for row in csv.DictReader(file)}
    for record in records:
        slug, next_date = record["kennung"], record["naechster_termin"]
        assert next_date == structured_start(example_site, slug), slug
        assert next_date is None or ISO_WITH_OFFSET.fullmatch(next_date), slug
        assert rows[slug]["naechster_termin"] == (next_date or "")
        assert all(CANCELLATION.fullmatch(c) for c in record["faellt_aus"]), slug
        assert rows[slug]["faellt_aus"] == " | ".join(record["faellt_aus"])
    by_slug = {r["kennung"]: r for r in records}
    assert by_slug["besuchsdienst-zeit-fuer-dich-herne-mitte"]["naechster_termin"] is None, "by arrangement only"
    assert by_slug["erzaehlcafe-herne-mitte"]["naechster_termin"] == "2026-11-25T15:00:00+01:00"
    assert by_slug["fotospaziergang-roehlinghausen"]["naechster_termin"] == "2027-02-20T14:00:00+01:00"
    assert {slug: r["faellt_aus"] for slug, r in by_slug.items() if r["faellt_aus"]} == {
        "erzaehlcafe-herne-mitte": ["2026-12-30", "2027-07-19/2027-08-31 Sommerpause"],
        "gemeinsam-gehen-gysenberg-boernig": ["2026-12-24 Heiligabend", "2026-12-31 Silvester"],
        "mittagstisch-sodingen": ["2026-12-23/2027-01-03 Betriebsferien der Küche"],
    }
    assert rows["erzaehlcafe-herne-mitte"]["faellt_aus"] == "2026-12-30 | 2027-07-19/2027-08-31 Sommerpause"


PAUSING = {"tage": ["fr"], "von": "10:00", "bis": "11:00", "hinweis": "im Gemeindesaal", "nicht_in": ["feiertage"],
           "bis_datum": "2027-01-31"}  # fmt: skip
PAUSES = ["2026-11-06", {"von": "2026-11-20", "bis": "2026-11-30", "grund": "Renovierung"},
          {"datum": "2027-01-15", "grund": "Inventur"}]  # fmt: skip


def test_exports_leave_out_past_cancellations_and_start_after_a_running_pause(content: Path, tmp_path: Path) -> None:
    write_offer(content, "freitagstreff", termine=[PAUSING], faellt_aus=PAUSES)
    site = build_site(content, tmp_path / "site")
    (record,) = json.loads((site / "daten" / "angebote.json").read_text(encoding="utf-8"))
    assert record["faellt_aus"] == ["2026-11-20/2026-11-30 Renovierung", "2027-01-15 Inventur"]
    assert record["naechster_termin"] == "2026-12-04T10:00:00+01:00", "27 November is in the pause"
    assert record["naechster_termin"] == structured_start(site, "freitagstreff")


def test_hsds_notes_name_the_days_a_schedule_skips(content: Path, tmp_path: Path, hsds_schema: dict) -> None:
    write_offer(content, "freitagstreff", termine=[PAUSING, {"tage": ["mo"], "von": "9:00"}], faellt_aus=PAUSES)
    site = build_site(content, tmp_path / "site")
    (service,) = json.loads((site / "daten" / "hsds" / "services.json").read_text(encoding="utf-8"))
    assert errors(validator(hsds_schema), service) == []
    fridays, mondays = service["schedules"]
    # from the build day on: the pause, two public holidays (Erster Weihnachtstag, Neujahr), one cancelled day
    assert fridays["notes"].splitlines() == ["im Gemeindesaal", "Fällt aus: 2026-11-27, 2026-12-25, 2027-01-01, 2027-01-15"]  # fmt: skip
    assert mondays["notes"] == "Fällt aus: 2026-11-30", "faellt_aus holds for every appointment, not the holidays"


def test_hsds_notes_of_the_example_offers(example_site: Path) -> None:
    services = json.loads((example_site / "daten" / "hsds" / "services.json").read_text(encoding="utf-8"))
    by_url = {s["url"].removeprefix("https://mittendrin.example.org/angebote/").strip("/"): s for s in services}
    (walk,) = by_url["gemeinsam-gehen-gysenberg-boernig"]["schedules"]
    assert walk["notes"] == "Fällt aus: 2026-12-24, 2026-12-31"
    (cafe,) = by_url["erzaehlcafe-herne-mitte"]["schedules"]
    assert cafe["notes"] == "Fällt aus: 2026-12-30, " + ", ".join(
        f"2027-{day}" for day in ("07-21", "07-28", "08-04", "08-11", "08-18", "08-25")
    )
    (language,) = by_url["sprachcafe-wanne"]["schedules"]
    assert "notes" not in language, "nothing skipped, nothing noted"
    (consultation,) = by_url["digitalsprechstunde-holsterhausen"]["schedules"]
    assert consultation["until"] == "2028-01-08", "no later than the last school holidays config.toml knows"
    assert consultation["notes"].startswith("Fällt aus: 2026-12-29, 2027-01-05, 2027-03-23, 2027-03-30")
