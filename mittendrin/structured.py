"""schema.org data for an offer page: an Event with an eventSchedule, as search engines read recurring events."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from .config import Config
from .model import Appointment, Offer, Rhythm
from .schedule import current_appointments

if TYPE_CHECKING:  # pages puts this data into each offer's view
    from .pages import OfferView

TIME_ZONE = "Europe/Berlin"
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_FREQUENCY = {Rhythm.WEEKLY: "P1W", Rhythm.BIWEEKLY: "P2W", Rhythm.MONTHLY: "P1M"}


def event_data(view: OfferView, config: Config, today: dt.date) -> dict:
    """The JSON-LD object of one offer; appointments 'by arrangement' have no schedule to state."""
    offer = view.offer
    appointments = [a for a in current_appointments(offer, today) if a.rhythm is not Rhythm.BY_ARRANGEMENT]
    schedules = [schedule_data(a) for a in appointments]
    starts = [s["startDate"] for s in schedules if "startDate" in s]
    data: dict = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": offer.title,
        "description": offer.summary,
        "url": config.base_url + view.path,
        "startDate": min(starts, default=max(today, offer.valid_from or today).isoformat()),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": f"https://schema.org/{_attendance_mode(offer)}EventAttendanceMode",
        "organizer": {"@type": "Organization", "name": offer.organiser},
        "isAccessibleForFree": offer.free_of_charge,
        "inLanguage": list(offer.languages),
        "location": _location(view),
    }
    if schedules:
        data["eventSchedule"] = schedules
    if offer.valid_until:
        data["endDate"] = offer.valid_until.isoformat()
    return data


def schedule_data(appointment: Appointment) -> dict:
    """One appointment as a schema.org Schedule: a repeat frequency with weekdays, or a single date."""
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
        if a.last_date:
            schedule["endDate"] = a.last_date.isoformat()
    if a.start:
        schedule["startTime"] = a.start.strftime("%H:%M")
    if a.end:
        schedule["endTime"] = a.end.strftime("%H:%M")
    return schedule


def _attendance_mode(offer: Offer) -> str:
    if not offer.online:
        return "Offline"
    return "Mixed" if offer.place else "Online"


def _location(view: OfferView) -> dict | list[dict]:
    place = view.offer.place
    online = {"@type": "VirtualLocation", "url": view.offer.contact.web} if view.offer.contact.web else None
    if place is None:
        return online or {"@type": "VirtualLocation"}
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
    return [located, online] if view.offer.online and online else located
