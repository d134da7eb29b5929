"""Every validation rule: the exact German message, on the line it concerns, and errors versus warnings."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from conftest import TOWN_CONFIG, offer_text
from towns import OTHER_TOWN, SHARED_VOCABULARIES

from mittendrin.content.load import RawOffer, load_offer
from mittendrin.content.problems import Severity
from mittendrin.content.schema import OFFER_FIELDS
from mittendrin.content.validate import validate, validate_until
from mittendrin.model.config import Config, load_config
from mittendrin.model.offer import Offer, Period

CONFIG = load_config(TOWN_CONFIG)
TODAY = dt.date(2026, 11, 25)
ONE_ENTRY = {"tage": ["di"], "von": "15:00", "bis": "17:00"}


def raw_offer(tmp_path: Path, text: str) -> RawOffer:
    path = tmp_path / "offers" / "angebot.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    raw = load_offer(path, "angebot.md")
    assert not isinstance(raw, list), raw
    return raw


def check(tmp_path: Path, text: str, config: Config = CONFIG, today: dt.date = TODAY):
    return validate(raw_offer(tmp_path, text), config, today)


def line_of(text: str, start: str, after: str | None = None) -> int:
    """The number of the first line that starts with `start` (after indentation), or the first after the line that
    starts with `after`."""
    lines = list(enumerate(text.splitlines(), 1))
    if after is not None:
        lines = lines[line_of(text, after) :]
    return next(n for n, line in lines if line.strip().startswith(start))


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
    ({"einfach": "x" * 501}, "einfach:", "„einfach“ ist 501 Zeichen lang, erlaubt sind höchstens 500.", "Kürzen Sie"),
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
    ({"termine": termine(nicht_in=["ferien"])}, "- ferien", "„nicht_in: ferien“ kennen wir nicht.", "Meinten Sie „schulferien“? Erlaubt: schulferien, feiertage, zum Beispiel nicht_in: [schulferien, feiertage]."),
    ({"termine": termine(nicht_in=["urlaub"])}, "- urlaub", "„nicht_in: urlaub“ kennen wir nicht.", "Erlaubt: schulferien, feiertage"),
    ({"faellt_aus": ["24.13.2026"]}, "- 24.13.2026", "„faellt_aus: 24.13.2026“ ist kein gültiges Datum.", "faellt_aus: 2026-10-01"),
    ({"faellt_aus": [{"von": "2027-07-19", "grund": "Sommerpause"}]}, "- von:", "Bei „faellt_aus“ fehlt der Tag: „datum“ für einen Tag, „von“ und „bis“ für eine Pause.", "bis: 2027-08-31"),
    ({"faellt_aus": [["2026-12-24"]]}, "- - '2026-12-24'", "Unter „faellt_aus“ steht jeder Tag oder jede Pause in einer Zeile mit „- “.", "- 2026-12-24"),
    ({"faellt_aus": [{"datum": "2026-12-24", "grnd": "Heiligabend"}]}, "grnd:", "„grnd“ ist keine bekannte Angabe bei „faellt_aus“.", "Meinten Sie „grund“?"),
    ({"faellt_aus": [{"datum": "2026-12-24", "grund": "x" * 81}]}, "grund:", "Der Grund ist 81 Zeichen lang, erlaubt sind höchstens 80.", "Sommerpause"),
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
    ({"ort": {"strasse": "Weg 1", "plz": "44628", "lat": 7.25, "lon": 51.53}}, "lat:", "„lat“ und „lon“ sind vertauscht: So läge der Ort nicht in Herne.", "Schreiben Sie lat: 51.53 und lon: 7.25"),
    ({"ort": {"strasse": "Weg 1", "plz": "45879"}}, "plz:", "Die Postleitzahl 45879 gehört nicht zu Herne.", "in Herne: 44623–44629, 44649–44653"),
    ({"kontakt": {"telefon": "0209 123456"}}, "telefon:", "Die Vorwahl von „0209 123456“ ist keine aus Herne.", "in Herne: 02323, 02325"),
    ({"ort": {"strasse": "Weg 1", "plz": "44628", "lat": 48.137, "lon": 11.575}}, "lat:", "Die Koordinaten lat: 48.137, lon: 11.575 liegen nicht in Herne; der Link zur Karte zeigte einen anderen Ort.", "lat zwischen 51.48 und 51.59"),
]  # fmt: skip


def test_the_hints_for_a_postcode_and_a_phone_number_show_the_towns_own_examples(tmp_path: Path) -> None:
    config_file = tmp_path / "config.toml"
    config_file.write_text(OTHER_TOWN + SHARED_VOCABULARIES, encoding="utf-8")
    place = {"strasse": "Musterweg 3", "plz": "4589"}
    text = offer_text(bezirk="Nord", stadtteil="Buer", ort=place, kontakt={"telefon": "0209-KAFFEE"})
    _, problems = check(tmp_path, text, load_config(config_file))
    assert [(p.message, p.hint) for p in problems] == [
        (
            "„plz: 4589“ ist keine Postleitzahl.",
            'Eine Postleitzahl hat fünf Ziffern, in Anführungszeichen: plz: "45894"',
        ),
        (
            "„0209-KAFFEE“ ist keine vollständige Telefonnummer.",
            'Nur Ziffern, Leerzeichen, / und -, mit Vorwahl, zum Beispiel telefon: "0209 987654".',
        ),
    ]


def test_mobile_numbers_and_the_towns_area_codes_pass_silently(tmp_path: Path) -> None:
    for number in ("0171 1234567", "02325 123456", "+49 2323 123456"):
        _, problems = check(tmp_path, offer_text(kontakt={"telefon": number}))
        assert problems == [], number


def test_coordinates_in_the_town_pass_silently(tmp_path: Path) -> None:
    text = offer_text(ort={"strasse": "Weg 1", "plz": "44628", "lat": 51.5389, "lon": 7.2213})
    offer, problems = check(tmp_path, text)
    assert offer is not None and offer.place.lat == 51.5389 and problems == []


def test_a_town_without_bounds_checks_no_area(tmp_path: Path) -> None:
    text = offer_text(ort={"strasse": "Weg 1", "plz": "44628", "lat": 48.137, "lon": 11.575})
    _, problems = check(tmp_path, text, dataclasses.replace(CONFIG, bounds=None))
    assert problems == []


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


# -- nicht_in and faellt_aus ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "written", [["Schulferien", "Feiertage"], ["feiertag", "schulferien"], "schulferien, feiertagen", ["feiertage", "Schulferien", "schulferien"]]
)  # fmt: skip
def test_nicht_in_is_forgiving_and_in_a_fixed_order(tmp_path: Path, written: object) -> None:
    offer, problems = check(tmp_path, offer_text(termine=termine(nicht_in=written)))
    assert offer is not None, [p.format() for p in problems]
    assert offer.appointments[0].paused_in == ("schulferien", "feiertage")


def test_faellt_aus_as_an_association_writes_it(tmp_path: Path) -> None:
    text = offer_text().replace(
        "geprueft_am:",
        "faellt_aus:\n  - 2026-12-31\n  - datum: 24.12.2026\n    grund: Heiligabend\n"
        "  - von: 2027-07-19\n    bis: 2027-08-31\n    grund: Sommerpause\ngeprueft_am:",
    )
    offer, problems = check(tmp_path, text)
    assert offer is not None and problems == [], [p.format() for p in problems]
    assert offer.cancellations == (
        Period(dt.date(2026, 12, 24), dt.date(2026, 12, 24), "Heiligabend"),
        Period(dt.date(2026, 12, 31), dt.date(2026, 12, 31)),
        Period(dt.date(2027, 7, 19), dt.date(2027, 8, 31), "Sommerpause"),
    )


def test_a_pause_that_ends_before_it_begins_is_an_error(tmp_path: Path) -> None:
    text = offer_text(faellt_aus=[{"von": "2027-08-31", "bis": "2027-07-19", "grund": "Sommerpause"}])
    offer, problems = check(tmp_path, text)
    assert offer is None
    assert [(p.severity, p.line, p.message) for p in problems] == [
        (Severity.ERROR, line_of(text, "bis:", after="faellt_aus:"), "Die Pause endet (19.07.2027), bevor sie beginnt (31.08.2027).")
    ]  # fmt: skip
    assert (
        problems[0].hint
        == "Bei „von“ steht der erste Tag der Pause, bei „bis“ der letzte. Prüfen Sie die beiden Daten."
    )


TYPO_HINT = "Prüfen Sie das Datum bei „faellt_aus“: Es sollte ein Tag sein, an dem das Angebot sonst stattfindet."


@pytest.mark.parametrize(
    ("cancellation", "at", "message"),
    [
        ("2026-12-03", "- '2026-12-03'", "Am Donnerstag, 03.12.2026, fände das Angebot ohnehin nicht statt – vielleicht ein Tippfehler im Datum?"),
        ({"datum": "2026-12-10", "grund": "Weihnachtsfeier"}, "- datum:", "Am Donnerstag, 10.12.2026, fände das Angebot ohnehin nicht statt – vielleicht ein Tippfehler im Datum?"),
        ({"von": "2026-12-02", "bis": "2026-12-07"}, "- von:", "Vom 02.12.2026 bis 07.12.2026 fände das Angebot ohnehin nicht statt – vielleicht ein Tippfehler im Datum?"),
    ],
    ids=["tag", "tag-mit-grund", "pause"],
)  # fmt: skip
def test_a_cancellation_on_a_day_without_the_offer_is_probably_a_typo(
    tmp_path: Path, cancellation: object, at: str, message: str
) -> None:
    text = offer_text(termine=termine(), faellt_aus=[cancellation])  # Tuesdays only
    offer, problems = check(tmp_path, text)
    assert offer is not None
    assert [(p.severity, p.line, p.message, p.hint) for p in problems] == [
        (Severity.WARNING, line_of(text, at, after="faellt_aus:"), message, TYPO_HINT)
    ]


@pytest.mark.parametrize(
    "cancellation",
    ["2026-12-01", {"datum": "2026-12-08", "grund": "Weihnachtsfeier"}, {"von": "2026-12-02", "bis": "2026-12-08"}],
)
def test_a_cancellation_on_a_day_of_the_offer_is_fine(tmp_path: Path, cancellation: object) -> None:
    _, problems = check(tmp_path, offer_text(termine=termine(), faellt_aus=[cancellation]))
    assert problems == []


def test_a_cancellation_before_ab_is_probably_a_typo(tmp_path: Path) -> None:
    text = offer_text(termine=termine(ab="2027-01-05"), faellt_aus=["2026-12-29"])  # a Tuesday before the first one
    _, problems = check(tmp_path, text)
    assert [(p.line, p.message) for p in problems] == [
        (line_of(text, "- '2026-12-29'"), "Am Dienstag, 29.12.2026, fände das Angebot ohnehin nicht statt – vielleicht ein Tippfehler im Datum?")
    ]  # fmt: skip


@pytest.mark.parametrize(
    "fields",
    [{"termine": termine(bis_datum="2026-12-31")}, {"gueltig_bis": "2026-12-31"}],
    ids=["bis_datum", "gueltig_bis"],
)
def test_a_cancellation_after_the_last_date_is_probably_a_typo(tmp_path: Path, fields: dict) -> None:
    text = offer_text(faellt_aus=["2027-01-05"], **{"termine": termine(), **fields})  # a Tuesday after the last one
    _, problems = check(tmp_path, text)
    assert [(p.line, p.message) for p in problems] == [
        (line_of(text, "- '2027-01-05'"), "Am Dienstag, 05.01.2027, fände das Angebot ohnehin nicht statt – vielleicht ein Tippfehler im Datum?")
    ]  # fmt: skip


def test_a_past_cancellation_is_no_problem(tmp_path: Path) -> None:
    # 5 November 2026 was a Thursday, not a day of the offer: over, so nobody needs to hear of it
    offer, problems, holds_until = validate_until(
        raw_offer(tmp_path, offer_text(termine=termine(), faellt_aus=["2026-11-05"])), CONFIG, TODAY
    )
    assert offer is not None and problems == []
    assert offer.cancellations == (Period(dt.date(2026, 11, 5), dt.date(2026, 11, 5)),)
    assert holds_until == dt.date(2027, 10, 1)  # only the confirmation date limits it


SCHOOL_HOLIDAYS_MISSING = (
    "Für die Zeit nach dem 08.01.2028 sind in der Konfiguration der Stadt noch keine Schulferien eingetragen. "
    "Termine dieses Eintrags zeigen wir erst, wenn die Ferien feststehen."
)


def test_school_holidays_not_yet_in_the_config_are_a_warning_on_that_entry(tmp_path: Path) -> None:
    # config.toml lists school holidays up to 8 January 2028; eight weeks from 1 December 2027 go beyond that
    entries = [{"tage": ["mo"], "von": "10:00"}, {"tage": ["di"], "von": "15:00", "nicht_in": ["schulferien"]}]
    text = offer_text(termine=entries, geprueft_am="2027-11-30")
    offer, problems, holds_until = validate_until(raw_offer(tmp_path, text), CONFIG, dt.date(2027, 12, 1))
    assert offer is not None
    assert [(p.severity, p.line, p.message) for p in problems] == [
        (Severity.WARNING, line_of(text, "- tage:", after="- mo"), SCHOOL_HOLIDAYS_MISSING)
    ]
    assert "config.toml unter [[schulferien]]" in problems[0].hint
    assert "an Ihrer Datei ist nichts falsch" in problems[0].hint
    assert holds_until == dt.date(2027, 12, 1)


@pytest.mark.parametrize(
    ("entry", "today"),
    [
        ({"tage": ["di"], "von": "15:00", "nicht_in": ["schulferien"]}, dt.date(2026, 11, 25)),  # eight weeks known
        ({"tage": ["di"], "von": "15:00", "nicht_in": ["schulferien"], "bis_datum": "2028-01-08"}, dt.date(2027, 12, 1)),
        ({"tage": ["di"], "von": "15:00", "nicht_in": ["feiertage"]}, dt.date(2027, 12, 1)),
    ],
    ids=["noch-bekannt", "endet-vorher", "nur-feiertage"],
)  # fmt: skip
def test_no_warning_while_the_school_holidays_are_known(tmp_path: Path, entry: dict, today: dt.date) -> None:
    _, problems = check(tmp_path, offer_text(termine=[entry], geprueft_am=today.isoformat()), today=today)
    assert problems == []


def test_a_config_without_school_holidays_warns_instead_of_failing(tmp_path: Path) -> None:
    config = dataclasses.replace(CONFIG, school_holidays=())
    text = offer_text(termine=termine(nicht_in=["schulferien"]))
    offer, problems = check(tmp_path, text, config=config)
    assert offer is not None
    assert [(p.severity, p.line) for p in problems] == [(Severity.WARNING, line_of(text, "- tage:"))]
    assert problems[0].message == (
        "In der Konfiguration der Stadt sind keine Schulferien eingetragen. "
        "Termine dieses Eintrags zeigen wir erst, wenn die Ferien feststehen."
    )


# -- how long a result holds ---------------------------------------------------------------------------------------


def test_validate_until_the_confirmation_is_a_year_old(tmp_path: Path) -> None:
    raw = raw_offer(tmp_path, offer_text(geprueft_am="2026-10-01"))
    _, problems, holds_until = validate_until(raw, CONFIG, dt.date(2026, 12, 2))
    assert problems == [] and holds_until == dt.date(2027, 10, 1)
    assert validate_until(raw, CONFIG, dt.date(2027, 10, 1))[1] == []
    assert [p.message for p in validate_until(raw, CONFIG, dt.date(2027, 10, 2))[1]] == [
        "Die Angaben wurden seit über einem Jahr nicht bestätigt."
    ]


def test_validate_until_a_confirmation_in_the_future_is_no_longer_one(tmp_path: Path) -> None:
    raw = raw_offer(tmp_path, offer_text(geprueft_am="2026-12-24"))
    offer, _, holds_until = validate_until(raw, CONFIG, TODAY)
    assert offer is None and holds_until == dt.date(2026, 12, 23)
    assert validate_until(raw, CONFIG, dt.date(2026, 12, 24))[0] is not None


def test_validate_until_a_coming_cancellation_is_over(tmp_path: Path) -> None:
    raw = raw_offer(tmp_path, offer_text(termine=termine(), faellt_aus=[{"von": "2026-12-02", "bis": "2026-12-07"}]))
    _, problems, holds_until = validate_until(raw, CONFIG, TODAY)
    assert len(problems) == 1 and holds_until == dt.date(2026, 12, 7)  # the typo warning, until the pause is over
    assert validate_until(raw, CONFIG, dt.date(2026, 12, 8))[1] == []


def test_validate_until_the_school_holidays_run_out(tmp_path: Path) -> None:
    # config.toml knows school holidays up to Saturday 8 January 2028; the first Tuesday after it, the 11th, comes
    # into the eight weeks from today on 17 November 2027
    raw = raw_offer(tmp_path, offer_text(termine=termine(nicht_in=["schulferien"]), geprueft_am="2026-11-25"))
    _, problems, holds_until = validate_until(raw, CONFIG, TODAY)
    assert problems == []
    assert holds_until == dt.date(2027, 11, 13)  # eight weeks before: safe for every rhythm, without computing it
    assert validate_until(raw, CONFIG, dt.date(2027, 11, 16))[1] == []
    assert [p.message for p in validate_until(raw, CONFIG, dt.date(2027, 11, 17))[1]] == [SCHOOL_HOLIDAYS_MISSING]


def test_fourteen_days_from_an_ab_that_is_not_the_weekday_is_a_warning(tmp_path: Path) -> None:
    entry = {"tage": ["mi"], "rhythmus": "14-taeglich", "ab": "2026-01-08", "von": "15:00"}  # a Thursday
    text = offer_text(termine=[entry])
    offer, problems = check(tmp_path, text)
    assert offer is not None
    assert [(p.severity, p.line, p.message) for p in problems] == [
        (Severity.WARNING, line_of(text, "ab:"), "„ab: 2026-01-08“ ist ein Donnerstag, der Termin aber nicht.")
    ]
    assert "den Tag des ersten Termins" in problems[0].hint


def test_every_field_of_the_table_fills_its_attribute_of_the_offer(tmp_path: Path) -> None:
    """Validation reads the fields by their kind and builds the Offer from the checked values: besides what the
    file name and the text give, every attribute comes from one field of the table."""
    derived = {"slug", "source", "free_of_charge", "body_html"}
    attributes = [f.attribute for f in OFFER_FIELDS]
    assert sorted(attributes) == sorted(f.name for f in dataclasses.fields(Offer) if f.name not in derived)
    offer, problems = check(tmp_path, offer_text(einfach="Wir trinken Kaffee.", anmeldung="Ja"))
    assert (offer.simple, offer.registration, offer.district, problems) == ("Wir trinken Kaffee.", "ja", "sodingen", [])
