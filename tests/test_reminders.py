"""Reminders for the organisers: `build.py report --erinnerungen` writes one letter per Träger with due offers and a
JSON list, and scripts/erinnerungen-posten.py turns them into one GitHub issue per Träger (here as a dry run)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, write_offer

from mittendrin.inventory.reminders import codeowners_rules, owners_of

# The tests run on 2026-11-25 (conftest): confirmed before 2025-11-25 is due, and so is ending by 2026-12-25.
BOERNIG = "Nachbarschaftsverein Börnig e. V."
BOERNIG_KEY = "nachbarschaftsverein-boernig-e-v"
POST = ROOT / "scripts" / "erinnerungen-posten.py"


def offers(content: Path) -> None:
    """Börnig: one offer not confirmed for over a year, one ending in December, one confirmed; a second Träger
    with a confirmed offer only."""
    write_offer(content, "kaffee", titel="Kaffeeklatsch im Quartier", geprueft_am="2025-10-01")
    write_offer(content, "kochen", titel="Kochen für alle", gueltig_bis="2026-12-10")
    write_offer(content, "wandern", titel="Wandern am Sonntag", geprueft_am="2026-10-01")
    write_offer(content, "tanz", titel="Tanzen im Sitzen", traeger="Seniorentreff Wanne-Süd e. V.")
    owners = content.parent / ".github" / "CODEOWNERS"
    owners.parent.mkdir()
    owners.write_text("/content/offers/  @stadt/stabsstelle\n/content/offers/k*.md  @verein-boernig\n")


def remind(cli, content: Path, folder: Path) -> dict[str, str]:
    """Run the subcommand; every file it wrote, by name."""
    code, _, err = cli("report", "--content", content, "--erinnerungen", folder)
    assert code == 0, err
    return {path.name: path.read_text(encoding="utf-8") for path in sorted(folder.iterdir())}


def test_an_organiser_with_two_due_offers_gets_one_letter_naming_both(cli, content: Path, tmp_path: Path) -> None:
    offers(content)
    files = remind(cli, content, tmp_path / "erinnerungen")

    assert sorted(files) == ["erinnerungen.json", f"{BOERNIG_KEY}.md"]
    letter = files[f"{BOERNIG_KEY}.md"]
    assert letter.startswith(f"# Bitte Angebote prüfen: {BOERNIG}\n")
    assert "diese 2 Angebote zu prüfen (Stand: 25. November 2026)" in letter
    assert "## Kaffeeklatsch im Quartier" in letter and "## Kochen für alle" in letter
    assert "zuletzt am 1. Oktober 2025 bestätigt" in letter and "`geprueft_am: 2026-11-25`" in letter
    assert "nur bis zum 10. Dezember 2026 auf der Seite (`gueltig_bis`)" in letter
    assert "https://github.com/stadt-herne/mittendrin/edit/main/content/offers/kaffee.md" in letter
    assert "Auf GitHub zuständig (laut CODEOWNERS): @verein-boernig\n" in letter  # the later, narrower line wins
    assert "Ohne GitHub geht es auch: Schreiben Sie an mittendrin@example.org" in letter
    assert '"' not in letter  # German quotation marks only


def test_a_confirmed_offer_is_not_named(cli, content: Path, tmp_path: Path) -> None:
    offers(content)
    files = remind(cli, content, tmp_path / "erinnerungen")
    assert "Wandern am Sonntag" not in files[f"{BOERNIG_KEY}.md"]
    assert "Seniorentreff" not in files["erinnerungen.json"]

    # Börnig confirms both offers: its letter goes, and the list is empty.
    write_offer(content, "kaffee", titel="Kaffeeklatsch im Quartier", geprueft_am="2026-11-25")
    write_offer(content, "kochen", titel="Kochen für alle", gueltig_bis="2027-12-31")
    files = remind(cli, content, tmp_path / "erinnerungen")
    assert list(files) == ["erinnerungen.json"]
    assert json.loads(files["erinnerungen.json"]) == {"stand": "2026-11-25", "erinnerungen": []}


def test_the_list_names_file_organiser_title_key_and_offers(cli, content: Path, tmp_path: Path) -> None:
    offers(content)
    listed = json.loads(remind(cli, content, tmp_path / "erinnerungen")["erinnerungen.json"])
    (entry,) = listed["erinnerungen"]
    assert {k: entry[k] for k in ("schluessel", "datei", "traeger", "titel", "github")} == {
        "schluessel": BOERNIG_KEY,
        "datei": f"{BOERNIG_KEY}.md",
        "traeger": BOERNIG,
        "titel": f"Bitte Angebote prüfen: {BOERNIG}",
        "github": ["@verein-boernig"],
    }
    assert [(o["titel"], o["datei"]) for o in entry["angebote"]] == [
        ("Kaffeeklatsch im Quartier", "content/offers/kaffee.md"),
        ("Kochen für alle", "content/offers/kochen.md"),
    ]
    assert entry["angebote"][0]["kontakt"] == {"name": "", "telefon": "02323 0123456", "email": "kaffee@example.org"}


def test_running_twice_gives_the_same_files(cli, content: Path, tmp_path: Path) -> None:
    offers(content)
    first = remind(cli, content, tmp_path / "erinnerungen")
    assert remind(cli, content, tmp_path / "erinnerungen") == first
    assert remind(cli, content, tmp_path / "anderswo") == first


def test_the_folder_must_lie_outside_the_content(cli, content: Path) -> None:
    offers(content)
    code, _, err = cli("report", "--content", content, "--erinnerungen", content / "erinnerungen")
    assert code == 1 and "liegt in" in err and not (content / "erinnerungen").exists()


def test_codeowners_lines_match_as_on_github() -> None:
    rules = codeowners_rules(
        "# Kommentar\n*.md @docs\n/content/offers/ @stadt/team\n/content/offers/kaffee-*.md @verein mail@example.org\n"
        "/content/offers/ohne-besitzer.md\n"
    )
    assert owners_of("content/offers/kaffee-boernig.md", rules) == ("@verein",)  # e-mail addresses left out
    assert owners_of("content/offers/tanz.md", rules) == ("@stadt/team",)
    assert owners_of("content/offers/ohne-besitzer.md", rules) == ()  # a line without owners takes them away
    assert owners_of("docs/liesmich.md", rules) == ("@docs",)
    assert owners_of("mittendrin/cli.py", rules) == ()


def post(folder: Path, existing: list[dict], tmp_path: Path) -> list[str]:
    """The posting step's dry run against a fake list of open issues; the lines it prints."""
    listed = tmp_path / "vorhandene.json"
    listed.write_text(json.dumps(existing), encoding="utf-8")
    command = [sys.executable, str(POST), str(folder), "--dry-run", "--vorhandene", str(listed)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=60, check=True)
    return result.stdout.splitlines()


def test_the_dry_run_opens_once_then_updates_nothing_and_closes_what_is_done(
    cli, content: Path, tmp_path: Path
) -> None:
    offers(content)
    folder = tmp_path / "erinnerungen"
    letter = remind(cli, content, folder)[f"{BOERNIG_KEY}.md"]
    title = f"Bitte Angebote prüfen: {BOERNIG}"
    old = {
        "number": 7,
        "title": "Bitte Angebote prüfen: Alter Verein",
        "body": "…\n<!-- mittendrin-erinnerung: alt -->",
    }

    assert post(folder, [old], tmp_path) == [
        "Probelauf – GitHub wird nicht aufgerufen.",
        f"öffnen: „{title}“",
        f"schließen: #7 „{old['title']}“",
    ]
    # The next month: the issue opened before is found by its marker, and nothing new is opened.
    posted = {
        "number": 8,
        "title": title,
        "body": (letter + f"\n<!-- mittendrin-erinnerung: {BOERNIG_KEY} -->").replace("\n", "\r\n"),  # as posted
    }
    assert post(folder, [posted], tmp_path)[1:] == [f"unverändert: #8 „{title}“"]
    changed = {**posted, "body": "Alter Text\n" + posted["body"]}
    assert post(folder, [changed, {**changed, "number": 9}], tmp_path)[1:] == [
        f"aktualisieren: #8 „{title}“",
        f"schließen: #9 „{title}“",  # an issue opened twice is closed
    ]
    # Börnig confirms everything: its issue is closed.
    write_offer(content, "kaffee", geprueft_am="2026-11-25")
    write_offer(content, "kochen", gueltig_bis="2027-12-31")
    remind(cli, content, folder)
    assert post(folder, [posted], tmp_path)[1:] == [f"schließen: #8 „{title}“"]
