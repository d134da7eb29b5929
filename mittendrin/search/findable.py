"""What the search index holds of an offer besides its own text: its facts as the words residents type, and the
town's synonyms (config.toml, [suche]) for the words it contains.

The offer page's labels and its "Kein …" facts stay out of the index (templates/offer.html marks them
data-pagefind-ignore): a search for "Telefon" should not find every page with a "Telefon:" label, nor "Rollstuhl" a
page that says "Kein rollstuhlgerechtes WC". Instead, only facts that are true are written here, as words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache

from mittendrin.dates.schedule import days_of
from mittendrin.model.config import Config
from mittendrin.model.offer import Appointment, Offer, Rhythm
from mittendrin.search.keywords import MIN_PART, nouns

EVENING = 17  # an appointment from this hour on is "abends"
_WORD = re.compile(r"[^\W_]+")
# A tag of sanitised HTML, quoted attribute values included (nh3 leaves ">" unescaped in them), or the text between.
_TAG = re.compile(r"""(<(?:[^>"']|"[^"]*"|'[^']*')*>)""")


def search_words(offer: Offer, text: str, appointments: Sequence[Appointment], config: Config) -> str:
    """The words the offer page gives the search index besides its text (`text`: title, summary and description):
    its facts (`appointments`: those still current), and the synonyms of what it says and of its age groups and
    costs. Not of its categories: a category is a shelf, not a description ("Offener Treff & Café" holds offers that
    serve no coffee)."""
    facts = fact_words(offer, appointments, config)
    described = age_names(offer, config)
    if offer.free_of_charge:
        described.append("kostenlos")
    return " ".join([*facts, *synonyms(" ".join([text, *described]), config)])


def fact_words(offer: Offer, appointments: Sequence[Appointment], config: Config) -> tuple[str, ...]:
    """The offer's facts in words: where, when (its current appointments), for whom, what, and the good news about
    costs and access."""
    days = days_of(appointments)
    words = [config.district(offer.district).name, offer.quarter, offer.organiser]
    if offer.place:
        words += [offer.place.name, offer.place.street]
    words += [config.weekdays[d].name for d in days]
    if any(d >= 5 for d in days):
        words.append("Wochenende")
    if any(a.start and a.start.hour >= EVENING for a in appointments):
        words.append("abends")
    if any(a.rhythm is Rhythm.BY_ARRANGEMENT for a in appointments):
        words.append("nach Vereinbarung")
    words += age_names(offer, config)
    words += [config.category(c).name for c in offer.categories]
    words += [config.languages.get(code, code) for code in offer.languages if code != "de"]
    if offer.free_of_charge:
        words.append("kostenlos")
    if offer.registration == "nein":
        words.append("ohne Anmeldung")
    if offer.online:
        words.append("online")
    access = offer.accessibility
    if access and access.step_free:
        words.append("stufenlos")
        if access.accessible_toilet:  # without an accessible toilet a place is not "barrierefrei" (DIN 18040)
            words.append("barrierefrei rollstuhlgerecht Rollstuhl")
    if access and access.hearing_loop:
        words.append("Höranlage Induktionsschleife")
    return tuple(w for w in words if w)


def unindexed(html: str, words: Iterable[str]) -> str:
    """The HTML with each word that begins with one of `words` (config.toml, [suche] nicht_im_index) marked
    data-pagefind-ignore: still shown, but not found. Pagefind finds a word by its beginning, so without this
    "Telefon" would find every text that asks for a "Telefonnummer"."""
    starts = sorted({re.escape(w) for w in words}, key=len, reverse=True)
    if not starts or not html:
        return html
    word = re.compile(rf"(?<!\w)(?:{'|'.join(starts)})[\w-]*", re.IGNORECASE)
    parts = _TAG.split(html)  # text at even positions, tags at odd ones
    parts[::2] = [word.sub(r"<span data-pagefind-ignore>\g<0></span>", text) for text in parts[::2]]
    marked = "".join(parts)
    return html if marked == html else marked  # with nothing marked, the view shares the offer's text: one copy


def age_names(offer: Offer, config: Config) -> list[str]:
    """The names of the offer's age groups; an offer for all generations is for each of them (as in the filters)."""
    return [a.name for a in config.ages_of(offer.age_groups)]


def synonyms(text: str, config: Config) -> tuple[str, ...]:
    """The words of every synonym group that the text touches, which it does not contain itself. A verb of a group
    (written in lower case, "spazieren") is touched by its forms too ("spaziert", "gebastelt")."""
    words = _WORD.findall(text.casefold())
    single, joined = set(words), f" {' '.join(words)} "
    heads = noun_heads(single)

    def contains(entry: str) -> bool:
        parts = _WORD.findall(entry.casefold())
        if len(parts) > 1:
            return f" {' '.join(parts)} " in joined
        return parts[0] in single or (entry.islower() and touches(entry, single, heads))

    found: list[str] = []
    for group in config.synonyms:
        if any(contains(word) for word in group):
            found += [word for word in group if not contains(word) and word not in found]
    return tuple(found)


def noun_heads(words: set[str]) -> set[str]:
    """What stands before a noun that ends one of the case-folded words ("spaziergruppe" → spazier, "singkreis" →
    sing): where a verb's stem makes a compound with a noun."""
    known = nouns()
    return {w[:cut] for w in words for cut in range(MIN_PART, len(w) - MIN_PART + 1) if w[cut:] in known}


def touches(verb: str, words: set[str], heads: set[str]) -> bool:
    """Whether the case-folded words hold a form of the verb or a compound of its stem and a noun ("singen":
    "Singkreis", "spazieren": "Spaziergruppe"); `heads` is noun_heads(words)."""
    return not verb_forms(verb).isdisjoint(words) or verb_stem(verb) in heads


def verb_stem(verb: str) -> str:
    """The stem of a German infinitive ("spazieren" → spazier, "basteln" → bastel); empty for another word."""
    if verb.endswith(("eln", "ern")):
        return verb[:-1]
    return verb[:-2] if verb.endswith("en") and len(verb) > 4 else ""


@cache
def verb_forms(verb: str) -> frozenset[str]:
    """The regular forms of a German verb in the infinitive: "spazieren" → spaziere, spazierst, spaziert, spazierte,
    gespaziert …; "basteln" → bastle, bastelt, gebastelt …; a word that is no infinitive has none."""
    stem = verb_stem(verb)
    if not stem:
        return frozenset()
    endings = ("e", "st", "t", "en", "te", "test", "ten", "tet", "end")
    return frozenset(
        {stem + e for e in endings} | {f"ge{stem}t"} | ({verb[:-3] + "le"} if verb.endswith("eln") else set())
    )


def vocabulary(texts: Iterable[str]) -> list[str]:
    """The words of the directory, for "Meinten Sie …" when a search finds nothing: lower case, four letters or
    more, each once, in order."""
    return sorted({w for text in texts for w in _WORD.findall(text.casefold()) if len(w) >= 4 and not w.isdigit()})
