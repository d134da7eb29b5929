"""Appointments as iCalendar (RFC 5545): one VEVENT per appointment, recurring ones with an RRULE, in Europe/Berlin."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from mittendrin.dates.occurrences import TIMEZONE, exception_days, first_day, last_day, pause_of, rrule_parts
from mittendrin.dates.schedule import describe, is_current
from mittendrin.model.config import Config
from mittendrin.model.offer import Appointment, Offer

if TYPE_CHECKING:
    from icalendar import Event

PRODID = "-//Mittendrin//Begegnungsangebote//DE"
_END = b"END:VCALENDAR\r\n"


def appointment_event(
    offer: Offer, index: int, appointment: Appointment, config: Config, build_date: dt.date
) -> Event | None:
    """The VEVENT of one appointment, with an EXDATE for every day it skips; None for 'nach Vereinbarung' and for a
    single date that is cancelled."""
    span = event_span(appointment, offer, config, build_date)
    if span is None:
        return None
    start_day, until = span
    from icalendar import Event  # here, not at the top: pages ask has_events, and a build with no change writes no
    # calendar, so neither should wait for icalendar to load

    skipped = exception_days(appointment, offer, config, build_date)
    event = Event()
    event.add("uid", f"{offer.slug}-{index}@{urlsplit(config.base_url).hostname or 'mittendrin'}")
    # Without a METHOD, DTSTAMP is when the event's information was last revised (RFC 5545, 3.8.7.2): the day the
    # association last confirmed or changed the offer. Not the build date: the events then stay the same from day
    # to day, and a build takes them from the day before (calendar_key).
    event.add("dtstamp", dt.datetime.combine(offer.confirmed_on, dt.time(), dt.UTC))
    event.add("summary", offer.title)
    event.add("dtstart", dt.datetime.combine(start_day, appointment.start, TIMEZONE))
    if appointment.end:
        event.add("dtend", dt.datetime.combine(start_day, appointment.end, TIMEZONE))
    if appointment.recurring:
        parts = rrule_parts(appointment)
        if until:
            # With a TZID on DTSTART, RFC 5545 wants UNTIL in UTC: the end of the last day in Herne.
            parts["UNTIL"] = dt.datetime.combine(until, dt.time(23, 59, 59), TIMEZONE).astimezone(dt.UTC)
        event.add("rrule", parts)
        if skipped:
            event.add("exdate", [dt.datetime.combine(day, appointment.start, TIMEZONE) for day in skipped])
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


def event_span(
    appointment: Appointment, offer: Offer, config: Config, build_date: dt.date
) -> tuple[dt.date, dt.date | None] | None:
    """The first day (DTSTART) and the last possible day (UNTIL) of an appointment's event; None when it has none: no
    start time, 'nach Vereinbarung', nothing left within its bounds, or a single date that is cancelled."""
    start_day = first_day(appointment, offer)
    until = last_day(appointment, offer, config, build_date)
    if start_day is None or appointment.start is None or (until and until < start_day):
        return None
    if not appointment.recurring and pause_of(start_day, appointment, offer, config):
        return None
    return start_day, until


def offer_events(offer: Offer, config: Config, build_date: dt.date) -> list[Event]:
    """Every current appointment of the offer that has a date and time."""
    events = (
        appointment_event(offer, i, a, config, build_date)
        for i, a in enumerate(offer.appointments)
        if is_current(a, build_date)
    )
    return [e for e in events if e is not None]


def has_events(offer: Offer, config: Config, build_date: dt.date) -> bool:
    """Whether the offer has a calendar file: some current appointment with a date and a start time."""
    return any(event_span(a, offer, config, build_date) for a in offer.appointments if is_current(a, build_date))


@dataclass(frozen=True)
class OfferCalendar:
    """An offer's VEVENTs, serialised once and shared by its own file and the town's and district's feeds."""

    events: bytes
    first_year: int | None  # of the earliest DTSTART, for the VTIMEZONE


def calendar_key(offer: Offer, build_date: dt.date) -> str:
    """All offer_calendar reads of the build date: which appointments are still current, and the year (from which
    on public holidays are known, see occurrences.known_until). Its other inputs are the offer file and the config,
    so an offer's calendar of an earlier day serves a build whose file, config and this key are the same."""
    return f"{build_date.year} " + "".join("1" if is_current(a, build_date) else "0" for a in offer.appointments)


def offer_calendar(offer: Offer, config: Config, build_date: dt.date) -> OfferCalendar:
    events = offer_events(offer, config, build_date)
    first_year = min((e.decoded("dtstart").year for e in events), default=None)
    return OfferCalendar(b"".join(e.to_ical() for e in events), first_year)


def calendar_file(calendars: Iterable[OfferCalendar], name: str) -> bytes:
    """A whole .ics file with these offers' events and the VTIMEZONE they refer to."""
    from icalendar import Calendar  # see appointment_event

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
    from icalendar import Timezone  # see appointment_event

    return Timezone.from_tzid("Europe/Berlin", first_date=dt.date(first_year, 1, 1)).to_ical()
