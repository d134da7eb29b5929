"""Narrowing a listing by district × age group × weekday (and category and costs): the keys each card carries and
the choices a page offers.

The filtering itself is a small progressive enhancement (assets/eingrenzen.js) over the static listing pages, so
the number of pages stays linear in the number of terms and browsing without JavaScript keeps working.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from mittendrin.model.config import Config, Term
from mittendrin.model.offer import Offer


@dataclass(frozen=True)
class Facet:
    """One select of the narrowing form: its URL parameter, German label and the terms to choose from."""

    param: str
    label: str
    terms: tuple[Term, ...]


def facet_keys(offer: Offer, days: Sequence[int], config: Config) -> dict[str, str]:
    """The data attributes of a card, for an offer on these weekdays (0 = Monday): space-separated slugs per facet,
    as the script compares them."""
    ages = [a.slug for a in config.ages_of(offer.age_groups)]
    return {
        "bezirk": offer.district,
        "alter": " ".join(ages),
        "tag": " ".join(config.weekdays[d].slug for d in days),
        "kategorie": " ".join(offer.categories),
        "kosten": COSTS[0].slug if offer.free_of_charge else COSTS[1].slug,
    }


COSTS = (Term("kostenlos", "kostenlos"), Term("mit-kosten", "mit Kosten"))


def facets_for(page_path: str, config: Config) -> tuple[Facet, ...]:
    """The selects a listing offers: all of them, except the one the page is already about."""
    facets = (
        Facet("bezirk", "Stadtbezirk", config.districts),
        Facet("alter", "Altersgruppe", tuple(a for a in config.age_groups if not a.open_to_all)),
        Facet("tag", "Wochentag", config.weekdays),
        Facet("kategorie", "Kategorie", config.categories),
        Facet("kosten", "Kosten", COSTS),
    )
    fixed = {"bezirke/": "bezirk", "altersgruppen/": "alter", "wochentage/": "tag"}
    own = next((param for root, param in fixed.items() if page_path.startswith(root)), None)
    return tuple(f for f in facets if f.param != own)
