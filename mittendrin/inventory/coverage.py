"""The Bestandsaufnahme as pure functions: what exists where, for whom and when, where nothing exists, what is stale."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from operator import attrgetter

from mittendrin.dates.schedule import current_appointments, days_of, german_time, start_on, starts_at_or_after
from mittendrin.model.config import Config, Term
from mittendrin.model.offer import Offer

THIN = 1  # a cell with this many offers or fewer (but not none) is "thin": one closure and the gap is open
EVENING_HOUR = 17  # "abends" means starting at 17:00 or later
WEEKEND = (5, 6)  # Saturday, Sunday
STALE_AFTER_MONTHS = 12
ENDS_WITHIN_DAYS = 30


@dataclass(frozen=True)
class Matrix:
    """Counts of offers for every pair of two vocabularies, e.g. district × age group."""

    title: str
    row_label: str
    rows: tuple[Term, ...]
    columns: tuple[Term, ...]
    counts: tuple[tuple[int, ...], ...]  # counts[row][column]
    column_totals: tuple[int, ...]  # distinct offers per column over all rows

    def cells(self) -> list[tuple[Term, Term, int]]:
        return [
            (r, c, n)
            for r, row in zip(self.rows, self.counts, strict=True)
            for c, n in zip(self.columns, row, strict=True)
        ]

    def empty_cells(self) -> list[tuple[Term, Term]]:
        return [(r, c) for r, c, n in self.cells() if n == 0]

    def thin_cells(self) -> list[tuple[Term, Term]]:
        return [(r, c) for r, c, n in self.cells() if 0 < n <= THIN]


@dataclass(frozen=True)
class Tally:
    """A plain count of offers with a property, e.g. 'kostenlos: 12'."""

    label: str
    counts: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class Coverage:
    total: int
    matrices: tuple[Matrix, ...]
    tallies: tuple[Tally, ...]
    without_simple: tuple[Offer, ...] = ()  # no text in Leichte Sprache ("einfach"), by file


@dataclass(frozen=True)
class Attention:
    """An offer staff should call about, with every reason in German."""

    offer: Offer
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Duplicate:
    """Offers of one organiser that start on the same weekday at the same time: maybe one offer filed twice."""

    organiser: str
    day: str
    time: str
    offers: tuple[Offer, ...]


def published_phrase(count: int) -> str:
    """'1 veröffentlichtes Angebot', '29 veröffentlichte Angebote'."""
    return f"{count} veröffentlichtes Angebot" if count == 1 else f"{count} veröffentlichte Angebote"


SYMBOLS = {"Lücke": "✗", "wenig": "!"}  # beside the word in tables, alone in the terminal


def mark(count: int) -> str:
    """How an empty or thin cell is marked in words, so it stands out without colour."""
    if count == 0:
        return "Lücke"
    return "wenig" if count <= THIN else ""


@dataclass(frozen=True)
class Placed:
    """Where one offer counts: the indices of its district, age groups and weekdays in the config's vocabularies,
    and whether it starts in the evening. Worked out once per offer, because at 10,000 offers asking again for
    every cell and tally costs seconds."""

    offer: Offer
    district: tuple[int, ...]
    ages: tuple[int, ...]
    days: tuple[int, ...]
    evening: bool


def place(offer: Offer, config: Config, today: dt.date) -> Placed:
    """As on the site, an offer for all generations counts in every age group."""
    appointments = current_appointments(offer, today)
    ages = config.ages_of(offer.age_groups)
    return Placed(
        offer,
        tuple(i for i, d in enumerate(config.districts) if d.slug == offer.district),
        tuple(i for i, group in enumerate(config.age_groups) if group in ages),
        days_of(appointments),
        starts_at_or_after(appointments, EVENING_HOUR),
    )


def matrix(
    title: str,
    row_label: str,
    rows: Sequence[Term],
    columns: Sequence[Term],
    placed: Sequence[Placed],
    rows_of: Callable[[Placed], tuple[int, ...]],
    columns_of: Callable[[Placed], tuple[int, ...]],
) -> Matrix:
    """Count offers per (row, column); `rows_of` and `columns_of` give the indices an offer counts in."""
    counts = [[0] * len(columns) for _ in rows]
    totals = [0] * len(columns)
    for offer in placed:
        in_columns = columns_of(offer)
        for c in in_columns:
            totals[c] += 1
        for r in rows_of(offer):
            for c in in_columns:
                counts[r][c] += 1
    return Matrix(title, row_label, tuple(rows), tuple(columns), tuple(map(tuple, counts)), tuple(totals))


def coverage(offers: Sequence[Offer], config: Config, today: dt.date) -> Coverage:
    """The three coverage matrices and the counts of evening, weekend, free, step-free offers and languages."""
    placed = [place(offer, config, today) for offer in offers]
    in_district, in_ages, on_days = attrgetter("district"), attrgetter("ages"), attrgetter("days")
    districts, ages, days = config.districts, config.age_groups, config.weekdays
    matrices = (
        matrix("Stadtbezirk und Altersgruppe", "Stadtbezirk", districts, ages, placed, in_district, in_ages),
        matrix("Stadtbezirk und Wochentag", "Stadtbezirk", districts, days, placed, in_district, on_days),
        matrix("Altersgruppe und Wochentag", "Altersgruppe", ages, days, placed, in_ages, on_days),
    )
    without_simple = tuple(sorted((o for o in offers if not o.simple), key=attrgetter("source")))
    return Coverage(len(offers), matrices, tallies(placed, config), without_simple)


def tallies(placed: Sequence[Placed], config: Config) -> tuple[Tally, ...]:
    def count(test: Callable[[Placed], bool]) -> int:
        return sum(1 for p in placed if test(p))

    def step_free(p: Placed) -> bool | None:
        return p.offer.accessibility.step_free if p.offer.accessibility else None

    languages: dict[str, int] = defaultdict(int)
    for p in placed:
        for code in p.offer.languages:
            languages[config.languages.get(code, code)] += 1
    return (
        Tally(
            "Abends und am Wochenende",
            (
                (f"abends (Beginn ab {EVENING_HOUR}:00 Uhr)", count(lambda p: p.evening)),
                ("am Wochenende (Samstag oder Sonntag)", count(lambda p: bool(set(p.days) & set(WEEKEND)))),
                ("ohne festen Wochentag (nach Vereinbarung)", count(lambda p: not p.days)),
            ),
        ),
        Tally(
            "Kosten",
            (
                ("kostenlos", count(lambda p: p.offer.free_of_charge)),
                ("mit Kosten", count(lambda p: not p.offer.free_of_charge)),
            ),
        ),
        Tally(
            "Stufenloser Zugang",
            (
                ("stufenlos", count(lambda p: step_free(p) is True)),
                ("nicht stufenlos", count(lambda p: step_free(p) is False)),
                ("keine Angabe", count(lambda p: step_free(p) is None)),
            ),
        ),
        Tally("Sprachen", tuple(sorted(languages.items(), key=lambda item: (-item[1], item[0])))),
    )


def needs_attention(offers: Sequence[Offer], today: dt.date) -> dict[str, list[Attention]]:
    """Offers to call about, grouped by organiser (sorted): stale, ending soon, or missing contact or access facts."""
    found: dict[str, list[Attention]] = defaultdict(list)
    for offer in offers:
        reasons = []
        if is_stale(offer, today):
            reasons.append(
                f"seit über {STALE_AFTER_MONTHS} Monaten nicht bestätigt (zuletzt {offer.confirmed_on:%d.%m.%Y})"
            )
        if ends_soon(offer, today):
            reasons.append(f"gültig nur noch bis {offer.valid_until:%d.%m.%Y}")
        missing = [label for label, value in _contact_facts(offer) if not value]
        if missing:
            reasons.append("Kontakt ohne " + " und ".join(missing))
        if offer.place and not offer.online:
            gaps = _missing_access_facts(offer)
            if gaps:
                reasons.append("keine Angabe zu " + ", ".join(gaps))
        if reasons:
            found[offer.organiser].append(Attention(offer, tuple(reasons)))
    return {organiser: found[organiser] for organiser in sorted(found, key=str.casefold)}


def is_stale(offer: Offer, today: dt.date) -> bool:
    """Not confirmed (`geprueft_am`) for more than STALE_AFTER_MONTHS months."""
    return offer.confirmed_on < _months_before(today, STALE_AFTER_MONTHS)


def ends_soon(offer: Offer, today: dt.date) -> bool:
    """Published only for ENDS_WITHIN_DAYS days more (`gueltig_bis`)."""
    return offer.valid_until is not None and today <= offer.valid_until <= today + dt.timedelta(days=ENDS_WITHIN_DAYS)


def possible_duplicates(offers: Sequence[Offer], config: Config, today: dt.date) -> list[Duplicate]:
    """Groups of offers with the same organiser, weekday and start time."""
    groups: dict[tuple[str, int, dt.time], list[Offer]] = defaultdict(list)
    for offer in offers:
        appointments = current_appointments(offer, today)
        for day in days_of(appointments):
            start = start_on(appointments, day)
            if start:
                groups[(offer.organiser.casefold().strip(), day, start)].append(offer)
    return [
        Duplicate(group[0].organiser, config.weekdays[day].name, f"{german_time(start)} Uhr", tuple(group))
        for (_, day, start), group in sorted(groups.items())
        if len(group) > 1
    ]


def _contact_facts(offer: Offer) -> tuple[tuple[str, str], ...]:
    """Older residents call rather than write, so a phone number and a named person count as needed facts."""
    return (("Telefonnummer", offer.contact.phone), ("Ansprechperson", offer.contact.name))


def _missing_access_facts(offer: Offer) -> list[str]:
    a = offer.accessibility
    facts = (
        ("stufenlosem Zugang", a.step_free if a else None),
        ("rollstuhlgerechtem WC", a.accessible_toilet if a else None),
        ("Höranlage", a.hearing_loop if a else None),
    )
    return [label for label, value in facts if value is None]


def _months_before(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    try:
        return day.replace(year=year, month=month + 1)
    except ValueError:  # 31 March minus one month: the last day of February is close enough
        return day.replace(year=year, month=month + 1, day=28)
