"""Search keywords for German compounds, which Pagefind does not split: "Sprachtreff" also yields "treff".

A compound's tail is kept only when it stands elsewhere in the directory as a noun of its own (capitalised, as
German nouns are), so the keywords are words residents type, not fragments such as "einsam" from "gemeinsam".
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Sequence

_WORD = re.compile(r"[^\W\d_]+")
MIN_PART = 4


def nouns(texts: Iterable[str]) -> frozenset[str]:
    """Every capitalised word of at least MIN_PART letters, case-folded. Interned: most nouns recur across offers,
    and each offer's set is kept for the next build, so one string per noun saves tens of MB at 10,000 offers."""
    return frozenset(
        sys.intern(w.casefold()) for text in texts for w in _WORD.findall(text) if len(w) >= MIN_PART and w[0].isupper()
    )


def compound_parts(text: str, known: frozenset[str]) -> tuple[str, ...]:
    """The known nouns that end a longer word of the text ("Nachbarschaftshilfe" → "hilfe"), sorted."""
    words = {w.casefold() for w in _WORD.findall(text)}
    parts = {
        word[start:] for word in words for start in range(MIN_PART, len(word) - MIN_PART + 1) if word[start:] in known
    }
    return tuple(sorted(parts - words))


def compound_parts_of(texts: Sequence[str], known: frozenset[str]) -> list[tuple[str, ...]]:
    """compound_parts for many texts; a module-level function, so that it can run in worker processes."""
    return [compound_parts(text, known) for text in texts]


def updated_parts(parts: tuple[str, ...], text: str, added: frozenset[str], removed: frozenset[str]) -> tuple[str, ...]:
    """compound_parts(text, new known nouns), given `parts` for the old ones and how the known nouns changed.

    An edit to one offer can change the known nouns of the whole directory; this spares re-reading every other
    offer's words: only a text that contains an added noun at all is looked at closely.
    """
    if not added and not removed.intersection(parts):
        return parts
    kept = set(parts) - removed
    folded = text.casefold()
    candidates = [noun for noun in added if noun in folded]
    if candidates:
        words = {w.casefold() for w in _WORD.findall(text)}
        kept.update(
            noun
            for noun in candidates
            if noun not in words and any(len(w) - len(noun) >= MIN_PART and w.endswith(noun) for w in words)
        )
    return tuple(sorted(kept))
