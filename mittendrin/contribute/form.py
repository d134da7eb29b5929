"""The page "Angebot eintragen": its form, laid out from the one field table so that form, check and guide agree."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from mittendrin.content.schema import GROUPS, OFFER_FIELDS, Field, filled
from mittendrin.contribute.reference import MODELINE, PATTERNS, allowed_values
from mittendrin.model.config import Config

# How each kind of field is entered. Kinds missing here (coordinates) are left to the file itself.
CONTROLS = {
    "text": "text",
    "registration": "text",
    "district": "select",
    "quarter": "quarter",
    "age_groups": "checkboxes",
    "categories": "checkboxes",
    "languages": "checkboxes",
    "weekdays": "checkboxes",
    "weeks": "checkboxes",
    "date": "date",
    "time": "time",
    "bool": "yes-no",
    "postcode": "postcode",
    "phone": "tel",
    "email": "email",
    "url": "url",
}
# Help texts written for the file that would mislead in a form ("in Anführungszeichen", "als Liste", "true");
# {plz} and {telefon} are the town's samples, as in the field table.
FORM_HELP = {
    "time": "",
    "date": "",
    "bool": "",
    "postcode": "Fünf Ziffern, zum Beispiel {plz}.",
    "phone": "Mit Vorwahl, zum Beispiel {telefon}.",
    "age_groups": "„Alle Generationen“ heißt: offen für jedes Alter.",
    "categories": "",
    "weekdays": "",
    "weeks": "",
    "languages": "",
}
# Said next to a field whose text does not match the validator's pattern (reference.PATTERNS).
PATTERN_MESSAGES = {
    "time": "Bitte eine Uhrzeit wie 15:00 eintragen.",
    "postcode": "Eine Postleitzahl hat fünf Ziffern.",
    "phone": "Das ist keine vollständige Telefonnummer: nur Ziffern, Leerzeichen, / und -, mit Vorwahl.",
    "email": "Eine E-Mail-Adresse hat die Form name@beispiel.de, ohne Leerzeichen.",
    "url": "Schreiben Sie die vollständige Adresse mit https:// am Anfang.",
}
LONG_TEXT = 200  # from this many characters a field gets a text area
WEEK_NAMES = {1: "1. Woche", 2: "2. Woche", 3: "3. Woche", 4: "4. Woche", -1: "letzte Woche"}
# The form asks for the kind of appointment once, instead of "rhythmus" and "nach_vereinbarung".
APPOINTMENT_KINDS = (
    ("woechentlich", "jede Woche"),
    ("14-taeglich", "alle 14 Tage"),
    ("monatlich", "einmal oder mehrmals im Monat"),
    ("datum", "an einem einzelnen Tag"),
    ("nach_vereinbarung", "nach Vereinbarung"),
)
# Every field of the table has its place here, but for the few a new offer is not asked for (test_contribute.py).
SECTIONS = (
    ("Das Angebot", "", ("titel", "kurzbeschreibung", "einfach", "traeger", "kategorien", "altersgruppen")),
    ("Wo", "", ("bezirk", "stadtteil", "online")),
    ("Adresse", "ort", ("name", "strasse", "plz", "ort")),
    ("Wann", "termine", ("tage", "woche", "datum", "ab", "von", "bis", "bis_datum", "hinweis")),
    ("Kosten, Anmeldung, Sprachen", "", ("kosten", "anmeldung", "sprachen")),
    ("Barrierefreiheit", "barrierefreiheit", ("stufenlos", "rollstuhl_wc", "hoerschleife", "hinweis")),
    ("Kontakt", "kontakt", ("name", "telefon", "email", "web")),
    ("Bestätigung", "", ("geprueft_am", "gueltig_bis")),
)


@dataclass(frozen=True)
class FormField:
    name: str  # "titel", "ort.strasse", "termine.tage"
    label: str
    help: str
    control: str  # text, textarea, select, quarter, checkboxes, date, time, yes-no, checkbox, postcode, tel, email, url
    required: bool
    max_length: int
    choices: tuple[tuple[str, str], ...] = ()  # (value written to the file, label)
    value: str = ""  # preset
    pattern: str = ""  # the validator's pattern, checked by the form's script
    pattern_message: str = ""

    @property
    def id(self) -> str:
        return "feld-" + self.name.replace(".", "-").replace("_", "-")


@dataclass(frozen=True)
class FormSection:
    title: str
    group: str  # "" for the top level, else "termine", "ort" …
    fields: tuple[FormField, ...]


@dataclass(frozen=True)
class EntryForm:
    sections: tuple[FormSection, ...]
    appointment_kinds: tuple[tuple[str, str], ...]
    quarters: tuple[tuple[str, tuple[str, ...]], ...]  # district name → its quarters
    new_file_url: str  # GitHub's "create new file" page in the offers folder; empty without a repository
    modeline: str
    file_order: tuple[tuple[str, str, tuple[str, ...]], ...] = ()  # what the script writes: see file_order()


def entry_form(config: Config, today: dt.date) -> EntryForm:
    """Everything the form page shows, from the field table and the town's vocabularies."""
    sections = []
    samples = config.examples.placeholders  # the town's samples in the help texts: {plz} → 44628
    for title, group, keys in SECTIONS:
        table = GROUPS[group] if group else OFFER_FIELDS
        fields = {f.key: filled(f, config) for f in table}
        shown = (_form_field(fields[key], group, config, today) for key in keys)
        sections.append(FormSection(title, group, tuple(replace(f, help=f.help.format_map(samples)) for f in shown)))
    new_file_url = ""
    if config.repository_url:
        new_file_url = f"{config.repository_url}/new/{config.repository_branch}/content/offers"
    return EntryForm(
        sections=tuple(sections),
        appointment_kinds=APPOINTMENT_KINDS,
        quarters=tuple((d.name, d.quarters) for d in config.districts),
        new_file_url=new_file_url,
        modeline=MODELINE,
        file_order=file_order(),
    )


def file_order() -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """The offer file's fields the form asks for, in the order of the field table, each with its kind and, for a
    group, the keys the form asks within it: the script writes the file from this, so a field added to the table
    and to SECTIONS needs no change to the script."""
    asked = {key for _, group, keys in SECTIONS if not group for key in keys}
    groups = {group: keys for _, group, keys in SECTIONS if group}
    return tuple((f.key, f.kind, groups.get(f.key, ())) for f in OFFER_FIELDS if f.key in asked or f.key in groups)


def _form_field(field: Field, group: str, config: Config, today: dt.date) -> FormField:
    name = f"{group}.{field.key}" if group else field.key
    control = CONTROLS[field.kind]
    if field.kind == "text" and field.max_length >= LONG_TEXT:
        control = "textarea"
    if field.key == "online":
        control = "checkbox"
    values = allowed_values(field, config)
    names = {
        "district": {d.name: d.name for d in config.districts},
        "age_groups": {a.code: f"{a.name} ({a.detail})" if a.detail else a.name for a in config.age_groups},
        "categories": {c.code: c.name for c in config.categories},
        "weekdays": {w.code: w.name for w in config.weekdays},
        "languages": config.languages,
        "weeks": {str(w): label for w, label in WEEK_NAMES.items()},
    }.get(field.kind, {})
    presets = {"geprueft_am": today.isoformat(), "sprachen": "de", "ort.ort": config.town}
    town_help = f"Ohne Angabe gilt {config.town}."  # the file's help names the config, which residents do not know
    return FormField(
        name=name,
        label=field.label,
        help=town_help if name == "ort.ort" else FORM_HELP.get(field.kind, field.help),
        control=control,
        required=field.required and field.key != "termine",
        max_length=field.max_length,
        choices=tuple((str(v), names.get(str(v), str(v))) for v in values),
        value=presets.get(name, ""),
        pattern=PATTERNS.get(field.kind, ""),
        pattern_message=PATTERN_MESSAGES.get(field.kind, ""),
    )
