"""Each schedule form, from the offer file to the German sentence a resident reads."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import TOWN_CONFIG, offer_text

from mittendrin.content.load import load_offer
from mittendrin.content.validate import validate
from mittendrin.dates.occurrences import upcoming
from mittendrin.dates.schedule import describe, is_current, join_words, skip_lines, week_order
from mittendrin.model.config import load_config
from mittendrin.model.offer import Appointment, Rhythm

CONFIG = load_config(TOWN_CONFIG)
DAYS = [w.name for w in CONFIG.weekdays]
TODAY = dt.date(2026, 11, 25)


def phrase(tmp_path: Path, *entries: dict) -> list[str]:
    """Write an offer with these `termine`, validate it, and describe each appointment."""
    path = tmp_path / "offers" / "angebot.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(offer_text(termine=list(entries)), encoding="utf-8")
    raw = load_offer(path, "angebot.md")
    offer, problems = validate(raw, CONFIG, TODAY)
    assert offer is not None, [p.format() for p in problems]
    return [describe(a, DAYS) for a in offer.appointments]


@pytest.mark.parametrize(
    ("entry", "german"),
    [
        ({"tage": ["di"], "von": "15:00", "bis": "17:00"}, "jeden Dienstag, 15:00–17:00 Uhr"),
        ({"tage": ["di", "do"], "von": "15:00", "bis": "17:00"}, "jeden Dienstag und Donnerstag, 15:00–17:00 Uhr"),
        ({"tage": ["fr", "mo", "mi"], "von": "9:30"}, "jeden Montag, Mittwoch und Freitag, ab 9:30 Uhr"),
        (
            {"tage": ["mi"], "rhythmus": "14-taeglich", "ab": "2026-01-07", "von": "18:00", "bis": "20:00"},
            "jeden zweiten Mittwoch, 18:00–20:00 Uhr (ab 7. Januar 2026)",
        ),
        (
            {"tage": ["sa"], "rhythmus": "monatlich", "woche": [1, 3], "von": "10:00", "bis": "12:00"},
            "jeden 1. und 3. Samstag im Monat, 10:00–12:00 Uhr",
        ),
        (
            {"tage": ["mi"], "rhythmus": "monatlich", "woche": [1], "von": "10:00", "bis": "12:00"},
            "jeden 1. Mittwoch im Monat, 10:00–12:00 Uhr",
        ),
        (
            {"tage": ["do"], "rhythmus": "monatlich", "woche": [-1], "von": "19:00", "bis": "21:30"},
            "jeden letzten Donnerstag im Monat, 19:00–21:30 Uhr",
        ),
        (
            {"tage": ["so"], "rhythmus": "monatlich", "woche": ["letzter", 2], "von": "11:00"},
            "jeden 2. und letzten Sonntag im Monat, ab 11:00 Uhr",
        ),
        ({"datum": "2026-12-12", "von": "14:00", "bis": "18:00"}, "am Samstag, 12. Dezember 2026, 14:00–18:00 Uhr"),
        ({"nach_vereinbarung": True}, "nach Vereinbarung"),
        ({"nach_vereinbarung": True, "hinweis": "Anruf genügt"}, "nach Vereinbarung – Anruf genügt"),
        (
            {
                "tage": ["di"],
                "von": "16:00",
                "bis": "17:00",
                "ab": "2026-09-01",
                "bis_datum": "2027-06-30",
                "hinweis": "nicht in den Schulferien",
            },
            "jeden Dienstag, 16:00–17:00 Uhr (vom 1. September 2026 bis 30. Juni 2027) – nicht in den Schulferien",
        ),
    ],
)
def test_each_form_reads_as_german(tmp_path: Path, entry: dict, german: str) -> None:
    assert phrase(tmp_path, entry) == [german]


@pytest.mark.parametrize(
    ("written", "german"),
    [
        ({"tage": "Dienstag, Donnerstag", "von": "15 Uhr", "bis": "17.00"}, "jeden Dienstag und Donnerstag, 15:00–17:00 Uhr"),
        ({"tage": ["Di.", "DO"], "von": "15:00 Uhr", "bis": "17:00"}, "jeden Dienstag und Donnerstag, 15:00–17:00 Uhr"),
        ({"tage": ["mittwochs"], "rhythmus": "alle 14 Tage", "ab": "7.1.2026", "von": "18"},
         "jeden zweiten Mittwoch, ab 18:00 Uhr (ab 7. Januar 2026)"),
        ({"tage": ["Samstag"], "rhythmus": "Monatlich", "woche": "1, 3", "von": "10:00"},
         "jeden 1. und 3. Samstag im Monat, ab 10:00 Uhr"),
    ],
)  # fmt: skip
def test_forgiving_where_the_intent_is_clear(tmp_path: Path, written: dict, german: str) -> None:
    assert phrase(tmp_path, written) == [german]


def test_unquoted_time_is_read_as_written(tmp_path: Path) -> None:
    """YAML 1.1 reads an unquoted 15:00 as the number 900; the loader keeps the text as written."""
    path = tmp_path / "offers" / "angebot.md"
    path.parent.mkdir(parents=True)
    path.write_text(offer_text().replace("von: '15:00'", "von: 15:00"), encoding="utf-8")
    assert "von: 15:00\n" in path.read_text()
    offer, _ = validate(load_offer(path, "angebot.md"), CONFIG, TODAY)
    assert offer and offer.appointments[0].start == dt.time(15, 0)


def test_join_words() -> None:
    assert join_words(["a"]) == "a"
    assert join_words(["a", "b"]) == "a und b"
    assert join_words(["a", "b", "c"]) == "a, b und c"


def test_is_current() -> None:
    single = Appointment(Rhythm.DATE, date=dt.date(2026, 11, 25))
    assert is_current(single, TODAY)
    assert not is_current(single, TODAY + dt.timedelta(days=1))
    series = Appointment(Rhythm.WEEKLY, weekdays=(0,), last_date=dt.date(2026, 11, 24))
    assert not is_current(series, TODAY)
    assert is_current(Appointment(Rhythm.BY_ARRANGEMENT), TODAY)


def test_week_order_puts_by_arrangement_last() -> None:
    monday_evening = Appointment(Rhythm.WEEKLY, weekdays=(0,), start=dt.time(19))
    tuesday_morning = Appointment(Rhythm.WEEKLY, weekdays=(1,), start=dt.time(9))
    arrangement = Appointment(Rhythm.BY_ARRANGEMENT)
    keys = [week_order([a]) for a in (arrangement, tuesday_morning, monday_evening)]
    assert sorted(keys) == [keys[2], keys[1], keys[0]]


def cancellation_lines(tmp_path: Path, *entries: dict, **fields: object) -> tuple[str, ...]:
    """The "Fällt aus …" and "Pause …" lines an offer page shows for the eight weeks from the build date."""
    path = tmp_path / "offers" / "angebot.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(offer_text(termine=list(entries), **fields), encoding="utf-8")
    offer, problems = validate(load_offer(path, "angebot.md"), CONFIG, TODAY)
    assert offer is not None, [p.format() for p in problems]
    return skip_lines(upcoming(offer, CONFIG, TODAY).skips, offer.appointments, DAYS)


def test_cancellations_and_pauses_are_named_with_their_reason(tmp_path: Path) -> None:
    lines = cancellation_lines(
        tmp_path,
        {"tage": ["do"], "von": "10:00", "nicht_in": ["schulferien"]},
        faellt_aus=[{"datum": "2026-12-17", "grund": "Weihnachtsfeier des Vereins"}, "2026-12-10"],
    )
    assert lines == (
        "Fällt aus am Donnerstag, 10. Dezember 2026",
        "Fällt aus am Donnerstag, 17. Dezember 2026 (Weihnachtsfeier des Vereins)",
        "Pause vom 23. Dezember 2026 bis 6. Januar 2027 (Weihnachtsferien)",
    )


def test_a_pause_of_one_appointment_names_its_time_when_another_goes_on(tmp_path: Path) -> None:
    # Mondays at 10:00 pause in the school holidays, Mondays at 18:00 do not: residents must not think both stop.
    lines = cancellation_lines(
        tmp_path,
        {"tage": ["mo"], "von": "10:00", "nicht_in": ["schulferien"]},
        {"tage": ["mo"], "von": "18:00"},
    )
    assert lines == ("Pause vom 23. Dezember 2026 bis 6. Januar 2027 (Weihnachtsferien) – der Termin um 10:00 Uhr",)
