"""Every validation rule: the exact German message, on the line it concerns, and errors versus warnings."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import ROOT, offer_text

from mittendrin.config import load_config
from mittendrin.load import load_offer
from mittendrin.problems import Severity
from mittendrin.validate import validate

CONFIG = load_config(ROOT / "config.toml")
TODAY = dt.date(2026, 11, 25)
ONE_ENTRY = {"tage": ["di"], "von": "15:00", "bis": "17:00"}


def check(tmp_path: Path, text: str):
    path = tmp_path / "offers" / "angebot.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    raw = load_offer(path, "angebot.md")
    assert not isinstance(raw, list), raw
    return validate(raw, CONFIG, TODAY)


def line_of(text: str, start: str) -> int:
    """The number of the first line that starts with `start` (after indentation)."""
    return next(n for n, line in enumerate(text.splitlines(), 1) if line.strip().startswith(start))


def closing_line(text: str) -> int:
    return [n for n, line in enumerate(text.splitlines(), 1) if line == "---"][1]


def termine(**entry: object) -> list[dict]:
    return [{**ONE_ENTRY, **entry}]


ERRORS = [
    # (fields, line starts with, message, hint contains)
    ({"kurzbeschreibng": "x"}, "kurzbeschreibng:", "„kurzbeschreibng“ ist keine bekannte Angabe im Kopfbereich.", "Meinten Sie „kurzbeschreibung“?"),
    ({"titel": None}, None, "Die Angabe „titel“ (Titel) fehlt oder ist leer.", "Der Name des Angebots"),
    ({"titel": ""}, "titel:", "Die Angabe „titel“ (Titel) fehlt oder ist leer.", "Der Name des Angebots"),
    ({"titel": "x" * 101}, "titel:", "„titel“ ist 101 Zeichen lang, erlaubt sind höchstens 100.", "Kürzen Sie"),
    ({"traeger": ["a", "b"]}, "traeger:", "Bei „traeger“ steht eine Liste oder Gruppe, erwartet wird ein einzelner Wert.", "dieselbe Zeile"),
    ({"bezirk": "Wanne-Eickel"}, "bezirk:", "„Wanne-Eickel“ ist kein Stadtbezirk.", "Erlaubt: Eickel, Herne-Mitte, Sodingen, Wanne. „Wanne-Eickel“ war bis 1975"),
    ({"bezirk": "Sodigen"}, "bezirk:", "„Sodigen“ ist kein Stadtbezirk.", "Meinten Sie „Sodingen“?"),
    ({"bezirk": "Holsterhausen", "stadtteil": None}, "bezirk:", "„Holsterhausen“ ist ein Stadtteil im Stadtbezirk Herne-Mitte, kein Stadtbezirk.", "bezirk: Herne-Mitte und stadtteil: Holsterhausen"),
    ({"bezirk": "Eickel", "stadtteil": "Holsterhausen"}, "stadtteil:", "Holsterhausen liegt im Stadtbezirk Herne-Mitte, nicht in Eickel.", "bezirk: Herne-Mitte"),
    ({"altersgruppen": ["senior"]}, "- senior", "„senior“ ist keine Altersgruppe.", "Meinten Sie „senioren“?"),
    ({"altersgruppen": []}, "altersgruppen:", "Die Angabe „altersgruppen“ (Altersgruppen) fehlt oder ist leer.", "Altersgruppe"),
    ({"kategorien": ["kaffee"]}, "- kaffee", "„kaffee“ ist keine Kategorie.", "Erlaubt: treff, bewegung"),
    ({"kategorien": {"treff": True}}, "kategorien:", "„kategorien“ muss eine Liste sein.", "kategorien: [a, b]"),
    ({"online": "vielleicht"}, "online:", "„online: vielleicht“ ist weder ja noch nein.", "online: true"),
    ({"sprachen": ["klingonisch"]}, "- klingonisch", "„klingonisch“ ist kein bekanntes Sprachkürzel.", "zweistellige Kürzel"),
    ({"termine": ["jeden Dienstag"]}, "- jeden Dienstag", "Jeder Termin ist eine Gruppe von Angaben, die mit „- “ beginnt.", "tage: [di]"),
    ({"termine": [{"nach_vereinbarung": True, "tage": ["di"]}]}, "tage:", "Ein Termin „nach Vereinbarung“ hat keine Tage oder Uhrzeiten.", "eigenen Eintrag"),
    ({"termine": termine(datum="2026-12-12")}, "- tage:", "Ein Termin hat entweder „datum“ (einmalig) oder „tage“ (regelmäßig), nicht beides.", "zwei Einträge"),
    ({"termine": [{"von": "15:00"}]}, "- von:", "Bei diesem Termin fehlt, wann er stattfindet.", "nach_vereinbarung: true"),
    ({"termine": termine(tage=["Dienstga"])}, "- Dienstga", "„Dienstga“ ist kein Wochentag.", "Erlaubt: mo, di, mi, do, fr, sa, so"),
    ({"termine": termine(rhythmus="jährlich")}, "rhythmus:", "„rhythmus: jährlich“ kennen wir nicht.", "woechentlich, 14-taeglich, monatlich"),
    ({"termine": termine(woche=[1])}, "woche:", "„woche“ passt nur zu „rhythmus: monatlich“.", "rhythmus: monatlich"),
    ({"termine": termine(rhythmus="monatlich", woche=[5])}, "- 5", "„5“ ist keine Woche im Monat.", "-1 für die letzte"),
    ({"termine": termine(rhythmus="monatlich")}, "rhythmus:", "Bei „monatlich“ fehlt, in welcher Woche des Monats.", "woche: [1]"),
    ({"termine": termine(rhythmus="14-taeglich")}, "rhythmus:", "Bei „14-taeglich“ fehlt das Datum „ab“.", "ab: 2026-01-07"),
    ({"termine": [{"tage": ["di"], "bis": "17:00"}]}, "- tage:", "Bei diesem Termin fehlt die Uhrzeit „von“.", 'von: "15:00"'),
    ({"termine": termine(von="17:00", bis="15:00")}, "bis:", "Das Ende (15:00) liegt nicht nach dem Beginn (17:00).", "24-Stunden-Format"),
    ({"termine": termine(von="nachmittags")}, "von:", "„von: nachmittags“ ist keine Uhrzeit.", 'von: "15:00"'),
    ({"termine": termine(von="25:00")}, "von:", "„von: 25:00“ ist keine Uhrzeit.", "Doppelpunkt"),
    ({"termine": termine(ab="2027-01-01", bis_datum="2026-12-01")}, "bis_datum:", "„bis_datum“ liegt vor „ab“.", "beiden Daten"),
    ({"termine": [{"datum": "31.02.2026", "von": "10:00"}]}, "- datum:", "„datum: 31.02.2026“ ist kein gültiges Datum.", "datum: 2026-10-01"),
    ({"geprueft_am": "2026-12-24"}, "geprueft_am:", "„geprueft_am: 2026-12-24“ liegt in der Zukunft.", "höchstens heute"),
    ({"geprueft_am": "im Oktober"}, "geprueft_am:", "„geprueft_am: im Oktober“ ist kein gültiges Datum.", "Jahr-Monat-Tag"),
    ({"gueltig_ab": "2027-01-01", "gueltig_bis": "2026-12-31"}, "gueltig_bis:", "„gueltig_bis“ liegt vor „gueltig_ab“.", "beiden Daten"),
    ({"ort": "Beispielstraße 12"}, "ort:", "„ort“ ist eine Gruppe von Angaben, jede in einer eigenen, eingerückten Zeile.", "name: …"),
    ({"ort": None}, None, "Die Angabe „ort“ fehlt.", "online: true"),
    ({"ort": {"strasse": "Weg 1"}}, "ort:", "Die Angabe „plz“ (Postleitzahl) fehlt oder ist leer.", 'plz: "44628"'),
    ({"ort": {"strasse": "Weg 1", "plz": "4462"}}, "plz:", "„plz: 4462“ ist keine Postleitzahl.", "fünf Ziffern"),
    ({"ort": {"strasse": "Weg 1", "plz": "44628", "lat": 51.5}}, "ort:", "„lat“ und „lon“ gehören zusammen.", "beide"),
    ({"ort": {"strasse": "Weg 1", "plz": "44628", "lat": "Nord", "lon": 7.2}}, "lat:", "„lat: Nord“ ist keine Koordinate.", "lat: 51.5383"),
    ({"ort": {"strasse": "Weg 1", "plz": "44628", "hausnummer": "3"}}, "hausnummer:", "„hausnummer“ ist keine bekannte Angabe bei „ort“.", "Erlaubt bei „ort“"),
    ({"kontakt": {"name": "Frau A."}}, "kontakt:", "Bei „kontakt“ fehlt ein Weg, Sie zu erreichen.", "telefon, email oder web"),
    ({"kontakt": None}, None, "Die Angabe „kontakt“ (Kontakt) fehlt oder ist leer.", "Mindestens eines"),
    ({"kontakt": {"telefon": "0800-HERNE"}}, "telefon:", "„0800-HERNE“ ist keine vollständige Telefonnummer.", 'telefon: "02323 123456"'),
    ({"kontakt": {"telefon": "123456"}}, "telefon:", "„123456“ ist keine vollständige Telefonnummer.", "Vorwahl"),
    ({"kontakt": {"email": "info(at)example.org"}}, "email:", "„info(at)example.org“ ist keine gültige E-Mail-Adresse.", "name@beispiel.de"),
    ({"kontakt": {"web": "javascript:alert(1)"}}, "web:", "„javascript:alert(1)“ ist keine gültige Internetadresse.", "https://"),
    ({"barrierefreiheit": {"stufenlos": "teilweise"}}, "stufenlos:", "„stufenlos: teilweise“ ist weder ja noch nein.", "stufenlos: true"),
]  # fmt: skip


@pytest.mark.parametrize(("fields", "at", "message", "hint"), ERRORS, ids=[e[2][:50] for e in ERRORS])
def test_error(tmp_path: Path, fields: dict, at: str | None, message: str, hint: str) -> None:
    text = offer_text(**fields)
    offer, problems = check(tmp_path, text)
    assert offer is None
    matching = [p for p in problems if p.message == message]
    assert matching, [p.format() for p in problems]
    problem = matching[0]
    assert problem.severity is Severity.ERROR
    assert problem.line == (line_of(text, at) if at else closing_line(text))
    assert hint in problem.hint
    assert problem.path == "angebot.md"


WARNINGS = [
    ({"barrierefreiheit": None}, None, "Es fehlen Angaben zur Barrierefreiheit.", "stufenlos, rollstuhl_wc"),
    ({"geprueft_am": "2025-10-01"}, "geprueft_am:", "Die Angaben wurden seit über einem Jahr nicht bestätigt.", "geprueft_am auf das heutige Datum"),
    ({"stadtteil": "Börnik"}, "stadtteil:", "Den Stadtteil „Börnik“ kennen wir im Stadtbezirk Sodingen nicht.", "Meinten Sie „Börnig“?"),
]  # fmt: skip


@pytest.mark.parametrize(("fields", "at", "message", "hint"), WARNINGS, ids=[w[2][:40] for w in WARNINGS])
def test_warning_still_publishes(tmp_path: Path, fields: dict, at: str | None, message: str, hint: str) -> None:
    text = offer_text(**fields)
    offer, problems = check(tmp_path, text)
    assert offer is not None
    assert [(p.message, p.severity, p.line) for p in problems] == [
        (message, Severity.WARNING, line_of(text, at) if at else closing_line(text))
    ]
    assert hint in problems[0].hint


def test_every_problem_of_a_file_is_reported_at_once(tmp_path: Path) -> None:
    text = offer_text(bezirk="Mitte", altersgruppen=["rentner"], kosten=None, termine=termine(von="abends"))
    _, problems = check(tmp_path, text)
    assert [(p.line, p.message) for p in problems] == [
        (line_of(text, "bezirk:"), "„Mitte“ ist kein Stadtbezirk."),
        (line_of(text, "- rentner"), "„rentner“ ist keine Altersgruppe."),
        (line_of(text, "von:"), "„von: abends“ ist keine Uhrzeit."),
        (closing_line(text), "Die Angabe „kosten“ (Kosten) fehlt oder ist leer."),
    ]


@pytest.mark.parametrize(
    ("fields", "attribute", "expected"),
    [
        ({"anmeldung": "true"}, "registration", "ja"),
        ({"anmeldung": "Nein"}, "registration", "nein"),
        ({"anmeldung": "ja, bis Montag vorher"}, "registration", "ja, bis Montag vorher"),
        ({"kosten": "Kostenlos, Spenden willkommen"}, "free_of_charge", True),
        ({"kosten": "2 € pro Treffen"}, "free_of_charge", False),
        ({"sprachen": ["Deutsch", "Türkisch", "de"]}, "languages", ("de", "tr")),
        ({"sprachen": None}, "languages", ("de",)),
        ({"altersgruppen": ["Senioren", "Junge Erwachsene"]}, "age_groups", ("junge-erwachsene", "senioren")),
        ({"altersgruppen": "alle"}, "age_groups", ("alle",)),
        ({"bezirk": "herne mitte", "stadtteil": "baukau-ost"}, "district", "herne-mitte"),
        ({"bezirk": "herne mitte", "stadtteil": "baukau-ost"}, "quarter", "Baukau-Ost"),
        ({"online": "ja", "ort": None}, "place", None),
    ],
)
def test_forgiving_values_are_normalised(tmp_path: Path, fields: dict, attribute: str, expected: object) -> None:
    offer, problems = check(tmp_path, offer_text(**fields))
    assert offer is not None, [p.format() for p in problems]
    assert getattr(offer, attribute) == expected


@pytest.mark.parametrize(
    ("written", "link", "shown"),
    [
        ("02323 0123456", "+4923230123456", "+49 2323 0123456"),
        ("(02325) 0471-23", "+49232504712 3".replace(" ", ""), "+49 2325 0471-23"),
        ("+49 2323 0815 12", "+492323081512", "+49 2323 0815 12"),
        ("0049 2323 0815", "+4923230815", "+49 2323 0815"),
    ],
)
def test_phone_numbers_become_international(tmp_path: Path, written: str, link: str, shown: str) -> None:
    offer, _ = check(tmp_path, offer_text(kontakt={"telefon": written}))
    assert offer is not None
    assert (offer.contact.phone_international, offer.contact.phone_display) == (link, shown)


def test_web_address_without_scheme_gets_https(tmp_path: Path) -> None:
    offer, _ = check(tmp_path, offer_text(kontakt={"web": "www.example.org/treff"}))
    assert offer is not None and offer.contact.web == "https://www.example.org/treff"
