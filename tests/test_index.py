"""The search index's key: what Pagefind reads of a page, and nothing it skips."""

from __future__ import annotations

from mittendrin.build.index import indexed, search_key


def page(article: str, head: str = "") -> str:
    return f"<!doctype html><html lang=de><head>{head}</head><body><header><a href=/>Start</a></header>{article}</body></html>"


OFFER = """<article data-pagefind-body>
  <h1 data-pagefind-meta="title">Erzählcafé</h1>
  <div hidden data-pagefind-ignore><span data-pagefind-filter="Wochentag">Mittwoch</span><br/>
    <span data-pagefind-meta="wann">jeden Mittwoch, 15:00 Uhr</span></div>
  <dl class="facts" data-pagefind-ignore><dt>Nächster Termin</dt><dd>Mittwoch, 2. Dezember 2026<br>15:00 Uhr</dd></dl>
  <p>Wir trinken Kaffee.</p>
</article>"""


def test_a_page_without_a_search_body_has_no_key() -> None:
    assert search_key(page("<main><h1>Alle Angebote</h1></main>")) == ""


def test_what_pagefind_skips_leaves_the_key_alone() -> None:
    key = search_key(page(OFFER))
    assert key
    assert search_key(page(OFFER.replace("2. Dezember", "9. Dezember"))) == key  # an ignored date
    outside = page(OFFER, head='<script type="application/ld+json">{"startDate": "2026-12-09"}</script>')
    assert search_key(outside.replace("Start", "Startseite")) == key  # outside the body


def test_what_pagefind_reads_changes_the_key() -> None:
    key = search_key(page(OFFER))
    for changed in (
        OFFER.replace("Kaffee", "Tee"),  # the text
        OFFER.replace(">Mittwoch</span>", ">Donnerstag</span>"),  # a filter's value, though inside an ignored part
        OFFER.replace("jeden Mittwoch", "jeden Donnerstag"),  # what a hit shows
        OFFER.replace('data-pagefind-meta="title"', 'data-pagefind-meta="title" data-pagefind-weight="10"'),
        OFFER.replace("<p>Wir", '<p data-pagefind-ignore="all">Wir'),
    ):
        assert search_key(page(changed)) != key, changed


def test_an_attribute_value_that_names_pagefind_hides_nothing() -> None:
    named = OFFER.replace(
        "<p>Wir trinken Kaffee.</p>", '<p><a href="/data-pagefind-ignore">Wir trinken Kaffee.</a></p>'
    )
    assert search_key(page(named)) != search_key(page(named.replace("Kaffee", "Tee")))


def test_pagefind_reads_the_offer_pages_and_nothing_else() -> None:
    assert indexed("angebote/kaffeeklatsch/index.html")
    assert not indexed("angebote/index.html")  # the list of all offers
    assert not indexed("angebote/kaffeeklatsch/termine.ics")
    assert not indexed("angebotsheft/index.html")
    assert not indexed("index.html")
