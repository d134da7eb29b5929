"""The validated offer: the one typed model that every later stage trusts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum


class Rhythm(Enum):
    WEEKLY = "woechentlich"
    BIWEEKLY = "14-taeglich"
    MONTHLY = "monatlich"
    DATE = "datum"
    BY_ARRANGEMENT = "nach_vereinbarung"


@dataclass(frozen=True)
class Appointment:
    """One entry under `termine`: a recurring slot, a single date, or 'by arrangement'."""

    rhythm: Rhythm
    weekdays: tuple[int, ...] = ()  # 0 = Monday … 6 = Sunday, in week order
    weeks: tuple[int, ...] = ()  # for MONTHLY: 1–4 or -1 (last)
    date: dt.date | None = None  # for DATE
    start: dt.time | None = None
    end: dt.time | None = None
    first_date: dt.date | None = None  # "ab"
    last_date: dt.date | None = None  # "bis_datum"
    note: str = ""  # "hinweis"
    paused_in: tuple[str, ...] = ()  # "nicht_in": "schulferien" and/or "feiertage", see dates.py

    @property
    def recurring(self) -> bool:
        return self.rhythm in (Rhythm.WEEKLY, Rhythm.BIWEEKLY, Rhythm.MONTHLY)


@dataclass(frozen=True)
class Period:
    """Days from `first` to `last`, both included: a cancellation ("faellt_aus") or a town's school holidays."""

    first: dt.date
    last: dt.date
    reason: str = ""  # "Heiligabend", "Sommerpause", "Weihnachtsferien"; shown to residents

    def __contains__(self, day: dt.date) -> bool:
        return self.first <= day <= self.last


@dataclass(frozen=True)
class Place:
    street: str
    postcode: str
    town: str
    name: str = ""
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True)
class Accessibility:
    step_free: bool | None = None
    accessible_toilet: bool | None = None
    hearing_loop: bool | None = None
    note: str = ""


@dataclass(frozen=True)
class Contact:
    name: str = ""
    phone: str = ""  # as written, e.g. "02323 123456"
    phone_international: str = ""  # E.164 without spaces, e.g. "+492323123456"
    phone_display: str = ""  # e.g. "+49 2323 123456"
    email: str = ""
    web: str = ""


@dataclass(frozen=True)
class Offer:
    slug: str
    source: str  # the file, relative to the content folder, for messages and edit links
    title: str
    summary: str
    organiser: str
    district: str  # district slug
    quarter: str
    age_groups: tuple[str, ...]  # age group slugs, in config order
    categories: tuple[str, ...]  # category slugs, in config order
    appointments: tuple[Appointment, ...]
    place: Place | None
    online: bool
    costs: str
    free_of_charge: bool
    registration: str
    accessibility: Accessibility | None
    languages: tuple[str, ...]
    contact: Contact
    confirmed_on: dt.date
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None
    cancellations: tuple[Period, ...] = ()  # "faellt_aus", in date order
    body_html: str = ""
    simple: str = ""  # "einfach": the offer in Leichte Sprache, a few short sentences
