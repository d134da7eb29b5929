"""Compound words: split into the nouns of the dictionary (german-nouns); their tails become search keywords."""

from pathlib import Path

import pytest

from mittendrin.search import keywords
from mittendrin.search.keywords import compound_parts, split, tails, word_ends


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("fotospaziergänge", ("foto", "spaziergänge")),
        ("nachbarschaftshilfe", ("nachbarschaft", "hilfe")),  # the joining "s" is not part of a noun
        ("seniorentanz", ("senioren", "tanz")),
        ("spielenachmittag", ("spiele", "nachmittag")),  # the fewest parts: not "nach" + "mittag"
        ("selbstkostenpreis", ("selbst", "kosten", "preis")),
    ],
)
def test_compounds_split_into_nouns(word: str, parts: tuple[str, ...]) -> None:
    assert split(word) == parts


@pytest.mark.parametrize(
    "word",
    [
        "gemeinsam",
        "gemeinschaft",
        "donnerstag",
        "generationen",
        "besucherinnen",
        "kleidung",
        "material",
        "unterwegs",
        "dieselben",
        "buchstabe",
    ],
)
def test_no_nonsense_fragments(word: str) -> None:
    """Words that only look like compounds: "einsam" in "gemeinsam", "Schaft" in "Gemeinschaft", "Stag" …"""
    assert split(word) == ()


def test_tails_are_the_nouns_that_end_a_compound() -> None:
    assert tails("brettspielabend") == ("spielabend", "abend")
    assert tails("telefonnummer") == ("nummer",)  # a phone number is a number, not a telephone


def test_keywords_of_a_text_are_the_tails_it_does_not_say_itself() -> None:
    text = "Fotospaziergänge und Nachbarschaftshilfe im Stadtteilgarten. Hilfe gibt es auch."
    assert compound_parts(text) == ("garten", "spaziergänge")
    assert compound_parts("Gemeinsam statt einsam") == ()
    assert compound_parts("der gartenfreundliche Weg") == ()  # only capitalised words, as German nouns are


def test_the_towns_search_words_end_any_compound() -> None:
    ends = word_ends((("Café", "Kaffee"), ("Treff", "Treffpunkt"), ("ältere Menschen", "Oma")))
    assert ends == {"café", "kaffee", "treff", "treffpunkt"}  # several words and short ones are no ends
    assert compound_parts("Erzählcafé und Sprachtreff", ends) == ("café", "treff")  # "erzähl" is no noun


def test_the_dictionarys_nouns_are_kept_as_a_word_list_that_the_next_build_reads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(keywords, "_memo_folder", [])
    keywords.keep_nouns_in(tmp_path / ".site-cache")
    keywords.nouns.cache_clear()
    try:
        from_dictionary = keywords.nouns()
        (memo,) = (tmp_path / ".site-cache").glob("nomen-*.txt")
        assert memo.read_text(encoding="utf-8").split("\n") == sorted(from_dictionary)
        assert "spaziergang" in from_dictionary

        keywords.nouns.cache_clear()
        monkeypatch.setattr(keywords, "_dictionary_nouns", lambda: pytest.fail("read the dictionary again"))
        assert keywords.nouns() == from_dictionary
    finally:
        keywords.nouns.cache_clear()
