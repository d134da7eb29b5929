"""Search keywords for German compounds, which Pagefind does not split: "Sprachtreff" also yields "treff".

A compound's tail is kept only when it stands elsewhere in the directory as a noun of its own (capitalised, as
German nouns are), so the keywords are words residents type, not fragments such as "einsam" from "gemeinsam".
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_WORD = re.compile(r"[^\W\d_]+")
MIN_PART = 4


def nouns(texts: Iterable[str]) -> frozenset[str]:
    """Every capitalised word of at least MIN_PART letters, case-folded."""
    return frozenset(
        w.casefold() for text in texts for w in _WORD.findall(text) if len(w) >= MIN_PART and w[0].isupper()
    )


def compound_parts(text: str, known: frozenset[str]) -> tuple[str, ...]:
    """The known nouns that end a longer word of the text ("Nachbarschaftshilfe" → "hilfe"), sorted."""
    words = {w.casefold() for w in _WORD.findall(text)}
    parts = {
        word[start:] for word in words for start in range(MIN_PART, len(word) - MIN_PART + 1) if word[start:] in known
    }
    return tuple(sorted(parts - words))
