"""The day lists: /heute/ (the offers that take place today, by start time) and /termine/ (the coming days).

Both are worked out for DAY_LIST_DAYS days from the build date, so that the visitor's browser can show its own
today for a week without a rebuild (assets/heute.js, assets/termine.js): /termine/ carries every day and shows
fourteen of them, /heute/ shows the build date and loads another day's list from a small file of its own,
heute/<JJJJ-MM-TT>.html. Without JavaScript both show the build date and say so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

from mittendrin.dates.schedule import day_and_date, time_range
from mittendrin.model.config import Config
from mittendrin.site.pages import DAY_LIST_DAYS, OfferView, Page, title_key

TERMINE_DAYS = 14  # /termine/ shows this many days from the visitor's today
HEUTE_DAYS = 8  # /heute/ has lists for the build date and the seven days after it
ARRANGED_SHOWN = 20  # "nach Vereinbarung" offers named on /heute/; the rest are at the end of /angebote/


@dataclass(frozen=True)
class DayEntry:
    """One offer on one day: when, and the offer."""

    time: str  # "15:00–17:00 Uhr"
    view: OfferView


@dataclass(frozen=True)
class DayList:
    """Everything that takes place on one day: at a place, by start time; by phone or online apart."""

    day: dt.date
    name: str  # "Mittwoch, 2. Dezember 2026"
    short: str  # "Mi 2.12.", in the list of days to jump to
    at_places: tuple[DayEntry, ...]
    by_phone: tuple[DayEntry, ...]  # offers without a place: on the phone or online
    following: DayList | None = None  # for an empty day: the next day that has something, if any in the lists

    @property
    def iso(self) -> str:
        return self.day.isoformat()

    @property
    def count(self) -> int:
        return len(self.at_places) + len(self.by_phone)


def day_lists(views: Sequence[OfferView], config: Config, today: dt.date) -> list[DayList]:
    """A list for each of DAY_LIST_DAYS days from today on, each empty day pointing to the next one with offers."""
    day_names = [w.name for w in config.weekdays]
    entries: dict[dt.date, list[tuple[dt.time, tuple[str, str], DayEntry]]] = {}
    for view in views:
        for occurrence in view.occurrences:
            a = occurrence.appointment
            entry = DayEntry(time_range(a.start, a.end), view)
            entries.setdefault(occurrence.day, []).append((a.start or dt.time.max, title_key(view.offer), entry))
    lists: list[DayList] = []
    following: DayList | None = None
    for offset in reversed(range(DAY_LIST_DAYS)):
        day = today + dt.timedelta(days=offset)
        found = [entry for *_, entry in sorted(entries.get(day, []), key=lambda item: item[:2])]
        listed = DayList(
            day,
            day_and_date(day, day_names),
            f"{config.weekdays[day.weekday()].code.capitalize()} {day.day}.{day.month}.",
            tuple(e for e in found if e.view.offer.place),
            tuple(e for e in found if not e.view.offer.place),
        )
        if not listed.count:
            listed = replace(listed, following=following)
        lists.append(listed)
        following = listed if listed.count else following
    return lists[::-1]


def day_pages(views: Sequence[OfferView], config: Config, today: dt.date) -> list[Page]:
    """/heute/ with its day files, and /termine/."""
    lists = day_lists(views, config, today)
    arranged = sorted((v for v in views if v.by_arrangement), key=lambda v: title_key(v.offer))
    pages = [
        Page(
            "heute/",
            "heute.html",
            "Heute",
            {
                "today": lists[0],
                "last": lists[HEUTE_DAYS - 1],
                "arranged": arranged[:ARRANGED_SHOWN],
                "more_arranged": max(0, len(arranged) - ARRANGED_SHOWN),
            },
        ),
        Page("termine/", "termine.html", "Termine", {"days": lists, "shown": TERMINE_DAYS}),
    ]
    pages += [Page(f"heute/{d.iso}.html", "heute_tag.html", d.name, {"today": d}) for d in lists[:HEUTE_DAYS]]
    return pages
