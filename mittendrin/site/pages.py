"""Decides which pages the site has and prepares everything they show, so templates only print."""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import quote

from markupsafe import Markup

from mittendrin.content.body import plain_text
from mittendrin.contribute.corrections import PAGE as CORRECTIONS_PAGE
from mittendrin.contribute.corrections import correction_ways, corrections_path, report_url
from mittendrin.contribute.form import entry_form
from mittendrin.data.calendar import OfferCalendar, calendar_key, has_events
from mittendrin.data.exports import OfferData, offer_data
from mittendrin.dates.occurrences import NEXT_DATES, Occurrence, Skip, Upcoming, upcoming
from mittendrin.dates.schedule import (
    current_appointments,
    days_of,
    describe,
    german_date,
    occurrence_text,
    pause_text,
    skip_lines,
    start_on,
    week_order,
)
from mittendrin.inventory.overview import overview_context
from mittendrin.model.config import Config, Term
from mittendrin.model.offer import Appointment, Offer, Rhythm
from mittendrin.search.findable import search_words, unindexed
from mittendrin.search.keywords import compound_parts, word_ends
from mittendrin.site.narrow import COSTS, facet_keys, facets_for
from mittendrin.site.structured import event_data, json_for_script

DAY_LIST_DAYS = 21  # /heute/ and /termine/ stay right for a week without a rebuild, and /termine/ shows 14 days
# Leichte Sprache puts every sentence on a line of its own: a new sentence begins after . ! ? and a space
# (not after a number: "am 3. Mai").
_SENTENCE_END = re.compile(r"(?<=\D[.!?])\s+(?=[„\"(]?[A-ZÄÖÜ0-9])")
_SORT_LETTERS = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss", "„": "", "“": "", '"': ""})


@dataclass(frozen=True)
class OfferView:
    """An offer with every text a page shows already worked out."""

    offer: Offer
    path: str  # "angebote/<slug>/"
    schedule: tuple[str, ...]
    district: str
    age_groups: tuple[str, ...]  # named groups, without the "all generations" term
    open_to_all: bool
    age_filters: tuple[str, ...]  # what search filters match: every group when it is open to all
    categories: tuple[str, ...]
    weekdays: tuple[str, ...]
    languages: tuple[str, ...]
    confirmed_on: str
    starts_on: str  # "ab 1. Januar 2027" while it has not begun
    map_url: str
    costs_filter: str
    keywords: str  # parts of compound words, so that "Treff" finds "Sprachtreff"
    search_words: str  # facts and synonyms for the search index, see findable.py
    body_html: str  # the description, its contact words ("Telefonnummer") kept out of the index
    calendar_url: str  # "angebote/<slug>/termine.ics", or "" when no appointment has a date and time
    sort_key: tuple = field(repr=False, default=())
    corrections_path: str = ""  # "Angaben ändern": the page that explains how, with this offer named
    report_url: str = ""  # "Fehler melden": a mailto: to the staff naming the offer
    facets: dict[str, str] = field(default_factory=dict)  # what the narrowing script compares, see narrow.py
    # the page's schema.org Event as JSON for its script element, see structured.py
    structured_data: Markup = field(default=Markup(""), repr=False)
    # Dates, worked out by dates.upcoming on the build date:
    next_dates: tuple[str, ...] = ()  # "Mittwoch, 9. Dezember 2026, 15:00–17:00 Uhr", the coming weeks' first few
    next_date: str = ""  # the first of them, or a later one when none falls in the coming weeks; "" when none
    next_by_day: tuple[str, ...] = ()  # per weekday (Monday first) the next date on it, "9. Dezember 2026", or ""
    cancellations: tuple[str, ...] = ()  # "Fällt aus am …" and "Pause vom … bis …" in the coming weeks
    pauses: tuple[str, ...] = ()  # every cancellation still ahead, for the printed booklet
    date_note: str = ""  # "Das Angebot macht gerade Pause …", "Im Moment steht kein weiterer Termin fest."
    search_when: str = ""  # a search hit's „Wann“: the rule and the date note, never a date that will pass
    simple: tuple[str, ...] = ()  # "einfach" (Leichte Sprache), one sentence per line
    by_arrangement: bool = False  # some appointment is "nach Vereinbarung"
    next: Occurrence | None = None
    occurrences: tuple[Occurrence, ...] = ()  # within DAY_LIST_DAYS, for /heute/ and /termine/
    appointments: tuple[Appointment, ...] = ()  # those still current on the build date, which the listings sort by
    days: tuple[int, ...] = ()  # the weekdays (0 = Monday) they fall on


@dataclass(frozen=True)
class Section:
    """A group on an overview page: one district, age group or weekday, with its count."""

    term: Term
    path: str
    count: int


@dataclass(frozen=True)
class Page:
    path: str  # folder relative to the site root, "" for the home page
    template: str
    title: str
    context: dict = field(default_factory=dict)

    @property
    def file_path(self) -> str:
        """The page's file relative to the site root: its own folder's index.html, or a single file (404.html)."""
        return self.path if self.path.endswith(".html") else posixpath.join(self.path, "index.html")

    def file(self, folder: Path) -> Path:
        """Where the page is written below folder."""
        return folder / self.file_path


@dataclass(frozen=True)
class Plan:
    pages: tuple[Page, ...]
    published: tuple[OfferView, ...]
    left_out: tuple[tuple[Offer, str], ...]  # offers not published, with the reason in German

    @property
    def summary(self) -> Summary:
        return Summary(len(self.published), len(self.pages), tuple((o.source, why) for o, why in self.left_out))


@dataclass(frozen=True)
class Summary:
    """What a build tells of its site; remembered, so that a build with nothing to do need not plan again."""

    offers: int
    pages: int
    left_out: tuple[tuple[str, str], ...]  # offer file, why it is not published (German)


@dataclass(frozen=True)
class Prepared:
    """What the build takes from one offer alone: its view and its share of the open data, both None when it is not
    published. Worked out together, on all cores; the rebuild memo keeps only the view here (data None), since the
    open data has a file of its own (BuildCache.open_data)."""

    view: OfferView | None
    data: OfferData | None = None


PrepareEach = Callable[[Sequence[Offer], Config, dt.date], list[Prepared]]


def prepare(offer: Offer, config: Config, today: dt.date, calendar: OfferCalendar | None = None) -> Prepared:
    view = view_on(offer, config, today)
    return Prepared(view, offer_data(offer, config, today, calendar) if view else None)


def prepare_each(
    offers: Sequence[Offer], config: Config, today: dt.date, calendars: Mapping[str, OfferCalendar] | None = None
) -> list[Prepared]:
    """prepare for each offer: the task the build spreads over the cores when many views must be worked out anew.
    `calendars` are offers' calendars for today that an earlier build worked out, by offer file."""
    known = calendars or {}
    return [prepare(offer, config, today, known.get(offer.source)) for offer in offers]


def date_key(offer: Offer, config: Config, today: dt.date) -> str:
    """All that prepare reads of the build date, written out: the year and which appointments are current (as for its
    calendar, see calendar.calendar_key), whether the offer has begun or ended, the coming weeks' dates and skips
    (dates.upcoming), how many of those dates the day lists show, and which cancellations are still ahead.

    Two things prepare reads need no part of their own: the next date, when it is not among the coming weeks' dates,
    is the first after them and changes only when it comes into them; the days off ahead that the structured data and
    HSDS list are of a list fixed by the year, from which one drops out exactly when it leaves the skips. The other
    inputs are the offer file and the config, so an offer's view and open data of an earlier day serve a build whose
    file, build key and date key are the same: the next day works out again only the offers whose dates moved on
    (about one in ten). Checked day by day against prepare for offers of every kind in tests/test_pages.py."""
    coming = upcoming(offer, config, today)
    number = {id(a): str(i) for i, a in enumerate(offer.appointments)}

    def dates(found: Iterable[Occurrence | Skip]) -> str:
        return ",".join(f"{o.day.isoformat()}/{number[id(o.appointment)]}" for o in found)

    return "|".join(
        [
            calendar_key(offer, today),
            "ab" if offer.valid_from and offer.valid_from > today else "",
            "aus" if offer.valid_until and offer.valid_until < today else "",
            dates(coming.occurrences),
            dates(coming.skips),
            str(offer.cancellations.index(coming.paused_now)) if coming.paused_now else "",
            str(sum(1 for o in coming.occurrences if (o.day - today).days < DAY_LIST_DAYS)),
            "".join("1" if p.last >= today else "0" for p in offer.cancellations),
        ]
    )


def view_on(offer: Offer, config: Config, today: dt.date) -> OfferView | None:
    """The offer's view on that day, or None when it is not published then."""
    return None if unpublished_reason(offer, today) else offer_view(offer, config, today)


def plan_site(offers: Iterable[Offer], config: Config, today: dt.date, prepare_all: PrepareEach = prepare_each) -> Plan:
    """All pages of the site, from the validated offers; `prepare_all` may remember what it prepared last build."""
    offers = list(offers)
    views: list[OfferView] = []
    left_out: list[tuple[Offer, str]] = []
    for offer, prepared in zip(offers, prepare_all(offers, config, today), strict=True):
        if prepared.view is None:
            left_out.append((offer, unpublished_reason(offer, today)))
        else:
            views.append(prepared.view)
    views.sort(key=lambda v: v.sort_key)

    districts = [(d, [v for v in views if v.offer.district == d.slug]) for d in config.districts]
    ages = [(a, [v for v in views if a.slug in v.offer.age_groups or v.open_to_all]) for a in config.age_groups]
    days = [
        (
            w,
            sorted(
                (v for v in views if i in v.days),
                key=lambda v, i=i: (start_on(v.appointments, i) or dt.time.max, title_key(v.offer)),
            ),
        )
        for i, w in enumerate(config.weekdays)
    ]
    pages = [
        Page("", "home.html", config.name, {"sections": _home_sections(districts, ages, days), "count": len(views)}),
        listing_page("angebote/", "Alle Angebote", views),
        Page("suche/", "search.html", "Suche", {"facets": facets_for("suche/", config)}),
        Page("angebot-eintragen/", "eintragen.html", "Angebot eintragen", {"form": entry_form(config, today)}),
        Page(CORRECTIONS_PAGE, "angaben.html", "Angaben ändern", {"ways": correction_ways(config)}),
    ]
    pages += [Page(v.path, "offer.html", v.offer.title, {"view": v}) for v in views]
    pages += _browse_pages(
        "bezirke",
        "Stadtbezirke",
        districts,
        lambda d: f"Angebote im Stadtbezirk {d.name}",
        "Wählen Sie einen Stadtbezirk.",
    )
    pages += _browse_pages(
        "altersgruppen",
        "Altersgruppen",
        ages,
        lambda a: f"Angebote für {a.name}" + (f" ({a.detail})" if a.detail else ""),
        "Wählen Sie eine Altersgruppe. Angebote für alle Generationen stehen bei jeder Altersgruppe.",
    )
    pages += _browse_pages(
        "wochentage",
        "Wochentage",
        days,
        lambda w: f"Angebote am {w.name}",
        "Wählen Sie einen Wochentag.",
        day_view=True,
    )
    pages.append(
        Page("ueberblick/", "ueberblick.html", "Überblick", overview_context([v.offer for v in views], config, today))
    )
    return Plan(tuple(pages), tuple(views), tuple(left_out))


def unpublished_reason(offer: Offer, today: dt.date) -> str:
    if offer.valid_until and offer.valid_until < today:
        return f"gültig nur bis {german_date(offer.valid_until)}"
    if not current_appointments(offer, today):
        return "alle Termine liegen in der Vergangenheit"
    return ""


def searchable_text(offer: Offer) -> str:
    return f"{offer.title} {offer.summary} {plain_text(offer.body_html)}"


def offer_view(offer: Offer, config: Config, today: dt.date) -> OfferView:
    day_names = [w.name for w in config.weekdays]
    open_to_all = config.for_every_age(offer.age_groups)
    appointments = current_appointments(offer, today)
    days = days_of(appointments)
    place = offer.place
    map_url = ""
    if place and place.lat is not None and place.lon is not None:
        map_url = f"https://www.openstreetmap.org/?mlat={place.lat}&mlon={place.lon}#map=17/{place.lat}/{place.lon}"
    elif place:
        map_url = "https://www.openstreetmap.org/search?query=" + quote(
            f"{place.street}, {place.postcode} {place.town}"
        )
    coming = upcoming(offer, config, today)
    text = searchable_text(offer)
    view = OfferView(
        offer=offer,
        path=f"angebote/{offer.slug}/",
        schedule=tuple(describe(a, day_names) for a in appointments),
        district=config.district(offer.district).name,
        age_groups=tuple(config.age_group(a).name for a in offer.age_groups if not config.age_group(a).open_to_all),
        open_to_all=open_to_all,
        age_filters=tuple(a.name for a in config.ages_of(offer.age_groups)),
        categories=tuple(config.category(c).name for c in offer.categories),
        weekdays=tuple(day_names[d] for d in days),
        languages=tuple(config.languages.get(code, code) for code in offer.languages),
        confirmed_on=german_date(offer.confirmed_on),
        starts_on=f"ab {german_date(offer.valid_from)}" if offer.valid_from and offer.valid_from > today else "",
        map_url=map_url,
        costs_filter=(COSTS[0] if offer.free_of_charge else COSTS[1]).name,
        keywords=" ".join(compound_parts(text, word_ends(config.synonyms))),
        search_words=search_words(offer, text, appointments, config),
        body_html=unindexed(offer.body_html, config.unindexed_words),
        calendar_url=f"angebote/{offer.slug}/termine.ics" if has_events(offer, config, today) else "",
        sort_key=(week_order(appointments), title_key(offer)),
        corrections_path=corrections_path(offer),
        report_url=report_url(offer, config),
        facets=facet_keys(offer, days, config),
        next_dates=tuple(occurrence_text(o, day_names) for o in coming.occurrences[:NEXT_DATES]),
        next_date=occurrence_text(coming.next, day_names) if coming.next else "",
        next_by_day=tuple(
            next((german_date(o.day) for o in coming.occurrences if o.day.weekday() == day), "") for day in range(7)
        ),
        cancellations=skip_lines(coming.skips, offer.appointments, day_names),
        pauses=tuple(pause_text(p, day_names) for p in offer.cancellations if p.last >= today),
        date_note=date_note(offer, coming),
        simple=sentences(offer.simple),
        by_arrangement=any(a.rhythm is Rhythm.BY_ARRANGEMENT for a in appointments),
        next=coming.next,
        occurrences=tuple(o for o in coming.occurrences if (o.day - today).days < DAY_LIST_DAYS),
        appointments=appointments,
        days=days,
    )
    return replace(
        view,
        search_when=". ".join(part for part in ("; ".join(view.schedule), view.date_note) if part),
        structured_data=json_for_script(event_data(view, config, today)),
    )


def sentences(text: str) -> tuple[str, ...]:
    """A text split into its sentences, for Leichte Sprache's one sentence per line."""
    return tuple(part for part in _SENTENCE_END.split(text.strip()) if part)


def date_note(offer: Offer, coming: Upcoming) -> str:
    """What residents must know about the dates beyond the list of next ones: a pause now, or no date ahead."""
    if coming.paused_now:
        reason = f" ({coming.paused_now.reason})" if coming.paused_now.reason else ""
        return f"Das Angebot macht gerade Pause{reason}, bis einschließlich {german_date(coming.paused_now.last)}."
    if coming.next is None and any(a.rhythm is not Rhythm.BY_ARRANGEMENT for a in offer.appointments):
        return "Im Moment steht kein weiterer Termin fest. Fragen Sie gern beim Träger nach."
    return ""


def title_key(offer: Offer) -> tuple[str, str]:
    """German alphabetical order: umlauts sort with their base letter."""
    return (offer.title.casefold().translate(_SORT_LETTERS), offer.slug)


def _browse_pages(
    root: str,
    label: str,
    groups: Sequence[tuple[Term, list[OfferView]]],
    heading: Callable[[Term], str],
    intro: str,
    day_view: bool = False,
) -> list[Page]:
    sections = [Section(term, f"{root}/{term.slug}/", len(offers)) for term, offers in groups]
    pages = [Page(f"{root}/", "overview.html", label, {"sections": sections, "intro": intro})]
    for index, ((term, offers), section) in enumerate(zip(groups, sections, strict=True)):
        neighbours = [s for s in sections if s is not section and s.count]
        pages.append(
            listing_page(
                section.path,
                heading(term),
                offers,
                parent=(label, f"{root}/"),
                neighbours=neighbours,
                day=index if day_view else None,
            )
        )
    return pages


def listing_page(
    path: str,
    title: str,
    offers: Sequence[OfferView],
    parent: tuple[str, str] | None = None,
    neighbours: Sequence[Section] = (),
    day: int | None = None,
) -> Page:
    """A list of offers; `neighbours` are suggested when it is empty. A weekday's list (`day`, 0 = Monday) is sorted
    by time of day only and names each offer's next date on that day."""
    context = {"offers": offers, "parent": parent, "neighbours": neighbours, "by_time": day is not None, "day": day}
    return Page(path, "listing.html", title, context)


def _home_sections(*groups: Sequence[tuple[Term, list[OfferView]]]) -> list[list[Section]]:
    roots = ("bezirke", "altersgruppen", "wochentage")
    return [
        [Section(term, f"{root}/{term.slug}/", len(offers)) for term, offers in group]
        for root, group in zip(roots, groups, strict=True)
    ]
