"""When an offer takes place: each rhythm expanded into real dates, with holidays, cancellations and bounds."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from conftest import TOWN_CONFIG, write_offer

from mittendrin.content.load import load_offer
from mittendrin.content.validate import validate
from mittendrin.dates import occurrences as dates
from mittendrin.model.config import load_config
from mittendrin.model.offer import Offer, Period

CONFIG = load_config(TOWN_CONFIG)
NO_SCHOOL_HOLIDAYS = dataclasses.replace(CONFIG, school_holidays=())
TODAY = dt.date(2026, 11, 25)
D = dt.date


def offer(tmp_path: Path, *entries: dict, **fields: object) -> Offer:
    """Write an offer with these `termine` (and other fields), validate it against the town's config, return it."""
    path = write_offer(tmp_path, "angebot", termine=list(entries), **fields)
    raw = load_offer(path, "angebot.md")
    assert not isinstance(raw, list), raw
    result, problems = validate(raw, CONFIG, TODAY)
    assert result is not None, [p.format() for p in problems]
    return result


def days_from(
    tmp_path: Path, first: dt.date, last: dt.date, *entries: dict, config=CONFIG, **fields: object
) -> list[dt.date]:
    """The days on which the offer takes place from `first` to `last`."""
    occurrences, _ = dates.expand(offer(tmp_path, *entries, **fields), config, TODAY, first, last)
    return [o.day for o in occurrences]


def skipped(tmp_path: Path, first: dt.date, last: dt.date, *entries: dict, **fields: object) -> list[tuple]:
    """The days the rhythm yields but the offer does not take place, each with the reason shown to residents."""
    _, skips = dates.expand(offer(tmp_path, *entries, **fields), CONFIG, TODAY, first, last)
    return [(s.day, s.period.reason) for s in skips]


# -- each rhythm ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("entry", "last", "expected"),
    [
        ({"tage": ["di", "do"], "von": "15:00"}, D(2026, 12, 10), [D(2026, 12, 1), D(2026, 12, 3), D(2026, 12, 8), D(2026, 12, 10)]),
        # every other Wednesday, counted from "ab" on 7 January 2026: 48 weeks later is 9 December
        ({"tage": ["mi"], "rhythmus": "14-taeglich", "ab": "2026-01-07", "von": "18:00"}, D(2027, 1, 10), [D(2026, 12, 9), D(2026, 12, 23), D(2027, 1, 6)]),
        ({"tage": ["sa"], "rhythmus": "monatlich", "woche": [1, 3], "von": "10:00"}, D(2027, 1, 10), [D(2026, 12, 5), D(2026, 12, 19), D(2027, 1, 2)]),
        ({"tage": ["mi"], "rhythmus": "monatlich", "woche": [2], "von": "10:00"}, D(2027, 1, 31), [D(2026, 12, 9), D(2027, 1, 13)]),
        ({"datum": "2026-12-12", "von": "14:00"}, D(2027, 1, 10), [D(2026, 12, 12)]),
        ({"nach_vereinbarung": True}, D(2027, 1, 10), []),
    ],
    ids=["woechentlich", "14-taeglich", "monatlich", "monatlich-2", "datum", "nach-vereinbarung"],
)  # fmt: skip
def test_each_rhythm_yields_its_dates(tmp_path: Path, entry: dict, last: dt.date, expected: list[dt.date]) -> None:
    assert days_from(tmp_path, D(2026, 12, 1), last, entry) == expected


def test_fourteen_days_counted_from_the_week_of_ab_when_ab_is_not_that_weekday(tmp_path: Path) -> None:
    # "ab" is Thursday 8 January 2026: the Wednesday of that week (7 January) lies before it, and the rhythm goes on
    # in the same weeks, so the first date is two weeks later (21 January), not the Wednesday after "ab".
    entry = {"tage": ["mi"], "rhythmus": "14-taeglich", "ab": "2026-01-08", "von": "18:00"}
    found = days_from(tmp_path, D(2026, 1, 1), D(2026, 2, 28), entry, geprueft_am="2026-01-01")
    assert found == [D(2026, 1, 21), D(2026, 2, 4), D(2026, 2, 18)]


def test_fourteen_days_on_two_weekdays_keep_the_weeks_of_ab(tmp_path: Path) -> None:
    # "ab" is Wednesday 7 January 2026: Monday the 5th is before it, Thursday the 8th is the first date
    entry = {"tage": ["mo", "do"], "rhythmus": "14-taeglich", "ab": "2026-01-07", "von": "18:00"}
    found = days_from(tmp_path, D(2026, 1, 1), D(2026, 2, 5), entry, geprueft_am="2026-01-01")
    assert found == [D(2026, 1, 8), D(2026, 1, 19), D(2026, 1, 22), D(2026, 2, 2), D(2026, 2, 5)]


def test_fourteen_days_stay_in_step_long_after_ab(tmp_path: Path) -> None:
    # the week of Thursday 8 January 2026 is in step, and so is the week of 7 December, 48 weeks later
    entry = {"tage": ["mi"], "rhythmus": "14-taeglich", "ab": "2026-01-08", "von": "18:00"}
    assert days_from(tmp_path, D(2026, 12, 1), D(2026, 12, 31), entry) == [D(2026, 12, 9), D(2026, 12, 23)]
    # looked at from a Thursday in a week in step: that Thursday, then the Monday and Thursday two weeks on
    two_days = {"tage": ["mo", "do"], "rhythmus": "14-taeglich", "ab": "2026-01-07", "von": "18:00"}
    found = days_from(tmp_path, D(2026, 12, 10), D(2026, 12, 31), two_days)
    assert found == [D(2026, 12, 10), D(2026, 12, 21), D(2026, 12, 24)]


def test_fourteen_days_counted_from_ab_not_from_gueltig_ab(tmp_path: Path) -> None:
    entry = {"tage": ["mi"], "rhythmus": "14-taeglich", "ab": "2026-01-07", "von": "18:00"}
    found = days_from(tmp_path, D(2026, 11, 25), D(2026, 12, 31), entry, gueltig_ab="2026-12-01")
    assert found == [D(2026, 12, 9), D(2026, 12, 23)]  # 2 December would be the wrong week


def test_upcoming_from_today(tmp_path: Path) -> None:
    entry = {"tage": ["mi"], "rhythmus": "14-taeglich", "ab": "2026-01-07", "von": "18:00", "bis": "20:00"}
    coming = dates.upcoming(offer(tmp_path, entry), CONFIG, TODAY)
    # today (Wednesday 25 November, 46 weeks after "ab") is one; eight weeks end on 19 January, before the 20th
    assert [o.day for o in coming.occurrences] == [D(2026, 11, 25), D(2026, 12, 9), D(2026, 12, 23), D(2027, 1, 6)]
    assert coming.next == coming.occurrences[0]
    assert coming.skips == () and coming.paused_now is None


def test_several_entries_come_in_order_of_date_and_time(tmp_path: Path) -> None:
    evening = {"tage": ["di"], "von": "18:00"}
    morning = {"tage": ["di"], "von": "9:30"}
    once = {"datum": "2026-12-02", "von": "12:00"}
    occurrences, _ = dates.expand(
        offer(tmp_path, evening, morning, once), CONFIG, TODAY, D(2026, 12, 1), D(2026, 12, 8)
    )
    assert [(o.day, o.appointment.start) for o in occurrences] == [
        (D(2026, 12, 1), dt.time(9, 30)),
        (D(2026, 12, 1), dt.time(18, 0)),
        (D(2026, 12, 2), dt.time(12, 0)),
        (D(2026, 12, 8), dt.time(9, 30)),
        (D(2026, 12, 8), dt.time(18, 0)),
    ]


# -- month ends and the last weekday -------------------------------------------------------------------------------


def test_last_weekday_is_the_fourth_or_the_fifth(tmp_path: Path) -> None:
    # Thursdays: November 2026 has four (last the 26th), December five (last the 31st), January 2027 four
    entry = {"tage": ["do"], "rhythmus": "monatlich", "woche": [-1], "von": "19:00"}
    found = days_from(tmp_path, D(2026, 11, 1), D(2027, 1, 31), entry)
    assert found == [D(2026, 11, 26), D(2026, 12, 31), D(2027, 1, 28)]


def test_fourth_and_last_weekday_are_one_date_where_there_is_no_fifth(tmp_path: Path) -> None:
    entry = {"tage": ["do"], "rhythmus": "monatlich", "woche": [4, -1], "von": "19:00"}
    found = days_from(tmp_path, D(2026, 11, 1), D(2026, 12, 31), entry)
    assert found == [D(2026, 11, 26), D(2026, 12, 24), D(2026, 12, 31)]


def test_first_and_last_weekday_at_the_month_ends_of_february(tmp_path: Path) -> None:
    # February 2027 begins on a Monday and ends on a Sunday, and so does the next month begin on a Monday
    first_monday = {"tage": ["mo"], "rhythmus": "monatlich", "woche": [1], "von": "10:00"}
    last_sunday = {"tage": ["so"], "rhythmus": "monatlich", "woche": [-1], "von": "11:00"}
    found = days_from(tmp_path, D(2027, 2, 1), D(2027, 3, 31), first_monday, last_sunday)
    assert found == [D(2027, 2, 1), D(2027, 2, 28), D(2027, 3, 1), D(2027, 3, 28)]


def test_weekly_runs_on_across_month_and_year_ends(tmp_path: Path) -> None:
    found = days_from(tmp_path, D(2026, 12, 20), D(2027, 1, 12), {"tage": ["do"], "von": "15:00"})
    assert found == [D(2026, 12, 24), D(2026, 12, 31), D(2027, 1, 7)]


# -- daylight saving time ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        # summer time ends on the last Sunday of October 2026 (the 25th)
        (
            D(2026, 10, 18),
            D(2026, 10, 25),
            [
                ("2026-10-18T15:00:00+02:00", "2026-10-18T17:00:00+02:00"),
                ("2026-10-25T15:00:00+01:00", "2026-10-25T17:00:00+01:00"),
            ],
        ),
        # and begins on the last Sunday of March 2027 (the 28th)
        (
            D(2027, 3, 21),
            D(2027, 3, 28),
            [
                ("2027-03-21T15:00:00+01:00", "2027-03-21T17:00:00+01:00"),
                ("2027-03-28T15:00:00+02:00", "2027-03-28T17:00:00+02:00"),
            ],
        ),
    ],
    ids=["oktober-2026", "maerz-2027"],
)
def test_local_time_stays_across_a_clock_change(
    tmp_path: Path, first: dt.date, last: dt.date, expected: list[tuple[str, str]]
) -> None:
    entry = {"tage": ["so"], "von": "15:00", "bis": "17:00"}
    occurrences, _ = dates.expand(offer(tmp_path, entry), CONFIG, TODAY, first, last)
    assert [(o.start.isoformat(), o.end.isoformat()) for o in occurrences if o.start and o.end] == expected


# -- holidays ------------------------------------------------------------------------------------------------------


def test_school_holidays_are_skipped_with_their_name(tmp_path: Path) -> None:
    # Weihnachtsferien 2026-12-23 to 2027-01-06 in config.toml, both days included
    entry = {"tage": ["mi"], "von": "15:00", "nicht_in": ["schulferien"]}
    first, last = D(2026, 12, 9), D(2027, 1, 20)
    assert days_from(tmp_path, first, last, entry) == [D(2026, 12, 9), D(2026, 12, 16), D(2027, 1, 13), D(2027, 1, 20)]
    assert skipped(tmp_path, first, last, entry) == [
        (D(2026, 12, 23), "Weihnachtsferien"),
        (D(2026, 12, 30), "Weihnachtsferien"),
        (D(2027, 1, 6), "Weihnachtsferien"),
    ]
    _, skips = dates.expand(offer(tmp_path, entry), CONFIG, TODAY, first, last)
    assert {s.period for s in skips} == {Period(D(2026, 12, 23), D(2027, 1, 6), "Weihnachtsferien")}


def test_without_nicht_in_the_holidays_are_ordinary_days(tmp_path: Path) -> None:
    found = days_from(tmp_path, D(2026, 12, 23), D(2027, 1, 6), {"tage": ["mi"], "von": "15:00"})
    assert found == [D(2026, 12, 23), D(2026, 12, 30), D(2027, 1, 6)]


def test_public_holidays_are_skipped_with_their_name(tmp_path: Path) -> None:
    entry = {"tage": ["fr"], "von": "15:00", "nicht_in": ["feiertage"]}
    first, last = D(2026, 12, 18), D(2027, 1, 8)
    assert days_from(tmp_path, first, last, entry) == [D(2026, 12, 18), D(2027, 1, 8)]
    assert skipped(tmp_path, first, last, entry) == [
        (D(2026, 12, 25), "Erster Weihnachtstag"),
        (D(2027, 1, 1), "Neujahr"),
    ]


def test_easter_monday_2027_is_skipped(tmp_path: Path) -> None:
    entry = {"tage": ["mo"], "von": "15:00", "nicht_in": ["feiertage"]}
    first, last = D(2027, 3, 22), D(2027, 4, 5)
    assert days_from(tmp_path, first, last, entry) == [D(2027, 3, 22), D(2027, 4, 5)]
    assert skipped(tmp_path, first, last, entry) == [(D(2027, 3, 29), "Ostermontag")]


def test_a_day_in_several_pauses_names_the_cancellation_first_then_the_school_holidays(tmp_path: Path) -> None:
    entry = {"tage": ["fr"], "von": "15:00", "nicht_in": ["schulferien", "feiertage"]}
    first, last = D(2026, 12, 25), D(2027, 1, 1)
    assert skipped(tmp_path, first, last, entry) == [
        (D(2026, 12, 25), "Weihnachtsferien"),
        (D(2027, 1, 1), "Weihnachtsferien"),
    ]
    cancelled = {"datum": "2026-12-25", "grund": "Weihnachtsfeier im Haus"}
    assert skipped(tmp_path, first, last, entry, faellt_aus=[cancelled]) == [
        (D(2026, 12, 25), "Weihnachtsfeier im Haus"),
        (D(2027, 1, 1), "Weihnachtsferien"),
    ]


def test_a_single_date_pauses_too(tmp_path: Path) -> None:
    entry = {"datum": "2026-12-25", "von": "15:00", "nicht_in": ["feiertage"]}
    assert days_from(tmp_path, D(2026, 12, 1), D(2026, 12, 31), entry) == []
    assert skipped(tmp_path, D(2026, 12, 1), D(2026, 12, 31), entry) == [(D(2026, 12, 25), "Erster Weihnachtstag")]


# -- cancellations -------------------------------------------------------------------------------------------------


def test_cancellations_and_pauses_are_skipped(tmp_path: Path) -> None:
    cancellations = [
        "2026-12-08",
        {"datum": "2026-12-15", "grund": "Weihnachtsfeier"},
        {"von": "2027-01-05", "bis": "2027-01-12", "grund": "Winterpause"},
    ]
    entry = {"tage": ["di"], "von": "15:00"}
    first, last = D(2026, 12, 1), D(2027, 1, 19)
    found = days_from(tmp_path, first, last, entry, faellt_aus=cancellations)
    assert found == [D(2026, 12, 1), D(2026, 12, 22), D(2026, 12, 29), D(2027, 1, 19)]
    assert skipped(tmp_path, first, last, entry, faellt_aus=cancellations) == [
        (D(2026, 12, 8), ""),
        (D(2026, 12, 15), "Weihnachtsfeier"),
        (D(2027, 1, 5), "Winterpause"),
        (D(2027, 1, 12), "Winterpause"),
    ]


def test_a_cancellation_takes_away_every_entry_of_that_day(tmp_path: Path) -> None:
    morning, evening = {"tage": ["di"], "von": "9:00"}, {"tage": ["di"], "von": "18:00"}
    found = days_from(tmp_path, D(2026, 12, 1), D(2026, 12, 15), morning, evening, faellt_aus=["2026-12-08"])
    assert found == [D(2026, 12, 1), D(2026, 12, 1), D(2026, 12, 15), D(2026, 12, 15)]


def test_upcoming_says_when_a_long_pause_ends(tmp_path: Path) -> None:
    pause = {"von": "2026-11-01", "bis": "2027-03-31", "grund": "Winterpause"}
    coming = dates.upcoming(offer(tmp_path, {"tage": ["di"], "von": "15:00"}, faellt_aus=[pause]), CONFIG, TODAY)
    assert coming.occurrences == ()
    assert coming.paused_now == Period(D(2026, 11, 1), D(2027, 3, 31), "Winterpause")
    assert coming.next is not None and coming.next.day == D(2027, 4, 6)


def test_a_one_day_cancellation_today_is_no_pause(tmp_path: Path) -> None:
    coming = dates.upcoming(offer(tmp_path, {"tage": ["mi"], "von": "15:00"}, faellt_aus=["2026-11-25"]), CONFIG, TODAY)
    assert coming.paused_now is None
    assert [s.day for s in coming.skips] == [D(2026, 11, 25)]
    assert coming.next is not None and coming.next.day == D(2026, 12, 2)


# -- bounds --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("entry_bounds", "offer_bounds", "expected"),
    [
        ({"ab": "2026-12-09"}, {}, [D(2026, 12, 15), D(2026, 12, 22), D(2026, 12, 29)]),
        ({"bis_datum": "2026-12-15"}, {}, [D(2026, 12, 1), D(2026, 12, 8), D(2026, 12, 15)]),
        ({}, {"gueltig_ab": "2026-12-15"}, [D(2026, 12, 15), D(2026, 12, 22), D(2026, 12, 29)]),
        ({}, {"gueltig_bis": "2026-12-14"}, [D(2026, 12, 1), D(2026, 12, 8)]),
        ({"ab": "2026-12-08", "bis_datum": "2026-12-22"}, {"gueltig_ab": "2026-12-01", "gueltig_bis": "2026-12-20"}, [D(2026, 12, 8), D(2026, 12, 15)]),
    ],
    ids=["ab", "bis_datum", "gueltig_ab", "gueltig_bis", "alle"],
)  # fmt: skip
def test_bounds_of_the_entry_and_the_offer(
    tmp_path: Path, entry_bounds: dict, offer_bounds: dict, expected: list[dt.date]
) -> None:
    entry = {"tage": ["di"], "von": "15:00", **entry_bounds}
    assert days_from(tmp_path, D(2026, 12, 1), D(2026, 12, 31), entry, **offer_bounds) == expected


@pytest.mark.parametrize("bounds", [{"gueltig_ab": "2026-12-13"}, {"gueltig_bis": "2026-12-11"}])
def test_a_single_date_outside_the_offers_validity_does_not_take_place(tmp_path: Path, bounds: dict) -> None:
    entry = {"datum": "2026-12-12", "von": "14:00"}
    assert days_from(tmp_path, D(2026, 12, 1), D(2026, 12, 31), entry, **bounds) == []


def test_weekly_without_ab_starts_at_gueltig_ab_or_the_confirmation(tmp_path: Path) -> None:
    entry = {"tage": ["do"], "von": "15:00"}  # geprueft_am: 2026-10-01, a Thursday
    confirmed = offer(tmp_path, entry)
    assert dates.first_day(confirmed.appointments[0], confirmed) == D(2026, 10, 1)
    later = offer(tmp_path, entry, gueltig_ab="2026-10-03")
    assert dates.first_day(later.appointments[0], later) == D(2026, 10, 8)


# -- how far the holidays are known --------------------------------------------------------------------------------


def test_known_until() -> None:
    assert dates.known_until("schulferien", CONFIG, TODAY) == D(2028, 1, 8)  # end of Weihnachtsferien 2027/28
    assert dates.known_until("feiertage", CONFIG, TODAY) == D(2028, 12, 31)
    assert dates.known_until("schulferien", NO_SCHOOL_HOLIDAYS, TODAY) == dt.date.min


def test_no_dates_after_the_last_known_school_holidays(tmp_path: Path) -> None:
    paused = {"tage": ["di"], "von": "15:00", "nicht_in": ["schulferien"]}
    first, last = D(2027, 12, 1), D(2028, 2, 29)
    assert days_from(tmp_path, first, last, paused) == [D(2027, 12, 7), D(2027, 12, 14), D(2027, 12, 21)]
    assert skipped(tmp_path, first, last, paused) == [
        (D(2027, 12, 28), "Weihnachtsferien"),
        (D(2028, 1, 4), "Weihnachtsferien"),
    ]
    # the same entry without nicht_in goes on: the gap is only a lack of data
    assert days_from(tmp_path, D(2028, 1, 9), D(2028, 1, 20), {"tage": ["di"], "von": "15:00"}) == [
        D(2028, 1, 11),
        D(2028, 1, 18),
    ]
    coming = dates.upcoming(offer(tmp_path, paused), CONFIG, D(2027, 12, 22))
    assert coming.occurrences == () and coming.next is None


def test_a_config_without_school_holidays_gives_no_dates_for_nicht_in_schulferien(tmp_path: Path) -> None:
    paused = {"tage": ["di"], "von": "15:00", "nicht_in": ["schulferien"]}
    the_offer = offer(tmp_path, paused)
    occurrences, skips = dates.expand(the_offer, NO_SCHOOL_HOLIDAYS, TODAY, D(2026, 12, 1), D(2027, 12, 31))
    assert (occurrences, skips) == ([], [])
    assert dates.upcoming(the_offer, NO_SCHOOL_HOLIDAYS, TODAY).next is None
    assert dates.exception_days(the_offer.appointments[0], the_offer, NO_SCHOOL_HOLIDAYS, TODAY) == []
    # public holidays alone are computed, so such an entry has dates
    holidays_only = {"tage": ["di"], "von": "15:00", "nicht_in": ["feiertage"]}
    assert days_from(tmp_path, D(2026, 12, 1), D(2026, 12, 8), holidays_only, config=NO_SCHOOL_HOLIDAYS) == [
        D(2026, 12, 1),
        D(2026, 12, 8),
    ]


def test_other_school_holidays_in_the_config_are_used(tmp_path: Path) -> None:
    config = dataclasses.replace(CONFIG, school_holidays=(Period(D(2026, 12, 1), D(2026, 12, 10), "Probeferien"),))
    paused = {"tage": ["di"], "von": "15:00", "nicht_in": ["schulferien"]}
    occurrences, skips = dates.expand(offer(tmp_path, paused), config, TODAY, D(2026, 11, 24), D(2026, 12, 31))
    assert [o.day for o in occurrences] == [D(2026, 11, 24)]  # nothing after 10 December: not known
    assert [(s.day, s.period.reason) for s in skips] == [
        (D(2026, 12, 1), "Probeferien"),
        (D(2026, 12, 8), "Probeferien"),
    ]


# -- exception days (calendar EXDATE, schema.org exceptDates) -----------------------------------------------------


def test_exception_days_are_exactly_the_skipped_days(tmp_path: Path) -> None:
    entry = {"tage": ["fr"], "von": "15:00", "ab": "2026-12-01", "bis_datum": "2027-01-31", "nicht_in": ["feiertage"]}
    the_offer = offer(tmp_path, entry, faellt_aus=["2027-01-15", "2027-02-05"])
    expected = [D(2026, 12, 25), D(2027, 1, 1), D(2027, 1, 15)]  # 5 February is after bis_datum
    assert dates.exception_days(the_offer.appointments[0], the_offer, CONFIG, TODAY) == expected
    _, skips = dates.expand(the_offer, CONFIG, TODAY, D(2026, 12, 1), D(2027, 2, 28))
    assert [s.day for s in skips] == expected


def test_exception_days_of_school_holidays(tmp_path: Path) -> None:
    entry = {"tage": ["mi"], "von": "15:00", "ab": "2026-12-01", "bis_datum": "2027-01-31", "nicht_in": ["schulferien"]}
    the_offer = offer(tmp_path, entry)
    assert dates.exception_days(the_offer.appointments[0], the_offer, CONFIG, TODAY) == [
        D(2026, 12, 23),
        D(2026, 12, 30),
        D(2027, 1, 6),
    ]


def test_no_exception_days_without_pauses(tmp_path: Path) -> None:
    entry = {"tage": ["mi"], "von": "15:00", "bis_datum": "2027-01-31"}
    the_offer = offer(tmp_path, entry)
    assert dates.exception_days(the_offer.appointments[0], the_offer, CONFIG, TODAY) == []


# -- the next date, however far away -------------------------------------------------------------------------------


def test_next_date_far_beyond_the_eight_weeks(tmp_path: Path) -> None:
    coming = dates.upcoming(offer(tmp_path, {"tage": ["mi"], "von": "15:00", "ab": "2027-05-26"}), CONFIG, TODAY)
    assert coming.occurrences == ()
    assert coming.next is not None and coming.next.start is not None
    assert coming.next.start.isoformat() == "2027-05-26T15:00:00+02:00"


def test_next_single_date_in_half_a_year(tmp_path: Path) -> None:
    coming = dates.upcoming(offer(tmp_path, {"datum": "2027-06-12", "von": "14:00"}), CONFIG, TODAY)
    assert coming.occurrences == ()
    assert coming.next is not None and coming.next.day == D(2027, 6, 12)


def test_no_next_date_when_everything_is_over(tmp_path: Path) -> None:
    coming = dates.upcoming(offer(tmp_path, {"tage": ["mi"], "von": "15:00", "bis_datum": "2026-11-24"}), CONFIG, TODAY)
    assert coming.occurrences == () and coming.next is None


@pytest.mark.parametrize("rhythm", ["woechentlich", "14-taeglich", "monatlich"])
def test_a_rule_started_late_gives_the_same_days_as_one_counted_from_its_anchor(tmp_path: Path, rhythm: str) -> None:
    """dates._rule starts shortly before the days asked for, in the same phase: the days must be the rrule's own."""
    from dateutil import rrule

    entry: dict = {"tage": ["mo", "do"], "rhythmus": rhythm, "ab": "2025-03-13", "von": "10:00"}
    if rhythm == "monatlich":
        entry["woche"] = [2, -1]
    appointment = offer(tmp_path, entry).appointments[0]
    whole = rrule.rrulestr(
        "RRULE:"
        + ";".join(
            f"{k}={','.join(v) if isinstance(v, list) else v}" for k, v in dates.rrule_parts(appointment).items()
        ),
        dtstart=dt.datetime(2025, 3, 13),
    )
    for first in [D(2025, 3, 13) + dt.timedelta(days=n) for n in range(0, 900, 37)]:
        last = first + dt.timedelta(days=60)
        expected = [
            d.date()
            for d in whole.between(
                dt.datetime.combine(first, dt.time()), dt.datetime.combine(last, dt.time()), inc=True
            )
        ]
        assert list(dates.days_yielded(appointment, offer(tmp_path, entry), first, last)) == expected, first
