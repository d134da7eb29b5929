"""The .ics files, parsed back with icalendar and expanded as a calendar app would, for December 2026."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import recurring_ical_events
from bs4 import BeautifulSoup
from conftest import build_site, write_offer
from icalendar import Calendar

BERLIN = ZoneInfo("Europe/Berlin")


def every_kind(content: Path) -> None:
    write_offer(content, "woechentlich", titel="Kaffeeklatsch",
                termine=[{"tage": ["di", "do"], "von": "15:00", "bis": "17:00"}])  # fmt: skip
    write_offer(content, "vierzehntaegig", titel="Spieleabend", bezirk="Wanne", stadtteil="Crange",
                termine=[{"tage": ["mi"], "rhythmus": "14-taeglich", "ab": "2026-01-07", "von": "18:00", "bis": "20:00"}])  # fmt: skip
    write_offer(content, "monatlich", titel="Erzählcafé", bezirk="Eickel", stadtteil="Eickel", termine=[
        {"tage": ["mi"], "rhythmus": "monatlich", "woche": [1], "von": "10:00", "bis": "12:00"},
        {"tage": ["do"], "rhythmus": "monatlich", "woche": [-1], "von": "19:00"},
    ])  # fmt: skip
    write_offer(
        content, "einmalig", titel="Adventsfeier", termine=[{"datum": "2026-12-12", "von": "14:00", "bis": "18:00"}]
    )
    write_offer(content, "endet", titel="Lauftreff", termine=[
        {"tage": ["fr"], "von": "9:00", "bis": "10:00", "bis_datum": "2026-12-11"},
        {"tage": ["mo"], "von": "9:00", "bis": "10:00"},
    ], gueltig_bis="2026-12-20")  # fmt: skip
    write_offer(content, "vereinbarung", titel="Besuchsdienst", termine=[{"nach_vereinbarung": True}])


def december(ics: bytes) -> dict[str, list[dt.datetime]]:
    """Every occurrence in December 2026, by title."""
    calendar = Calendar.from_ical(ics)
    found: dict[str, list[dt.datetime]] = {}
    for event in recurring_ical_events.of(calendar).between(dt.date(2026, 12, 1), dt.date(2027, 1, 1)):
        found.setdefault(str(event["SUMMARY"]), []).append(event.decoded("DTSTART"))
    return {title: sorted(starts) for title, starts in found.items()}


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 12, day, hour, minute, tzinfo=BERLIN)


def test_feed_expands_to_the_right_dates_in_a_known_month(content: Path, tmp_path: Path) -> None:
    every_kind(content)
    site = build_site(content, tmp_path / "site")
    occurrences = december((site / "daten" / "termine.ics").read_bytes())

    assert occurrences == {
        "Kaffeeklatsch": [at(d, 15) for d in (1, 3, 8, 10, 15, 17, 22, 24, 29, 31)],
        "Spieleabend": [at(9, 18), at(23, 18)],  # every other Wednesday counted from 7 January 2026
        "Erzählcafé": [at(2, 10), at(31, 19)],  # 1. Mittwoch and letzter Donnerstag im Monat
        "Adventsfeier": [at(12, 14)],
        "Lauftreff": [at(4, 9), at(7, 9), at(11, 9), at(14, 9)],  # Fridays until bis_datum, Mondays until gueltig_bis
    }
    assert all(start.utcoffset() == dt.timedelta(hours=1) for starts in occurrences.values() for start in starts)


def test_events_are_well_formed_and_stable(content: Path, tmp_path: Path) -> None:
    every_kind(content)
    site = build_site(content, tmp_path / "site")
    calendar = Calendar.from_ical((site / "daten" / "termine.ics").read_bytes())
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {
        "woechentlich-0@mittendrin.example.org",
        "vierzehntaegig-0@mittendrin.example.org",
        "monatlich-0@mittendrin.example.org",
        "monatlich-1@mittendrin.example.org",
        "einmalig-0@mittendrin.example.org",
        "endet-0@mittendrin.example.org",
        "endet-1@mittendrin.example.org",
    }
    assert events["monatlich-0@mittendrin.example.org"]["RRULE"].to_ical() == b"FREQ=MONTHLY;BYDAY=1WE"
    assert events["monatlich-1@mittendrin.example.org"]["RRULE"].to_ical() == b"FREQ=MONTHLY;BYDAY=-1TH"
    assert (
        events["vierzehntaegig-0@mittendrin.example.org"]["RRULE"].to_ical()
        == b"FREQ=WEEKLY;INTERVAL=2;BYDAY=WE;WKST=MO"
    )
    assert events["endet-1@mittendrin.example.org"]["RRULE"]["UNTIL"] == [
        dt.datetime(2026, 12, 20, 22, 59, 59, tzinfo=dt.UTC)
    ]
    assert "RRULE" not in events["einmalig-0@mittendrin.example.org"]
    first = events["woechentlich-0@mittendrin.example.org"]
    assert first.decoded("DTSTART").tzinfo.key == "Europe/Berlin"
    assert first.decoded("DTSTAMP") == dt.datetime(2026, 11, 25, tzinfo=dt.UTC), "the build date, not the clock"
    assert first.decoded("DTSTART").date() == dt.date(2026, 10, 1), "anchored on geprueft_am (a Thursday)"
    assert str(first["URL"]) == "https://mittendrin.example.org/angebote/woechentlich/"
    assert str(first["LOCATION"]) == "Gemeindehaus, Beispielstraße 12, 44628 Herne"
    assert "jeden Dienstag und Donnerstag, 15:00–17:00 Uhr" in str(first["DESCRIPTION"])


def test_summer_dates_keep_local_time(content: Path, tmp_path: Path) -> None:
    write_offer(content, "sommer", titel="Gartentreff", termine=[{"tage": ["mi"], "von": "15:00"}])
    site = build_site(content, tmp_path / "site")
    calendar = Calendar.from_ical((site / "daten" / "termine.ics").read_bytes())
    (july,) = recurring_ical_events.of(calendar).between(dt.date(2027, 7, 7), dt.date(2027, 7, 8))
    assert july.decoded("DTSTART").astimezone(dt.UTC).hour == 13, "15:00 in summer time is 13:00 UTC"


def test_district_feeds_and_offer_downloads(content: Path, tmp_path: Path) -> None:
    every_kind(content)
    site = build_site(content, tmp_path / "site")
    assert set(december((site / "daten" / "termine-wanne.ics").read_bytes())) == {"Spieleabend"}
    assert set(december((site / "daten" / "termine-eickel.ics").read_bytes())) == {"Erzählcafé"}
    assert december((site / "daten" / "termine-herne-mitte.ics").read_bytes()) == {}
    assert Calendar.from_ical((site / "daten" / "termine-herne-mitte.ics").read_bytes())["X-WR-CALNAME"] == (
        "Mittendrin: Termine im Stadtbezirk Herne-Mitte"
    )

    own = december((site / "angebote" / "monatlich" / "termine.ics").read_bytes())
    assert own == {"Erzählcafé": [at(2, 10), at(31, 19)]}
    page = BeautifulSoup((site / "angebote" / "monatlich" / "index.html").read_text(encoding="utf-8"), "html.parser")
    link = page.find("a", string="In den Kalender eintragen")
    assert link and link["href"] == "/angebote/monatlich/termine.ics"

    assert not (site / "angebote" / "vereinbarung" / "termine.ics").exists()
    page = (site / "angebote" / "vereinbarung" / "index.html").read_text(encoding="utf-8")
    assert "In den Kalender eintragen" not in page
