"""The Angebotsheft: every current offer grouped by district, then weekday, for people who are not online, and its
two printed editions (A4, normal and large print) with page numbers and a QR code to each offer's page."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import segno
from markupsafe import Markup

from mittendrin.dates.schedule import join_words
from mittendrin.model.config import Config
from mittendrin.site.pages import OfferView

NO_WEEKDAY = "Nach Vereinbarung"
PRINT_TEMPLATE = "booklet_print.html"


@dataclass(frozen=True)
class Edition:
    """One printed edition: the page Chromium prints and the PDF it becomes, both in angebotsheft/."""

    path: str  # "angebotsheft/druck/", the page to print (left out of the sitemap)
    pdf: str  # "angebotsheft.pdf"
    name: str  # "Angebotsheft", as the cover and the PDF's title name it
    large: bool  # Großdruck: body text 16 pt instead of 12 pt


EDITIONS = (
    Edition("angebotsheft/druck/", "angebotsheft.pdf", "Angebotsheft", large=False),
    Edition("angebotsheft/grossdruck/", "angebotsheft-grossdruck.pdf", "Angebotsheft in Großdruck", large=True),
)
PDF_NAMES = tuple(e.pdf for e in EDITIONS)
PDF_NAME = EDITIONS[0].pdf


@dataclass(frozen=True)
class DayGroup:
    name: str  # "Montag" … or "Nach Vereinbarung"
    anchor: str  # "sodingen-montag", a target for the contents list
    offers: tuple[OfferView, ...]


@dataclass(frozen=True)
class DistrictGroup:
    name: str
    anchor: str
    days: tuple[DayGroup, ...]
    count: int
    page: int | None = None  # where it begins in a printed edition, once the first print has shown it


def booklet_groups(views: Sequence[OfferView], config: Config) -> list[DistrictGroup]:
    """Districts in config order, each with its weekdays in week order; a district without an offer is left out
    (see empty_districts_note). An offer on several days stands once, under its first day of the week, so the printed
    booklet stays short; its schedule names all days."""
    day_names = [w.name for w in config.weekdays] + [NO_WEEKDAY]
    day_slugs = [w.slug for w in config.weekdays] + ["nach-vereinbarung"]
    groups = []
    for district in config.districts:
        own = [v for v in views if v.offer.district == district.slug]
        if not own:
            continue
        by_day: dict[int, list[OfferView]] = {}
        for view in own:
            first = next(iter(view.days), len(config.weekdays))
            by_day.setdefault(first, []).append(view)
        days = tuple(
            DayGroup(day_names[i], f"{district.slug}-{day_slugs[i]}", tuple(by_day[i])) for i in sorted(by_day)
        )
        groups.append(DistrictGroup(district.name, district.slug, days, len(own)))
    return groups


def empty_districts_note(views: Sequence[OfferView], config: Config) -> str:
    """The districts without a current offer in one sentence, which the booklet says instead of empty sections."""
    used = {v.offer.district for v in views}
    empty = [d.name for d in config.districts if d.slug not in used]
    if not empty:
        return ""
    where = f"Im Stadtbezirk {empty[0]}" if len(empty) == 1 else f"In den Stadtbezirken {join_words(empty)}"
    return f"{where} gibt es im Moment kein Angebot."


def with_pages(groups: Sequence[DistrictGroup], pages: Mapping[str, int]) -> list[DistrictGroup]:
    """The groups with the page each district begins on (anchor → page number, from a first print)."""
    return [replace(g, page=pages.get(g.anchor)) for g in groups]


def qr_code(url: str, label: str) -> Markup:
    """A QR code to url as inline SVG, sized by CSS; 'M' error correction survives a crease or a coffee stain."""
    code = segno.make(url, error="m", micro=False)
    svg = code.svg_inline(omitsize=True, svgclass="qr", lineclass=None, title=label)
    return Markup(svg.replace("<svg ", '<svg role="img" ', 1))  # segno escapes the title


def qr_codes(views: Sequence[OfferView], config: Config) -> dict[str, Markup]:
    """Each offer page's QR code, by the view's path; always the public address, never the print server's."""
    return {v.path: qr_code(config.base_url + v.path, f"QR-Code: {v.offer.title}") for v in views}
