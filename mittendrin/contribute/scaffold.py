"""`build.py new`: asks for the essentials of an offer (or takes them as options) and writes a valid file for it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import yaml

from mittendrin.content.load import load_offer, suggest_slug
from mittendrin.content.problems import Problem
from mittendrin.content.schema import GROUPS, LIST_KINDS, OFFER_FIELDS, Field, filled
from mittendrin.content.validate import clock_time, lookup, validate
from mittendrin.contribute.reference import MODELINE, allowed_values
from mittendrin.model.config import Config, District, Term

Ask = Callable[[str], str]
BODY = "Beschreiben Sie hier Ihr Angebot in ganzen Sätzen: Was passiert? Wer kommt? Wie findet man hin?\n"


def _field(fields: tuple[Field, ...], key: str) -> Field:
    return next(f for f in fields if f.key == key)


# What `new` asks, in this order: (group in the file, field). Optional ones may be left empty.
QUESTIONS: tuple[tuple[str, Field], ...] = (
    *(("", _field(OFFER_FIELDS, key)) for key in ("titel", "kurzbeschreibung", "traeger", "bezirk", "stadtteil")),
    *(("", _field(OFFER_FIELDS, key)) for key in ("altersgruppen", "kategorien")),
    *(("termine", _field(GROUPS["termine"], key)) for key in ("tage", "von", "bis")),
    *(("ort", _field(GROUPS["ort"], key)) for key in ("name", "strasse", "plz")),
    *(("", _field(OFFER_FIELDS, key)) for key in ("kosten", "anmeldung", "einfach")),
    *(("kontakt", _field(GROUPS["kontakt"], key)) for key in ("telefon", "email", "web")),
)
_REQUIRED_HERE = {"tage", "von", "bis"}  # required in the one appointment that `new` writes
_DEFAULTS = {"kosten": "kostenlos", "anmeldung": "nein"}


def option_name(group: str, key: str) -> str:
    """The command-line option for a question, by its group and key in the file: --titel, --ort-name, --tage …"""
    return f"{group}-{key}" if group == "ort" and key == "name" else key


def ask_missing(answers: dict[str, str | None], ask: Ask, config: Config) -> dict[str, str]:
    """Ask for every answer not given as an option (None); an empty answer keeps the default. Quotation marks
    around an answer are dropped: the field help speaks of the file, where times and numbers stand in quotes."""
    result = {name: unquoted(value) for name, value in answers.items() if value is not None}
    for group, table_field in QUESTIONS:
        name = option_name(group, table_field.key)
        if name in result:
            continue
        field = filled(table_field, config)
        default = _DEFAULTS.get(field.key, "")
        required = field.required or field.key in _REQUIRED_HERE
        mark = "" if required or default else " (freiwillig)"
        suffix = f" [{default}]" if default else ""
        choices = _choices(field, result.get("bezirk", ""), config)
        result[name] = unquoted(ask(f"{field.label}{mark} – {field.help}{suffix}{choices}\n> ")) or default
    return result


def _choices(field: Field, district_answer: str, config: Config) -> str:
    """The words a field takes, on a line of their own: at a prompt there is no list to look them up in. For the
    quarter, those of the district just answered (all of the town's would be a page long)."""
    if field.kind == "quarter":
        district = lookup(district_answer, config.districts)
        quarters = district.quarters if isinstance(district, District) else ()
        return f"\n  Zum Beispiel: {', '.join(quarters)}" if quarters else ""
    values = allowed_values(field, config)
    several = " (mehrere mit Komma getrennt)" if field.kind in LIST_KINDS else ""
    return f"\n  Erlaubt{several}: {', '.join(map(str, values))}" if values else ""


def unquoted(answer: str) -> str:
    """The answer without surrounding quotation marks, straight or German: "15:00", „15:00“, '15:00' → 15:00."""
    answer = answer.strip()
    for opening, closing in (('"', '"'), ("'", "'"), ("„", "“"), ("“", "”"), ("»", "«")):
        if len(answer) >= 2 and answer.startswith(opening) and answer.endswith(closing):
            return answer[1:-1].strip()
    return answer


def answers_to_correct(problems: list[Problem], answers: dict[str, str], config: Config, today: dt.date) -> set[str]:
    """The questions whose answers stand on the lines of the errors in the file written from `answers`; empty when
    an error belongs to no single answer (a missing place, the whole file)."""
    asked: dict[int, str] = {}
    group = ""
    for number, line in enumerate(offer_file_text(answers, config, today).splitlines(), start=1):
        key = line.strip().removeprefix("- ").split(":", 1)[0]
        group = group if line.startswith(" ") else key
        asked[number] = option_name(group, key) if line.startswith(" ") else key
    questions = {option_name(group, field.key) for group, field in QUESTIONS}
    wrong = {asked.get(p.line, "") for p in problems if p.is_error}
    return wrong if wrong <= questions else set()


class _Dumper(yaml.SafeDumper):
    """Block style like the template, but short lists on one line: altersgruppen: [senioren, alle]."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


_Dumper.add_representer(
    list,
    lambda dumper, items: dumper.represent_sequence(
        "tag:yaml.org,2002:seq", items, flow_style=all(isinstance(item, str) for item in items)
    ),
)


def offer_file_text(answers: dict[str, str], config: Config, today: dt.date) -> str:
    """The offer file for the answers, in the order of the template, pointing editors at the JSON Schema.

    Words from a vocabulary are written as the template does (wanne → Wanne, Dienstag → di); anything not
    recognised stays as given, so that the check names it."""

    def get(name: str) -> str:
        return unquoted(answers.get(name, ""))

    def listed(name: str, terms: tuple[Term, ...]) -> list[str]:
        parts = [part.strip() for part in get(name).split(",") if part.strip()]
        # "Dienstags" as well as "Dienstag": people name the day of a regular offer with the adverb
        found = [lookup(part, terms) or lookup(part.removesuffix("s"), terms) for part in parts]
        return [term.code if term else part for term, part in zip(found, parts, strict=True)]

    def time(name: str) -> str:
        clock = clock_time(get(name))
        return clock.strftime("%H:%M") if clock else get(name)

    district = lookup(get("bezirk"), config.districts)
    front: dict[str, object] = {key: get(key) for key in ("titel", "kurzbeschreibung", "traeger")}
    front["bezirk"] = district.name if district else get("bezirk")
    if get("stadtteil"):
        front["stadtteil"] = get("stadtteil")
    front["altersgruppen"] = listed("altersgruppen", config.age_groups)
    front["kategorien"] = listed("kategorien", config.categories)
    front["termine"] = [{"tage": listed("tage", config.weekdays), "von": time("von"), "bis": time("bis")}]
    if get("strasse") or get("plz"):
        place = {"name": get("ort-name"), "strasse": get("strasse"), "plz": get("plz")}
        front["ort"] = {key: value for key, value in place.items() if value}
    else:
        front["online"] = True
    front |= {"kosten": get("kosten") or "kostenlos", "anmeldung": get("anmeldung") or "nein"}
    if get("einfach"):
        front["einfach"] = get("einfach")
    front["kontakt"] = {key: get(key) for key in ("telefon", "email", "web") if get(key)}
    front["geprueft_am"] = today.isoformat()
    dumped = yaml.dump(front, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{MODELINE}\n{dumped}---\n{BODY}"


def free_slug(folder: Path, answers: dict[str, str]) -> str:
    """A file name from title and place that no file in the folder has yet."""
    title, quarter = suggest_slug(answers.get("titel", "")), suggest_slug(answers.get("stadtteil", ""))
    named = answers.get("stadtteil") and f"-{quarter}-" not in f"-{title}-"  # "Kaffeeklatsch Börnig" names it
    base = (f"{title}-{quarter}" if named else title)[:70]
    slug, number = base.strip("-"), 2
    while (folder / f"{slug}.md").exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def new_offer(content: Path, answers: dict[str, str], config: Config, today: dt.date) -> Path | list[Problem]:
    """Write the offer file if it passes the check; otherwise nothing is written and the problems come back."""
    folder = content / "offers"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{free_slug(folder, answers)}.md"
    with path.open("x", encoding="utf-8") as file:  # "x": never overwrite, even if the name was taken meanwhile
        file.write(offer_file_text(answers, config, today))
    raw = load_offer(path, str(path))
    problems = raw if isinstance(raw, list) else validate(raw, config, today)[1]
    if any(p.is_error for p in problems):
        path.unlink()
        return [p for p in problems if p.is_error]
    return path
