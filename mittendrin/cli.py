"""The command line: build, check and serve, with German messages and exit codes 0 (fine) and 1 (errors)."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from mittendrin.build.index import IndexError_
from mittendrin.build.local_server import serve_folder
from mittendrin.build.pdf import PdfError, find_chromium
from mittendrin.build.pipeline import PROJECT, Paths, build, build_date, check_content, terminal_bar, terminal_progress
from mittendrin.build.publish import OutputFolderError
from mittendrin.content.problems import Problem, system_reason
from mittendrin.contribute.corrections import edit_url
from mittendrin.contribute.docs import stale_docs, write_docs
from mittendrin.contribute.scaffold import QUESTIONS, answers_to_correct, ask_missing, new_offer, option_name
from mittendrin.inventory.coverage import coverage, needs_attention, possible_duplicates
from mittendrin.inventory.reminders import read_codeowners, reminders, write_reminders
from mittendrin.inventory.report import coverage_csv, report_text
from mittendrin.model.config import Config, ConfigError, load_config
from mittendrin.site.pages import unpublished_reason

# What could not be done when the system refuses to read or write a file, by command.
_FAILED = {
    "check": "Die Angebote konnten nicht gelesen werden",
    "report": "Die Bestandsaufnahme konnte nicht erstellt werden",
    "new": "Die Datei konnte nicht angelegt werden",
    "docs": "Die erzeugten Dateien konnten nicht geschrieben werden",
}


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        config = load_config(args.config)
    except ConfigError as error:
        print(f"Fehler: {error}", file=sys.stderr)
        return 1
    if getattr(args, "base_url", None):
        config = config.with_base_url(args.base_url)
        # A build for publishing (the workflow names the address): say what would go out unfinished.
        for warning in [*config.placeholders, *_other_repository(config)]:
            print(f"Hinweis: {warning}", file=sys.stderr)
    command = args.command or "build"
    try:
        if command == "check":
            return run_check(args.content, config)
        if command == "serve":
            return run_serve(args, config)
        if command == "report":
            return run_report(args.content, args.csv, config, args.erinnerungen)
        if command == "new":
            return run_new(args, config)
        if command == "docs":
            return run_docs(args.ordner, config, check=args.check)
        if args.pdf_pflicht and not find_chromium():
            print(
                "Fehler: Chromium fehlt, das Angebotsheft muss aber als PDF gedruckt werden (--pdf-pflicht). "
                "Installieren mit: apt-get install chromium. Die Seite wurde nicht gebaut.",
                file=sys.stderr,
            )
            return 1
        return run_build(Paths(args.content, args.out), config, pdf=not args.no_pdf)
    except (OutputFolderError, IndexError_, PdfError) as error:
        print(f"Fehler: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        # A full disk, a folder without write permission, an unreadable file: for a build, the new site is
        # discarded and the old one stays (the cache is saved after publishing, and cannot fail it).
        failed = _FAILED.get(command, "Die Seite konnte nicht gebaut werden")
        where = f": {error.filename}" if error.filename else ""
        unchanged = " Die bisherige Seite ist unverändert." if command in ("build", "serve") else ""
        print(f"Fehler: {failed}. {system_reason(error)}{where}.{unchanged}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Abgebrochen. Die bisherige Seite ist unverändert.", file=sys.stderr)
        return 130


def _other_repository(config: Config) -> list[str]:
    """In GitHub Actions: whether "Angaben ändern" would lead to another repository than the one being built (a
    fork that kept the original's [repository] url)."""
    here = os.environ.get("GITHUB_REPOSITORY", "")
    own = f"{os.environ.get('GITHUB_SERVER_URL', 'https://github.com')}/{here}"
    if not here or config.repository_url.casefold() == own.casefold():
        return []
    return [
        f"[repository] url = „{config.repository_url}“, gebaut wird aber {own}: Die Links „Angaben ändern“ führten "
        "in das andere Repository. Tragen Sie in config.toml die Adresse dieses Repositorys ein."
    ]


def run_check(content: Path, config: Config) -> int:
    offers, _, problems = check_content(content, config, build_date())
    report(problems)
    errors = sum(p.is_error for p in problems)
    if errors:
        print(
            f"{_count(errors, 'Fehler', 'Fehler')} gefunden. Bitte korrigieren Sie die genannten Zeilen.",
            file=sys.stderr,
        )
        return 1
    print(
        f"Alles in Ordnung: {_count(len(offers), 'Angebot', 'Angebote')} geprüft"
        + (f", {_count(len(problems), 'Hinweis', 'Hinweise')}." if problems else ".")
    )
    return 0


def run_report(content: Path, csv_file: Path | None, config: Config, reminder_folder: Path | None = None) -> int:
    """The inventory for staff; exit 1 only on content errors, since warnings are what the report is about."""
    today = build_date()
    offers, _, problems = check_content(content, config, today)
    errors = [p for p in problems if p.is_error]
    if errors:
        report(errors)
        print(
            f"{_count(len(errors), 'Fehler', 'Fehler')} gefunden – erst korrigieren, dann auswerten.", file=sys.stderr
        )
        return 1
    published = [o for o in offers if not unpublished_reason(o, today)]  # as the site publishes them
    found = coverage(published, config, today)
    print(
        report_text(
            found, needs_attention(published, today), possible_duplicates(published, config, today), config, today
        ),
        end="",
    )
    inside = [f for f in (csv_file, reminder_folder) if f and content.resolve() in (f.resolve(), *f.resolve().parents)]
    if inside:
        print(
            f"Fehler: „{inside[0]}“ liegt in „{content}“; dort wird nichts geschrieben. Wählen Sie einen anderen Ort.",
            file=sys.stderr,
        )
        return 1
    if csv_file:
        try:
            csv_file.write_text(coverage_csv(found), encoding="utf-8")
        except OSError as error:
            print(f"Fehler: „{csv_file}“ lässt sich nicht schreiben ({error.strerror}).", file=sys.stderr)
            return 1
        print(f"Tabelle gespeichert: {csv_file}")
    if reminder_folder:
        owners = read_codeowners(content.resolve().parent)  # the content folder lies at the repository's root
        found = reminders(published, today, lambda offer: edit_url(offer, config), owners)
        write_reminders(reminder_folder, found, config, today)
        print(f"Erinnerungen gespeichert: {_count(len(found), 'Träger', 'Träger')} in „{reminder_folder}“.")
    return 0


def run_build(paths: Paths, config: Config, pdf: bool = False) -> int:
    result = build(paths, config, build_date(), terminal_progress, pdf=pdf, bar=terminal_bar)
    report(list(result.problems))
    errors = sum(p.is_error for p in result.problems)
    if errors:
        print(
            f"{_count(errors, 'Fehler', 'Fehler')} gefunden – die Seite wurde nicht gebaut; "
            f"„{paths.out}“ ist unverändert.",
            file=sys.stderr,
        )
        return 1
    for source, reason in result.summary.left_out:
        print(f"Nicht veröffentlicht: {source} ({reason}).")
    for note in result.notes:
        print(note)
    print(
        f"Fertig: {_count(result.summary.offers, 'Angebot', 'Angebote')}, {result.summary.pages} Seiten "
        f"in „{paths.out}“ ({result.seconds:.1f} s)."
    )
    return 0


PREVIEW = "vorschau"  # where serve builds by default


def run_serve(args: argparse.Namespace, config: Config) -> int:
    """Build, serve on 127.0.0.1 and rebuild when content, templates or assets change."""
    config = config.with_base_url(f"http://127.0.0.1:{args.port}/")
    paths = Paths(args.content, args.out)
    if run_build(paths, config) != 0 and not paths.out.exists():
        return 1
    with serve_folder(paths.out, "/", args.port) as url:
        print(f"Die Seite läuft unter {url} – Beenden mit Strg+C.")
        watched = [paths.content, paths.templates, paths.assets, args.config]
        stamp = _snapshot(watched)
        try:
            while True:
                time.sleep(1)
                now = _snapshot(watched)
                if now != stamp:
                    stamp = now
                    print("Änderung erkannt, baue neu …")
                    run_build(paths, config)
        except KeyboardInterrupt:
            print(
                f"Beendet. Die Vorschau in „{paths.out}“ verweist auf {url} und ist nicht zum Veröffentlichen; "
                "die Seite zum Veröffentlichen baut „python build.py build“ (oder „make site“)."
            )
            return 0


def run_docs(project: Path, config: Config, check: bool) -> int:
    """Write the files derived from the field table and the config, or (check) only name those out of date."""
    try:
        stale = stale_docs(project, config) if check else write_docs(project, config)
    except ValueError as error:
        print(f"Fehler: {error}", file=sys.stderr)
        return 1
    names = ", ".join(str(path.relative_to(project)) for path in stale)
    if not stale:
        print("Alle erzeugten Dateien sind aktuell.")
    elif check:
        print(f"Veraltet: {names}. Erneuern mit: python build.py docs", file=sys.stderr)
        return 1
    else:
        print(f"Aktualisiert: {names}")
    return 0


def run_new(args: argparse.Namespace, config: Config) -> int:
    """Ask for what the options did not give, then write a checked offer file. A wrong answer that was typed in
    is asked for again, the others are kept; a wrong option ends the command (a script cannot answer)."""
    given = {option_name(g, f.key): getattr(args, option_name(g, f.key).replace("-", "_")) for g, f in QUESTIONS}
    answers = dict(given)
    today = build_date()
    while True:
        try:
            complete = ask_missing(answers, input, config)
        except EOFError:
            print(
                "Fehler: Es fehlen Angaben. Geben Sie sie als Optionen mit (siehe build.py new --help).",
                file=sys.stderr,
            )
            return 1
        result = new_offer(args.content, complete, config, today)
        if not isinstance(result, list):
            print(f"Angelegt: {result}\nErgänzen Sie dort den freien Text und prüfen Sie mit: python build.py check")
            return 0
        for problem in result:
            print(f"Fehler: {problem.message}" + (f"\n    → {problem.hint}" if problem.hint else ""), file=sys.stderr)
        wrong = answers_to_correct(result, complete, config, today)
        if not wrong or any(given[name] is not None for name in wrong):
            print("Es wurde keine Datei angelegt. Bitte korrigieren Sie die Angaben.", file=sys.stderr)
            return 1
        print("Bitte geben Sie nur diese Angaben noch einmal ein; alle anderen bleiben, wie Sie sie geschrieben haben.")
        answers = {**complete, **dict.fromkeys(wrong)}


def report(problems: list[Problem]) -> None:
    """Print every problem; in GitHub Actions also as annotations on the lines they concern."""
    annotate = os.environ.get("GITHUB_ACTIONS") == "true"
    for problem in problems:
        print(problem.format(), file=sys.stderr)
        if annotate:
            print(problem.annotation())


def _snapshot(paths: list[Path]) -> frozenset[tuple[str, int]]:
    """Every watched file with its modification time: any edit, addition or removal changes it."""
    files = [p for root in paths for p in ([root] if root.is_file() else root.rglob("*")) if p.is_file()]
    return frozenset((str(p), p.stat().st_mtime_ns) for p in files)


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="build.py", description="Mittendrin: baut die Seite mit den Begegnungsangeboten."
    )
    parser.add_argument(
        "--config", type=Path, default=PROJECT / "config.toml", help="Konfigurationsdatei (Standard: config.toml)"
    )
    commands = parser.add_subparsers(dest="command", metavar="BEFEHL")
    build_cmd = commands.add_parser("build", help="Seite bauen (Standard)")
    check_cmd = commands.add_parser("check", help="Angebote nur prüfen")
    serve_cmd = commands.add_parser("serve", help="Seite bauen, auf 127.0.0.1 zeigen und bei Änderungen neu bauen")
    report_cmd = commands.add_parser("report", help="Bestandsaufnahme: Abdeckung, Lücken, Angebote zum Nachfassen")
    report_cmd.add_argument("--csv", type=Path, help="die Abdeckung zusätzlich als CSV-Datei speichern")
    report_cmd.add_argument(
        "--erinnerungen",
        type=Path,
        metavar="ORDNER",
        help="je Träger mit fälligen Angeboten eine Erinnerung (Markdown) und die Liste erinnerungen.json schreiben",
    )
    new_cmd = commands.add_parser("new", help="Neues Angebot anlegen: fragt die Angaben ab oder nimmt sie als Optionen")
    for group, field in QUESTIONS:
        new_cmd.add_argument(f"--{option_name(group, field.key)}", metavar="TEXT", help=field.label)
    docs_cmd = commands.add_parser(
        "docs",
        help="aus Felddefinition und config.toml erzeugte Dateien erneuern: Feldreferenz in CONTRIBUTING.md, "
        "JSON-Schema, Vorlage, Formular „Angebot melden“, CODEOWNERS",
    )
    docs_cmd.add_argument("--check", action="store_true", help="nichts schreiben, nur veraltete Dateien nennen")
    docs_cmd.add_argument("--ordner", type=Path, default=PROJECT, help="Ordner des Projekts (Standard: dieses)")
    for command in (build_cmd, check_cmd, serve_cmd, report_cmd, new_cmd):
        command.add_argument(
            "--content", type=Path, default=PROJECT / "content", help="Ordner mit offers/ (Standard: content)"
        )
    build_cmd.add_argument("--out", type=Path, default=PROJECT / "site", help="Ausgabeordner (Standard: site)")
    # Not site/: a preview's links lead to 127.0.0.1, and site/ is what gets published.
    serve_cmd.add_argument(
        "--out", type=Path, default=PROJECT / PREVIEW, help=f"Ordner für die Vorschau (Standard: {PREVIEW})"
    )
    build_cmd.add_argument(
        "--base-url", help="Adresse der veröffentlichten Seite, zum Beispiel https://example.org/mittendrin/"
    )
    build_cmd.add_argument(
        "--no-pdf", action="store_true", help="das Angebotsheft nicht als PDF drucken (schneller, z. B. in Tests)"
    )
    build_cmd.add_argument(
        "--pdf-pflicht", action="store_true", help="abbrechen, wenn das Angebotsheft nicht als PDF gedruckt werden kann"
    )
    serve_cmd.add_argument("--port", type=int, default=8000, help="Port auf 127.0.0.1 (Standard: 8000)")
    parser.set_defaults(content=PROJECT / "content", out=PROJECT / "site", no_pdf=False, pdf_pflicht=False)
    return parser
