"""Realistic mistakes of associations, each mapped to the exact German message and line that `check` reports.

Forgiving where the intent is unambiguous (Dienstag, Di., 15 Uhr, 1.10.2026, a list written as a line), strict
where it is not (a quarter for a district, an end before the start, a phone number with letters)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from mittendrin.content.validate import RHYTHMS

# The file an association starts from: every line number in the table below refers to it.
BASE = """---
titel: Kaffeeklatsch im Quartier
kurzbeschreibung: Bei Kaffee und Kuchen ins Gespräch kommen.
traeger: Nachbarschaftsverein Börnig e. V.
bezirk: Sodingen
stadtteil: Börnig
altersgruppen: [senioren, erwachsene]
kategorien: [treff, essen]
termine:
  - tage: [di, do]
    von: "15:00"
    bis: "17:00"
ort:
  strasse: Beispielstraße 12
  plz: "44628"
kosten: kostenlos
anmeldung: nein
barrierefreiheit:
  stufenlos: true
kontakt:
  telefon: "02323 123456"
  email: kaffee@example.org
geprueft_am: 2026-10-01
---
Wir treffen uns zum Erzählen.
"""
TEMPLATE_HINT = "Vergleichen Sie die Zeile mit der Vorlage content/offers/_vorlage.md"
INDENT = (
    "Die Einrückung stimmt hier nicht.\n    → Angaben derselben Ebene beginnen genau untereinander; "
    "Unterpunkte werden mit zwei Leerzeichen eingerückt."
)
OK: list[str] = []


def edit(old: str, new: str) -> Callable[[str], bytes]:
    def change(text: str) -> bytes:
        assert old in text, old
        return text.replace(old, new, 1).encode("utf-8")

    return change


# (what went wrong, how the file is changed, every message of `check` without the file name, or OK)
MISTAKES: list[tuple[str, Callable[[str], bytes], list[str]]] = [
    (
        "tab instead of spaces",
        edit('    von: "15:00"', '\tvon: "15:00"'),
        ["Zeile 11: Fehler: In dieser Zeile steht ein Tabulator.\n    → Rücken Sie nur mit Leerzeichen ein, nie mit der Tab-Taste."],
    ),
    ("wrong indentation (three spaces)", edit('    bis: "17:00"', '   bis: "17:00"'), [f"Zeile 12: Fehler: {INDENT}"]),
    ("group key not indented", edit("  strasse:", "strasse:"), [f"Zeile 15: Fehler: {INDENT}"]),
    ("time without quotes", edit('von: "15:00"', "von: 15:00"), OK),
    ("„15 Uhr“ instead of 15:00", edit('von: "15:00"', "von: 15 Uhr"), OK),
    ("time with a dot", edit('von: "15:00"', 'von: "15.30"'), OK),
    ("weekdays spelled out", edit("[di, do]", "[Dienstag, Donnerstag]"), OK),
    ("weekdays abbreviated with a dot", edit("[di, do]", "[Di., Do.]"), OK),
    ("weekdays as „dienstags“", edit("[di, do]", "[dienstags]"), OK),
    ("a list written as a line", edit("[senioren, erwachsene]", "senioren, erwachsene"), OK),
    ("category in capitals", edit("[treff, essen]", "[Treff]"), OK),
    ("German date 1.10.2026", edit("geprueft_am: 2026-10-01", "geprueft_am: 1.10.2026"), OK),
    ("„ja“ instead of true", edit("stufenlos: true", "stufenlos: ja"), OK),
    ("web address without https://", edit("  email: kaffee@example.org", "  web: www.example.org"), OK),
    ("appointment without „- “", edit("termine:\n  - tage: [di, do]\n    von", "termine:\n    tage: [di, do]\n    von"), OK),
    ("byte order mark", lambda text: b"\xef\xbb\xbf" + text.encode("utf-8"), OK),
    ("Windows line endings", lambda text: text.replace("\n", "\r\n").encode("utf-8"), OK),
    ("„alle zwei Wochen“ with a start date", edit('    von: "15:00"', '    rhythmus: alle zwei Wochen\n    ab: 2026-01-06\n    von: "15:00"'), OK),
    (
        "unknown weekday",
        edit("[di, do]", "[Die]"),
        ["Zeile 10: Fehler: „Die“ ist kein Wochentag.\n    → Erlaubt: mo, di, mi, do, fr, sa, so (oder Montag, Dienstag …)."],
    ),
    (
        "district written as a quarter",
        edit("bezirk: Sodingen", "bezirk: Börnig"),
        ["Zeile 5: Fehler: „Börnig“ ist ein Stadtteil im Stadtbezirk Sodingen, kein Stadtbezirk.\n    → Schreiben Sie: bezirk: Sodingen und stadtteil: Börnig"],
    ),
    (
        "the former city Wanne-Eickel",
        edit("bezirk: Sodingen", "bezirk: Wanne-Eickel"),
        ["Zeile 5: Fehler: „Wanne-Eickel“ ist kein Stadtbezirk.\n    → Erlaubt: Eickel, Herne-Mitte, Sodingen, Wanne. „Wanne-Eickel“ war bis 1975 eine eigene Stadt und ist heute kein Stadtbezirk. Meist ist Wanne oder Eickel gemeint."],
    ),
    (
        "typo in the district",
        edit("bezirk: Sodingen", "bezirk: Sodigen"),
        ["Zeile 5: Fehler: „Sodigen“ ist kein Stadtbezirk.\n    → Erlaubt: Eickel, Herne-Mitte, Sodingen, Wanne. Meinten Sie „Sodingen“?"],
    ),
    (
        "quarter of another district",
        edit("stadtteil: Börnig", "stadtteil: Holsterhausen"),
        ["Zeile 6: Fehler: Holsterhausen liegt im Stadtbezirk Herne-Mitte, nicht in Sodingen.\n    → Schreiben Sie bezirk: Herne-Mitte – oder prüfen Sie den Stadtteil."],
    ),
    (
        "unknown age group",
        edit("[senioren, erwachsene]", "[rentner]"),
        ["Zeile 7: Fehler: „rentner“ ist keine Altersgruppe.\n    → Erlaubt: kinder, jugendliche, junge-erwachsene, erwachsene, senioren, alle."],
    ),
    (
        "typo in a category",
        edit("[treff, essen]", "[treff, esen]"),
        ["Zeile 8: Fehler: „esen“ ist keine Kategorie.\n    → Meinten Sie „essen“? Erlaubt: treff, bewegung, kreativ, kultur, lernen, essen, natur, digital, engagement, begleitung, spiel."],
    ),
    (
        "e-mail without @",
        edit("kaffee@example.org", "kaffee.example.org"),
        ["Zeile 22: Fehler: „kaffee.example.org“ ist keine gültige E-Mail-Adresse.\n    → Eine E-Mail-Adresse hat die Form name@beispiel.de, ohne Leerzeichen."],
    ),
    (
        "phone number with letters",
        edit('"02323 123456"', '"02323 KAFFEE"'),
        ['Zeile 21: Fehler: „02323 KAFFEE“ ist keine vollständige Telefonnummer.\n    → Nur Ziffern, Leerzeichen, / und -, mit Vorwahl, zum Beispiel telefon: "02323 123456".'],
    ),
    (
        "end before start",
        edit('bis: "17:00"', 'bis: "14:00"'),
        ['Zeile 12: Fehler: Das Ende (14:00) liegt nicht nach dem Beginn (15:00).\n    → Prüfen Sie „von“ und „bis“; Uhrzeiten im 24-Stunden-Format, zum Beispiel "19:00" statt "7:00".'],
    ),
    (
        "time as a word",
        edit('von: "15:00"', "von: nachmittags"),
        ['Zeile 11: Fehler: „von: nachmittags“ ist keine Uhrzeit.\n    → Schreiben Sie die Uhrzeit mit Doppelpunkt in Anführungszeichen, zum Beispiel von: "15:00".'],
    ),
    (
        "impossible date",
        edit("geprueft_am: 2026-10-01", "geprueft_am: 2026-13-01"),
        ["Zeile 23: Fehler: „geprueft_am: 2026-13-01“ ist kein gültiges Datum.\n    → Schreiben Sie Daten als Jahr-Monat-Tag, zum Beispiel geprueft_am: 2026-10-01."],
    ),
    (
        "missing closing ---",
        edit("---\nWir", "Wir"),
        ["Zeile 1: Fehler: Der Kopfbereich mit den Angaben wird nicht mit einer Zeile „---“ abgeschlossen.\n    → Setzen Sie nach der letzten Angabe (zum Beispiel geprueft_am) eine Zeile mit genau --- ein."],
    ),
    (
        "missing opening ---",
        edit("---\ntitel", "titel"),
        ["Zeile 1: Fehler: Die Datei beginnt nicht mit einer Zeile „---“.\n    → Die erste Zeile muss genau --- sein; darunter folgen die Angaben, dann wieder eine Zeile ---, dann der Text."],
    ),
    (
        "unknown key (typo)",
        edit("kosten: kostenlos", "kosten: kostenlos\nanmeldnug: nein"),
        ["Zeile 17: Fehler: „anmeldnug“ ist keine bekannte Angabe im Kopfbereich.\n    → Meinten Sie „anmeldung“?"],
    ),
    (
        "required key misspelt: one message, not two",
        edit("titel: Kaffee", "titell: Kaffee"),
        ["Zeile 2: Fehler: „titell“ ist keine bekannte Angabe im Kopfbereich.\n    → Meinten Sie „titel“?"],
    ),
    (
        "postcode with four digits",
        edit('plz: "44628"', "plz: 4462"),
        ['Zeile 15: Fehler: „plz: 4462“ ist keine Postleitzahl.\n    → Eine Postleitzahl hat fünf Ziffern, in Anführungszeichen: plz: "44628"'],
    ),
    (
        "required field missing",
        edit("traeger: Nachbarschaftsverein Börnig e. V.\n", ""),
        ["Zeile 23: Fehler: Die Angabe „traeger“ (Träger) fehlt oder ist leer.\n    → Der Verein, die Gemeinde oder Einrichtung, die das Angebot macht. Zum Beispiel: traeger: Nachbarschaftsverein Börnig e. V."],
    ),
    (
        "colon in an unquoted text",
        edit("kurzbeschreibung: Bei Kaffee", "kurzbeschreibung: Treffpunkt: Kaffee"),
        ['Zeile 3: Fehler: Der Text enthält einen Doppelpunkt mit Leerzeichen („: “); so kann er nicht gelesen werden.\n    → Setzen Sie den Text in Anführungszeichen: kurzbeschreibung: "Treffpunkt: Kaffee und Kuchen ins Gespräch kommen."'],
    ),
    (
        "unclosed quotation mark",
        edit("titel: Kaffeeklatsch im Quartier", 'titel: "Kaffeeklatsch im Quartier'),
        ['Zeile 2: Fehler: In dieser Zeile fehlt das schließende Anführungszeichen ".\n    → Richtig: titel: "Kaffeeklatsch im Quartier"'],
    ),
    (
        "unclosed list bracket",
        edit("[senioren, erwachsene]", "[senioren, erwachsene"),
        ["Zeile 7: Fehler: In dieser Zeile fehlt die schließende eckige Klammer ].\n    → Richtig: altersgruppen: [senioren, erwachsene]"],
    ),
    (
        "monthly without the week",
        edit('    von: "15:00"', '    rhythmus: monatlich\n    von: "15:00"'),
        ["Zeile 11: Fehler: Bei „monatlich“ fehlt, in welcher Woche des Monats.\n    → Zum Beispiel woche: [1] für den ersten oder woche: [-1] für den letzten im Monat."],
    ),
    (
        "every other week without a start date",
        edit('    von: "15:00"', '    rhythmus: 14-taeglich\n    von: "15:00"'),
        ["Zeile 11: Fehler: Bei „14-taeglich“ fehlt das Datum „ab“.\n    → Von diesem ersten Termin an wird gezählt, zum Beispiel ab: 2026-01-07."],
    ),
    (
        "key written twice",
        edit("kosten: kostenlos", "kosten: kostenlos\nkosten: 2 €"),
        ["Zeile 17: Fehler: „kosten“ steht zweimal da.\n    → Jede Angabe darf nur einmal vorkommen; löschen Sie eine."],
    ),
    (
        "file saved as Latin-1",
        lambda text: text.encode("latin-1"),
        ["Zeile 3: Fehler: Die Datei enthält Zeichen, die nicht als UTF-8 gespeichert sind (oft Umlaute aus einem alten Editor).\n    → Speichern Sie die Datei im Editor mit der Kodierung „UTF-8“ und prüfen Sie die Umlaute in dieser Zeile."],
    ),
    (
        "not confirmed for more than a year (warning)",
        edit("geprueft_am: 2026-10-01", "geprueft_am: 2025-10-01"),
        ["Zeile 23: Hinweis: Die Angaben wurden seit über einem Jahr nicht bestätigt.\n    → Bitte prüfen Sie alles, fragen Sie beim Träger nach und setzen Sie geprueft_am auf das heutige Datum."],
    ),
    (
        "no accessibility facts (warning)",
        edit("barrierefreiheit:\n  stufenlos: true\n", ""),
        ["Zeile 22: Hinweis: Es fehlen Angaben zur Barrierefreiheit.\n    → Viele Menschen entscheiden danach, ob sie kommen können. Ergänzen Sie barrierefreiheit: mit stufenlos, rollstuhl_wc und hoerschleife (jeweils true oder false)."],
    ),
]  # fmt: skip


def problems_of(err: str, path: Path) -> list[str]:
    """The messages of `check`, one per problem, without the file name and without the closing summary."""
    blocks = err.replace(f"{path}, ", "\0").split("\0")[1:]
    return [block.split("\n1 Fehler gefunden.")[0].rstrip("\n") for block in blocks]


def test_the_table_is_long_enough_and_the_base_file_is_valid(content: Path, cli) -> None:
    assert len([m for m in MISTAKES if m[2] is not OK]) >= 25
    (content / "offers" / "kaffee.md").write_text(BASE, encoding="utf-8")
    assert cli("check", "--content", content) == (0, "Alles in Ordnung: 1 Angebot geprüft.\n", "")


@pytest.mark.parametrize(("mistake", "change", "expected"), MISTAKES, ids=[m[0] for m in MISTAKES])
def test_mistake_gets_the_exact_message(mistake: str, change, expected: list[str], content: Path, cli) -> None:
    path = content / "offers" / "kaffee.md"
    path.write_bytes(change(BASE))
    code, out, err = cli("check", "--content", content)
    assert problems_of(err, path) == expected
    errors = any(": Fehler: " in line for line in expected)
    assert code == (1 if errors else 0)
    if not errors:
        assert out.startswith("Alles in Ordnung: 1 Angebot geprüft")


def test_every_rhythm_alias_means_a_known_rhythm() -> None:
    assert {"alle-zwei-wochen", "14-taegig", "14-taeglich", "monatlich"} <= RHYTHMS.keys()
