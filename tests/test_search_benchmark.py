"""Residents' search words on the example site score no worse than the thresholds stored with them (bench/search/).

`pytest -s tests/test_search_benchmark.py` prints the whole table.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLE_CONTENT, ROOT, build_site

pytestmark = pytest.mark.browser


def load_runner():
    """bench/search/run.py under its own name: bench/run.py is a different "run"."""
    spec = importlib.util.spec_from_file_location("search_benchmark", ROOT / "bench" / "search" / "run.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(EXAMPLE_CONTENT, tmp_path_factory.mktemp("beispiel") / "site")


def found(site: Path, words: str, browser) -> list[str]:
    """Every offer the search page's finder gives for the words, in its order (all forbidden: all are listed)."""
    runner = load_runner()
    every = frozenset(p.stem for p in (EXAMPLE_CONTENT / "offers").glob("*.md"))
    (score,) = runner.search(site, [runner.Query(words, frozenset(), forbid=every)], browser)
    return list(score.forbidden)


def offers_where(field: str, test) -> set[str]:
    import frontmatter

    return {
        p.stem
        for p in (EXAMPLE_CONTENT / "offers").glob("*.md")
        if not p.name.startswith("_") and test(frontmatter.load(p).metadata.get(field))
    }


def test_spaziergang_finds_the_photo_walk(example_site: Path, browser) -> None:
    assert "fotospaziergang-roehlinghausen" in found(example_site, "Spaziergang", browser)[:3]


def test_senioren_finds_every_offer_for_older_people_first(example_site: Path, browser) -> None:
    older = offers_where("altersgruppen", lambda groups: "senioren" in groups or "alle" in groups)
    hits = found(example_site, "Senioren", browser)
    assert set(hits[: len(older)]) == older


def test_wanne_finds_only_offers_in_wanne(example_site: Path, browser) -> None:
    hits = found(example_site, "Wanne", browser)
    assert hits and set(hits) == offers_where("bezirk", lambda d: d == "Wanne")


def test_telefon_finds_only_the_offer_on_the_telephone(example_site: Path, browser) -> None:
    # Every offer has a "Telefon:" label, several say "telefonisch" about registering, and the Hausaufgabenhilfe
    # asks for a "Telefonnummer" (config.toml, [suche] nicht_im_index): none of them is about the telephone.
    assert found(example_site, "Telefon", browser) == ["telefonkette-guten-morgen-wanne"]


def test_rollstuhl_never_finds_a_place_without_an_accessible_toilet_or_entrance(example_site: Path, browser) -> None:
    barred = offers_where("barrierefreiheit", lambda a: not a or not a.get("stufenlos") or not a.get("rollstuhl_wc"))
    hits = found(example_site, "Rollstuhl", browser)
    assert hits and not barred & set(hits)


def test_example_queries_reach_the_thresholds(browser, example_site: Path) -> None:
    runner = load_runner()
    queries, thresholds = runner.load_queries(runner.QUERIES)
    site = example_site

    report = runner.evaluate(site, queries, browser)

    print("\n" + runner.markdown(report))
    assert len(queries) >= 40
    assert report.recall >= thresholds.min_recall, f"Recall@10 {report.recall:.3f} < {thresholds.min_recall}"
    assert report.precision >= thresholds.min_precision, (
        f"Präzision@5 {report.precision:.3f} < {thresholds.min_precision}"
    )
    assert report.forbidden <= thresholds.max_forbidden, (
        f"{report.forbidden} verbotene Treffer > {thresholds.max_forbidden}"
    )
