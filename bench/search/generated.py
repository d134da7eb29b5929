"""Search queries for bench/generate.py's offers: the expected offers are computed by rules from the generated files.

The generator writes titles "<activity> <place> <quarter>" and bodies from a few shared sentences, so a rule can say
exactly which offers a resident means: "Spaziergang" the Spaziergruppen, "Wanne" the offers in the district Wanne.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

DAYS = ["mo", "di", "mi", "do", "fr", "sa", "so"]
# What the 1,000-offer site (seed 7) reaches, measured (see README.md); the runner's defaults with --generated.
THRESHOLDS = {"min_recall": 0.974, "min_precision": 0.982}


@dataclass(frozen=True)
class Generated:
    """What the rules look at in one generated offer file."""

    slug: str
    activity: str  # the first word of the title, one of generate.ACTIVITIES
    district: str
    quarter: str
    ages: frozenset[str]
    days: frozenset[str]  # weekdays of weekly entries and single dates
    online: bool
    costs: str
    step_free: bool
    wheelchair_wc: bool
    body: str


def read_offers(content: Path) -> list[Generated]:
    """Every offer file of a generated content folder."""
    offers = []
    for path in sorted((content / "offers").glob("*.md")):
        _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
        data = yaml.load(front, Loader=yaml.CSafeLoader)
        days = {day for entry in data["termine"] for day in entry.get("tage", ())}
        days |= {DAYS[entry["datum"].weekday()] for entry in data["termine"] if isinstance(entry.get("datum"), dt.date)}
        access = data["barrierefreiheit"]
        offers.append(
            Generated(
                slug=path.stem,
                activity=data["titel"].split()[0],
                district=data["bezirk"],
                quarter=data["stadtteil"],
                ages=frozenset(data["altersgruppen"]),
                days=frozenset(days),
                online=bool(data.get("online")),
                costs=data["kosten"],
                step_free=access["stufenlos"],
                wheelchair_wc=access["rollstuhl_wc"],
                body=body,
            )
        )
    return offers


Rule = Callable[[Generated], bool]
never: Rule = lambda o: False  # noqa: E731


def activity(*names: str) -> Rule:
    return lambda o: o.activity in names


def district(name: str) -> Rule:
    return lambda o: o.district == name


def quarter(name: str) -> Rule:
    return lambda o: o.quarter == name


def ages(*groups: str) -> Rule:
    return lambda o: bool(o.ages & set(groups))


def mentions(word: str) -> Rule:
    return lambda o: word in o.body


def either(*rules: Rule) -> Rule:
    return lambda o: any(rule(o) for rule in rules)


def neither(*rules: Rule) -> Rule:
    return lambda o: not any(rule(o) for rule in rules)


def accessible(o: Generated) -> bool:
    return o.step_free and o.wheelchair_wc


# (query, why, expect, also, forbid)
RULES: list[tuple[str, str, Rule, Rule, Rule]] = [
    ("Erzählcafé", "The activity by name; no other activity.", activity("Erzählcafé"), never, neither(activity("Erzählcafé"))),
    ("Erzaehlcafe", "Umlaut as ae, no accent.", activity("Erzählcafé"), never, neither(activity("Erzählcafé"))),
    ("Lauftreff", "The activity by name; no other activity.", activity("Lauftreff"), never, neither(activity("Lauftreff"))),
    ("Treff", "Compounds: Lauftreff and Schachtreff (every page also has a „Treffpunkt“).", activity("Lauftreff", "Schachtreff"), never, never),
    ("Café", "Compounds: Erzählcafé, Sprachcafé, Repair-Café.", activity("Erzählcafé", "Sprachcafé", "Repair-Café"), never, never),
    ("Hilfe", "Compounds: Handyhilfe and Hausaufgabenhilfe.", activity("Handyhilfe", "Hausaufgabenhilfe"), never, never),
    ("Spaziergang", "A walk: the Spaziergruppen.", activity("Spaziergruppe"), never, never),
    ("Tanz", "Compound: the Tanztee.", activity("Tanztee"), never, never),
    ("Frühstück", "Compound: the Nachbarschaftsfrühstück.", activity("Nachbarschaftsfrühstück"), never, never),
    ("Fahrrad", "Compound: the Fahrradwerkstatt.", activity("Fahrradwerkstatt"), never, never),
    ("Reparatur", "The Repair-Café (a word its pages do not use); the Fahrradwerkstatt is fine too.", activity("Repair-Café"), activity("Fahrradwerkstatt"), never),
    ("Singen", "The Singkreis.", activity("Singkreis"), never, never),
    ("Schach", "Compound: the Schachtreff.", activity("Schachtreff"), never, never),
    ("Wanne", "The district Wanne; Wanne-Süd (district Eickel) is fine, nothing else.", district("Wanne"), quarter("Wanne-Süd"), neither(district("Wanne"), quarter("Wanne-Süd"))),
    ("Sodingen", "The district Sodingen, nothing from other districts.", district("Sodingen"), never, neither(district("Sodingen"))),
    ("Röhlinghausen", "The quarter, nothing from other quarters.", quarter("Röhlinghausen"), never, neither(quarter("Röhlinghausen"))),
    ("Crange", "The quarter, nothing from other quarters.", quarter("Crange"), never, neither(quarter("Crange"))),
    ("Handyhilfe Horsthausen", "Both words: the Handyhilfe in Horsthausen; either one alone is fine, neither is not.", lambda o: o.activity == "Handyhilfe" and o.quarter == "Horsthausen", either(activity("Handyhilfe"), quarter("Horsthausen")), neither(activity("Handyhilfe"), quarter("Horsthausen"))),
    ("Senioren", "Age group senioren or alle; never one only for children, teenagers or young adults.", ages("senioren", "alle"), ages("erwachsene"), neither(ages("senioren", "alle", "erwachsene"))),
    ("Kinder", "Age group kinder or alle; offers that welcome children in their text are fine; no others.", ages("kinder", "alle"), mentions("Kinder"), neither(ages("kinder", "alle"), mentions("Kinder"))),
    ("Mittwoch", "Every offer meeting on a Wednesday.", lambda o: "mi" in o.days, never, never),
    ("kostenlos", "Free offers; none that names a price in euros.", lambda o: o.costs == "kostenlos", never, lambda o: "€" in o.costs),
    ("Rollstuhl", "Step-free with a wheelchair toilet; never one with steps or without such a toilet.", accessible, never, lambda o: not accessible(o)),
    ("online", "The online offers.", lambda o: o.online, never, never),
]  # fmt: skip


def generated_queries(content: Path) -> dict:
    """The queries with their slugs computed, shaped like queries.toml, for run.parse_queries."""
    offers = read_offers(content)
    entries = []
    for words, why, expect, also, forbid in RULES:
        entry = {"q": words, "why": why, "expect": [o.slug for o in offers if expect(o)]}
        entry["also"] = [o.slug for o in offers if also(o) and not expect(o)]
        entry["forbid"] = [o.slug for o in offers if forbid(o)]
        if not entry["expect"]:
            raise ValueError(f"„{words}“ expects no offer in {content}: was it written by bench/generate.py?")
        entries.append(entry)
    return {"thresholds": THRESHOLDS, "query": entries}
