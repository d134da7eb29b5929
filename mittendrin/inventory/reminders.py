"""Reminders for the organisers: one letter per Träger whose offers are due (not confirmed for a year, or ending
soon), as Markdown files plus a JSON list, so that a workflow can post them as GitHub issues and staff can send
them by post or e-mail."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from mittendrin.content.load import slugify
from mittendrin.dates.schedule import german_date
from mittendrin.inventory.coverage import ENDS_WITHIN_DAYS, STALE_AFTER_MONTHS, ends_soon, is_stale
from mittendrin.model.config import Config
from mittendrin.model.offer import Offer

LIST_NAME = "erinnerungen.json"
# Where GitHub looks for CODEOWNERS, in its order: the first file found is the one that counts.
CODEOWNERS_PLACES = (".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS")


@dataclass(frozen=True)
class Due:
    """One offer its organiser should look at, with why and what to change, in German."""

    offer: Offer
    path: str  # the file in the repository, e.g. content/offers/kaffee.md
    edit_link: str  # GitHub's editor for the file; empty without a repository in the config
    reasons: tuple[str, ...]
    changes: tuple[str, ...]


@dataclass(frozen=True)
class Reminder:
    """The letter to one organiser; `key` (the organiser's name as a slug) stays the same from month to month."""

    key: str
    organiser: str
    due: tuple[Due, ...]
    accounts: tuple[str, ...]  # GitHub accounts named in CODEOWNERS for the offer files

    @property
    def file_name(self) -> str:
        return f"{self.key}.md"

    @property
    def title(self) -> str:
        return f"Bitte Angebote prüfen: {self.organiser}"


CodeOwners = Sequence[tuple[re.Pattern[str], tuple[str, ...]]]


def reminders(
    offers: Sequence[Offer],
    today: dt.date,
    edit_link: Callable[[Offer], str],
    owners: CodeOwners = (),
) -> list[Reminder]:
    """The reminders for every organiser with a due offer, sorted by key; names that give the same slug (such as
    „Verein e.V.“ and „Verein e. V.“) are one organiser."""
    by_key: dict[str, list[Due]] = {}
    names: dict[str, str] = {}
    for offer in sorted(offers, key=lambda o: (o.organiser, o.title, o.source)):
        due = due_offer(offer, today, edit_link(offer))
        if due:
            key = slugify(offer.organiser) or "traeger"
            by_key.setdefault(key, []).append(due)
            names.setdefault(key, offer.organiser)
    return [
        Reminder(
            key,
            names[key],
            tuple(due),
            tuple(sorted({account for d in due for account in owners_of(d.path, owners)}, key=str.casefold)),
        )
        for key, due in sorted(by_key.items())
    ]


def due_offer(offer: Offer, today: dt.date, edit_link: str) -> Due | None:
    """The offer with its reasons and changes when it is due, else None."""
    reasons, changes = [], []
    if is_stale(offer, today):
        reasons.append(
            f"Die Angaben wurden zuletzt am {german_date(offer.confirmed_on)} bestätigt, "
            f"vor über {STALE_AFTER_MONTHS} Monaten."
        )
        changes.append(
            f"Stimmt alles noch, setzen Sie `geprueft_am` auf das heutige Datum, zum Beispiel "
            f"`geprueft_am: {today.isoformat()}`. Hat sich etwas geändert, berichtigen Sie die Angaben und setzen "
            "Sie ebenso `geprueft_am` auf das heutige Datum."
        )
    if ends_soon(offer, today):
        reasons.append(
            f"Das Angebot steht nur bis zum {german_date(offer.valid_until)} auf der Seite (`gueltig_bis`), "
            f"also höchstens noch {ENDS_WITHIN_DAYS} Tage."
        )
        changes.append(
            "Geht es danach weiter, setzen Sie `gueltig_bis` auf das neue letzte Datum oder löschen Sie die Zeile. "
            "Endet es, müssen Sie nichts tun: Es verschwindet dann von selbst von der Seite."
        )
    if not reasons:
        return None
    # The path in the repository, as the edit link has it (`source` is relative to where the command runs).
    return Due(offer, f"content/offers/{offer.slug}.md", edit_link, tuple(reasons), tuple(changes))


def reminder_text(reminder: Reminder, config: Config, today: dt.date) -> str:
    """The letter as Markdown that reads as plain text too (bare addresses, no tables), for GitHub or for paper."""
    count = len(reminder.due)
    which = "dieses Angebot" if count == 1 else f"diese {count} Angebote"
    lines = [
        f"# {reminder.title}",
        "",
        "Guten Tag,",
        "",
        f"Sie haben bei „{config.name}“ Angebote eingetragen. Damit sich die Menschen in {config.town} auf die "
        f"Angaben verlassen können, bitten wir Sie, {which} zu prüfen (Stand: {german_date(today)}).",
    ]
    for due in reminder.due:
        lines += ["", f"## {due.offer.title}", ""]
        lines += [f"- {reason}" for reason in due.reasons]
        lines += [f"- Was zu tun ist: {change}" for change in due.changes]
        lines.append(f"- Datei: `{due.path}`")
        if due.edit_link:
            lines.append(f"- Auf GitHub bearbeiten: {due.edit_link}")
        lines.append(f"- Auf der Seite: {config.base_url}angebote/{due.offer.slug}/")
    lines.append("")
    if reminder.accounts:
        lines += [f"Auf GitHub zuständig (laut CODEOWNERS): {', '.join(reminder.accounts)}", ""]
    contact = config.contact
    lines += [
        f"Ohne GitHub geht es auch: Schreiben Sie an {contact.email} oder rufen Sie an unter {contact.phone} "
        f"({contact.office}) und sagen Sie uns, ob alles noch stimmt oder was sich geändert hat.",
        "",
        "Vielen Dank für Ihre Mühe!",
    ]
    return "\n".join(lines) + "\n"


def reminder_list(found: Sequence[Reminder], today: dt.date) -> str:
    """The JSON list beside the letters: per organiser its key, file, title, GitHub accounts and due offers with
    their contacts, so that staff can send the letters by post or e-mail."""
    data = {
        "stand": today.isoformat(),
        "erinnerungen": [
            {
                "schluessel": r.key,
                "datei": r.file_name,
                "traeger": r.organiser,
                "titel": r.title,
                "github": list(r.accounts),
                "angebote": [
                    {
                        "titel": d.offer.title,
                        "datei": d.path,
                        "bearbeiten": d.edit_link,
                        "gruende": list(d.reasons),
                        "kontakt": {
                            "name": d.offer.contact.name,
                            "telefon": d.offer.contact.phone,
                            "email": d.offer.contact.email,
                        },
                    }
                    for d in r.due
                ],
            }
            for r in found
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def write_reminders(folder: Path, found: Sequence[Reminder], config: Config, today: dt.date) -> None:
    """One Markdown file per organiser and the JSON list; the letters of an earlier run that are no longer due are
    removed (only those its list names, so nothing else in the folder is touched)."""
    folder.mkdir(parents=True, exist_ok=True)
    listed = folder / LIST_NAME
    try:
        earlier = {entry["datei"] for entry in json.loads(listed.read_text(encoding="utf-8"))["erinnerungen"]}
    except (OSError, ValueError, KeyError, TypeError):
        earlier = set()
    for name in sorted(earlier - {r.file_name for r in found}):
        if "/" not in name and name.endswith(".md"):
            (folder / name).unlink(missing_ok=True)
    for reminder in found:
        (folder / reminder.file_name).write_text(reminder_text(reminder, config, today), encoding="utf-8")
    listed.write_text(reminder_list(found, today), encoding="utf-8")


def read_codeowners(repository: Path) -> CodeOwners:
    """The rules of the repository's CODEOWNERS file (in GitHub's places), or none."""
    for place in CODEOWNERS_PLACES:
        try:
            return codeowners_rules((repository / place).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError):
            continue
    return ()


def codeowners_rules(text: str) -> CodeOwners:
    """Each line's pattern as a regular expression with its GitHub accounts (e-mail addresses are left out)."""
    rules = []
    for line in text.splitlines():
        fields = line.split("#", 1)[0].split()
        if fields:
            rules.append((_pattern(fields[0]), tuple(o for o in fields[1:] if o.startswith("@"))))
    return rules


def owners_of(path: str, rules: CodeOwners) -> tuple[str, ...]:
    """The accounts of the last rule that matches, as GitHub decides (a later line overrides an earlier one)."""
    for pattern, owners in reversed(rules):
        if pattern.fullmatch(path):
            return owners
    return ()


def _pattern(pattern: str) -> re.Pattern[str]:
    """GitHub's gitignore-like patterns: a leading or inner "/" anchors at the root, "*" stays within a folder,
    "**" crosses folders, and a folder (trailing "/", or a name without wildcards) covers everything below it."""
    anchored = "/" in pattern.rstrip("/")
    body = pattern.strip("/")
    parts = re.split(r"(\*\*|\*|\?)", body)
    regex = "".join({"**": ".*", "*": "[^/]*", "?": "[^/]"}.get(part, re.escape(part)) for part in parts)
    last = body.rsplit("/", 1)[-1]
    below = "/.*" if pattern.endswith("/") else ("" if "*" in last or "?" in last else "(?:/.*)?")
    return re.compile(("" if anchored else "(?:.*/)?") + regex + below)
