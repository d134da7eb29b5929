"""Search keywords for German compounds, which Pagefind does not split: "Fotospaziergänge" also yields
"spaziergänge", so that "Spaziergang" finds the photo walk, and "Nachbarschaftshilfe" yields "hilfe".

Only the tails are keywords: a compound's last noun says what it is (a "Fotospaziergang" is a walk, a
"Telefonnummer" is no telephone), and Pagefind already finds a word by its beginning ("Nachbarschaft" finds
"Nachbarschaftshilfe", "Senioren" the "Seniorentanz").

A word is split only into nouns of a dictionary (german-nouns: about 100,000 nouns with their inflected forms, from
the German Wiktionary), so the keywords are words residents type, never fragments such as "einsam" from
"gemeinsam". Pagefind's German stemmer then matches "spaziergänge" with "Spaziergang".
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import importlib.metadata
import os
import re
from functools import cache
from importlib.resources import files
from pathlib import Path

_WORD = re.compile(r"[^\W\d_]+")
MIN_PART = 4  # shorter nouns ("Rat", "Tee", "Ei") hide in too many words by chance
MIN_COMPOUND = 2 * MIN_PART

# The letters that may join two nouns in a compound (Fugenelemente): "Nachbarschaft-s-hilfe", "Senior-en-tanz".
LINKS = ("", "s", "es", "n", "en", "e", "ens")

# Rare nouns that are far more often the piece of another word: "Gemeinschaft" is no "Schaft", "Donnerstag" no
# "Stag", "Besucherinnen" no "Rinnen", "Generation" no "Gene", "Dieselben" no "Elben" – found by splitting every
# capitalised word of the example offers, the site's pages and generated offers (tests/test_keywords.py).
LOOKALIKES = frozenset(
    [
        "schaft",
        "schaften",
        "ionen",
        "elben",
        "stabe",
        "tabe",
        "back",
        "rinne",
        "rinnen",
        "ration",
        "rationen",
        "stag",
        "stags",
        "stage",
        "isch",
        "dung",
        "rial",
        "endes",
        "hausen",
        "wegs",
        "unter",
        "gros",
        "gene",
        "klei",
        "mate",
        "spann",
    ]
)

# Word kinds of the dictionary that are not common nouns: names would split "Marienkirche" into "Marien".
_NOT_COMMON = frozenset(
    {
        "Toponym",
        "Vorname",
        "Nachname",
        "Eigenname",
        "Abkürzung",
        "Buchstabe",
        "Symbol",
        "Straßenname",
        "Affix",
        "Suffix",
        "Gebundenes Lexem",
        "Redewendung",
        "Wortverbindung",
        "Grußformel",
        "Geflügeltes Wort",
        "Zahlklassifikator",
        "Partikel",
    }
)
_FIRST_FORM = 7  # the dictionary's columns: lemma, pos, five genus columns, then every inflected form


_memo_folder: list[Path] = []  # where nouns() keeps its word list, set by the build (keep_nouns_in)


def keep_nouns_in(folder: Path) -> None:
    """Let nouns() keep the dictionary's nouns as a word list in `folder` (the build's cache): reading the list
    takes a tenth of the time of reading the dictionary, which an edit of one offer would otherwise wait for."""
    _memo_folder[:] = [folder]


def forget_nouns() -> None:
    """Let go of the noun list (25 MB) once every view is prepared: rendering wants the memory. The next process
    or build that splits a word reads the word list again."""
    nouns.cache_clear()
    split.cache_clear()


@cache
def nouns() -> frozenset[str]:
    """Every inflected form of every common noun of at least MIN_PART letters, case-folded. Read once per process,
    and only when a text must be split; from the word list keep_nouns_in named when it was written by this
    dictionary and these rules (its name says which), else from the dictionary (about 1 s)."""
    memo = _memo_file()
    if memo:
        try:
            return frozenset(memo.read_text(encoding="utf-8").split("\n"))
        except (OSError, UnicodeDecodeError):
            pass
    found = frozenset(_dictionary_nouns())
    if memo:
        _write_memo(memo, "\n".join(sorted(found)))
    return found


def _dictionary_nouns() -> set[str]:
    found: set[str] = set()
    with files("german_nouns").joinpath("nouns.csv").open(encoding="utf-8", newline="") as table:
        rows = csv.reader(table)
        next(rows)
        for row in rows:
            if _NOT_COMMON.isdisjoint(row[1].split(",")):
                found.update(w.casefold() for w in row[_FIRST_FORM:] if len(w) >= MIN_PART and " " not in w)
    return found


def _memo_file() -> Path | None:
    """nomen-<dictionary version>-<hash of the rules>.txt in the folder keep_nouns_in named, if any."""
    if not _memo_folder:
        return None
    rules = f"{MIN_PART} {_FIRST_FORM} {sorted(_NOT_COMMON)}".encode()
    version = importlib.metadata.version("german-nouns")
    return _memo_folder[0] / f"nomen-{version}-{hashlib.sha256(rules).hexdigest()[:12]}.txt"


def _write_memo(memo: Path, text: str) -> None:
    """Written whole or not at all (another build may read it meanwhile); a folder that cannot be written only
    means the next build reads the dictionary again."""
    temporary = memo.with_name(f".{memo.name}.{os.getpid()}")
    try:
        memo.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, memo)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)


@cache
def split(word: str) -> tuple[str, ...]:
    """The nouns a case-folded compound is made of, head first ("nachbarschaftshilfe" → nachbarschaft, hilfe); empty
    when the word is not made of nouns alone. Of several ways the one with the fewest parts wins, then the longest
    tail: "spielenachmittag" is spiele + nachmittag, not spiele + nach + mittag."""
    known = nouns()
    best: tuple[str, ...] = ()
    for cut in range(MIN_PART, len(word) - MIN_PART + 1):
        tail = word[cut:]
        if tail not in known or tail in LOOKALIKES:
            continue
        for link in LINKS:
            if not word[:cut].endswith(link) or cut - len(link) < MIN_PART:
                continue
            head = word[: cut - len(link)]
            if head in LOOKALIKES:
                continue
            heads = (head,) if head in known else split(head) if len(head) >= MIN_COMPOUND else ()
            if heads and (not best or len(heads) + 1 < len(best)):
                best = (*heads, tail)
    return best


def tails(word: str) -> tuple[str, ...]:
    """The nouns that end a case-folded compound, longest first: "brettspielabend" → spielabend, abend."""
    parts = split(word)
    return (parts[-1], *tails(parts[-1])) if parts else ()


@cache
def word_ends(synonyms: tuple[tuple[str, ...], ...]) -> frozenset[str]:
    """The single words of the town's synonym groups (config.toml, [suche]): words residents search for, which end a
    compound after any first part, noun or not ("Erzählcafé" → café, "Sprachtreff" → treff)."""
    return frozenset(w.casefold() for group in synonyms for w in group if len(w) >= MIN_PART and " " not in w)


def compound_parts(text: str, ends: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """The nouns that end the text's compound nouns (capitalised words, as German nouns are), and the `ends` that
    end any longer word, that the text does not contain as words of their own; sorted."""
    words = set(_WORD.findall(text))
    folded = {w.casefold() for w in words}
    parts = {part for w in words if len(w) >= MIN_COMPOUND and w[0].isupper() for part in tails(w.casefold())}
    parts.update(w[cut:] for w in folded for cut in range(MIN_PART - 1, len(w) - MIN_PART + 1) if w[cut:] in ends)
    return tuple(sorted(parts - folded))
