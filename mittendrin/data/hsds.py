"""The offers as Open Referral HSDS 3.0: organizations, services (with schedules, contacts, languages, costs) and
locations (with address and accessibility), shaped as the HSDS API returns them.

Identifiers are UUIDs derived from the site address and the offer's slug (uuid5), so they stay the same from build to
build and another town's export never collides with ours.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence

from mittendrin.dates.occurrences import exception_days, first_day, last_day, rrule_parts
from mittendrin.dates.schedule import current_appointments, describe
from mittendrin.model.config import Config
from mittendrin.model.offer import Appointment, Offer, Rhythm

Json = dict[str, object]


def make_id(config: Config, *parts: object) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, config.base_url + "/".join(str(p) for p in parts)))


def organization(name: str, config: Config) -> Json:
    return {
        "id": make_id(config, "traeger", name),
        "name": name,
        "description": f"Träger von Begegnungsangeboten in {config.town} ({config.name}).",
    }


def organizations(offers: Sequence[Offer], config: Config) -> list[Json]:
    return [organization(name, config) for name in sorted({o.organiser for o in offers}, key=str.casefold)]


def service(offer: Offer, config: Config, today: dt.date) -> Json:
    """One offer as an HSDS service, with everything nested that belongs to it."""
    sid = make_id(config, "angebote", offer.slug)
    day_names = [w.name for w in config.weekdays]
    appointments = current_appointments(offer, today)
    ages = [config.age_group(a) for a in offer.age_groups]
    record: Json = {
        "id": sid,
        "organization_id": make_id(config, "traeger", offer.organiser),
        "name": offer.title,
        "description": offer.summary,
        "url": f"{config.base_url}angebote/{offer.slug}/",
        "status": "active",
        "fees_description": offer.costs,
        "application_process": _registration(offer.registration),
        "eligibility_description": ", ".join(f"{a.name} ({a.detail})" if a.detail else a.name for a in ages),
        "assured_date": offer.confirmed_on.isoformat(),
        "organization": organization(offer.organiser, config),
        "schedules": [schedule(a, i, offer, sid, config, day_names, today) for i, a in enumerate(appointments)],
        "languages": [_language(code, offer, sid, config) for code in offer.languages],
        "cost_options": [
            {
                "id": make_id(config, "angebote", offer.slug, "kosten"),
                "service_id": sid,
                "amount_description": offer.costs,
            }
        ],
        "contacts": [_contact(offer, sid, config)],
        "phones": _phones(offer, config, service_id=sid),
        "service_at_locations": [],
    }
    bounds = _age_bounds(offer, config)
    record.update(bounds)
    if offer.contact.email:
        record["email"] = offer.contact.email
    if offer.place:
        record["service_at_locations"] = [
            {
                "id": make_id(config, "angebote", offer.slug, "ort"),
                "service_id": sid,
                "location_id": make_id(config, "orte", offer.slug),
                "location": location(offer, config),
            }
        ]
    return record


def location(offer: Offer, config: Config) -> Json:
    """The offer's place: address and accessibility facts."""
    assert offer.place is not None
    place = offer.place
    lid = make_id(config, "orte", offer.slug)
    record: Json = {
        "id": lid,
        "location_type": "physical",
        "name": place.name or place.street,
        "addresses": [
            {
                "id": make_id(config, "orte", offer.slug, "adresse"),
                "location_id": lid,
                "address_1": place.street,
                "city": place.town,
                "region": config.district(offer.district).name,
                "state_province": config.state,
                "postal_code": place.postcode,
                "country": "DE",
                "address_type": "physical",
            }
        ],
        "accessibility": [],
    }
    if place.lat is not None and place.lon is not None:
        record.update(latitude=place.lat, longitude=place.lon)
    access = _accessibility_text(offer)
    if access:
        record["accessibility"] = [{"id": make_id(config, "orte", offer.slug, "zugang"), "location_id": lid, **access}]
    return record


def schedule(
    appointment: Appointment,
    index: int,
    offer: Offer,
    service_id: str,
    config: Config,
    day_names: Sequence[str],
    today: dt.date,
) -> Json:
    """An appointment as an HSDS schedule (RFC 5545 parts); 'nach Vereinbarung' only as a description. HSDS has no
    EXDATE: the days it skips from today on (cancellations, holiday pauses) are listed in `notes` as
    "Fällt aus: 2026-12-24, 2026-12-31" (docs/daten.md)."""
    a = appointment
    record: Json = {
        "id": make_id(config, "angebote", offer.slug, "termin", index),
        "service_id": service_id,
        "description": describe(a, day_names),
    }
    if a.start:
        record["opens_at"] = a.start.strftime("%H:%M:%S")
    if a.end:
        record["closes_at"] = a.end.strftime("%H:%M:%S")
    start = first_day(a, offer)
    if a.recurring:
        parts = rrule_parts(a)
        record.update(freq=parts["FREQ"], byday=",".join(parts["BYDAY"]), interval=parts.get("INTERVAL", 1))
        if "WKST" in parts:
            record["wkst"] = parts["WKST"]
        until = last_day(a, offer, config, today)
        if until:
            record["until"] = until.isoformat()
    elif a.rhythm is Rhythm.DATE and start:
        # HSDS has no single-date form: one weekly occurrence, counted once.
        record.update(freq="WEEKLY", byday=("MO", "TU", "WE", "TH", "FR", "SA", "SU")[start.weekday()], count=1)
    if start:
        record["dtstart"] = start.isoformat()
    if offer.valid_from:
        record["valid_from"] = offer.valid_from.isoformat()
    if offer.valid_until:
        record["valid_to"] = offer.valid_until.isoformat()
    skipped = [d.isoformat() for d in exception_days(a, offer, config, today) if d >= today]
    notes = [a.note] if a.note else []
    if skipped:
        notes.append(f"{CANCELLED_NOTE} {', '.join(skipped)}")
    if notes:
        record["notes"] = "\n".join(notes)
    return record


CANCELLED_NOTE = "Fällt aus:"


def _registration(registration: str) -> str:
    return {"nein": "Keine Anmeldung nötig.", "ja": "Bitte vorher anmelden."}.get(registration, registration)


def _age_bounds(offer: Offer, config: Config) -> Json:
    """Youngest and oldest age the named groups admit; none for offers open to every age."""
    if config.for_every_age(offer.age_groups):
        return {}
    groups = [config.age_group(a) for a in offer.age_groups]
    bounds: Json = {}
    lows = [g.min_age for g in groups]
    highs = [g.max_age for g in groups]
    if all(low is not None for low in lows):
        bounds["minimum_age"] = min(lows)  # type: ignore[type-var]
    if all(high is not None for high in highs):
        bounds["maximum_age"] = max(highs)  # type: ignore[type-var]
    return bounds


def _language(code: str, offer: Offer, service_id: str, config: Config) -> Json:
    return {
        "id": make_id(config, "angebote", offer.slug, "sprache", code),
        "service_id": service_id,
        "code": code,
        "name": config.languages.get(code, code),
    }


def _contact(offer: Offer, service_id: str, config: Config) -> Json:
    contact: Json = {"id": make_id(config, "angebote", offer.slug, "kontakt"), "service_id": service_id}
    if offer.contact.name:
        contact["name"] = offer.contact.name
    if offer.contact.email:
        contact["email"] = offer.contact.email
    return contact


def _phones(offer: Offer, config: Config, service_id: str) -> list[Json]:
    if not offer.contact.phone:
        return []
    return [
        {
            "id": make_id(config, "angebote", offer.slug, "telefon"),
            "service_id": service_id,
            "number": offer.contact.phone_display,
            "type": "voice",
        }
    ]


def _accessibility_text(offer: Offer) -> Json:
    a = offer.accessibility
    if a is None:
        return {}
    facts = [
        (a.step_free, "stufenlos erreichbar", "nicht stufenlos erreichbar"),
        (a.accessible_toilet, "rollstuhlgerechtes WC", "kein rollstuhlgerechtes WC"),
        (a.hearing_loop, "Höranlage (Induktionsschleife)", "keine Höranlage"),
    ]
    words = [yes if value else no for value, yes, no in facts if value is not None]
    record: Json = {}
    if words:
        record["description"] = ", ".join(words) + "."
    if a.note:
        record["details"] = a.note
    return record
