"""Reading offer files: YAML mistakes and encodings become German messages with the right line."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from conftest import offer_text

from mittendrin.content.load import RawOffer, load_offer


def load(tmp_path: Path, data: str | bytes, name: str = "angebot.md"):
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return load_offer(path, name)


def only_problem(result) -> tuple[int, str, str]:
    assert isinstance(result, list) and len(result) == 1, result
    return result[0].line, result[0].message, result[0].hint


def test_a_valid_file_keeps_lines_and_text(tmp_path: Path) -> None:
    raw = load(tmp_path, offer_text(body="# Willkommen\n\nText."))
    assert isinstance(raw, RawOffer)
    assert raw.slug == "angebot"
    assert raw.front["titel"].value == "Kaffeeklatsch im Quartier" and raw.front["titel"].line == 2
    assert raw.body.strip() == "# Willkommen\n\nText."
    assert raw.body_line == offer_text().splitlines().index("---", 1) + 2


def test_unquoted_colon_sentence_explains_the_fix(tmp_path: Path) -> None:
    text = offer_text().replace(
        "kurzbeschreibung: Bei Kaffee und Kuchen kommen Nachbarinnen und Nachbarn ins Gespräch.",
        "kurzbeschreibung: Unser Motto: Gemeinsam statt einsam.",
    )
    line, message, hint = only_problem(load(tmp_path, text))
    assert line == 3
    assert message == "Der Text enthält einen Doppelpunkt mit Leerzeichen („: “); so kann er nicht gelesen werden."
    assert hint == 'Setzen Sie den Text in Anführungszeichen: kurzbeschreibung: "Unser Motto: Gemeinsam statt einsam."'


def test_tab_indentation(tmp_path: Path) -> None:
    text = offer_text().replace("  strasse:", "\tstrasse:")
    line, message, hint = only_problem(load(tmp_path, text))
    assert line == next(n for n, t in enumerate(text.splitlines(), 1) if t.startswith("\tstrasse"))
    assert message == "In dieser Zeile steht ein Tabulator."
    assert "nur mit Leerzeichen" in hint


def test_wrong_indentation(tmp_path: Path) -> None:
    text = offer_text().replace("  plz: '44628'", "    plz: '44628'")
    line, message, _ = only_problem(load(tmp_path, text))
    assert message == "Die Einrückung stimmt hier nicht."
    assert line == next(n for n, t in enumerate(text.splitlines(), 1) if "plz:" in t)


def test_missing_closing_dashes(tmp_path: Path) -> None:
    text = offer_text().replace("\n---\n", "\n", 1)
    assert only_problem(load(tmp_path, text))[1] == (
        "Der Kopfbereich mit den Angaben wird nicht mit einer Zeile „---“ abgeschlossen."
    )


def test_missing_opening_dashes(tmp_path: Path) -> None:
    line, message, _ = only_problem(load(tmp_path, offer_text()[4:]))
    assert (line, message) == (1, "Die Datei beginnt nicht mit einer Zeile „---“.")


def test_bom_and_windows_line_endings_are_accepted(tmp_path: Path) -> None:
    data = b"\xef\xbb\xbf" + offer_text().replace("\n", "\r\n").encode("utf-8")
    raw = load(tmp_path, data)
    assert isinstance(raw, RawOffer) and raw.front["bezirk"].value == "Sodingen"


def test_utf16_is_explained(tmp_path: Path) -> None:
    _, message, hint = only_problem(load(tmp_path, offer_text().encode("utf-16")))
    assert message == "Die Datei ist als UTF-16 gespeichert."
    assert "UTF-8" in hint


def test_latin1_umlaut_names_the_line(tmp_path: Path) -> None:
    data = offer_text().encode("utf-8").replace("Börnig e. V.".encode(), "Börnig e. V.".encode("latin-1"))
    line, message, _ = only_problem(load(tmp_path, data))
    assert line == 4
    assert message.startswith("Die Datei enthält Zeichen, die nicht als UTF-8 gespeichert sind")


def test_duplicate_key(tmp_path: Path) -> None:
    text = offer_text().replace("kosten: kostenlos\n", "kosten: kostenlos\nkosten: 2 €\n")
    line, message, _ = only_problem(load(tmp_path, text))
    assert message == "„kosten“ steht zweimal da."
    assert line == text.splitlines().index("kosten: 2 €") + 1


def test_python_tags_are_refused_not_run(tmp_path: Path) -> None:
    text = offer_text().replace("kosten: kostenlos", "kosten: !!python/object/apply:os.system ['touch pwned']")
    _, message, _ = only_problem(load(tmp_path, text))
    assert message == "Die Markierung „tag:yaml.org,2002:python/object/apply:os.system“ ist hier nicht erlaubt."
    assert not (tmp_path / "pwned").exists() and not Path("pwned").exists()


def test_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    bomb = "---\na: &a [x, x, x, x, x, x, x, x, x]\n"
    for level in "bcdefghi":
        previous = chr(ord(level) - 1)
        bomb += f"{level}: &{level} [*{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}]\n"
    started = time.perf_counter()
    _, message, _ = only_problem(load(tmp_path, bomb + "---\n"))
    assert time.perf_counter() - started < 2
    assert message == "Die Angaben vervielfachen sich über Verweise (&/*)."


def test_too_many_single_dates_say_so_with_the_limit(tmp_path: Path) -> None:
    dates = "".join(
        f'  - datum: 2027-{1 + day // 28:02d}-{1 + day % 28:02d}\n    beginn: "15:00"\n' for day in range(500)
    )
    text = offer_text().replace("---\n", f"---\ntermine:\n{dates}", 1)
    _, message, hint = only_problem(load(tmp_path, text))
    assert message.startswith("Im Kopfbereich stehen zu viele Einträge: ") and "höchstens 2.000" in message
    assert "rhythmus" in hint


def test_huge_file_is_refused(tmp_path: Path) -> None:
    _, message, _ = only_problem(load(tmp_path, offer_text(body="x" * 300_000)))
    assert message == "Die Datei ist zu groß (mehr als 256 KB)."


@pytest.mark.parametrize("name", ["Kaffee Klatsch.md", "café.md", "GROSS.md", "a--b.md"])
def test_file_names_must_work_as_addresses(tmp_path: Path, name: str) -> None:
    _, message, hint = only_problem(load(tmp_path, offer_text(), name=name))
    assert message == f"Der Dateiname „{name}“ taugt nicht als Internetadresse."
    assert "Kleinbuchstaben" in hint


def test_front_matter_that_is_not_key_value(tmp_path: Path) -> None:
    _, message, _ = only_problem(load(tmp_path, "---\nnur ein Satz\n---\nText\n"))
    assert message == "Im Kopfbereich stehen keine Angaben der Form „schluessel: wert“."
