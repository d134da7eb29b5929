"""Compound words: their tails become search keywords only when they are real nouns of the directory."""

from mittendrin.keywords import compound_parts, nouns, updated_parts


def test_tails_that_are_nouns_elsewhere_become_keywords() -> None:
    known = nouns(["Offener Treff und Café", "Hilfe im Alltag", "Wir gehen in den Garten"])
    assert known == {"offener", "treff", "café", "hilfe", "alltag", "garten"}  # "gehen" is no noun
    text = "Sprachtreff im Nachbarschaftsgarten, mit Nachbarschaftshilfe und Sprachcafé"
    assert compound_parts(text, known) == ("café", "garten", "hilfe", "treff")


def test_no_fragments_and_no_words_already_there() -> None:
    known = nouns(["Einsam ist keiner hier. Treff am Abend."])
    assert compound_parts("Gemeinsam zum Treff", known) == ()


def test_updating_for_changed_nouns_equals_starting_again() -> None:
    texts = [
        "Sprachtreff im Stadtteilgarten",
        "Offener Treff mit Kaffeeklatsch",
        "Nachbarschaftshilfe: Hilfe beim Einkaufen, Klatsch und Kaffee",
        "Gemeinsam im Garten",
    ]
    for left_out in range(len(texts)):
        old_known = nouns(texts[:left_out] + texts[left_out + 1 :])
        new_known = nouns(texts)
        added, removed = new_known - old_known, old_known - new_known
        for text in texts:
            old = compound_parts(text, old_known)
            assert updated_parts(old, text, added, removed) == compound_parts(text, new_known)
            assert updated_parts(compound_parts(text, new_known), text, removed, added) == old
