"""Appointments as iCalendar (RFC 5545): one VEVENT per appointment, recurring ones with an RRULE, in Europe/Berlin."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from dateutil import rrule
from icalendar import Calendar, Event, Timezone, vRecur

from .config import Config
from .model import Appointment, Offer, Rhythm
from .schedule import describe, is_current

TIMEZONE = ZoneInfo("Europe/Berlin")
PRODID = "-//Mittendrin//Begegnungsangebote//DE"
_DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_END = b"END:VCALENDAR\r\n"


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


def first_date(appointment: Appointment, offer: Offer) -> dt.date | None:
    """The first day the appointment takes place: on or after 'ab', else 'gueltig_ab', else the confirmation date.

    Anchoring on dates from the file (never on the build date) keeps DTSTART the same from one day's build to the next.
    """
    a = appointment
    if a.rhythm is Rhythm.DATE:
        return a.date
    if not a.recurring:
        return None
    anchor = a.first_date or offer.valid_from or offer.confirmed_on
    rule = rrule.rrulestr(vRecur(rrule_parts(a)).to_ical().decode(), dtstart=dt.datetime.combine(anchor, dt.time()))
    first = rule.after(dt.datetime.combine(anchor, dt.time()), inc=True)
    return first.date() if first else None


def last_date(appointment: Appointment, offer: Offer) -> dt.date | None:
    """The last possible day: the earlier of 'bis_datum' and 'gueltig_bis'."""
    ends = [d for d in (appointment.last_date, offer.valid_until) if d]
    return min(ends, default=None)


def appointment_event(
    offer: Offer, index: int, appointment: Appointment, config: Config, build_date: dt.date
) -> Event | None:
    """The VEVENT of one appointment, or None for 'nach Vereinbarung'."""
    start_day = first_date(appointment, offer)
    if start_day is None or appointment.start is None:
        return None
    event = Event()
    event.add("uid", f"{offer.slug}-{index}@{urlsplit(config.base_url).hostname or 'mittendrin'}")
    event.add("dtstamp", dt.datetime.combine(build_date, dt.time(), dt.UTC))
    event.add("summary", offer.title)
    event.add("dtstart", dt.datetime.combine(start_day, appointment.start, TIMEZONE))
    if appointment.end:
        event.add("dtend", dt.datetime.combine(start_day, appointment.end, TIMEZONE))
    if appointment.recurring:
        parts = rrule_parts(appointment)
        until = last_date(appointment, offer)
        if until:
            # With a TZID on DTSTART, RFC 5545 wants UNTIL in UTC: the end of the last day in Herne.
            parts["UNTIL"] = dt.datetime.combine(until, dt.time(23, 59, 59), TIMEZONE).astimezone(dt.UTC)
        event.add("rrule", parts)
    url = f"{config.base_url}angebote/{offer.slug}/"
    day_names = [w.name for w in config.weekdays]
    event.add(
        "description", f"{offer.summary}\n\n{describe(appointment, day_names)}\nVeranstalter: {offer.organiser}\n{url}"
    )
    event.add("url", url)
    if offer.place:
        place = offer.place
        event.add("location", ", ".join(p for p in (place.name, place.street, f"{place.postcode} {place.town}") if p))
    return event


def offer_events(offer: Offer, config: Config, build_date: dt.date) -> list[Event]:
    """Every current appointment of the offer that has a date and time."""
    events = (
        appointment_event(offer, i, a, config, build_date)
        for i, a in enumerate(offer.appointments)
        if is_current(a, build_date)
    )
    return [e for e in events if e is not None]


def has_events(offer: Offer, build_date: dt.date) -> bool:
    """Whether the offer has a calendar file: some current appointment with a date and a start time."""
    return any(
        a.start is not None and is_current(a, build_date) and first_date(a, offer) is not None
        for a in offer.appointments
    )


@dataclass(frozen=True)
class OfferCalendar:
    """An offer's VEVENTs, serialised once and shared by its own file and the town's and district's feeds."""

    events: bytes
    first_year: int | None  # of the earliest DTSTART, for the VTIMEZONE


def offer_calendar(offer: Offer, config: Config, build_date: dt.date) -> OfferCalendar:
    events = offer_events(offer, config, build_date)
    first_year = min((e.decoded("dtstart").year for e in events), default=None)
    return OfferCalendar(b"".join(e.to_ical() for e in events), first_year)


def calendar_file(calendars: Iterable[OfferCalendar], name: str) -> bytes:
    """A whole .ics file with these offers' events and the VTIMEZONE they refer to."""
    calendars = list(calendars)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Berlin")
    head = calendar.to_ical().removesuffix(_END)
    years = [c.first_year for c in calendars if c.first_year is not None]
    # the time zone before the events that refer to it, which older calendar apps expect
    timezone = berlin_timezone(min(years)) if years else b""
    return head + timezone + b"".join(c.events for c in calendars) + _END


@functools.cache
def berlin_timezone(first_year: int) -> bytes:
    """The VTIMEZONE for Europe/Berlin from that year on, serialised once: it is longer than an offer's events."""
    return Timezone.from_tzid("Europe/Berlin", first_date=dt.date(first_year, 1, 1)).to_ical()
