#!/usr/bin/env python3
"""Posts the reminders that `build.py report --erinnerungen ORDNER` wrote as GitHub issues: one open issue per
organiser, found by its label and a hidden marker with the organiser's key, updated when its text changed, and closed
when the organiser has nothing due any more. Needs only Python and GitHub's `gh` command (with GH_TOKEN and GH_REPO).

    python scripts/erinnerungen-posten.py ORDNER [--dry-run] [--vorhandene DATEI]

--dry-run prints what would be done (öffnen, aktualisieren, unverändert, schließen) and calls GitHub for nothing;
--vorhandene reads the open issues from a JSON file, as `gh issue list --json number,title,body` writes them.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

LABEL = "erinnerung"
LABEL_HELP = "Bitte Angebote prüfen: monatliche Erinnerung an einen Träger"
MARKER = "<!-- mittendrin-erinnerung: {key} -->"
MARKER_PATTERN = re.compile(r"<!-- mittendrin-erinnerung: ([a-z0-9-]+) -->")
CLOSING = "Für diesen Träger ist zurzeit nichts zu prüfen – vielen Dank! Die Erinnerung wird geschlossen."


@dataclass(frozen=True)
class Action:
    """One thing to do on GitHub: `kind` is öffnen, aktualisieren, unverändert or schließen."""

    kind: str
    title: str
    number: int | None = None
    body: str = ""

    def describe(self) -> str:
        number = f"#{self.number} " if self.number else ""
        return f"{self.kind}: {number}„{self.title}“"


def issue_body(text: str, key: str) -> str:
    """The reminder's text with the hidden marker that finds its issue again next month."""
    return text.rstrip("\n") + "\n\n" + MARKER.format(key=key) + "\n"


def plan(folder: Path, existing: list[dict]) -> list[Action]:
    """What to do so that every organiser in the list has exactly one open issue with its current text, and no
    other reminder issue stays open (an organiser with nothing due, or an issue opened twice by hand)."""
    reminders = json.loads((folder / "erinnerungen.json").read_text(encoding="utf-8"))["erinnerungen"]
    by_key: dict[str, dict] = {}
    duplicates = []
    for issue in sorted(existing, key=lambda i: i["number"]):
        found = MARKER_PATTERN.search(issue.get("body") or "")
        if found and found[1] in by_key:
            duplicates.append(issue)
        elif found:
            by_key[found[1]] = issue
    actions = []
    for reminder in reminders:
        body = issue_body((folder / reminder["datei"]).read_text(encoding="utf-8"), reminder["schluessel"])
        issue = by_key.pop(reminder["schluessel"], None)
        if issue is None:
            actions.append(Action("öffnen", reminder["titel"], None, body))
        elif issue["title"] == reminder["titel"] and _same(issue.get("body") or "", body):
            actions.append(Action("unverändert", reminder["titel"], issue["number"]))
        else:
            actions.append(Action("aktualisieren", reminder["titel"], issue["number"], body))
    for issue in sorted([*by_key.values(), *duplicates], key=lambda i: i["number"]):
        actions.append(Action("schließen", issue["title"], issue["number"]))
    return actions


def _same(posted: str, body: str) -> bool:
    """GitHub may store the text with Windows line ends and without the last line end."""
    return posted.replace("\r\n", "\n").strip() == body.strip()


def gh(*args: str, text: str | None = None) -> str:
    result = subprocess.run(["gh", *args], input=text, capture_output=True, text=True, check=False)
    if result.returncode:
        raise RuntimeError(f"gh {args[0]} {args[1]} ist fehlgeschlagen: {result.stderr.strip()}")
    return result.stdout


def open_issues() -> list[dict]:
    """The open reminder issues on GitHub."""
    listed = gh("issue", "list", "--label", LABEL, "--state", "open", "--limit", "1000", "--json", "number,title,body")
    return json.loads(listed)


def carry_out(action: Action) -> None:
    if action.kind == "öffnen":
        gh("issue", "create", "--title", action.title, "--label", LABEL, "--body-file", "-", text=action.body)
    elif action.kind == "aktualisieren":
        gh("issue", "edit", str(action.number), "--title", action.title, "--body-file", "-", text=action.body)
    elif action.kind == "schließen":
        gh("issue", "close", str(action.number), "--comment", CLOSING)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Erinnerungen an die Träger als GitHub-Issues veröffentlichen.")
    parser.add_argument("ordner", type=Path, help="der Ordner von build.py report --erinnerungen")
    parser.add_argument("--dry-run", action="store_true", help="nur zeigen, was geschähe; GitHub nicht aufrufen")
    parser.add_argument("--vorhandene", type=Path, help="die offenen Issues aus dieser JSON-Datei statt von GitHub")
    args = parser.parse_args(argv)
    try:
        if args.vorhandene:
            existing = json.loads(args.vorhandene.read_text(encoding="utf-8"))
        elif args.dry_run:
            print("Probelauf ohne --vorhandene: es wird angenommen, dass noch keine Erinnerung offen ist.")
            existing = []
        else:
            existing = open_issues()
        actions = plan(args.ordner, existing)
        if args.dry_run:
            print("Probelauf – GitHub wird nicht aufgerufen.")
        else:
            gh("label", "create", LABEL, "--color", "FBCA04", "--description", LABEL_HELP, "--force")
        for action in actions:
            print(action.describe())
            if not args.dry_run:
                carry_out(action)
    except (OSError, ValueError, KeyError, RuntimeError) as error:
        print(f"Fehler: Die Erinnerungen konnten nicht veröffentlicht werden ({error}).", file=sys.stderr)
        return 1
    if not actions:
        print("Nichts zu tun: kein Träger hat fällige Angebote, und keine Erinnerung ist offen.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
