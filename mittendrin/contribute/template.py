"""content/offers/_vorlage.md from the field table and the town's samples: every field explained, a valid offer."""

from __future__ import annotations

import textwrap

from mittendrin.content.load import suggest_slug
from mittendrin.content.schema import GROUPS, OFFER_FIELDS, Field, filled
from mittendrin.contribute.reference import MODELINE, allowed_values
from mittendrin.model.config import Config

WIDTH = 118
HEADER = (
    "Vorlage für ein neues Angebot. Kopieren Sie diese Datei nach content/offers/<name>.md (Name: nur "
    "Kleinbuchstaben, Ziffern und Bindestriche, zum Beispiel {slug}.md). Dateien, deren Name mit _ beginnt, "
    "werden nie veröffentlicht. Alle Angaben erklärt CONTRIBUTING.md. Einrücken nur mit Leerzeichen, nie mit der "
    "Tab-Taste. Zeilen mit # sind Erklärungen und dürfen bleiben; ein Feld mit # davor gilt erst, wenn Sie das # "
    "löschen. Diese Datei erzeugt „python build.py docs“ aus der Felddefinition und config.toml."
)
# Optional fields shown as a comment, to be switched on: most offers do without them.
COMMENTED = {("", "online"), ("", "gueltig_ab"), ("", "gueltig_bis"), ("ort", "ort"), ("ort", "lat")}
COMMENTED |= {("ort", "lon"), ("kontakt", "web")}
# The kinds of appointment and of cancellation can't be shown by one example each; these lines show them all.
SCHEDULE = """\
  - tage: [di, do]                # jede Woche
    von: "15:00"
    bis: "17:00"
  # - tage: [mi]
  #   rhythmus: 14-taeglich       # alle 14 Tage, gezählt ab dem Datum bei "ab"
  #   ab: 2026-01-07
  #   von: "18:00"
  #   bis: "20:00"
  # - tage: [sa]
  #   rhythmus: monatlich
  #   woche: [1, 3]               # 1. und 3. Samstag im Monat; -1 = letzter
  #   von: "10:00"
  #   bis: "12:00"
  # - datum: 2026-12-12           # ein einzelner Termin
  #   von: "14:00"
  #   bis: "18:00"
  # - nach_vereinbarung: true
  # Bei jedem regelmäßigen Termin möglich: Pause in den Schulferien und/oder an Feiertagen
  #   nicht_in: [schulferien, feiertage]
"""
CANCELLATIONS = """\
#   - 2026-12-24                  # ein einzelner Tag
#   - datum: 2026-12-31           # ein Tag mit Grund, der angezeigt wird
#     grund: Silvester
#   - von: 2027-07-19             # eine Pause, beide Tage zählen mit
#     bis: 2027-08-31
#     grund: Sommerpause
"""
BODY = """\
Hier beschreiben Sie Ihr Angebot in ganzen Sätzen: Was passiert? Wer kommt? Wie findet man hin?

Sätze mit Doppelpunkt sind hier unten im Text kein Problem – nur oben im Kopfbereich brauchen sie Anführungszeichen.
"""


def offer_template(config: Config) -> str:
    """The template: each field with its help as a comment and the town's example as its value."""
    slug = f"kaffeeklatsch-{suggest_slug(config.examples.quarter)}"
    lines = ["---", MODELINE, *_comment(HEADER.format(slug=slug), "")]
    for field in (filled(f, config) for f in OFFER_FIELDS):
        lines += _comment(_explained(field, config), "")
        if field.key == "termine":
            lines += ["termine:", *SCHEDULE.splitlines()]
        elif field.key == "faellt_aus":
            lines += ["# faellt_aus:", *CANCELLATIONS.splitlines()]
        elif field.key in GROUPS:
            lines.append(f"{field.key}:")
            for part in (filled(f, config) for f in GROUPS[field.key]):
                lines += _comment(_explained(part, config), "  ")
                lines.append(_line(part, field.key, "  "))
        else:
            lines.append(_line(field, "", ""))
    return "\n".join(lines) + "\n---\n" + BODY


def _explained(field: Field, config: Config) -> str:
    values = [str(v) for v in allowed_values(field, config)]
    text = f"{field.label}{' (Pflicht)' if field.required else ''}: {field.help}"
    if values and field.kind in ("district", "age_groups", "categories"):
        text += " Erlaubt: " + (", ".join(values[:-1]) + " oder " if len(values) > 1 else "") + values[-1] + "."
    if field.max_length:
        text += f" Höchstens {field.max_length} Zeichen."
    return text


def _comment(text: str, indent: str) -> list[str]:
    prefix = f"{indent}# "
    return textwrap.wrap(text, WIDTH, initial_indent=prefix, subsequent_indent=prefix, break_on_hyphens=False)


def _line(field: Field, group: str, indent: str) -> str:
    hidden = "# " if (group, field.key) in COMMENTED else ""
    return f"{indent}{hidden}{field.key}: {field.example}"
