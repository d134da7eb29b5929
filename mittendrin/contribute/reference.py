"""Derives what associations read from the one field table: the JSON Schema for editors and the field reference."""

from __future__ import annotations

import re
from pathlib import Path

from mittendrin.content.schema import GROUPS, LIST_KINDS, OFFER_FIELDS, Field, filled
from mittendrin.content.validate import EMAIL_PATTERN as EMAIL
from mittendrin.content.validate import TIME_PATTERN as TIME
from mittendrin.content.validate import URL_PATTERN as URL
from mittendrin.dates.occurrences import PAUSE_KINDS
from mittendrin.model.config import Config
from mittendrin.model.offer import Rhythm
from mittendrin.model.phone import PHONE_PATTERN as PHONE

SCHEMA_FILE = Path("schema") / "angebot.schema.json"
# Line 2 of every offer file: the YAML language server reads it anywhere in the YAML part (line 1 must be ---).
MODELINE = f"# yaml-language-server: $schema=../../{SCHEMA_FILE.as_posix()}"
RHYTHMS = (Rhythm.WEEKLY.value, Rhythm.BIWEEKLY.value, Rhythm.MONTHLY.value)
WEEKS = (1, 2, 3, 4, -1)


def _ecmascript(pattern: re.Pattern[str]) -> str:
    """A validator pattern as editors and browsers read it: no flags, no escaped quotes (invalid with /u)."""
    text = pattern.pattern.replace('\\"', '"').replace("\\'", "'")
    return text.replace("uhr", "[Uu][Hh][Rr]") if pattern.flags & re.IGNORECASE else text


# The validator's own patterns, so that the editor, the form and `check` accept the same text.
PATTERNS = {
    "time": _ecmascript(TIME),
    "postcode": r"^\d{5}$",
    "phone": _ecmascript(PHONE),
    "email": _ecmascript(EMAIL),
    # `check` completes "www.…" with https://, so the editor accepts it too
    "url": _ecmascript(URL).replace("^https?://", "^(?:[Hh][Tt][Tt][Pp][Ss]?://|[Ww][Ww][Ww]\\.)"),
}
_DATE = {"type": "string", "pattern": r"^\d{4}-\d{1,2}-\d{1,2}$|^\d{1,2}\.\s?\d{1,2}\.\s?\d{4}$", "format": "date"}
_GROUP_KINDS = ("schedule", "place", "accessibility", "contact")  # their fields are in schema.GROUPS
_PLAIN_KINDS: dict[str, dict] = {
    "text": {"type": "string"},
    "registration": {"type": "string"},
    "date": _DATE,
    "bool": {"type": "boolean"},
    "coordinate": {"type": "number"},
    "quarter": {"type": "string"},
    **{kind: {"type": "string", "pattern": pattern} for kind, pattern in PATTERNS.items()},
}


def allowed_values(field: Field, config: Config) -> tuple[str | int, ...]:
    """The vocabulary a field takes its values from, as written in offer files; empty for free fields."""
    vocabularies: dict[str, tuple[str | int, ...]] = {
        "district": tuple(d.name for d in config.districts),
        "quarter": tuple(q for d in config.districts for q in d.quarters),
        "age_groups": tuple(a.code for a in config.age_groups),
        "categories": tuple(c.code for c in config.categories),
        "languages": tuple(config.languages),
        "weekdays": tuple(w.code for w in config.weekdays),
        "rhythm": RHYTHMS,
        "weeks": WEEKS,
        "pauses": PAUSE_KINDS,
    }
    return vocabularies.get(field.kind, ())


def json_schema(config: Config) -> dict:
    """A JSON Schema (draft 2020-12) of the front matter, with German titles, for the YAML language server."""
    schema = _object(OFFER_FIELDS, config)
    schema["if"] = {"properties": {"online": {"const": True}}, "required": ["online"]}
    schema["else"] = {"required": ["ort"]}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "angebot.schema.json",
        "title": f"Begegnungsangebot für {config.name}",
        "description": "Die Angaben im Kopfbereich einer Angebotsdatei (content/offers/<name>.md).",
        **schema,
    }


def _object(fields: tuple[Field, ...], config: Config) -> dict:
    return {
        "type": "object",
        "properties": {f.key: _property(filled(f, config), config) for f in fields},
        "required": [f.key for f in fields if f.required],
        "additionalProperties": False,
    }


def _property(field: Field, config: Config) -> dict:
    described = {"title": field.label, "description": field.help}
    if field.kind in _GROUP_KINDS:
        group = _object(GROUPS[field.key], config)
        if field.key == "termine":
            return {**described, "type": "array", "minItems": 1, "items": group}
        if field.key == "kontakt":
            group["anyOf"] = [{"required": [key]} for key in ("telefon", "email", "web")]
        return {**described, **group}
    if field.kind == "cancellations":
        one_day = {
            **_object(GROUPS[field.key], config),
            "oneOf": [{"required": ["datum"]}, {"required": ["von", "bis"]}],
        }
        return {**described, "type": "array", "minItems": 1, "items": {"anyOf": [_DATE, one_day]}}
    values = allowed_values(field, config)
    if field.kind == "weekdays":  # long names are accepted as well, so the editor must not mark them
        values = values + tuple(w.name for w in config.weekdays)
    if field.kind in LIST_KINDS:
        return {**described, "type": "array", "minItems": 1, "uniqueItems": True, "items": {"enum": list(values)}}
    if field.kind in ("district", "rhythm"):
        return {**described, "enum": list(values)}
    schema = {**described, **_PLAIN_KINDS[field.kind]}
    if field.kind == "quarter":
        schema["examples"] = list(values)
    if field.max_length:
        schema["maxLength"] = field.max_length
    return schema


def field_reference(config: Config) -> str:
    """The field reference of CONTRIBUTING.md in Markdown: one table for the offer, one per group."""
    parts = [_table("Die Angaben eines Angebots", OFFER_FIELDS, config)]
    titles = {"termine": "Jeder Termin unter „termine“", "faellt_aus": "Jeder Eintrag unter „faellt_aus“"}
    titles |= {"ort": "Unter „ort“"}
    titles |= {"barrierefreiheit": "Unter „barrierefreiheit“", "kontakt": "Unter „kontakt“"}
    parts += [_table(titles[key], fields, config) for key, fields in GROUPS.items()]
    return "\n".join(parts)


def _table(title: str, fields: tuple[Field, ...], config: Config) -> str:
    rows = [f"### {title}", "", "| Angabe | Pflicht | Bedeutung | Werte und Beispiel |", "|---|---|---|---|"]
    for field in (filled(f, config) for f in fields):
        values = allowed_values(field, config)
        shown = (
            ("Bekannt: " if field.kind == "quarter" else "Erlaubt: ") + ", ".join(f"`{v}`" for v in values)
            if values
            else ""
        )
        if field.example:
            shown += ("<br>" if shown else "") + f"Beispiel: `{field.key}: {field.example}`"
        if field.max_length:
            shown += ("<br>" if shown else "") + f"höchstens {field.max_length} Zeichen"
        required = "ja" if field.required else "nein"
        rows.append(f"| `{field.key}` ({field.label}) | {required} | {field.help} | {shown} |")
    return "\n".join(rows) + "\n"
