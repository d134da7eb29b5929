"""Compound words: their tails become search keywords only when they are real nouns of the directory."""

from mittendrin.keywords import compound_parts, nouns


def test_tails_that_are_nouns_elsewhere_become_keywords() -> None:
    known = nouns(["Offener Treff und Café", "Hilfe im Alltag", "Wir gehen in den Garten"])
    assert known == {"offener", "treff", "café", "hilfe", "alltag", "garten"}  # "gehen" is no noun
    text = "Sprachtreff im Nachbarschaftsgarten, mit Nachbarschaftshilfe und Sprachcafé"
    assert compound_parts(text, known) == ("café", "garten", "hilfe", "treff")


def test_no_fragments_and_no_words_already_there() -> None:
    known = nouns(["Einsam ist keiner hier. Treff am Abend."])
    assert compound_parts("Gemeinsam zum Treff", known) == ()
