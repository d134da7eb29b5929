"""The 'Überblick' page as staff and screen-reader users get it: tables with headers, marked gaps, a chart with a text
equivalent, linked in the footer of every page, valid HTML (Nu Html Checker)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from audit import VNU, require
from bs4 import BeautifulSoup
from conftest import build_site, write_offer


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def small_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    content = tmp_path_factory.mktemp("ueberblick") / "content"
    write_offer(content, "kaffee", termine=[{"tage": ["di"], "von": "15:00"}])  # Sodingen, older people and adults
    write_offer(content, "kochen", bezirk="Wanne", stadtteil="Crange", altersgruppen=["alle"],
                termine=[{"tage": ["di", "sa"], "von": "18:00"}])  # fmt: skip
    return build_site(content, tmp_path_factory.mktemp("ueberblick") / "site")


def test_footer_links_the_overview_on_every_page(small_site: Path) -> None:
    for page in [small_site / "index.html", small_site / "angebote" / "kaffee" / "index.html"]:
        link = soup(page).select_one("footer a[href='/ueberblick/']")
        assert link and link.text == "Überblick: Angebote und Lücken"


def test_tables_have_captions_headers_and_marked_cells(small_site: Path) -> None:
    page = soup(small_site / "ueberblick" / "index.html")
    tables = page.select("main table")
    assert len(tables) == 1 + 3 + 4  # chart numbers, three matrices, four tallies
    for table in tables:
        assert table.caption and table.caption.text.strip()
        assert all(th.get("scope") in ("col", "row") for th in table.select("th"))

    by_day = page.select_one("#tabelle-2")
    rows = {tr.th.text: [td.get_text(" ", strip=True) for td in tr.select("td")] for tr in by_day.select("tbody tr")}
    assert rows["Sodingen"] == ["0 ✗ Lücke", "1 ! wenig", *["0 ✗ Lücke"] * 5]
    assert rows["Wanne"] == ["0 ✗ Lücke", "1 ! wenig", *["0 ✗ Lücke"] * 3, "1 ! wenig", "0 ✗ Lücke"]
    assert rows["ganz Herne"] == ["0 ✗ Lücke", "2", *["0 ✗ Lücke"] * 3, "1 ! wenig", "0 ✗ Lücke"]
    text = " ".join(page.get_text(" ").split())
    assert "Lücken (25): Eickel – Montag; Eickel – Dienstag;" in text
    assert "Stand 25. November 2026: 2 veröffentlichte Angebote." in text


def test_chart_is_drawn_at_build_time_with_a_text_equivalent(small_site: Path) -> None:
    page = soup(small_site / "ueberblick" / "index.html")
    svg = page.select_one("figure svg")
    assert svg["role"] == "img"
    labelled = [page.find(id=i).text for i in svg["aria-labelledby"].split()]
    assert labelled == [
        "Angebote je Wochentag",
        "Balkendiagramm. Die Zahlen stehen auch in der Tabelle unter dem Diagramm.",
    ]
    bars = svg.select("rect")
    assert len(bars) == 7 and [int(b["width"]) for b in bars][1] == 360  # Tuesday: the longest bar
    assert [t.text for t in svg.select("text")][2:4] == ["Dienstag", "2"]
    assert "0 (Lücke)" in [t.text for t in svg.select("text")]
    assert not page.select("script"), "no JavaScript on this page"
    assert not svg.select("[href], image, foreignObject"), "nothing loaded from anywhere"


def test_overview_and_offer_pages_are_valid_html(small_site: Path) -> None:
    require(VNU, "npm ci")
    require("java", "bash scripts/install-test-tools.sh")
    java = shutil.which("java")
    pages = [small_site / "ueberblick" / "index.html", small_site / "angebote" / "kaffee" / "index.html"]
    result = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", *map(str, pages)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
