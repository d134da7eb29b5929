"""The Angebotsheft: every current offer grouped by district, then weekday, for people who are not online."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from .config import Config
from .pages import OfferView
from .schedule import current_appointments, days_of

PDF_NAME = "angebotsheft.pdf"
NO_WEEKDAY = "Nach Vereinbarung"


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


def booklet_groups(views: Sequence[OfferView], config: Config, today: dt.date) -> list[DistrictGroup]:
    """Districts in config order, each with its weekdays in week order. An offer on several days stands once, under
    its first day of the week, so the printed booklet stays short; its schedule names all days."""
    day_names = [w.name for w in config.weekdays] + [NO_WEEKDAY]
    day_slugs = [w.slug for w in config.weekdays] + ["nach-vereinbarung"]
    groups = []
    for district in config.districts:
        own = [v for v in views if v.offer.district == district.slug]
        by_day: dict[int, list[OfferView]] = {}
        for view in own:
            first = next(iter(days_of(current_appointments(view.offer, today))), len(config.weekdays))
            by_day.setdefault(first, []).append(view)
        days = tuple(
            DayGroup(day_names[i], f"{district.slug}-{day_slugs[i]}", tuple(by_day[i])) for i in sorted(by_day)
        )
        groups.append(DistrictGroup(district.name, district.slug, days, len(own)))
    return groups
