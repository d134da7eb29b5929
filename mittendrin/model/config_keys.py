"""Every key config.toml may hold, with its kind, and the check of a file against them: a misspelt key is an error
with its line and the allowed keys, not a setting silently ignored."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass

TEXT, FLAG, WHOLE, NUMBER, DAY, WORDS = "Text", "true oder false", "eine ganze Zahl", "eine Zahl", "ein Datum", "Liste"
# A section is a table of known keys, a list of such tables ([[…]]), or a table of free keys with one kind of value
# (the names in [legal], the language codes).
Table = dict[str, "str | Table"]


@dataclass(frozen=True)
class Entries:
    """[[section]]: a list of tables with these keys."""

    keys: Table


@dataclass(frozen=True)
class FreeKeys:
    """A table whose keys the town chooses, each with a value of this kind."""

    kind: str


SECTIONS: dict[str, Table | Entries | FreeKeys] = {
    "site": {
        "name": TEXT, "short_name": TEXT, "town": TEXT, "state": TEXT, "base_url": TEXT, "tagline": TEXT,
        "campaign": TEXT, "bounds": {"south": NUMBER, "west": NUMBER, "north": NUMBER, "east": NUMBER},
        "postcodes": WORDS, "area_codes": WORDS, "logo": TEXT, "logo_alt": TEXT,
    },
    "gebaerdensprache": {"video": TEXT, "untertitel": TEXT, "dauer": TEXT, "poster": TEXT},
    "repository": {"url": TEXT, "branch": TEXT, "editors": TEXT, "web_team": TEXT},
    "beispiel": {
        "bezirk": TEXT, "stadtteil": TEXT, "ort_name": TEXT, "strasse": TEXT, "plz": TEXT, "telefon": TEXT,
        "lat": NUMBER, "lon": NUMBER,
    },
    "contact": {"office": TEXT, "phone": TEXT, "email": TEXT, "address": TEXT},
    "legal": FreeKeys(TEXT),
    "districts": Entries({"slug": TEXT, "name": TEXT, "quarters": WORDS}),
    "district_hints": FreeKeys(TEXT),
    "age_groups": Entries(
        {"slug": TEXT, "name": TEXT, "range": TEXT, "open_to_all": FLAG, "min_age": WHOLE, "max_age": WHOLE}
    ),
    "categories": Entries({"slug": TEXT, "name": TEXT}),
    "weekdays": Entries({"slug": TEXT, "name": TEXT, "key": TEXT}),
    "feiertage": {"land": TEXT, "bundesland": TEXT},
    "schulferien": Entries({"name": TEXT, "von": DAY, "bis": DAY}),
    "suche": {"synonyme": WORDS, "nicht_im_index": WORDS},
    "languages": FreeKeys(TEXT),
}  # fmt: skip

_EXAMPLES = {TEXT: '"…"', FLAG: "true", WHOLE: "65", NUMBER: "51.5", DAY: "2026-12-23", WORDS: '["…", "…"]'}


def config_problems(data: dict, text: str, name: str) -> list[str]:
    """Every unknown key and every value of the wrong kind in the parsed file, each as "file, Zeile n: …"."""
    lines = text.splitlines()
    found: list[str] = []

    def report(section: str, index: int, key: str, message: str) -> None:
        found.append(f"{name}, Zeile {_line_of(lines, section, index, key)}: {message}")

    for section, value in data.items():
        expected = SECTIONS.get(section)
        if expected is None:
            report(section, 0, "", f"Den Abschnitt [{section}] gibt es nicht.{_known(section, SECTIONS)}")
        elif isinstance(expected, Entries):
            entries = value if isinstance(value, list) else []
            if not isinstance(value, list):
                report(section, 0, "", f"[{section}] ist eine Liste: schreiben Sie jeden Eintrag als [[{section}]].")
            for index, entry in enumerate(entries):
                for key, message in _table_problems(entry, expected.keys, f"[[{section}]]"):
                    report(section, index, key, message)
        elif isinstance(expected, FreeKeys):
            for key, item in value.items() if isinstance(value, dict) else ():
                if not _is(item, expected.kind):
                    report(section, 0, key, _wrong_kind(f"[{section}] {key}", expected.kind))
        elif isinstance(value, dict):
            for key, message in _table_problems(value, expected, f"[{section}]"):
                report(section, 0, key, message)
        else:
            report(section, 0, "", f"[{section}] muss ein Abschnitt sein, kein einzelner Wert.")
    return found


def _table_problems(table: dict, expected: Table, where: str) -> list[tuple[str, str]]:
    problems = []
    for key, value in table.items():
        kind = expected.get(key)
        if kind is None:
            problems.append((key, f"„{key}“ gibt es in {where} nicht.{_known(key, expected)}"))
        elif isinstance(kind, dict):
            if not isinstance(value, dict):
                problems.append((key, f"„{key}“ in {where} ist eine Gruppe: {key} = {{ … }}."))
            else:
                problems += [(key, message) for _, message in _table_problems(value, kind, f"{where} {key}")]
        elif not _is(value, kind):
            problems.append((key, _wrong_kind(f"„{key}“ in {where}", kind)))
    return problems


def _is(value: object, kind: str) -> bool:
    if kind == NUMBER:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if kind == WHOLE:
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == DAY:
        return isinstance(value, dt.date) and not isinstance(value, dt.datetime)
    if kind == WORDS:
        return isinstance(value, list) and all(isinstance(item, str | list) for item in value)
    return isinstance(value, {TEXT: str, FLAG: bool}[kind])


def _wrong_kind(what: str, kind: str) -> str:
    return f"{what} muss {kind} sein, zum Beispiel {_EXAMPLES[kind]}."


def _known(key: str, known: dict) -> str:
    close = difflib.get_close_matches(key, list(known), n=1, cutoff=0.6)
    guess = f" Meinten Sie „{close[0]}“?" if close else ""
    return f"{guess} Erlaubt: {', '.join(known)}."


def _line_of(lines: list[str], section: str, index: int, key: str) -> int:
    """The line of `key` in the `index`-th table named `section` (its header when `key` is empty or not found)."""
    header = re.compile(rf"^\s*\[\[?\s*{re.escape(section)}\s*\]\]?\s*(#.*)?$")
    starts = [n for n, line in enumerate(lines) if header.match(line)]
    if len(starts) <= index:
        return 1
    start = starts[index]
    if key:
        assignment = re.compile(rf'^\s*"?{re.escape(key)}"?\s*=')
        for n in range(start + 1, len(lines)):
            if lines[n].lstrip().startswith("["):
                break
            if assignment.match(lines[n]) or (f"{key} =" in lines[n] and "{" in lines[n]):
                return n + 1
    return start + 1


# Domains reserved for examples (RFC 2606): a value with one of them was never filled in.
_PLACEHOLDER = re.compile(r"\bexample\.(org|com|net)\b|\bbeispiel\.de\b", re.IGNORECASE)


def placeholders(data: dict, text: str, name: str) -> list[str]:
    """Every value of [site], [repository], [contact] and [legal] that is still an example, "file, Zeile n: …"."""
    lines = text.splitlines()
    found = []
    for section in ("site", "repository", "contact", "legal"):
        for key, value in data.get(section, {}).items():
            # base_url is not asked for: a build for publishing is given the address (build --base-url).
            if key != "base_url" and isinstance(value, str) and _PLACEHOLDER.search(value):
                found.append(
                    f"{name}, Zeile {_line_of(lines, section, 0, key)}: [{section}] {key} = „{value}“ ist noch ein "
                    "Beispielwert; tragen Sie die echte Angabe ein."
                )
    return found
