"""One flat record per offer with stable, documented column names: the shape of angebote.json, .csv and .xlsx.

The column names are a promise to whoever imports the data (Einsamkeit.NRW, a spreadsheet): add columns at the end,
never rename or drop one. docs/daten.md documents each; a test keeps the two in step. A text field of the offer file
(content/schema.py) that the table below does not name gets a column of its own name at the end, carrying its text
as written: so a new optional text field reaches the open data without an edit here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from mittendrin.content.schema import OFFER_FIELDS
from mittendrin.dates.occurrences import upcoming
from mittendrin.dates.schedule import current_appointments, days_of, describe
from mittendrin.model.config import Config
from mittendrin.model.offer import Offer, Period

Value = str | int | float | bool | None | list[str]
Getter = Callable[[Offer, Config, dt.date], Value]


def offer_address(offer: Offer, config: Config) -> str:
    """The address of the offer's page on the site."""
    return f"{config.base_url}angebote/{offer.slug}/"


def appointments_in_words(offer: Offer, config: Config, today: dt.date) -> list[str]:
    """The current appointments as the page says them: "jeden 1. Mittwoch im Monat, 10:00–12:00 Uhr"."""
    return [describe(a, [w.name for w in config.weekdays]) for a in current_appointments(offer, today)]


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _place(attribute: str) -> Getter:
    return lambda o, c, t: getattr(o.place, attribute) if o.place else None


def _access(attribute: str) -> Getter:
    return lambda o, c, t: getattr(o.accessibility, attribute) if o.accessibility else None


_NAMED: tuple[tuple[str, Getter], ...] = (
    ("kennung", lambda o, c, t: o.slug),
    ("adresse", lambda o, c, t: offer_address(o, c)),
    ("titel", lambda o, c, t: o.title),
    ("kurzbeschreibung", lambda o, c, t: o.summary),
    ("traeger", lambda o, c, t: o.organiser),
    ("bezirk", lambda o, c, t: c.district(o.district).name),
    ("bezirk_kennung", lambda o, c, t: o.district),
    ("stadtteil", lambda o, c, t: o.quarter or None),
    ("altersgruppen", lambda o, c, t: list(o.age_groups)),
    ("kategorien", lambda o, c, t: list(o.categories)),
    ("termine", lambda o, c, t: appointments_in_words(o, c, t)),
    ("wochentage", lambda o, c, t: [c.weekdays[d].key for d in days_of(current_appointments(o, t))]),
    ("ort_name", _place("name")),
    ("ort_strasse", _place("street")),
    ("ort_plz", _place("postcode")),
    ("ort_ort", _place("town")),
    ("ort_lat", _place("lat")),
    ("ort_lon", _place("lon")),
    ("online", lambda o, c, t: o.online),
    ("kosten", lambda o, c, t: o.costs),
    ("kostenlos", lambda o, c, t: o.free_of_charge),
    ("anmeldung", lambda o, c, t: o.registration),
    ("barrierefreiheit_stufenlos", _access("step_free")),
    ("barrierefreiheit_rollstuhl_wc", _access("accessible_toilet")),
    ("barrierefreiheit_hoerschleife", _access("hearing_loop")),
    ("barrierefreiheit_hinweis", lambda o, c, t: o.accessibility.note or None if o.accessibility else None),
    ("sprachen", lambda o, c, t: list(o.languages)),
    ("kontakt_name", lambda o, c, t: o.contact.name or None),
    ("kontakt_telefon", lambda o, c, t: o.contact.phone_display or None),
    ("kontakt_email", lambda o, c, t: o.contact.email or None),
    ("kontakt_web", lambda o, c, t: o.contact.web or None),
    ("geprueft_am", lambda o, c, t: o.confirmed_on.isoformat()),
    ("gueltig_ab", lambda o, c, t: _iso(o.valid_from)),
    ("gueltig_bis", lambda o, c, t: _iso(o.valid_until)),
    ("beschreibung_html", lambda o, c, t: o.body_html or None),
    ("naechster_termin", lambda o, c, t: _next(o, c, t)),
    ("faellt_aus", lambda o, c, t: [_cancellation(p) for p in o.cancellations if p.last >= t]),
)


def _as_written(attribute: str) -> Getter:
    return lambda o, c, t: getattr(o, attribute) or None


# In the order of the field table: a new field goes at its end, or the columns after it would move.
COLUMNS = _NAMED + tuple(
    (f.key, _as_written(f.attribute))
    for f in OFFER_FIELDS
    if f.kind == "text" and f.key not in {name for name, _ in _NAMED}
)
COLUMN_NAMES = tuple(name for name, _ in COLUMNS)
LIST_SEPARATOR = " | "


def offer_record(offer: Offer, config: Config, today: dt.date) -> dict[str, Value]:
    """The offer as JSON values: lists stay lists, missing facts are null."""
    return {name: get(offer, config, today) for name, get in COLUMNS}


def _next(offer: Offer, config: Config, today: dt.date) -> str | None:
    """The next occurrence as ISO 8601 with offset, "2026-12-09T15:00:00+01:00" (a date alone without a time)."""
    found = upcoming(offer, config, today).next
    if found is None:
        return None
    return found.start.isoformat() if found.start else found.day.isoformat()


def _cancellation(period: Period) -> str:
    """ "2026-12-24 Heiligabend", or a pause as an ISO 8601 interval: "2027-07-19/2027-08-31 Sommerpause"."""
    days = period.first.isoformat() if period.first == period.last else f"{period.first}/{period.last}"
    return f"{days} {period.reason}".strip()


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER_LIKE = re.compile(r"[+-]?[0-9][0-9 /().,-]*")


def csv_row(record: dict[str, Value]) -> dict[str, str]:
    """The same record for a CSV file: every value as `cell_text`, made inert for spreadsheets."""
    return {name: inert(cell_text(value)) for name, value in record.items()}


def cell_text(value: Value) -> str:
    """A value as one spreadsheet cell: lists joined with ' | ', yes/no as 'ja'/'nein', missing facts empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, list):
        return LIST_SEPARATOR.join(value)
    return str(value)


def inert(text: str) -> str:
    """Text a spreadsheet would run as a formula ("=HYPERLINK(…)") gets a leading apostrophe, which makes it text.

    Offers come from strangers and staff open the CSV in Excel or LibreOffice (CSV injection). Phone numbers and
    coordinates such as "+49 2323 16-2551" or "-1.5" stay as they are.
    """
    if text.startswith(_FORMULA_START) and not _NUMBER_LIKE.fullmatch(text):
        return "'" + text
    return text
