"""docs/andere-stadt.md followed literally by a newcomer: a fresh clone, another town's config, its own first offer,
then check and build. The site it ends in names nothing of Herne. And a fork with its own town and three offers
passes the test suite (its non-browser part) and the audits unchanged: the tests run on their own town."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, VALID_OFFER, offer_text
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


OFFERS = {  # three offers of the other town, each in another district
    "kaffeeklatsch-buer": ("Kaffeeklatsch in Buer", "Nord", "Buer", "45894"),
    "lauftreff-erle": ("Lauftreff in Erle", "Ost", "Erle", "45891"),
    "spielenachmittag-schalke": ("Spielenachmittag in Schalke", "Mitte", "Schalke", "45881"),
}
INNER = "MITTENDRIN_IM_FORK"  # set for the suite that runs inside the fork


@pytest.mark.skipif(bool(os.environ.get(INNER)), reason="läuft schon in der Kopie: keine Kopie in der Kopie")
def test_a_fork_with_its_own_town_passes_the_suite_and_the_audits(tmp_path: Path) -> None:
    clone = tmp_path / "mittendrin"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
    (clone / "node_modules").symlink_to(ROOT / "node_modules")  # the auditors' tools, as `npm ci` installs them
    env = {**os.environ, "PYTHONPATH": str(clone), INNER: "1"}
    (clone / "config.toml").write_text(OTHER_TOWN + SHARED_VOCABULARIES, encoding="utf-8")
    for old in (clone / "content" / "offers").glob("[!_]*.md"):  # Herne's offers; the template stays
        old.unlink()
    for slug, (title, district, quarter, postcode) in OFFERS.items():
        front = {
            **VALID_OFFER,
            "titel": title,
            "bezirk": district,
            "stadtteil": quarter,
            "traeger": f"Verein {quarter}",
        }
        front["ort"] = {"name": f"Bürgerhaus {quarter}", "strasse": "Musterweg 3", "plz": postcode}
        front["kontakt"] = {"telefon": "0209 987654"}
        front["traeger"] = f"Bürgerverein {quarter} e. V."
        (clone / "content" / "offers" / f"{slug}.md").write_text(offer_text(**front), encoding="utf-8")
    docs = subprocess.run([sys.executable, "build.py", "docs"], cwd=clone, env=env, capture_output=True, text=True)
    assert docs.returncode == 0, docs.stderr

    suite = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]
    unit = subprocess.run([*suite, "-m", "not browser"], cwd=clone, env=env, capture_output=True, text=True)
    assert unit.returncode == 0, unit.stdout[-3000:]
    audits = subprocess.run([*suite, "tests/test_repo_content.py"], cwd=clone, env=env, capture_output=True, text=True)
    assert audits.returncode == 0 and "3 passed" in audits.stdout, audits.stdout[-3000:]

    built = subprocess.run(
        [sys.executable, "build.py", "build", "--no-pdf"], cwd=clone, env=env, capture_output=True, text=True
    )
    assert built.returncode == 0, built.stderr
    texts = {path: path.read_text(encoding="utf-8") for path in (clone / "site").rglob("*") if path.suffix in TEXTS}
    texts[clone / "CONTRIBUTING.md"] = (clone / "CONTRIBUTING.md").read_text(encoding="utf-8")
    leaks = {str(path.relative_to(clone)): [w for w in HERNE if w in text] for path, text in texts.items()}
    assert {name: words for name, words in leaks.items() if words} == {}


TEXTS = (".html", ".json", ".csv", ".ics", ".xml", ".txt", ".atom", ".js", ".css", ".md")
