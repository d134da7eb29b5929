"""The Bestandsaufnahme on a small known set of offers: exact counts, gaps, call-round lists and the report command."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from conftest import TOWN_CONFIG, write_offer

from mittendrin.build.pipeline import check_content
from mittendrin.inventory.coverage import coverage, needs_attention, possible_duplicates
from mittendrin.model.config import Config, load_config
from mittendrin.model.offer import Offer

TODAY = dt.date(2026, 11, 25)


@pytest.fixture
def config() -> Config:
    return load_config(TOWN_CONFIG)


def known_set(content: Path) -> None:
    """Four offers: two in Sodingen, one in Wanne, one in Eickel; nothing at all in Herne-Mitte."""
    write_offer(content, "kaffee", bezirk="Sodingen", stadtteil="Börnig", altersgruppen=["senioren"],
                termine=[{"tage": ["di", "do"], "von": "15:00", "bis": "17:00"}], geprueft_am="2025-10-01")  # fmt: skip
    write_offer(content, "kochen", bezirk="Sodingen", stadtteil="Börnig", altersgruppen=["junge-erwachsene"],
                termine=[{"tage": ["di"], "von": "15:00"}], kosten="3 € für Zutaten", sprachen=["de", "tr"])  # fmt: skip
    write_offer(content, "familie", bezirk="Wanne", stadtteil="Crange", altersgruppen=["alle"],
                termine=[{"tage": ["sa"], "von": "18:30", "bis": "21:00"}], barrierefreiheit=None,
                kontakt={"email": "familie@example.org"}, gueltig_bis="2026-12-10")  # fmt: skip
    write_offer(content, "besuch", bezirk="Eickel", stadtteil="Eickel", altersgruppen=["senioren"],
                termine=[{"nach_vereinbarung": True}], ort=None, online=True, barrierefreiheit=None)  # fmt: skip


def offers_of(content: Path, config: Config) -> list[Offer]:
    offers, _, problems = check_content(content, config, TODAY)
    assert not [p for p in problems if p.is_error]
    return offers


def test_matrices_count_exactly_and_find_the_gaps(content: Path, config: Config) -> None:
    known_set(content)
    by_age, by_day, age_by_day = coverage(offers_of(content, config), config, TODAY).matrices

    assert [c.slug for c in by_age.columns] == [
        "kinder",
        "jugendliche",
        "junge-erwachsene",
        "erwachsene",
        "senioren",
        "alle",
    ]
    assert [r.slug for r in by_age.rows] == ["eickel", "herne-mitte", "sodingen", "wanne"]
    assert by_age.counts == (
        (0, 0, 0, 0, 1, 0),  # Eickel: the visiting service for older people
        (0, 0, 0, 0, 0, 0),  # Herne-Mitte: nothing
        (0, 0, 1, 0, 1, 0),  # Sodingen
        (1, 1, 1, 1, 1, 1),  # Wanne: one offer for all generations counts in every age group
    )
    assert by_age.column_totals == (1, 1, 2, 1, 3, 1)
    assert by_day.counts[2] == (0, 2, 0, 1, 0, 0, 0)  # Sodingen: Tuesday twice, Thursday once
    assert by_day.counts[0] == (0,) * 7  # by arrangement has no weekday
    assert by_day.column_totals == (0, 2, 0, 1, 0, 1, 0)
    assert age_by_day.counts[4] == (0, 1, 0, 1, 0, 1, 0)  # older people: Tue, Thu, Sat (for all generations)

    empty = {(r.name, c.name) for r, c in by_age.empty_cells()}
    assert len(empty) == 24 - 9
    assert ("Herne-Mitte", "Kinder") in empty and ("Sodingen", "Senioren") not in empty
    assert {(r.name, c.name) for r, c in by_age.thin_cells()} == {
        ("Eickel", "Ältere Menschen"), ("Sodingen", "Junge Erwachsene"), ("Sodingen", "Ältere Menschen"),
        *{("Wanne", c.name) for c in config.age_groups},
    }  # fmt: skip


def test_tallies_of_evening_weekend_costs_access_and_languages(content: Path, config: Config) -> None:
    known_set(content)
    tallies = {t.label: dict(t.counts) for t in coverage(offers_of(content, config), config, TODAY).tallies}
    assert tallies["Abends und am Wochenende"] == {
        "abends (Beginn ab 17:00 Uhr)": 1,
        "am Wochenende (Samstag oder Sonntag)": 1,
        "ohne festen Wochentag (nach Vereinbarung)": 1,
    }
    assert tallies["Kosten"] == {"kostenlos": 3, "mit Kosten": 1}
    assert tallies["Stufenloser Zugang"] == {"stufenlos": 2, "nicht stufenlos": 0, "keine Angabe": 2}
    assert tallies["Sprachen"] == {"Deutsch": 4, "Türkisch": 1}


def test_call_round_list_groups_by_organiser(content: Path, config: Config) -> None:
    known_set(content)
    write_offer(content, "garten", traeger="Gartenfreunde e. V.", geprueft_am="2026-11-01",
                kontakt={"name": "Frau Beet", "telefon": "02323 0123456"})  # fmt: skip  # complete: not listed
    attention = needs_attention(offers_of(content, config), TODAY)
    assert list(attention) == ["Nachbarschaftsverein Börnig e. V."]
    reasons = {a.offer.slug: a.reasons for a in attention["Nachbarschaftsverein Börnig e. V."]}
    assert reasons["kaffee"] == (
        "seit über 12 Monaten nicht bestätigt (zuletzt 01.10.2025)",
        "Kontakt ohne Ansprechperson",
    )
    assert reasons["familie"] == (
        "gültig nur noch bis 10.12.2026",
        "Kontakt ohne Telefonnummer und Ansprechperson",
        "keine Angabe zu stufenlosem Zugang, rollstuhlgerechtem WC, Höranlage",
    )
    assert "besuch" in reasons, "missing contact person"
    assert all("Zugang" not in r for r in reasons["besuch"]), "an offer by phone has no building to ask about"


def test_possible_duplicates_same_organiser_day_and_time(content: Path, config: Config) -> None:
    known_set(content)  # "kaffee" and "kochen": same organiser, both Tuesday 15:00
    duplicates = possible_duplicates(offers_of(content, config), config, TODAY)
    assert [(d.organiser, d.day, d.time, sorted(o.slug for o in d.offers)) for d in duplicates] == [
        ("Nachbarschaftsverein Börnig e. V.", "Dienstag", "15:00 Uhr", ["kaffee", "kochen"])
    ]


def test_report_command_prints_tables_and_writes_csv(content: Path, tmp_path: Path, cli) -> None:
    known_set(content)
    code, out, err = cli("report", "--content", content, "--csv", tmp_path / "abdeckung.csv")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "Bestandsaufnahme Herne: 4 veröffentlichte Angebote, Stand 25. November 2026"
    assert lines[lines.index("Stadtbezirk und Wochentag") + 4].split() == ["Sodingen", "0", "✗", "2", "0", "✗", "1", "!", "0", "✗", "0", "✗", "0", "✗"]  # fmt: skip
    assert "Lücken (15): Eickel – Kinder; Eickel – Jugendliche;" in out
    assert "  Nachbarschaftsverein Börnig e. V." in out
    assert "seit über 12 Monaten nicht bestätigt (zuletzt 01.10.2025)" in out
    assert "  Nachbarschaftsverein Börnig e. V., Dienstag 15:00 Uhr: " in out
    assert "  am Wochenende (Samstag oder Sonntag): 1" in out

    rows = list(csv.DictReader((tmp_path / "abdeckung.csv").open(encoding="utf-8")))
    cell = {(r["auswertung"], r["zeile"], r["spalte"]): r for r in rows}
    assert cell[("Stadtbezirk und Altersgruppe", "Herne-Mitte", "Kinder")]["kennzeichen"] == "Lücke"
    assert cell[("Stadtbezirk und Wochentag", "Sodingen", "Dienstag")]["anzahl"] == "2"
    assert cell[("Stadtbezirk und Wochentag", "Sodingen", "Donnerstag")]["kennzeichen"] == "wenig"
    assert cell[("Kosten", "mit Kosten", "")]["anzahl"] == "1"
    assert len(rows) == 4 * 6 + 4 * 7 + 6 * 7 + 3 + 2 + 3 + 2


def test_report_exits_0_with_warnings_and_1_on_errors(content: Path, cli) -> None:
    known_set(content)  # "besuch" and "familie" have no accessibility facts: warnings only
    code, _, err = cli("report", "--content", content)
    assert code == 0 and err == ""
    write_offer(content, "kaputt", bezirk="Wanne-Eickel")
    code, out, err = cli("report", "--content", content)
    assert code == 1
    assert "kaputt.md, Zeile" in err and "„Wanne-Eickel“ ist kein Stadtbezirk." in err
    assert "1 Fehler gefunden – erst korrigieren, dann auswerten." in err
    assert out == "" and "Traceback" not in err


def test_report_says_in_german_when_the_csv_cannot_be_written(content: Path, tmp_path: Path, cli) -> None:
    known_set(content)
    code, _, err = cli("report", "--content", content, "--csv", tmp_path / "fehlt" / "x.csv")
    assert code == 1
    assert "lässt sich nicht schreiben" in err and "Traceback" not in err


def test_report_names_the_offers_without_leichte_sprache_apart(content: Path, config: Config, cli) -> None:
    known_set(content)
    write_offer(content, "einfach", einfach="Wir trinken Kaffee. Wir reden miteinander.")
    assert [o.slug for o in coverage(offers_of(content, config), config, TODAY).without_simple] == [
        "besuch", "familie", "kaffee", "kochen"
    ]  # fmt: skip
    code, out, _ = cli("report", "--content", content)
    assert code == 0
    lines = out.splitlines()
    start = lines.index("Ohne Text in Leichter Sprache („einfach:“): 4 Angebote")
    assert lines[start + 1] == "  besuch.md, familie.md, kaffee.md, kochen.md"
    assert lines[start + 2] == ""  # a short list of its own, before the next one
