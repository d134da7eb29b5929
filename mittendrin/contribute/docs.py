"""`build.py docs`: every file derived from the field table and config.toml – written, or checked for being current."""

from __future__ import annotations

import json
from pathlib import Path

from mittendrin.content.schema import OFFER_FIELDS
from mittendrin.contribute.reference import SCHEMA_FILE, field_reference, json_schema
from mittendrin.contribute.template import offer_template
from mittendrin.model.config import Config

GUIDE_FILE = Path("CONTRIBUTING.md")
TEMPLATE_FILE = Path("content") / "offers" / "_vorlage.md"
ISSUE_FORM_FILE = Path(".github") / "ISSUE_TEMPLATE" / "angebot-melden.yml"
CODEOWNERS_FILE = Path(".github") / "CODEOWNERS"
REFERENCE_START = "<!-- feldreferenz: Anfang – erzeugt mit `python build.py docs`, bitte nicht von Hand ändern -->"
REFERENCE_END = "<!-- feldreferenz: Ende -->"
# CODEOWNERS is the town's own file: `docs` renews only the lines between these two, and leaves a file without them.
OWNERS_START = "# codeowners: Anfang – erzeugt mit `python build.py docs` aus [repository] in config.toml"
OWNERS_END = "# codeowners: Ende"


def generated_docs(project: Path, config: Config) -> dict[Path, str]:
    """Every generated file with the text it must have now; the guide keeps its hand-written parts, CODEOWNERS
    everything outside its generated block."""
    guide = (project / GUIDE_FILE).read_text(encoding="utf-8")
    before, found, rest = guide.partition(REFERENCE_START)
    _, found_end, after = rest.partition(REFERENCE_END)
    if not (found and found_end):
        raise ValueError(f"{GUIDE_FILE}: Die Markierungen {REFERENCE_START} und {REFERENCE_END} fehlen.")
    files = {
        SCHEMA_FILE: json.dumps(json_schema(config), ensure_ascii=False, indent=2) + "\n",
        GUIDE_FILE: f"{before}{REFERENCE_START}\n\n{field_reference(config)}\n{REFERENCE_END}{after}",
        TEMPLATE_FILE: offer_template(config),
        ISSUE_FORM_FILE: issue_form(config),
    }
    owners_path = project / CODEOWNERS_FILE
    owners = codeowners(owners_path.read_text(encoding="utf-8") if owners_path.exists() else None, config)
    if owners is not None:
        files[CODEOWNERS_FILE] = owners
    return {project / path: text for path, text in files.items()}


def stale_docs(project: Path, config: Config) -> list[Path]:
    """The generated files that are missing or differ from what `docs` would write."""
    return [
        path
        for path, text in generated_docs(project, config).items()
        if not path.exists() or path.read_text(encoding="utf-8") != text
    ]


def write_docs(project: Path, config: Config) -> list[Path]:
    """Write the generated files that are out of date; returns the ones that changed."""
    changed = stale_docs(project, config)
    texts = generated_docs(project, config)
    for path in changed:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(texts[path], encoding="utf-8")
    return changed


def _quoted(text: str) -> str:
    """A YAML scalar that stays text whatever the town writes (a colon, a leading quotation mark)."""
    return json.dumps(text, ensure_ascii=False)


def issue_form(config: Config) -> str:
    """The GitHub issue form „Angebot melden“: the town's name, office, districts, age groups and samples."""
    samples = config.examples
    title = next(f for f in OFFER_FIELDS if f.key == "titel").example
    place = f"{samples.place}, {samples.street}, {samples.postcode} {config.town}"
    districts = [d.name for d in config.districts] + ["weiß ich nicht"]
    ages = [f"{a.name} ({a.detail})" if a.detail and not a.open_to_all else a.name for a in config.age_groups]
    district_options = "".join(f"        - {_quoted(name)}\n" for name in districts)
    age_options = "".join(f"        - label: {_quoted(age)}\n" for age in ages)
    return f"""\
# For everyone who cannot or does not want to make a pull request: the office turns this into an offer file.
# Written by `python build.py docs` from config.toml (districts, age groups, [contact] office, [beispiel]).
name: Angebot melden
description: {_quoted(f"Ein Begegnungsangebot in {config.town} melden – wir tragen es für Sie ein.")}
title: "Neues Angebot: "
labels: ["angebot"]
body:
  - type: markdown
    attributes:
      value: |
        Danke! Füllen Sie aus, was Sie wissen. Eingetragen wird das Angebot von: {config.contact.office}.
        Bei Rückfragen melden wir uns. Bitte keine privaten Daten von Teilnehmenden eintragen.
  - type: input
    id: titel
    attributes:
      label: Name des Angebots
      placeholder: {_quoted(title)}
    validations:
      required: true
  - type: input
    id: traeger
    attributes:
      label: Träger (Verein, Gemeinde, Einrichtung)
    validations:
      required: true
  - type: dropdown
    id: bezirk
    attributes:
      label: Stadtbezirk
      options:
{district_options}\
    validations:
      required: true
  - type: input
    id: ort
    attributes:
      label: Adresse (oder „nur telefonisch/online“)
      placeholder: {_quoted(place)}
    validations:
      required: true
  - type: textarea
    id: termine
    attributes:
      label: Wann findet es statt?
      placeholder: jeden Dienstag und Donnerstag, 15 bis 17 Uhr
    validations:
      required: true
  - type: checkboxes
    id: altersgruppen
    attributes:
      label: Für wen?
      options:
{age_options}\
  - type: textarea
    id: beschreibung
    attributes:
      label: Was passiert dort? Kosten, Anmeldung, Barrierefreiheit
      placeholder: Wir trinken Kaffee und erzählen. Kostenlos, ohne Anmeldung, stufenlos erreichbar.
    validations:
      required: true
  - type: input
    id: kontakt
    attributes:
      label: Kontakt für Interessierte (Telefon, E-Mail oder Internetseite)
    validations:
      required: true
  - type: checkboxes
    id: einverstanden
    attributes:
      label: Veröffentlichung
      options:
        - label: Der Träger ist einverstanden, dass das Angebot mit diesen Kontaktdaten veröffentlicht wird.
          required: true
"""


def codeowners(existing: str | None, config: Config) -> str | None:
    """.github/CODEOWNERS with its generated block renewed; a new file when there is none; None (leave it) for a
    file without the block, which the town keeps by hand."""
    editors, web = config.repository_editors, config.repository_web_team
    block = f"""\
{OWNERS_START}
# Offer files: the office reviews every new or changed offer.
/content/offers/            {editors}
# Vocabularies and site settings: the office together with the web team.
/config.toml                {editors} {web}
# Code, templates, workflows: the web team.
/mittendrin/                {web}
/templates/                 {web}
/assets/                    {web}
/.github/                   {web}
{OWNERS_END}
"""
    if existing is None:
        return (
            "# Who approves which changes. The accounts come from [repository] editors and web_team in config.toml.\n"
            f"{block}"
            "# An association with a GitHub account can be named for its own files below (a later line wins); the\n"
            "# monthly reminders then name it, for example:\n"
            "# /content/offers/kaffeeklatsch-*.md  @verein-kaffeeklatsch\n"
        )
    before, found, rest = existing.partition(OWNERS_START)
    _, found_end, after = rest.partition(OWNERS_END + "\n")
    if not (found and found_end):
        return None
    return f"{before}{block}{after}"
