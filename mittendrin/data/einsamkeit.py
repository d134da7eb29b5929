"""The offers in the ten columns of the state's list Einsamkeit.NRW, in its words: the rows of einsamkeit-nrw.csv.

The state publishes its list ("Initiativen und Angebote gegen Einsamkeit" on land.nrw/einsamkeit) as a table with
these headers and no import format, so the headers are copied letter for letter and in their order. docs/daten.md
shows where each value comes from; a test keeps the two in step.
"""

from __future__ import annotations

import datetime as dt

from mittendrin.content.body import plain_paragraphs
from mittendrin.data.records import Getter, appointments_in_words, csv_row, offer_address
from mittendrin.model.config import Config
from mittendrin.model.offer import Offer

VOCABULARY_SEPARATOR = ", "  # "Ältere Menschen, Erwachsene": how a list of words reads in a sentence


def _description(offer: Offer, config: Config, today: dt.date) -> str:
    """The summary, the free text without Markdown, and the dates in words: the state's list has no column for when,
    and its entries say it in the description."""
    dates = appointments_in_words(offer, config, today)
    parts = [offer.summary, plain_paragraphs(offer.body_html), f"Termine: {'; '.join(dates)}" if dates else ""]
    return "\n".join(part for part in parts if part)


STATE_COLUMNS: tuple[tuple[str, Getter], ...] = (
    ("Angebot", lambda o, c, t: o.title),
    ("Institution", lambda o, c, t: o.organiser),
    ("Ort", lambda o, c, t: o.place.town if o.place else c.town),
    ("PLZ", lambda o, c, t: o.place.postcode if o.place else None),
    ("Straße und Hausnummer", lambda o, c, t: o.place.street if o.place else None),
    ("Telefon-Nr.", lambda o, c, t: o.contact.phone or None),
    ("Webseite", lambda o, c, t: o.contact.web or offer_address(o, c)),
    ("Zielgruppe", lambda o, c, t: VOCABULARY_SEPARATOR.join(c.age_group(a).name for a in o.age_groups) or None),
    ("Kategorie", lambda o, c, t: VOCABULARY_SEPARATOR.join(c.category(k).name for k in o.categories) or None),
    ("Beschreibung", _description),
)
STATE_COLUMN_NAMES = tuple(name for name, _ in STATE_COLUMNS)


def state_row(offer: Offer, config: Config, today: dt.date) -> dict[str, str]:
    """One row of einsamkeit-nrw.csv: text only, missing facts empty, inert for spreadsheets like angebote.csv."""
    return csv_row({name: get(offer, config, today) for name, get in STATE_COLUMNS})
