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


def test_example_queries_reach_the_thresholds(browser, tmp_path: Path) -> None:
    runner = load_runner()
    queries, thresholds = runner.load_queries(runner.QUERIES)
    site = build_site(EXAMPLE_CONTENT, tmp_path / "site")

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
