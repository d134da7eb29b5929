"""schema.org data for an offer page: an Event at its next date with an eventSchedule, as search engines read
recurring events; a Service for an offer without any date (by arrangement only)."""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING

from markupsafe import Markup

from mittendrin.dates.occurrences import exception_days, first_day
from mittendrin.model.config import Config
from mittendrin.model.offer import Appointment, Offer, Place, Rhythm

if TYPE_CHECKING:  # pages puts this data into each offer's view
    from mittendrin.site.pages import OfferView

TIME_ZONE = "Europe/Berlin"
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_FREQUENCY = {Rhythm.WEEKLY: "P1W", Rhythm.BIWEEKLY: "P2W", Rhythm.MONTHLY: "P1M"}


def event_data(view: OfferView, config: Config, today: dt.date) -> dict:
    """The JSON-LD object of one offer: startDate and endDate are its next occurrence (with time and offset), the
    schedule keeps the rule with the days it skips; appointments 'by arrangement' have no schedule to state."""
    offer = view.offer
    data: dict = {
        "@context": "https://schema.org",
        "@type": "Event" if view.next else "Service",
        "name": offer.title,
        "description": offer.summary,
        "url": config.base_url + view.path,
    }
    location = _location(view)
    if view.next is None:  # by arrangement only: a service one gets in touch with, not an event at a date
        data["provider"] = {"@type": "Organization", "name": offer.organiser}
        data["areaServed"] = {"@type": "City", "name": config.town}
        data["availableChannel"] = _channel(offer)
        return data
    start, end = view.next.start, view.next.end
    appointments = [a for a in view.appointments if first_day(a, offer)]
    data |= {
        "startDate": start.isoformat() if start else view.next.day.isoformat(),
        "endDate": (end or start).isoformat() if start else view.next.day.isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": f"https://schema.org/{_attendance_mode(offer)}EventAttendanceMode",
        "organizer": {"@type": "Organization", "name": offer.organiser},
        "isAccessibleForFree": offer.free_of_charge,
        "inLanguage": list(offer.languages),
        "eventSchedule": [schedule_data(a, offer, config, today) for a in appointments],
    }
    if location:
        data["location"] = location
    return data


def schedule_data(appointment: Appointment, offer: Offer, config: Config, today: dt.date) -> dict:
    """One appointment as a schema.org Schedule: a repeat frequency with weekdays, or a single date, and the days
    on which it does not take place (exceptDate, the calendar file's EXDATEs)."""
    a = appointment
    schedule: dict = {"@type": "Schedule", "scheduleTimezone": TIME_ZONE}
    if a.rhythm is Rhythm.DATE and a.date:
        schedule["startDate"] = schedule["endDate"] = a.date.isoformat()
    else:
        schedule["repeatFrequency"] = _FREQUENCY[a.rhythm]
        schedule["byDay"] = [f"https://schema.org/{_DAYS[d]}" for d in a.weekdays]
        if a.rhythm is Rhythm.MONTHLY:
            schedule["byMonthWeek"] = list(a.weeks)
        if a.first_date:
            schedule["startDate"] = a.first_date.isoformat()
        ends = [d for d in (a.last_date, offer.valid_until) if d]
        if ends:
            schedule["endDate"] = min(ends).isoformat()
    if a.start:
        schedule["startTime"] = a.start.strftime("%H:%M")
    if a.end:
        schedule["endTime"] = a.end.strftime("%H:%M")
    skipped = [d.isoformat() for d in exception_days(a, offer, config, today) if d >= today]
    if skipped:
        schedule["exceptDate"] = skipped
    return schedule


def _channel(offer: Offer) -> dict:
    """How to reach a service: its phone, web address and place, as far as the offer has them."""
    channel: dict = {"@type": "ServiceChannel"}
    if offer.contact.phone_international:
        channel["servicePhone"] = {"@type": "ContactPoint", "telephone": offer.contact.phone_international}
    if offer.contact.web:
        channel["serviceUrl"] = offer.contact.web
    if offer.place:
        channel["serviceLocation"] = _place(offer.place)
    return channel


def _attendance_mode(offer: Offer) -> str:
    if not offer.online:
        return "Offline"
    return "Mixed" if offer.place else "Online"


def _location(view: OfferView) -> dict | list[dict] | None:
    """The place, and a VirtualLocation where the offer is online and has a web address (schema.org requires one)."""
    place = view.offer.place
    online = {"@type": "VirtualLocation", "url": view.offer.contact.web} if view.offer.contact.web else None
    if place is None:
        return online
    located = _place(place)
    return [located, online] if view.offer.online and online else located


def _place(place: Place) -> dict:
    address = {
        "@type": "PostalAddress",
        "streetAddress": place.street,
        "postalCode": place.postcode,
        "addressLocality": place.town,
        "addressCountry": "DE",
    }
    located: dict = {"@type": "Place", "name": place.name or place.street, "address": address}
    if place.lat is not None and place.lon is not None:
        located["geo"] = {"@type": "GeoCoordinates", "latitude": place.lat, "longitude": place.lon}
    return located


def json_for_script(data: object) -> Markup:
    """JSON that is safe inside <script>: no '</script>' or '<!--' can break out."""
    # ASCII: non-ASCII letters as \u escapes keep the text one byte per letter in memory (JSON-LD reads them alike)
    text = json.dumps(data, ensure_ascii=True, sort_keys=True, indent=None)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))
