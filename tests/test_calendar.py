"""The .ics files, parsed back with icalendar and expanded as a calendar app would, for December 2026."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import recurring_ical_events
from bs4 import BeautifulSoup
from conftest import EXAMPLE_CONTENT, TOWN_CONFIG, build_site, every_kind, write_offer
from icalendar import Calendar

from mittendrin.build.pipeline import check_content
from mittendrin.data.calendar import calendar_key, offer_calendar
from mittendrin.model.config import load_config

BERLIN = ZoneInfo("Europe/Berlin")


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
    assert first.decoded("DTSTAMP") == dt.datetime(2026, 10, 1, tzinfo=dt.UTC), "last revised: geprueft_am"
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


# -- the calendar files say what the offer pages say -----------------------------------------------------------------

BUILD_DATE = dt.date(2026, 11, 25)  # conftest's SOURCE_DATE_EPOCH
WINDOW_END = BUILD_DATE + dt.timedelta(weeks=8)  # the page lists dates up to the day before this
WEEKDAYS = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")
MONTHS = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November",
          "Dezember")  # fmt: skip
_DAY = r"(\d{1,2})\. (\w+) (\d{4})"
_OCCURRENCE = re.compile(rf"(\w+), {_DAY}, (?:(\d{{1,2}}):(\d\d)–(\d{{1,2}}):(\d\d)|ab (\d{{1,2}}):(\d\d)) Uhr")

Slot = tuple[dt.datetime, dt.datetime | None]  # start and end of one occurrence; no end for "ab 15:00 Uhr"


def days_from(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]


def events_by_title(path: Path) -> dict:
    return {str(e["SUMMARY"]): e for e in Calendar.from_ical(path.read_bytes()).walk("VEVENT")}


def german_day(day: str, month: str, year: str) -> dt.date:
    return dt.date(int(year), MONTHS.index(month) + 1, int(day))


def parse_occurrence(text: str) -> Slot:
    """'Mittwoch, 9. Dezember 2026, 15:00–17:00 Uhr' back into start and end in Herne."""
    match = _OCCURRENCE.fullmatch(text.strip())
    assert match, f"not a date with time: {text!r}"
    weekday, day, month, year, *times = match.groups()
    date = german_day(day, month, year)
    assert WEEKDAYS[date.weekday()] == weekday, f"{text!r}: the {date} is no {weekday}"
    start_h, start_m, end_h, end_m, open_h, open_m = times

    def at_time(hour: str, minute: str) -> dt.datetime:
        return dt.datetime.combine(date, dt.time(int(hour), int(minute)), BERLIN)

    if open_h:
        return at_time(open_h, open_m), None
    return at_time(start_h, start_m), at_time(end_h, end_m)


def listed_dates(page: BeautifulSoup) -> list[Slot]:
    """The page's "Nächste Termine" (ul.next-dates)."""
    return [parse_occurrence(li.text) for li in page.select("ul.next-dates li")]


def single_next_date(page: BeautifulSoup) -> Slot | None:
    """The page's "Nächster Termin" when none lies in the coming eight weeks (p.next-date)."""
    found = page.select("p.next-date")
    assert len(found) <= 1
    return parse_occurrence(found[0].text) if found else None


def cancelled_days(page: BeautifulSoup) -> set[dt.date]:
    """Every day the page names as cancelled: 'Fällt aus am …' one day, 'Pause vom … bis …' every day between."""
    days: set[dt.date] = set()
    for li in page.select("ul.cancellations li"):
        text = li.text.strip()
        if single := re.match(rf"Fällt aus am \w+, {_DAY}", text):
            days.add(german_day(*single.groups()))
        elif pause := re.match(rf"Pause vom {_DAY} bis {_DAY}", text):
            first, last = german_day(*pause.groups()[:3]), german_day(*pause.groups()[3:])
            days |= set(days_from(first, last))
        else:
            raise AssertionError(f"unknown cancellation line: {text!r}")
    return days


def occurrences_by_offer(ics: bytes, first: dt.date, stop: dt.date) -> dict[str, list[Slot]]:
    """Every occurrence from `first` up to (not including) `stop` as a calendar app expands it, by the slug in the
    event's URL (checked against its UID)."""
    found: dict[str, list[Slot]] = {}
    for event in recurring_ical_events.of(Calendar.from_ical(ics)).between(first, stop):
        slug = str(event["URL"]).removeprefix("https://mittendrin.example.org/angebote/").removesuffix("/")
        assert str(event["UID"]).startswith(f"{slug}-"), (event["UID"], event["URL"])
        start = event.decoded("DTSTART")
        end = event.decoded("DTEND") if "DTEND" in event else None
        found.setdefault(slug, []).append((start, None if end == start else end))
    return {slug: sorted(slots, key=lambda s: s[0]) for slug, slots in found.items()}


def offer_page(site: Path, slug: str) -> BeautifulSoup:
    return BeautifulSoup((site / "angebote" / slug / "index.html").read_text(encoding="utf-8"), "html.parser")


def assert_page_agrees(site: Path, slug: str, expanded: list[Slot], ics: bytes) -> None:
    """The first five occurrences of the coming eight weeks are the page's "Nächste Termine", none falls on a day the
    page calls cancelled; with none in those weeks the page's single next date is the calendar's next one."""
    page = offer_page(site, slug)
    listed = listed_dates(page)
    assert listed == expanded[:5], slug
    cancelled = cancelled_days(page)
    assert not [start for start, _ in expanded if start.date() in cancelled], f"{slug}: an occurrence on a day off"
    if not expanded:
        later = occurrences_by_offer(ics, WINDOW_END, WINDOW_END + dt.timedelta(days=3 * 366)).get(slug, [])
        assert single_next_date(page) == (later[0] if later else None), slug


def test_every_offer_calendar_file_expands_to_the_dates_on_its_page(example_site: Path) -> None:
    pages = sorted(p.parent for p in (example_site / "angebote").glob("*/index.html"))
    checked = cancelled = 0
    for folder in pages:
        ics_path = folder / "termine.ics"
        if not ics_path.exists():
            page = offer_page(example_site, folder.name)
            assert not listed_dates(page) and single_next_date(page) is None, f"{folder.name}: dates but no .ics"
            continue
        ics = ics_path.read_bytes()
        found = occurrences_by_offer(ics, BUILD_DATE, WINDOW_END)
        assert set(found) <= {folder.name}, "an offer's file holds only its own events"
        assert_page_agrees(example_site, folder.name, found.get(folder.name, []), ics)
        checked += 1
        cancelled += len(cancelled_days(offer_page(example_site, folder.name)))
    assert checked >= 25 and cancelled > 0, "the example content has dates and cancellations to compare"


def test_the_town_feed_expands_to_the_dates_on_every_offer_page(example_site: Path) -> None:
    ics = (example_site / "daten" / "termine.ics").read_bytes()
    found = occurrences_by_offer(ics, BUILD_DATE, WINDOW_END)
    with_files = {p.parent.name for p in (example_site / "angebote").glob("*/termine.ics")}
    assert set(found) <= with_files
    for slug in sorted(with_files):
        assert_page_agrees(example_site, slug, found.get(slug, []), ics)

    districts = [
        occurrences_by_offer(p.read_bytes(), BUILD_DATE, WINDOW_END)
        for p in sorted((example_site / "daten").glob("termine-*.ics"))
    ]
    assert len(districts) == 4
    merged = {slug: slots for district in districts for slug, slots in district.items()}
    assert merged == found and sum(len(d) for d in districts) == len(found), "each offer in its district's feed once"


def exdates(event) -> list[dt.datetime]:
    """Every EXDATE value of an event, with its TZID checked."""
    properties = event.get("EXDATE", [])
    properties = properties if isinstance(properties, list) else [properties]
    values: list[dt.datetime] = []
    for prop in properties:
        assert prop.params.get("TZID") == "Europe/Berlin"
        values += [value.dt for value in prop.dts]
    return values


HOLIDAY_PAUSE = {"tage": ["do", "fr"], "ab": "2026-12-01", "bis_datum": "2027-06-30", "von": "16:00", "bis": "18:00",
                 "nicht_in": ["schulferien", "feiertage"]}  # fmt: skip
# Thursdays and Fridays from 3 December 2026 to 30 June 2027 that do not take place, by config.toml and NRW law:
SKIPPED = [
    *(dt.date(2026, 12, d) for d in (24, 25, 31)), dt.date(2027, 1, 1),  # Weihnachtsferien (25 Dec also a holiday)
    *(dt.date(2027, 2, d) for d in (11, 12, 18, 19)),  # faellt_aus: Winterpause
    dt.date(2027, 3, 25), dt.date(2027, 3, 26), dt.date(2027, 4, 1), dt.date(2027, 4, 2),  # Osterferien
    dt.date(2027, 5, 6), dt.date(2027, 5, 27),  # Christi Himmelfahrt, Fronleichnam: holidays outside school holidays
]  # fmt: skip


def test_holiday_pauses_and_cancellations_are_exdates_at_the_appointments_time(content: Path, tmp_path: Path) -> None:
    write_offer(content, "ferienpause", titel="Spielenachmittag", termine=[HOLIDAY_PAUSE], faellt_aus=[
        {"datum": "2026-12-31", "grund": "Silvester"},  # also in the Weihnachtsferien: still one EXDATE
        {"von": "2027-02-08", "bis": "2027-02-19", "grund": "Winterpause"},
    ])  # fmt: skip
    write_offer(content, "ohne-pause", titel="Kaffeeklatsch")
    site = build_site(content, tmp_path / "site")

    for path in (site / "angebote" / "ferienpause" / "termine.ics", site / "daten" / "termine.ics"):
        event = events_by_title(path)["Spielenachmittag"]
        assert exdates(event) == [dt.datetime.combine(d, dt.time(16), BERLIN) for d in SKIPPED]
    assert "EXDATE" not in events_by_title(site / "daten" / "termine.ics")["Kaffeeklatsch"], "no pause, no EXDATE"

    ics = (site / "angebote" / "ferienpause" / "termine.ics").read_bytes()
    (slots,) = occurrences_by_offer(ics, BUILD_DATE, dt.date(2027, 7, 1)).values()
    days = [start.date() for start, _ in slots]
    span = days_from(dt.date(2026, 12, 3), dt.date(2027, 6, 30))
    assert days == [d for d in span if d.weekday() in (3, 4) and d not in SKIPPED]
    assert not set(days) & {dt.date(2026, 12, 24), dt.date(2026, 12, 25), dt.date(2026, 12, 31), dt.date(2027, 1, 1)}
    assert not set(days) & set(days_from(dt.date(2026, 12, 23), dt.date(2027, 1, 6))), "none in the Weihnachtsferien"
    assert all(start.time() == dt.time(16) and end.time() == dt.time(18) for start, end in slots)


def test_holiday_pauses_end_where_the_holidays_are_known(content: Path, tmp_path: Path) -> None:
    write_offer(content, "feiertage", titel="Seniorentanz",
                termine=[{"tage": ["mo"], "von": "10:00", "nicht_in": ["feiertage"]}])  # fmt: skip
    write_offer(content, "schulferien", titel="Hausaufgabenhilfe",
                termine=[{"tage": ["di"], "von": "14:30", "nicht_in": ["schulferien"]}])  # fmt: skip
    write_offer(content, "abgesagt", titel="Adventsfeier", termine=[{"datum": "2026-12-12", "von": "14:00"}],
                faellt_aus=[{"datum": "2026-12-12", "grund": "Krankheit"}])  # fmt: skip
    site = build_site(content, tmp_path / "site")
    events = events_by_title(site / "daten" / "termine.ics")
    assert set(events) == {"Seniorentanz", "Hausaufgabenhilfe"}, "a cancelled single date is not in the calendar"
    assert not (site / "angebote" / "abgesagt" / "termine.ics").exists()
    # public holidays are computed to the end of the year after next; school holidays as far as config.toml lists them
    assert events["Seniorentanz"]["RRULE"]["UNTIL"] == [dt.datetime(2028, 12, 31, 22, 59, 59, tzinfo=dt.UTC)]
    assert events["Hausaufgabenhilfe"]["RRULE"]["UNTIL"] == [dt.datetime(2028, 1, 8, 22, 59, 59, tzinfo=dt.UTC)]


def test_a_single_date_before_gueltig_ab_is_not_in_the_calendar(content: Path, tmp_path: Path) -> None:
    """The offer only takes place from gueltig_ab on (offer-format.md, "Dates"), so a calendar app must not show the
    single date before it; the page already leaves it out."""
    write_offer(content, "spaeter", titel="Neuer Treff", gueltig_ab="2026-12-15", termine=[
        {"datum": "2026-12-12", "von": "14:00", "bis": "16:00"},
        {"tage": ["mi"], "von": "10:00", "bis": "11:00"},
    ])  # fmt: skip
    site = build_site(content, tmp_path / "site")
    ics = (site / "angebote" / "spaeter" / "termine.ics").read_bytes()
    (slots,) = occurrences_by_offer(ics, BUILD_DATE, WINDOW_END).values()
    assert dt.date(2026, 12, 12) not in [start.date() for start, _ in slots]
    assert_page_agrees(site, "spaeter", slots, ics)


def test_public_holidays_are_off_on_the_page_and_in_the_calendar(content: Path, tmp_path: Path) -> None:
    write_offer(
        content, "freitags", termine=[{"tage": ["fr"], "von": "15:00", "bis": "17:00", "nicht_in": ["feiertage"]}]
    )
    site = build_site(content, tmp_path / "site")
    ics = (site / "angebote" / "freitags" / "termine.ics").read_bytes()
    (slots,) = occurrences_by_offer(ics, BUILD_DATE, WINDOW_END).values()
    assert [start.date() for start, _ in slots][3:6] == [
        dt.date(2026, 12, 18),
        dt.date(2027, 1, 8),
        dt.date(2027, 1, 15),
    ]
    assert_page_agrees(site, "freitags", slots, ics)
    assert {dt.date(2026, 12, 25), dt.date(2027, 1, 1)} <= cancelled_days(offer_page(site, "freitags"))


def test_an_offers_calendar_is_the_same_on_every_day_its_calendar_key_is(content: Path) -> None:
    """A build takes an offer's calendar from an earlier day when calendar_key is the same: over seven weeks across
    the new year (appointments ending, single dates passing, holidays known a year further), it may never differ."""
    every_kind(content)
    config = load_config(TOWN_CONFIG)
    offers = (
        check_content(content, config, BUILD_DATE).offers + check_content(EXAMPLE_CONTENT, config, BUILD_DATE).offers
    )
    days = [BUILD_DATE + dt.timedelta(days=n) for n in range(0, 50)]
    keys_seen = set()
    for offer in offers:
        by_key = {}
        for day in days:
            key = calendar_key(offer, day)
            calendar = offer_calendar(offer, config, day)
            assert by_key.setdefault(key, calendar) == calendar, (offer.slug, day)
        keys_seen.add(len(by_key))
    assert max(keys_seen) >= 3, "some offer's key changed twice: an appointment ended and the year turned"
