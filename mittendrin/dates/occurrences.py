"""When an offer takes place: its current appointments expanded into real dates, by the one rule of the contract.

An offer takes place on a date when one of its `termine` entries yields the date by its rhythm, the date lies within
the entry's `ab`/`bis_datum` and the offer's `gueltig_ab`/`gueltig_bis`, it is not in a `nicht_in` period of that
entry (the town's school holidays, public holidays) and not in `faellt_aus`. The recurrence arithmetic is dateutil's
rrule, built from the very RFC 5545 parts that the calendar files carry, so pages, feeds and exports cannot disagree.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import holidays
from dateutil import rrule

from mittendrin.model.config import Config
from mittendrin.model.offer import Appointment, Offer, Period, Rhythm

TIMEZONE = ZoneInfo("Europe/Berlin")
SCHOOL_HOLIDAYS = "schulferien"
PUBLIC_HOLIDAYS = "feiertage"
PAUSE_KINDS = (SCHOOL_HOLIDAYS, PUBLIC_HOLIDAYS)
PUBLIC_HOLIDAY_YEARS = 2  # public holidays are computed, so they are known as far ahead as this many years
WINDOW_DAYS = 56  # "Nächste Termine" and the cancellations shown look this far ahead (eight weeks)
NEXT_DATES = 5  # at most this many of them
_DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_RRULE_FREQ = {"WEEKLY": rrule.WEEKLY, "MONTHLY": rrule.MONTHLY}
_RRULE_DAYS = (rrule.MO, rrule.TU, rrule.WE, rrule.TH, rrule.FR, rrule.SA, rrule.SU)


@dataclass(frozen=True)
class Occurrence:
    """One date on which the offer takes place, with the appointment that yields it."""

    day: dt.date
    appointment: Appointment

    @property
    def start(self) -> dt.datetime | None:
        a = self.appointment
        return dt.datetime.combine(self.day, a.start, TIMEZONE) if a.start else None

    @property
    def end(self) -> dt.datetime | None:
        a = self.appointment
        return dt.datetime.combine(self.day, a.end, TIMEZONE) if a.end else None


@dataclass(frozen=True)
class Skip:
    """A date an appointment's rhythm yields on which the offer does not take place, and why."""

    day: dt.date
    appointment: Appointment
    period: Period  # the cancellation, holiday or school holidays it falls in (one day for a public holiday)


def rrule_parts(appointment: Appointment) -> dict[str, object]:
    """The recurrence rule of a recurring appointment as RFC 5545 parts (FREQ, INTERVAL, BYDAY, WKST)."""
    a = appointment
    days = [_DAY_CODES[d] for d in a.weekdays]
    if a.rhythm is Rhythm.MONTHLY:
        return {"FREQ": "MONTHLY", "BYDAY": [f"{week}{day}" for week in a.weeks for day in days]}
    parts: dict[str, object] = {"FREQ": "WEEKLY", "BYDAY": days, "WKST": "MO"}
    if a.rhythm is Rhythm.BIWEEKLY:
        parts["INTERVAL"] = 2  # counted from the week of "ab", which validation requires for this rhythm
    return parts


def anchor(appointment: Appointment, offer: Offer) -> dt.date:
    """Where a recurring appointment's rhythm is counted from: 'ab', else 'gueltig_ab', else the confirmation date.

    Dates from the file, never the build date, so that a calendar file's DTSTART stays the same from day to day.
    """
    return appointment.first_date or offer.valid_from or offer.confirmed_on


def _rule(appointment: Appointment, offer: Offer, since: dt.date) -> rrule.rrule:
    """The appointment's rhythm as dateutil's rrule, counted from its anchor, for the days from `since` on.

    Its start moves from the anchor to a day in the same phase shortly before `since` (that day for a weekly rhythm,
    the Monday of a week in step for 14-taeglich, the first of the month for monthly): the days from `since` on are
    the same, and dateutil need not walk every week since an anchor that may lie years back.
    """
    a = appointment
    start = anchor(a, offer)
    if since > start:
        if a.rhythm is Rhythm.WEEKLY:
            start = since
        elif a.rhythm is Rhythm.BIWEEKLY:
            monday = start - dt.timedelta(days=start.weekday())
            start = max(start, monday + dt.timedelta(days=(since - monday).days // 14 * 14))
        else:
            start = max(start, since.replace(day=1))
    if a.rhythm is Rhythm.MONTHLY:
        days = [_RRULE_DAYS[d](week) for week in a.weeks for d in a.weekdays]
    else:
        days = [_RRULE_DAYS[d] for d in a.weekdays]
    return rrule.rrule(
        _RRULE_FREQ[str(rrule_parts(a)["FREQ"])],
        dtstart=dt.datetime.combine(start, dt.time()),
        interval=2 if a.rhythm is Rhythm.BIWEEKLY else 1,
        byweekday=days,
        wkst=rrule.MO,
        cache=False,
    )


def first_day(appointment: Appointment, offer: Offer) -> dt.date | None:
    """The first day the appointment's rhythm yields within its bounds (DTSTART of its calendar event)."""
    a = appointment
    if a.rhythm is Rhythm.DATE:
        return None if a.date is None or (offer.valid_from and a.date < offer.valid_from) else a.date
    if not a.recurring:
        return None
    lower = max(d for d in (anchor(a, offer), offer.valid_from) if d)
    found = _rule(a, offer, lower).after(dt.datetime.combine(lower, dt.time()), inc=True)
    return found.date() if found else None


def last_day(appointment: Appointment, offer: Offer, config: Config, today: dt.date) -> dt.date | None:
    """The last day the appointment may yield: 'bis_datum', 'gueltig_bis', and for a `nicht_in` entry the last day the
    town's holiday data reaches (a date after it could be a closed door)."""
    ends = [appointment.last_date, offer.valid_until]
    ends += [known_until(kind, config, today) for kind in appointment.paused_in]
    return min((d for d in ends if d), default=None)


def known_until(kind: str, config: Config, today: dt.date) -> dt.date:
    """The last day for which the config (school holidays) or the holiday library (public holidays) knows the
    holidays of this kind; a town without school holidays in its config knows none (date.min)."""
    if kind == SCHOOL_HOLIDAYS:
        return config.school_holidays[-1].last if config.school_holidays else dt.date.min
    return dt.date(today.year + PUBLIC_HOLIDAY_YEARS, 12, 31)


def days_yielded(appointment: Appointment, offer: Offer, first: dt.date, last: dt.date) -> Iterator[dt.date]:
    """The days the appointment's rhythm yields from `first` to `last`, within 'ab' and 'gueltig_ab' (the upper
    bounds are the caller's: see last_day)."""
    a = appointment
    if a.rhythm is Rhythm.DATE:
        if a.date and first <= a.date <= last and not (offer.valid_from and a.date < offer.valid_from):
            yield a.date
        return
    if not a.recurring:
        return
    lower = max(d for d in (first, anchor(a, offer), offer.valid_from) if d)
    if lower > last:
        return
    for found in _rule(a, offer, lower).between(
        dt.datetime.combine(lower, dt.time()), dt.datetime.combine(last, dt.time()), inc=True
    ):
        yield found.date()


def pause_of(day: dt.date, appointment: Appointment, offer: Offer, config: Config) -> Period | None:
    """Why the offer does not take place on a day its appointment yields: a cancellation first, then a holiday."""
    for period in offer.cancellations:
        if day in period:
            return period
    if SCHOOL_HOLIDAYS in appointment.paused_in and (period := school_days(config.school_holidays).get(day)):
        return period
    if PUBLIC_HOLIDAYS in appointment.paused_in:
        name = public_holidays(config.holiday_country, config.holiday_region, day.year).get(day)
        if name:
            return Period(day, day, name)
    return None


def expand(
    offer: Offer, config: Config, today: dt.date, first: dt.date, last: dt.date
) -> tuple[list[Occurrence], list[Skip]]:
    """Every date from `first` to `last` on which the offer takes place, in order of date and time, and every date
    its rhythm yields but a cancellation or holiday pause takes away. `today` only bounds how far the public holidays
    are known."""
    occurrences: list[Occurrence] = []
    skips: list[Skip] = []
    for appointment in offer.appointments:
        end = last_day(appointment, offer, config, today)
        for day in days_yielded(appointment, offer, first, min(last, end) if end else last):
            period = pause_of(day, appointment, offer, config)
            if period is None:
                occurrences.append(Occurrence(day, appointment))
            else:
                skips.append(Skip(day, appointment, period))
    occurrences.sort(key=lambda o: (o.day, o.appointment.start or dt.time.max))
    skips.sort(key=lambda s: s.day)
    return occurrences, skips


@dataclass(frozen=True)
class Upcoming:
    """What the site says of an offer's dates on one day: the occurrences and skips of the coming weeks, the next
    date even when it is further away, and the pause it is in today."""

    occurrences: tuple[Occurrence, ...]  # from today on, within WINDOW_DAYS
    skips: tuple[Skip, ...]  # likewise
    next: Occurrence | None  # the first from today on, however far away (within the known holidays)
    paused_now: Period | None  # a cancellation period that today lies in


def upcoming(offer: Offer, config: Config, today: dt.date) -> Upcoming:
    window_end = today + dt.timedelta(days=WINDOW_DAYS - 1)
    occurrences, skips = expand(offer, config, today, today, window_end)
    following = occurrences[0] if occurrences else next_after(offer, config, today, window_end)
    paused = next((p for p in offer.cancellations if today in p and p.first != p.last), None)
    return Upcoming(tuple(occurrences), tuple(skips), following, paused)


def next_after(offer: Offer, config: Config, today: dt.date, after: dt.date) -> Occurrence | None:
    """The first occurrence after `after`, looking a year at a time as far as public holidays are known."""
    horizon = known_until(PUBLIC_HOLIDAYS, config, today)
    start = after + dt.timedelta(days=1)
    while start <= horizon:
        stop = min(start + dt.timedelta(days=365), horizon)
        found, _ = expand(offer, config, today, start, stop)
        if found:
            return found[0]
        start = stop + dt.timedelta(days=1)
    return None


def exception_days(appointment: Appointment, offer: Offer, config: Config, today: dt.date) -> list[dt.date]:
    """Every day from the appointment's first to its last (or as far as the holidays are known) that its rhythm yields
    but on which it does not take place: the calendar file's EXDATEs and the schema.org exceptDates."""
    first = first_day(appointment, offer)
    if first is None:
        return []
    last = last_day(appointment, offer, config, today) or known_until(PUBLIC_HOLIDAYS, config, today)
    periods = list(offer.cancellations)
    if SCHOOL_HOLIDAYS in appointment.paused_in:
        periods += config.school_holidays
    periods = [p for p in periods if p.last >= first and p.first <= last]
    holidays: set[dt.date] = set()
    if PUBLIC_HOLIDAYS in appointment.paused_in:
        years = range(first.year, last.year + 1)
        holidays = {
            day for year in years for day in public_holidays(config.holiday_country, config.holiday_region, year)
        }
    paused = [d for d in holidays if first <= d <= last] + [p.first for p in periods] + [p.last for p in periods]
    if not paused:
        return []
    # The rhythm's days once, from the first pause to the last: one walk of the rule is cheaper than one per pause
    # (a weekly rhythm meets some 40 holidays and holiday periods in three years).
    days = days_yielded(appointment, offer, max(first, min(paused)), min(last, max(paused)))
    return [day for day in days if day in holidays or any(p.first <= day <= p.last for p in periods)]


def missing_school_holidays(appointment: Appointment, offer: Offer, config: Config, today: dt.date) -> dt.date | None:
    """For an entry that pauses in the school holidays: the last day the config knows them, when the entry would go on
    after it within the coming weeks; None when nothing is missing."""
    if SCHOOL_HOLIDAYS not in appointment.paused_in:
        return None
    known = known_until(SCHOOL_HOLIDAYS, config, today)
    window_end = today + dt.timedelta(days=WINDOW_DAYS - 1)
    if known >= window_end:
        return None
    ends = [d for d in (appointment.last_date, offer.valid_until) if d]
    start = max(today, known + dt.timedelta(days=1))
    return known if any(days_yielded(appointment, offer, start, min([window_end, *ends]))) else None


@functools.cache
def school_days(periods: tuple[Period, ...]) -> dict[dt.date, Period]:
    """Each day of the school holidays with its period, looked up once per day an appointment yields."""
    return {
        period.first + dt.timedelta(days=n): period
        for period in periods
        for n in range((period.last - period.first).days + 1)
    }


@functools.cache
def public_holidays(country: str, region: str, year: int) -> dict[dt.date, str]:
    """The public holidays of one year, by German name; {} where the holiday library knows no such region."""
    return dict(holidays.country_holidays(country, subdiv=region or None, years=year, language="de"))
