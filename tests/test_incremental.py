"""Rebuilds reuse the last build only where nothing changed: their output is byte-identical to a clean build."""

from __future__ import annotations

import datetime as dt
import pickle
import re
import shutil
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from conftest import EXAMPLE_CONTENT, TOWN_CONFIG, build_site, offer_text, write_offer

from mittendrin.build import incremental, pipeline
from mittendrin.build.incremental import OPEN_DATA_FILE, PageKeys
from mittendrin.build.pipeline import PROJECT, Paths, build, build_date, check_content
from mittendrin.data import exports
from mittendrin.data.exports import offer_data
from mittendrin.model.config import Config, Term, load_config
from mittendrin.model.offer import Rhythm
from mittendrin.site.pages import Page, Section, offer_view

TODAY = dt.date(2026, 11, 25)  # the tests' build date (SOURCE_DATE_EPOCH)


def site_files(site: Path) -> dict[str, bytes]:
    """Every file of a built site; Pagefind's per-run varying files (upstream issue #638) by name only."""
    return {
        str(p.relative_to(site)): b"" if _varies(p) else p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file() and not _varies_by_name(p)
    }


def _varies(path: Path) -> bool:
    return path.parent.name == "filter" or path.suffix == ".pf_meta" or path.name == "pagefind-entry.json"


def _varies_by_name(path: Path) -> bool:
    # Pagefind names filter and meta files after a hash of varying bytes; their count is compared instead.
    return path.parent.name == "filter" or path.suffix == ".pf_meta"


def assert_same_as_clean_build(content: Path, site: Path, tmp_path: Path) -> None:
    clean = build_site(content, tmp_path / "clean")
    assert site_files(site) == site_files(clean)
    for pattern in ("pagefind/filter/*", "pagefind/*.pf_meta"):
        assert len(list(site.glob(pattern))) == len(list(clean.glob(pattern)))
    shutil.rmtree(clean)
    for leftover in tmp_path.glob(".clean[.-]*"):
        shutil.rmtree(leftover)


@pytest.fixture(params=["1", "2"], ids=["ein Prozess", "zwei Prozesse"])
def workers(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Runs a test with the build on one process and again on two, so the parallel path is exercised too."""
    monkeypatch.setenv("MITTENDRIN_WORKERS", request.param)
    return request.param


def test_edit_add_rename_delete_give_a_clean_build(content: Path, tmp_path: Path, workers: str) -> None:
    write_offer(content, "nachbarn", titel="Nachbarschaftshilfe Börnig", kurzbeschreibung="Wir kaufen füreinander ein.")
    write_offer(content, "kaffee", titel="Kaffeeklatsch", termine=[{"tage": ["mi"], "von": "15:00"}])
    write_offer(content, "laufen", titel="Lauftreff", bezirk="Wanne", stadtteil="Crange")
    site = build_site(content, tmp_path / "site")

    write_offer(content, "kaffee", titel="Kaffee und Kuchen", termine=[{"tage": ["fr"], "von": "10:00"}])
    build_site(content, site)
    assert "Kaffee und Kuchen" in (site / "wochentage" / "freitag" / "index.html").read_text()
    assert_same_as_clean_build(content, site, tmp_path)

    # The search keywords of a compound ("Nachbarschaftshilfe" → hilfe) depend on the offer's own text alone:
    # a new offer leaves the page as it was.
    page = site / "angebote" / "nachbarn" / "index.html"
    before = page.stat().st_ino
    assert '<p class="stichworte" data-pagefind-weight="3">hilfe</p>' in page.read_text()
    write_offer(content, "neu", titel="Hilfe beim Einkaufen", kurzbeschreibung="Wir gehen mit Ihnen einkaufen.")
    build_site(content, site)
    assert page.stat().st_ino == before
    assert_same_as_clean_build(content, site, tmp_path)

    (content / "offers" / "laufen.md").rename(content / "offers" / "lauftreff-crange.md")
    build_site(content, site)
    assert not (site / "angebote" / "laufen").exists()
    assert_same_as_clean_build(content, site, tmp_path)

    (content / "offers" / "kaffee.md").unlink()
    build_site(content, site)
    assert not (site / "angebote" / "kaffee").exists()
    assert_same_as_clean_build(content, site, tmp_path)


def test_nothing_changed_leaves_the_published_site_alone(content: Path, tmp_path: Path) -> None:
    write_offer(content, "eins")
    site = build_site(content, tmp_path / "site")
    before = {p: p.stat().st_ino for p in site.rglob("*")}
    build_site(content, site)
    assert {p: p.stat().st_ino for p in site.rglob("*")} == before


def test_nothing_changed_reports_what_the_build_before_reported(cli, content: Path, tmp_path: Path) -> None:
    write_offer(content, "eins")
    write_offer(content, "vorbei", titel="Sommerfest", gueltig_bis="2026-09-30")
    (content / "offers" / "notiz.txt").write_text("Noch eintragen: Lesekreis", encoding="utf-8")
    site = tmp_path / "site"
    code, full, full_warnings = cli("build", "--content", content, "--out", site, "--no-pdf")
    assert code == 0
    code, again, again_warnings = cli("build", "--content", content, "--out", site, "--no-pdf")
    assert code == 0
    assert "notiz.txt" in full_warnings and again_warnings == full_warnings
    assert "vorbei.md (gültig nur bis 30. September 2026)." in full
    assert _without_seconds(again) == _without_seconds(full)


def _without_seconds(output: str) -> str:
    return re.sub(r"\(\d+\.\d s\)", "", output)


def test_a_failed_build_keeps_the_memory_of_the_published_site(cli, content: Path, tmp_path: Path) -> None:
    write_offer(content, "eins")
    write_offer(content, "zwei", titel="Zweites Angebot")
    site = build_site(content, tmp_path / "site")
    write_offer(content, "zwei", text=offer_text(bezirk="Atlantis"))
    code, _, _ = cli("build", "--content", content, "--out", site)
    assert code == 1
    write_offer(content, "zwei", titel="Zweites Angebot, repariert")
    build_site(content, site)
    assert_same_as_clean_build(content, site, tmp_path)


def test_a_cache_that_cannot_be_written_is_a_note_and_the_build_goes_on(cli, content: Path, tmp_path: Path) -> None:
    """A cache folder the build cannot write (here a file in its place: root ignores permissions) must not turn a
    published build into a failed one that claims the old site is unchanged, now or in any later build."""
    write_offer(content, "eins")
    site = build_site(content, tmp_path / "site")
    cache = tmp_path / ".site-cache"
    shutil.rmtree(cache)
    cache.write_text("kein Ordner", encoding="utf-8")
    for title in ("Geändert", "Noch einmal geändert"):
        write_offer(content, "eins", titel=title)
        code, out, err = cli("build", "--content", content, "--out", site, "--no-pdf")
        assert code == 0, err
        assert f">{title}<" in (site / "angebote" / "eins" / "index.html").read_text(encoding="utf-8")
        assert "Der Zwischenspeicher" in out and "die Seite ist trotzdem veröffentlicht" in out
        assert "unverändert" not in out + err
    assert_same_as_clean_build(content, site, tmp_path)


def test_a_site_restored_with_its_cache_is_trusted(cli, content: Path, tmp_path: Path) -> None:
    """The publishing workflow keeps site/ and .site-cache/ in the Actions cache: unpacked, every file is new (other
    inodes), and it is still the site the memory was saved with."""
    write_offer(content, "eins")
    built = build_site(content, tmp_path / "gebaut" / "site")
    restored = tmp_path / "wiederhergestellt"
    restored.mkdir()
    shutil.copytree(built, restored / "site")  # copies, not links: new inodes, as from a tar archive
    shutil.copytree(tmp_path / "gebaut" / ".site-cache", restored / ".site-cache")
    home = restored / "site" / "index.html"
    before = home.stat().st_ino
    assert cli("build", "--content", content, "--out", restored / "site", "--no-pdf")[0] == 0
    assert home.stat().st_ino == before  # nothing to do: the site was left as it is
    (restored / "site" / ".mittendrin-bau").write_text("eine andere Seite\n", encoding="ascii")
    assert cli("build", "--content", content, "--out", restored / "site", "--no-pdf")[0] == 0
    assert home.stat().st_ino != before  # not the site the memory belongs to: built and published anew
    assert_same_as_clean_build(content, restored / "site", tmp_path)


def test_changed_text_pages_are_rebuilt(content: Path, tmp_path: Path) -> None:
    write_offer(content, "eins")
    shutil.copytree(EXAMPLE_CONTENT / "seiten", content / "seiten")
    site = build_site(content, tmp_path / "site")
    imprint = content / "seiten" / "impressum.md"
    imprint.write_text(imprint.read_text().replace("## Anbieter", "## Wer diese Seite anbietet"))
    build_site(content, site)
    assert "Wer diese Seite anbietet</h" in (site / "impressum" / "index.html").read_text()
    assert_same_as_clean_build(content, site, tmp_path)


def test_changed_templates_and_config_are_rebuilt(content: Path, tmp_path: Path) -> None:
    templates = shutil.copytree(PROJECT / "templates", tmp_path / "templates")
    write_offer(content, "eins")
    paths = Paths(content, tmp_path / "site", templates=templates)
    config = load_config(TOWN_CONFIG)
    build(paths, config, build_date())

    base = templates / "base.html"
    base.write_text(base.read_text().replace("Zum Inhalt springen", "Direkt zum Inhalt"))
    build(paths, config, build_date())
    assert "Direkt zum Inhalt" in (paths.out / "angebote" / "eins" / "index.html").read_text()

    build(paths, config.with_base_url("https://example.org/herne/"), build_date())
    assert 'href="/herne/angebote/"' in (paths.out / "index.html").read_text()


def test_a_calendar_file_that_stays_the_same_is_the_published_file(content: Path, tmp_path: Path) -> None:
    write_offer(content, "mittwoch", titel="Mittwochscafé", termine=[{"tage": ["mi"], "von": "15:00"}])
    write_offer(content, "samstag", titel="Samstagstreff", termine=[{"tage": ["sa"], "von": "10:00"}])
    site = build_site(content, tmp_path / "site")
    before = {p.parent.name: p.stat().st_ino for p in site.glob("angebote/*/termine.ics")}
    assert before.keys() == {"mittwoch", "samstag"}
    write_offer(content, "samstag", titel="Samstagstreff am Markt", termine=[{"tage": ["sa"], "von": "10:00"}])

    build_site(content, site)

    assert (site / "angebote" / "mittwoch" / "termine.ics").stat().st_ino == before["mittwoch"]
    changed = site / "angebote" / "samstag" / "termine.ics"
    assert changed.stat().st_ino != before["samstag"] and b"SUMMARY:Samstagstreff am Markt" in changed.read_bytes()
    assert_same_as_clean_build(content, site, tmp_path)


def test_the_next_day_renders_again_only_the_pages_whose_dates_changed(
    content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The session's build date is Wednesday 25 November 2026.
    write_offer(content, "mittwoch", titel="Mittwochscafé", termine=[{"tage": ["mi"], "von": "15:00"}])
    write_offer(content, "samstag", titel="Samstagstreff", termine=[{"tage": ["sa"], "von": "10:00"}])
    site = build_site(content, tmp_path / "site")
    before = {p: p.stat().st_ino for p in site.rglob("index.html")}
    assert "Mittwoch, 25. November 2026" in (site / "angebote" / "mittwoch" / "index.html").read_text()

    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(1795564800 + 86400))  # Thursday 26 November 2026
    build_site(content, site)
    after = {p: p.stat().st_ino for p in site.rglob("index.html")}
    rendered = {str(p.parent.relative_to(site)) for p in after if before.get(p) != after[p]}
    # Wednesday's date has passed: its page, the lists that show it and the day lists are new; Saturday's is linked.
    assert {"angebote/mittwoch", "angebote", "heute", "termine", "wochentage/mittwoch"} <= rendered
    assert "angebote/samstag" not in rendered and "wochentage/samstag" not in rendered
    assert "Mittwoch, 2. Dezember 2026" in (site / "angebote" / "mittwoch" / "index.html").read_text()
    assert_same_as_clean_build(content, site, tmp_path)


def test_an_edit_publishes_its_pages_first_but_the_next_day_publishes_once(
    content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    wednesdays = [{"tage": ["mi"], "von": "15:00"}]  # the build date is a Wednesday: the next day, its date passed
    write_offer(content, "eins", termine=wednesdays)
    paths = Paths(content, tmp_path / "site")
    config = load_config(TOWN_CONFIG)
    build(paths, config, build_date(), pdf=False)
    pages_first = "Seiten veröffentlicht; baue Suchindex und offene Daten …"

    steps: list[str] = []
    write_offer(content, "eins", titel="Geänderter Treff", termine=wednesdays)
    build(paths, config, build_date(), steps.append, pdf=False)
    assert pages_first in steps  # someone waits for the corrected page: it goes out before the search index

    steps.clear()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(1795564800 + 86400))
    build(paths, config, build_date(), steps.append, pdf=False)
    assert pages_first not in steps and steps.count("Veröffentliche …") == 1  # the nightly rebuild: one swap
    assert_same_as_clean_build(content, paths.out, tmp_path)


def built_with_a_reading(content: Path, tmp_path: Path, reading_on: str) -> tuple[Paths, Config]:
    """A site built on the tests' Wednesday with a weekly café on Wednesdays and a reading on one day (and Fridays)."""
    write_offer(content, "mittwoch", titel="Mittwochscafé", termine=[{"tage": ["mi"], "von": "15:00"}])
    write_offer(
        content,
        "lesung",
        titel="Lesung",
        termine=[{"datum": reading_on, "von": "18:00"}, {"tage": ["fr"], "von": "10:00"}],
    )
    paths = Paths(content, tmp_path / "site")
    config = load_config(TOWN_CONFIG)
    build(paths, config, build_date(), pdf=False)
    return paths, config


def test_the_next_day_keeps_the_search_index_while_pagefind_would_read_every_page_as_before(
    content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MITTENDRIN_WORKERS", "2")  # with the index kept, the workbook is written by a worker
    paths, config = built_with_a_reading(content, tmp_path, "2026-11-26")
    indexing = "Baue den Suchindex …"

    steps: list[str] = []
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(1795564800 + 86400))  # Thursday: Wednesday's date has passed
    build(paths, config, build_date(), steps.append, pdf=False)
    page = (paths.out / "angebote" / "mittwoch" / "index.html").read_text()
    assert "Mittwoch, 2. Dezember 2026" in page and 'data-pagefind-meta="wann">jeden Mittwoch, ab 15:00 Uhr<' in page
    assert indexing not in steps  # its page shows new dates, in parts Pagefind does not read
    assert_same_as_clean_build(content, paths.out, tmp_path)

    steps.clear()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(1795564800 + 2 * 86400))  # Friday: the reading is over
    build(paths, config, build_date(), steps.append, pdf=False)
    assert indexing in steps  # a hit on "Lesung" no longer names 26 November as its date
    assert "26. November" not in (paths.out / "angebote" / "lesung" / "index.html").read_text()
    assert_same_as_clean_build(content, paths.out, tmp_path)


def test_the_next_day_takes_each_calendar_from_the_day_before_unless_an_appointment_ended(
    content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MITTENDRIN_WORKERS", "1")  # so that this process sees every calendar worked out
    paths, config = built_with_a_reading(content, tmp_path, "2026-11-25")
    worked_out: list[str] = []
    real = exports.offer_calendar
    monkeypatch.setattr(exports, "offer_calendar", lambda o, c, t: worked_out.append(o.slug) or real(o, c, t))

    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(1795564800 + 86400))  # Thursday: the reading on Wednesday is over
    build(paths, config, build_date(), pdf=False)
    assert worked_out == ["lesung"]
    assert "Mittwoch, 2. Dezember 2026" in (paths.out / "angebote" / "mittwoch" / "index.html").read_text()
    assert_same_as_clean_build(content, paths.out, tmp_path)


def test_the_next_day_works_out_again_only_the_offers_whose_dates_moved_on(
    content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MITTENDRIN_WORKERS", "1")  # so that this process sees every view and piece worked out
    paths, config = built_with_a_reading(content, tmp_path, "2026-12-10")
    worked_out: list[str] = []
    real_prepare, real_data = incremental.prepare_each, incremental.offer_data_each
    monkeypatch.setattr(
        incremental, "prepare_each", lambda o, *rest: worked_out.extend(x.slug for x in o) or real_prepare(o, *rest)
    )
    monkeypatch.setattr(
        incremental, "offer_data_each", lambda o, *rest: worked_out.extend(x.slug for x in o) or real_data(o, *rest)
    )

    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(1795564800 + 86400))  # Thursday: Wednesday's date has passed
    build(paths, config, build_date(), pdf=False)
    assert worked_out == ["mittwoch"]  # the reading's dates are those of yesterday: its view and data are kept
    assert_same_as_clean_build(content, paths.out, tmp_path)

    worked_out.clear()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(1795564800 + 2 * 86400))  # Friday: the reading's Friday is today
    build(paths, config, build_date(), pdf=False)
    assert worked_out == []

    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(1795564800 + 3 * 86400))  # Saturday: it has passed
    build(paths, config, build_date(), pdf=False)
    assert worked_out == ["lesung"]
    assert_same_as_clean_build(content, paths.out, tmp_path)


def test_a_check_that_compares_with_the_date_is_made_again_on_a_later_day(
    cli, content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_offer(content, "eins", geprueft_am="2025-11-25")  # exactly a year before the build date: still fine
    site = tmp_path / "site"
    code, _, warnings = cli("build", "--content", content, "--out", site, "--no-pdf")
    assert code == 0 and "seit über einem Jahr" not in warnings
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(1795564800 + 86400))
    code, _, warnings = cli("build", "--content", content, "--out", site, "--no-pdf")
    assert code == 0 and "eins.md, Zeile" in warnings and "seit über einem Jahr nicht bestätigt" in warnings


def _key(context: dict, digests: dict[str, str] | None = None) -> str:
    return PageKeys(digests or {}).key(Page("angebote/", "listing.html", "Alle Angebote", context))


def test_a_page_key_follows_every_value_of_its_context() -> None:
    term = Term("sodingen", "Sodingen")
    base = {"sections": [Section(term, "bezirke/sodingen/", 3)], "as_of": dt.date(2026, 12, 3), "day": Rhythm.WEEKLY}
    same = {"sections": [Section(Term("sodingen", "Sodingen"), "bezirke/sodingen/", 3)], "as_of": dt.date(2026, 12, 3)}
    assert _key(base) == _key({**same, "day": Rhythm.WEEKLY})  # the key is the values', not the objects'
    assert _key(base) != _key({"day": Rhythm.WEEKLY, **same})  # a template iterating a dict shows its order
    changed = [
        {**base, "sections": [Section(term, "bezirke/sodingen/", 4)]},  # a field deep inside
        {**base, "sections": [Section(Term("sodingen", "Sodingen", "Mitte"), "bezirke/sodingen/", 3)]},
        {**base, "as_of": dt.date(2026, 12, 4)},
        {**base, "day": Rhythm.MONTHLY},
        {**base, "extra": None},
    ]
    assert len({_key(context) for context in [base, *changed]}) == len(changed) + 1


def test_a_page_key_refuses_what_it_cannot_write_out() -> None:
    @dataclass
    class Mutable:
        count: int

    for value in ({"a", "b"}, Mutable(1), object(), lambda: 1):
        with pytest.raises(TypeError, match="PageKeys"):
            _key({"value": value})


def test_a_view_key_names_the_offer_by_its_file_and_follows_its_dates() -> None:
    config = load_config(TOWN_CONFIG)
    offer = next(o for o in check_content(EXAMPLE_CONTENT, config, TODAY).offers if o.appointments)
    view = offer_view(offer, config, TODAY)
    digests = {offer.source: "file-hash"}
    assert PageKeys(digests).view_key(view).startswith("file-hash ")
    later = replace(view, next_date="Donnerstag, 31. Dezember 2026")
    assert PageKeys(digests).view_key(later) != PageKeys(digests).view_key(view)
    assert _key({"offers": [view]}, digests) != _key({"offers": [later]}, digests)


def test_the_remembered_view_keys_are_the_keys_of_the_remembered_views(content: Path, tmp_path: Path) -> None:
    write_offer(content, "eins")
    write_offer(content, "zwei", titel="Spieleabend", termine=[{"tage": ["fr"], "von": "18:00"}])
    site = build_site(content, tmp_path / "site")
    write_offer(content, "zwei", titel="Spielenachmittag", termine=[{"tage": ["fr"], "von": "15:00"}])
    build_site(content, site)  # "eins" keeps its view and key from the first build, "zwei" gets new ones

    with (tmp_path / ".site-cache" / "memory.pickle").open("rb") as stream:
        _, fingerprint, memory = pickle.load(stream), pickle.load(stream), pickle.load(stream)
    recomputed = PageKeys(fingerprint.files)
    assert {p.view.offer.title for p in memory.prepared.values()} == {"Kaffeeklatsch im Quartier", "Spielenachmittag"}
    assert memory.view_keys == {d: recomputed.view_key(p.view) for d, p in memory.prepared.items()}


def test_the_memory_holds_each_offer_once_after_views_came_back_from_the_workers(
    content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MITTENDRIN_WORKERS", "2")
    for number in range(4):
        write_offer(content, f"treff-{number}", titel=f"Treff {number}")
    site = build_site(content, tmp_path / "site")
    # The next day: their Wednesday has passed, so every view is worked out again, in the workers.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(1795564800 + 86400))
    build_site(content, site)

    with (tmp_path / ".site-cache" / "memory.pickle").open("rb") as stream:
        _, fingerprint, memory = pickle.load(stream), pickle.load(stream), pickle.load(stream)
    checked = {fingerprint.files[name]: result.offer for name, result in memory.results.items()}
    assert all(p.view.offer is checked[name.split()[0]] for name, p in memory.prepared.items())


def test_the_open_data_is_remembered_per_offer_file_and_worked_out_again_when_lost(
    content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_offer(content, "eins")
    write_offer(content, "zwei", titel="Spieleabend", termine=[{"tage": ["fr"], "von": "18:00"}])
    site = build_site(content, tmp_path / "site")
    remembered = tmp_path / ".site-cache" / OPEN_DATA_FILE
    with remembered.open("rb") as stream:
        _, pieces = pickle.load(stream), pickle.load(stream)
    config = load_config(TOWN_CONFIG)
    offers = check_content(content, config, TODAY).offers
    assert sorted(pieces.values(), key=str) == sorted((offer_data(offer, config, TODAY) for offer in offers), key=str)

    def worked_out_again(offers: list, *_: object) -> None:
        raise AssertionError(f"open data worked out again for {[o.title for o in offers]}")

    with monkeypatch.context() as patch:  # an edit: the edited offer's piece comes with its check, the rest remembered
        patch.setattr(incremental, "offer_data_each", worked_out_again)
        write_offer(content, "eins", titel="Kaffee und Kuchen")
        build_site(content, site)
    assert "Kaffee und Kuchen" in (site / "daten" / "angebote.json").read_text(encoding="utf-8")

    remembered.unlink()  # lost: the next build works every piece out again
    write_offer(content, "zwei", titel="Spielenachmittag", termine=[{"tage": ["fr"], "von": "15:00"}])
    build_site(content, site)
    assert "Spielenachmittag" in (site / "daten" / "angebote.json").read_text(encoding="utf-8")
    assert_same_as_clean_build(content, site, tmp_path)
    assert remembered.is_file()


def test_the_new_open_data_waits_in_a_file_while_the_pages_are_written(
    content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_offer(content, "eins")
    write_offer(content, "zwei", titel="Spieleabend", termine=[{"tage": ["fr"], "von": "18:00"}])
    set_aside = tmp_path / ".site-cache" / incremental.SET_ASIDE_FILE
    seen: list[tuple[bool, int]] = []
    write_pages = pipeline.write_pages

    def watched(plan, folder, paths, config, write, cache, bar):
        seen.append((set_aside.is_file(), len(cache.open_data_now)))
        return write_pages(plan, folder, paths, config, write, cache, bar)

    monkeypatch.setattr(pipeline, "write_pages", watched)
    site = build_site(content, tmp_path / "site")
    assert seen == [(True, 0)]  # in the file, not in memory, while rendering
    assert not set_aside.exists()  # taken back for the open data
    assert "Spieleabend" in (site / "daten" / "angebote.json").read_text(encoding="utf-8")

    set_aside.mkdir()  # a file that cannot be written there: the pieces stay in memory, the site is the same
    write_offer(content, "eins", titel="Kaffee und Kuchen")
    build_site(content, site)
    assert seen[-1] == (False, 1)
    assert not list(set_aside.parent.glob("*.neu"))
    assert "Kaffee und Kuchen" in (site / "daten" / "angebote.json").read_text(encoding="utf-8")
    assert_same_as_clean_build(content, site, tmp_path)
