"""What the search index holds of an offer besides its text: true facts as words, and the town's synonyms."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from bs4 import BeautifulSoup
from conftest import TOWN_CONFIG, build_site, write_offer

from mittendrin.content.load import load_offer
from mittendrin.content.validate import validate
from mittendrin.model.config import load_config
from mittendrin.model.offer import Offer
from mittendrin.search.findable import fact_words, noun_heads, synonyms, touches, unindexed, vocabulary

CONFIG = load_config(TOWN_CONFIG)
TODAY = dt.date(2026, 11, 25)


def offer(tmp_path: Path, **fields: object) -> Offer:
    path = write_offer(tmp_path, "angebot", **fields)
    result, problems = validate(load_offer(path, "angebot.md"), CONFIG, TODAY)
    assert result is not None, [p.format() for p in problems]
    return result


def test_facts_are_words_residents_type(tmp_path: Path) -> None:
    saturday = offer(
        tmp_path,
        bezirk="Wanne",
        stadtteil="Crange",
        termine=[{"tage": ["sa"], "von": "18:00"}],
        kosten="kostenlos",
        anmeldung="nein",
        sprachen=["de", "tr"],
        barrierefreiheit={"stufenlos": True, "rollstuhl_wc": True, "hoerschleife": True},
    )
    words = fact_words(saturday, saturday.appointments, CONFIG)
    for expected in ("Wanne", "Crange", "Samstag", "Wochenende", "abends", "kostenlos", "ohne Anmeldung", "Türkisch"):
        assert expected in words
    assert "barrierefrei rollstuhlgerecht Rollstuhl" in words and "Höranlage Induktionsschleife" in words


def test_no_wheelchair_word_without_a_step_free_entrance_and_an_accessible_toilet(tmp_path: Path) -> None:
    for access in ({"stufenlos": True, "rollstuhl_wc": False}, {"stufenlos": False, "rollstuhl_wc": True}, None):
        found = offer(tmp_path, barrierefreiheit=access)
        words = " ".join(fact_words(found, found.appointments, CONFIG))
        assert "Rollstuhl" not in words and "rollstuhlgerecht" not in words and "barrierefrei" not in words
        assert ("stufenlos" in words) == bool(access and access["stufenlos"])


def test_a_verb_of_a_group_is_touched_by_its_forms_and_compounds_of_its_stem() -> None:
    town = dataclasses.replace(CONFIG, synonyms=(("Spaziergang", "spazieren"), ("Basteln", "basteln")))
    assert synonyms("Die Gruppe spaziert durch den Park.", town) == ("Spaziergang",)
    assert synonyms("Hier wird gebastelt.", town) == ("Basteln",)
    words = {"spaziergruppe", "singkreis", "spazierstockmann", "malzeit"}
    heads = noun_heads(words)
    assert touches("spazieren", {"spaziergruppe"}, heads) and touches("singen", {"singkreis"}, heads)
    assert not touches("malen", words, heads)  # "mal" is too short a stem to be sure
    assert not touches("spazieren", {"spazierstockmann"}, noun_heads({"spazierstockmann"}))  # "stockmann": no noun
    assert synonyms("Der Spaziergang ist lang.", dataclasses.replace(town, synonyms=(("Spaziergang", "Runde"),))) == (
        "Runde",
    )


def test_synonyms_of_a_group_the_text_touches(tmp_path: Path) -> None:
    found = synonyms("Ein Treff für ältere Menschen im Quartier, gratis.", CONFIG)  # categories are no text
    assert {"Senioren", "Rentner", "Oma"} <= set(found)
    assert {"kostenlos", "umsonst"} <= set(found) and "gratis" not in found  # already in the text
    assert "Treffpunkt" in found
    assert "Kinder" not in found and "Sport" not in found


def test_a_synonym_matches_whole_words_only() -> None:
    town = dataclasses.replace(CONFIG, synonyms=(("Oma", "Großmutter"),))
    assert synonyms("Wir kochen Omas Rezepte nach.", town) == ()  # "Omas" is another word
    assert synonyms("Mit Oma ins Kino.", town) == ("Großmutter",)


def test_the_offer_page_gives_the_index_its_facts_and_hides_labels(tmp_path: Path) -> None:
    content = tmp_path / "content"
    write_offer(content, "treff", barrierefreiheit={"stufenlos": True, "rollstuhl_wc": False, "hoerschleife": False})
    page = BeautifulSoup(
        (build_site(content, tmp_path / "site") / "angebote" / "treff" / "index.html").read_text(), "html.parser"
    )
    body = page.select_one("[data-pagefind-body]")
    assert body.select_one("dl.facts")["data-pagefind-ignore"] == ""  # "Kein rollstuhlgerechtes WC" stays out
    indexed = body.select_one('p[data-pagefind-weight="3"]').get_text()
    assert "Sodingen" in indexed and "stufenlos" in indexed and "Rollstuhl" not in indexed


def test_contact_words_are_shown_but_kept_out_of_the_index() -> None:
    html = '<p>Eine Telefonnummer, zwei telefonnummern; <a href="t?a>b" title="Telefonnummer">Telefon</a></p>'
    assert unindexed(html, ["Telefonnummer"]) == (
        "<p>Eine <span data-pagefind-ignore>Telefonnummer</span>, zwei <span data-pagefind-ignore>telefonnummern"
        '</span>; <a href="t?a>b" title="Telefonnummer">Telefon</a></p>'
    )  # the word's longer forms too, any case; attributes and other words stay as they are
    assert unindexed("<p>Festnetz-Telefonnummer, Rückrufnummer</p>", ["Telefonnummer", "Rufnummer"]) == (
        "<p>Festnetz-<span data-pagefind-ignore>Telefonnummer</span>, Rückrufnummer</p>"
    )  # after a hyphen too (Pagefind indexes the parts); inside a word not: it is still found by its beginning


def test_the_offer_page_keeps_the_towns_contact_words_out_of_the_index(tmp_path: Path) -> None:
    content = tmp_path / "content"
    write_offer(content, "hilfe", body="Bitte nennen Sie uns eine Telefonnummer für Notfälle.")
    page = (build_site(content, tmp_path / "site") / "angebote" / "hilfe" / "index.html").read_text()
    text = BeautifulSoup(page, "html.parser").select_one(".body-text")
    assert text.get_text(" ", strip=True) == "Bitte nennen Sie uns eine Telefonnummer für Notfälle."
    assert text.select_one("span[data-pagefind-ignore]").get_text() == "Telefonnummer"


def test_vocabulary_is_each_word_once_in_lower_case() -> None:
    assert vocabulary(["Kaffee und Kuchen", "kaffee, Spaziergang 2026"]) == ["kaffee", "kuchen", "spaziergang"]
