"""docs/andere-stadt.md followed literally by a newcomer: a fresh clone, another town's config, its own first offer,
then check and build. The site it ends in names nothing of Herne."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import ROOT
from towns import HERNE, OTHER_TOWN, SHARED_VOCABULARIES

FIRST_OFFER = {
    "--titel": "Kaffeeklatsch in Buer",
    "--kurzbeschreibung": "Bei Kaffee und Kuchen ins Gespräch kommen, ohne Anmeldung.",
    "--traeger": "Bürgerverein Buer e. V.",
    "--bezirk": "Nord",
    "--stadtteil": "Buer",
    "--altersgruppen": "senioren",
    "--kategorien": "treff",
    "--tage": "Dienstag",
    "--von": "15:00",
    "--bis": "17:00",
    "--ort-name": "Bürgerhaus Buer",
    "--strasse": "Musterweg 3",
    "--plz": "45894",
    "--kosten": "",
    "--anmeldung": "",
    "--telefon": "0209 987654",
    "--email": "",
    "--web": "",
    "--einfach": "",
}


def test_the_guide_for_another_town_ends_in_a_built_site_without_herne(tmp_path: Path) -> None:
    clone = tmp_path / "mittendrin"
    # 1. Eigene Kopie anlegen (a clone of what is committed, as from GitHub)
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
    env = {**os.environ, "PYTHONPATH": str(clone)}  # the clone's code, not this checkout's

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "build.py", *args], cwd=clone, env=env, capture_output=True, text=True)

    # 2. Die Stadt eintragen: config.toml
    (clone / "config.toml").write_text(OTHER_TOWN + SHARED_VOCABULARIES, encoding="utf-8")
    # 4. Die ersten Angebote: the examples deleted (the template kept), the first offer written by `new`
    subprocess.run(["find", "content/offers", "-name", "*.md", "!", "-name", "_vorlage.md", "-delete"], cwd=clone)
    # 5. Anleitung und Schema für die Vereine erneuern
    assert run("docs").returncode == 0
    created = run("new", *[part for option, value in FIRST_OFFER.items() for part in (option, value)])
    assert created.returncode == 0, created.stderr
    checked = run("check")
    assert checked.returncode == 0 and checked.stdout.startswith("Alles in Ordnung: 1 Angebot geprüft"), checked
    built = run("build", "--no-pdf")
    assert built.returncode == 0, built.stderr
    site = clone / "site"
    assert "Kaffeeklatsch in Buer" in (site / "angebote" / "index.html").read_text(encoding="utf-8")
    pages = {path: path.read_text(encoding="utf-8") for path in site.rglob("*.html")}
    leaks = {str(path.relative_to(site)): [w for w in HERNE if w in text] for path, text in pages.items()}
    assert {page: words for page, words in leaks.items() if words} == {}
