"""A full build of real content into tmp_path, checked on the HTML a resident gets."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from bs4 import BeautifulSoup
from conftest import EXAMPLE_CONTENT, build_site, offer_text, write_offer


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def listed_slugs(page: Path) -> list[str]:
    links = soup(page).select("main .card-title a")
    return [a["href"].rstrip("/").rsplit("/", 1)[-1] for a in links]


def example_fronts() -> dict[str, dict]:
    fronts = {}
    for path in sorted((EXAMPLE_CONTENT / "offers").glob("[!_]*.md")):
        fronts[path.stem] = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
    return fronts


def test_example_content_covers_the_town() -> None:
    fronts = example_fronts()
    assert len(fronts) >= 24
    assert {f["bezirk"] for f in fronts.values()} == {"Eickel", "Herne-Mitte", "Sodingen", "Wanne"}
    ages = {a for f in fronts.values() for a in f["altersgruppen"]}
    assert ages == {"kinder", "jugendliche", "junge-erwachsene", "erwachsene", "senioren", "alle"}
    days = {d for f in fronts.values() for t in f["termine"] for d in t.get("tage", [])}
    assert days == {"mo", "di", "mi", "do", "fr", "sa", "so"}
    forms = {t.get("rhythmus", "datum" if "datum" in t else "vereinbarung" if "nach_vereinbarung" in t else "weekly")
             for f in fronts.values() for t in f["termine"]}  # fmt: skip
    assert forms == {"weekly", "14-taeglich", "monatlich", "datum", "vereinbarung"}


def test_each_district_page_lists_exactly_its_offers(example_site: Path) -> None:
    fronts = example_fronts()
    for slug, name in [
        ("eickel", "Eickel"),
        ("herne-mitte", "Herne-Mitte"),
        ("sodingen", "Sodingen"),
        ("wanne", "Wanne"),
    ]:
        expected = {s for s, f in fronts.items() if f["bezirk"] == name}
        page = example_site / "bezirke" / slug / "index.html"
        assert set(listed_slugs(page)) == expected
        assert f"{len(expected)} Angebote" in soup(page).select_one(".count-line").text


def test_age_group_pages_include_offers_for_all_generations(example_site: Path) -> None:
    fronts = example_fronts()
    for_all = {s for s, f in fronts.items() if "alle" in f["altersgruppen"]}
    youth = {s for s, f in fronts.items() if "jugendliche" in f["altersgruppen"]}
    assert set(listed_slugs(example_site / "altersgruppen" / "jugendliche" / "index.html")) == youth | for_all
    assert set(listed_slugs(example_site / "altersgruppen" / "alle" / "index.html")) == for_all


def test_weekday_page_is_sorted_by_start_time(content: Path, tmp_path: Path) -> None:
    write_offer(content, "spaet", titel="Abendtreff", termine=[{"tage": ["mi"], "von": "19:00"}])
    write_offer(
        content, "frueh", titel="Zeitungsrunde", termine=[{"tage": ["mi", "fr"], "von": "9:30", "bis": "11:00"}]
    )
    write_offer(content, "einmal", titel="Adventsfeier", termine=[{"datum": "2026-12-02", "von": "14:00"}])
    site = build_site(content, tmp_path / "site")
    assert listed_slugs(site / "wochentage" / "mittwoch" / "index.html") == ["frueh", "einmal", "spaet"]
    assert listed_slugs(site / "wochentage" / "freitag" / "index.html") == ["frueh"]
    assert "kein Angebot" in soup(site / "wochentage" / "sonntag" / "index.html").text


def test_all_offers_sorted_by_weekday_then_time_then_title(content: Path, tmp_path: Path) -> None:
    write_offer(content, "b", titel="Beta", termine=[{"tage": ["di"], "von": "15:00"}])
    write_offer(content, "a", titel="Alpha", termine=[{"tage": ["di"], "von": "15:00"}])
    write_offer(content, "c", titel="Ärger vermeiden", termine=[{"tage": ["mo"], "von": "18:00"}])
    write_offer(content, "d", titel="Besuche", termine=[{"nach_vereinbarung": True}])
    site = build_site(content, tmp_path / "site")
    assert listed_slugs(site / "angebote" / "index.html") == ["c", "a", "b", "d"]


def test_offer_page_shows_everything_in_german(content: Path, tmp_path: Path) -> None:
    write_offer(
        content,
        "kaffeeklatsch",
        termine=[
            {"tage": ["Dienstag", "Do."], "von": "15 Uhr", "bis": "17.00"},
            {"tage": ["mi"], "rhythmus": "monatlich", "woche": [1], "von": "10:00", "bis": "12:00"},
        ],
        kontakt={"telefon": "02323 0123456", "email": "kaffee@example.org", "web": "https://example.org/k"},
    )
    site = build_site(content, tmp_path / "site")
    page = soup(site / "angebote" / "kaffeeklatsch" / "index.html")
    text = " ".join(page.get_text(" ").split())
    assert "jeden Dienstag und Donnerstag, 15:00–17:00 Uhr" in text
    assert "jeden 1. Mittwoch im Monat, 10:00–12:00 Uhr" in text
    assert page.select_one('a[href="tel:+492323123456"]'.replace("123456", "0123456")).text == "+49 2323 0123456"
    assert page.select_one('a[href="mailto:kaffee@example.org"]')
    osm = page.select_one('a[href^="https://www.openstreetmap.org/"]')
    assert osm and "mlat=51.5383" in osm["href"]
    assert "Angaben zuletzt bestätigt am 1. Oktober 2026" in text
    assert page.html["lang"] == "de"
    assert not page.select("iframe, img[src^=http], script[src^=http], link[href^=http][rel=stylesheet]")


def test_expired_offers_are_left_out_and_reported(content: Path, tmp_path: Path, cli) -> None:
    write_offer(content, "aktuell")
    write_offer(content, "vorbei", gueltig_bis="2026-11-01")
    write_offer(content, "nur-einmal", termine=[{"datum": "2026-06-01", "von": "10:00"}])
    code, out, _ = cli("build", "--content", content, "--out", tmp_path / "site")
    assert code == 0
    assert "Nicht veröffentlicht: " in out and "vorbei.md (gültig nur bis 1. November 2026)" in out
    assert "nur-einmal.md (alle Termine liegen in der Vergangenheit)" in out
    assert not (tmp_path / "site" / "angebote" / "vorbei").exists()
    assert listed_slugs(tmp_path / "site" / "angebote" / "index.html") == ["aktuell"]


def test_templates_and_drafts_are_not_published(content: Path, tmp_path: Path) -> None:
    write_offer(content, "echt")
    (content / "offers" / "_vorlage.md").write_text(offer_text(titel="Vorlage"), encoding="utf-8")
    site = build_site(content, tmp_path / "site")
    assert listed_slugs(site / "angebote" / "index.html") == ["echt"]


def test_content_error_exits_non_zero_and_leaves_site_untouched(content: Path, tmp_path: Path, cli) -> None:
    write_offer(content, "gut")
    site = build_site(content, tmp_path / "site")
    before = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    path = write_offer(content, "falsch", bezirk="Wanne-Eikel")

    code, _, err = cli("build", "--content", content, "--out", site)

    assert code == 1
    line = next(i for i, text in enumerate(path.read_text().splitlines(), 1) if text.startswith("bezirk:"))
    assert f"falsch.md, Zeile {line}: Fehler: „Wanne-Eikel“ ist kein Stadtbezirk." in err
    assert "Erlaubt: Eickel, Herne-Mitte, Sodingen, Wanne." in err
    assert "Traceback" not in err
    after = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert after == before
    assert not list(tmp_path.glob(".site.*")), "no staging folder may be left behind"


def test_check_lists_problems_of_every_file_together(content: Path, cli) -> None:
    write_offer(content, "eins", bezirk="Holsterhausen")
    write_offer(content, "zwei", altersgruppen=["rentner"], kontakt={"email": "ohne-at.example.org"})
    code, _, err = cli("check", "--content", content)
    assert code == 1
    assert "„Holsterhausen“ ist ein Stadtteil im Stadtbezirk Herne-Mitte, kein Stadtbezirk." in err
    assert "„rentner“ ist keine Altersgruppe." in err
    assert "„ohne-at.example.org“ ist keine gültige E-Mail-Adresse." in err
    assert "3 Fehler gefunden" in err


def test_check_passes_example_content(cli) -> None:
    code, out, _ = cli("check", "--content", EXAMPLE_CONTENT)
    assert code == 0
    assert out.startswith("Alles in Ordnung")


def test_builds_are_byte_identical(content: Path, tmp_path: Path) -> None:
    """Everything we write is byte-identical. Pagefind itself still names its filter and metadata files
    differently on every run (upstream issue Pagefind/pagefind#638); its fragments are stable."""
    write_offer(content, "eins")
    write_offer(content, "zwei", titel="Spieletreff", bezirk="Wanne", stadtteil="Crange")
    first = build_site(content, tmp_path / "a")
    second = build_site(content, tmp_path / "b")

    def files(site: Path) -> dict[str, bytes]:
        return {str(p.relative_to(site)): p.read_bytes() for p in site.rglob("*") if p.is_file() and not _varies(p)}

    assert files(first) == files(second)
    assert sorted(p.parent.name for p in first.rglob("*") if _varies(p)) == sorted(
        p.parent.name for p in second.rglob("*") if _varies(p)
    )


def _varies(path: Path) -> bool:
    return path.parent.name == "filter" or path.suffix == ".pf_meta" or path.name == "pagefind-entry.json"


def test_sub_path_links_point_below_it(content: Path, tmp_path: Path) -> None:
    write_offer(content, "eins")
    site = build_site(content, tmp_path / "site", "--base-url", "https://example.org/mittendrin/")
    page = soup(site / "index.html")
    hrefs = [a["href"] for a in page.select("a[href^='/']")] + [link["href"] for link in page.select("link[href^='/']")]
    assert hrefs and all(h.startswith("/mittendrin/") for h in hrefs)
    assert page.select_one("link[rel=canonical]")["href"] == "https://example.org/mittendrin/"


def test_a_hit_says_when_by_the_rule_and_tells_of_a_pause_now(content: Path, tmp_path: Path) -> None:
    winter = {"von": "2026-11-01", "bis": "2027-03-31", "grund": "Winterpause"}
    write_offer(content, "winter", termine=[{"tage": ["di"], "von": "15:00"}], faellt_aus=[winter])
    write_offer(
        content, "sommer", termine=[{"tage": ["mi"], "von": "15:00", "bis": "17:00"}, {"tage": ["fr"], "von": "10:00"}]
    )
    site = build_site(content, tmp_path / "site")

    def hit(slug: str) -> str:
        return soup(site / "angebote" / slug / "index.html").select_one('[data-pagefind-meta="wann"]').get_text()

    assert hit("sommer") == "jeden Mittwoch, 15:00–17:00 Uhr; jeden Freitag, ab 10:00 Uhr"
    assert hit("winter") == (
        "jeden Dienstag, ab 15:00 Uhr. Das Angebot macht gerade Pause (Winterpause), bis einschließlich 31. März 2027."
    )


def test_search_index_has_the_filters(example_site: Path) -> None:
    entry = json.loads((example_site / "pagefind" / "pagefind-entry.json").read_text())
    assert entry["languages"]["de"]["page_count"] == len(example_fronts())
    filters = {f.name for f in (example_site / "pagefind" / "filter").iterdir()}
    assert filters, "the index has filter files"
    offer = soup(example_site / "angebote" / "erzaehlcafe-herne-mitte" / "index.html")
    kinds = {span["data-pagefind-filter"] for span in offer.select("[data-pagefind-filter]")}
    assert kinds == {"Stadtbezirk", "Altersgruppe", "Wochentag", "Kategorie", "Kosten"}
    listing = soup(example_site / "angebote" / "index.html")
    assert not listing.select("[data-pagefind-body]"), "only offer pages are indexed"
