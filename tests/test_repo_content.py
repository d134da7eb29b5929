"""Whatever town the repository holds — Herne's here, another in a fork — its config.toml and content/ check, build
and pass the audits. Nothing here names a town: the rest of the suite runs on its own town (tests/stadt/)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from audit import VNU, axe_violations, require
from conftest import ROOT, serve

from mittendrin.cli import main

REPO_CONFIG = ROOT / "config.toml"
REPO_CONTENT = ROOT / "content"


@pytest.fixture(scope="module")
def repo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("repo") / "site"
    args = ["--config", REPO_CONFIG, "build", "--content", REPO_CONTENT, "--out", site, "--no-pdf"]
    assert main([str(a) for a in args]) == 0
    return site


def test_the_repositorys_offers_pass_the_check(cli) -> None:
    code, out, _ = cli("--config", REPO_CONFIG, "check", "--content", REPO_CONTENT)
    assert code == 0 and out.startswith("Alles in Ordnung"), out


def test_the_repositorys_site_is_valid_html(repo_site: Path) -> None:
    require(VNU, "npm ci")
    require("java", "apt-get install default-jre-headless")
    offers = sorted(repo_site.glob("angebote/*/index.html"))
    assert offers, "die Seite hat keine einzige Angebotsseite"
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--skip-non-html", str(repo_site)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr


def kinds_of_page(site: Path) -> list[str]:
    """One page of each kind the site has, found in the built site rather than named: any town's."""
    first = {
        folder: sorted(p.parent.name for p in (site / folder).glob("*/index.html"))[0]
        for folder in ("angebote", "bezirke", "altersgruppen", "wochentage")
    }
    pages = ["", "angebote/", "bezirke/", "heute/", "termine/", "suche/", "angebotsheft/", "ueberblick/", "404.html"]
    pages += [f"{folder}/{name}/" for folder, name in first.items()]
    pages += [f"{p.stem}/" for p in sorted((REPO_CONTENT / "seiten").glob("*.md"))]
    return [page for page in pages if (site / page / "index.html").is_file() or (site / page).is_file()]


@pytest.mark.browser
def test_axe_finds_no_violation_on_any_kind_of_page(page, repo_site: Path) -> None:
    pages = kinds_of_page(repo_site)
    assert len(pages) >= 12, pages
    found = {}
    with serve(repo_site) as root:
        for path in pages:
            page.goto(root + path)
            if violations := axe_violations(page):
                found[path] = violations
    assert found == {}
