"""What pages.prepare works out of one offer, and the key that lets a later day take it over."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from conftest import EXAMPLE_CONTENT, TOWN_CONFIG, every_kind, write_offer

from mittendrin.build.pipeline import check_content
from mittendrin.model.config import load_config
from mittendrin.site.pages import date_key, prepare

BUILD_DATE = dt.date(2026, 11, 25)  # conftest's SOURCE_DATE_EPOCH, a Wednesday


def test_an_offers_view_and_open_data_are_the_same_on_every_day_its_date_key_is(content: Path) -> None:
    """The next day's rebuild takes an offer's view and open data from an earlier day when its file and date_key are
    the same. Over ten weeks across Christmas and the new year (school holidays, public holidays, a pause, single
    dates and appointments ending, an offer beginning later) they may never differ where the key does not."""
    every_kind(content)
    write_offer(content, "ferien", titel="Chor", termine=[
        {"tage": ["do"], "von": "17:00", "bis": "18:30", "nicht_in": ["schulferien", "feiertage"]},
    ], faellt_aus=[  # a Thursday, a Saturday it does not meet anyway, a pause
        "2026-12-03", "2026-12-05", {"von": "2027-01-11", "bis": "2027-01-24", "grund": "Renovierung"},
    ])  # fmt: skip
    write_offer(content, "monatlich-faellt-aus", titel="Stammtisch", termine=[
        {"tage": ["do"], "rhythmus": "monatlich", "woche": [1], "von": "19:00"},  # 4 February comes into view alone
    ], faellt_aus=["2027-02-04"])  # fmt: skip
    write_offer(content, "endet-dienstags", titel="Kurs", termine=[
        {"tage": ["di"], "von": "10:00", "bis_datum": "2026-12-17"},  # ends on a Thursday, two days after its last
        {"tage": ["fr"], "von": "10:00"},
    ])  # fmt: skip
    write_offer(content, "spaeter", titel="Neuer Treff", gueltig_ab="2027-01-30", termine=[{"tage": ["sa"], "von": "10:00"}])  # fmt: skip
    config = load_config(TOWN_CONFIG)
    offers = (
        check_content(content, config, BUILD_DATE).offers + check_content(EXAMPLE_CONTENT, config, BUILD_DATE).offers
    )
    days = [BUILD_DATE + dt.timedelta(days=n) for n in range(70)]
    worked_out = 0
    for offer in offers:
        by_key = {}
        for day in days:
            prepared = prepare(offer, config, day)
            assert by_key.setdefault(date_key(offer, config, day), prepared) == prepared, (offer.slug, day)
        worked_out += len(by_key)
    # Not the date in disguise: most days take over most offers (weekly ones change about once a week).
    assert worked_out < len(offers) * len(days) / 3
