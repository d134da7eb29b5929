"""The story of a build, top to bottom: load → validate → plan → render → index → publish."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .config import Config
from .exports import write_exports
from .index import build_search_index
from .load import address_clashes, load_offer, offer_files, unread_files
from .model import Offer
from .pages import Plan, plan_site
from .pdf import find_chromium, print_booklet
from .problems import Problem
from .public_pages import complete_plan
from .publish import check_output_folder, discard, publish, staging_folder
from .render import make_environment, render_page
from .security import headers_file
from .sitemap import write_sitemap
from .textpages import load_text_pages, text_page_folder
from .validate import validate

PROJECT = Path(__file__).resolve().parent.parent
Progress = Callable[[str], None]
Write = Callable[[Path, str], None]


@dataclass(frozen=True)
class Paths:
    content: Path
    out: Path
    templates: Path = PROJECT / "templates"
    assets: Path = PROJECT / "assets"


@dataclass(frozen=True)
class BuildResult:
    plan: Plan
    problems: tuple[Problem, ...]
    seconds: float
    notes: tuple[str, ...] = ()  # what the build did or left out besides the pages, in German


def build_date() -> dt.date:
    """Today, or the date in SOURCE_DATE_EPOCH, so that a build can be reproduced exactly."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.date.today()


def check_content(
    content: Path, config: Config, today: dt.date, progress: Progress = lambda _: None
) -> tuple[list[Offer], list[Problem]]:
    """Load and validate every offer file (and the text pages); every problem of every file, sorted by file and line."""
    files = offer_files(content)
    progress(f"Prüfe {len(files)} Angebotsdateien …")
    offers: list[Offer] = []
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    problems += address_clashes(files, _display_name) + unread_files(content, _display_name)
    for path in files:
        name = _display_name(path)
        raw = load_offer(path, name)
        if isinstance(raw, list):
            problems += raw
            continue
        offer, found = validate(raw, config, today)
        problems += found
        if offer is None:
            continue
        if offer.slug in seen:
            problems.append(
                Problem(
                    name,
                    1,
                    f"Die Adresse /angebote/{offer.slug}/ gehört schon zu {seen[offer.slug]}.",
                    "Geben Sie einer der beiden Dateien einen anderen Namen.",
                )
            )
            continue
        seen[offer.slug] = name
        offers.append(offer)
    problems += load_text_pages(text_page_folder(content), config.legal)[1]
    if not files:
        problems.append(
            Problem(
                str(content / "offers"),
                1,
                "Hier liegt keine einzige Angebotsdatei (.md).",
                "Legen Sie Angebote als content/offers/<name>.md an; die Vorlage ist content/offers/_vorlage.md.",
            )
        )
    return offers, sorted(problems)


def write_file(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def build(
    paths: Paths,
    config: Config,
    today: dt.date,
    progress: Progress = lambda _: None,
    pdf: bool = True,
    write: Write = write_file,
) -> BuildResult:
    """Build the whole site into paths.out. On any content error nothing is written and the old site stays.

    With `pdf`, the Angebotsheft is also printed to PDF where Chromium is installed. `write` writes one file of the
    new site; tests pass one that fails to show a full disk changes nothing.
    """
    started = time.perf_counter()
    offers, problems = check_content(paths.content, config, today, progress)
    texts = load_text_pages(text_page_folder(paths.content), config.legal)[0]  # problems came with check_content
    chromium = find_chromium() if pdf else None
    notes = (
        ["Chromium fehlt – das Angebotsheft wird nicht als PDF gedruckt (apt-get install chromium)."]
        if pdf and not chromium
        else []
    )
    plan = complete_plan(plan_site(offers, config, today), texts, config, today, with_pdf=chromium is not None)
    if any(p.is_error for p in problems):
        return BuildResult(plan, tuple(problems), time.perf_counter() - started)
    check_output_folder(paths.out, PROJECT, [paths.content, paths.templates, paths.assets])

    staging = staging_folder(paths.out)
    try:
        progress(f"Schreibe {len(plan.pages)} Seiten …")
        write_pages(plan, staging, paths, config, today, write)
        progress("Schreibe die offenen Daten …")
        write_exports([v.offer for v in plan.published], staging, config, today)
        write_sitemap(plan.pages, staging, config)
        progress("Baue den Suchindex …")
        build_search_index(staging)
        if chromium:
            progress("Drucke das Angebotsheft als PDF …")
            pdf_file = print_booklet(staging, config.base_path, chromium)
            notes.append(f"Angebotsheft als PDF: {paths.out / pdf_file.relative_to(staging)}")
        progress("Veröffentliche …")
        publish(staging, paths.out)
    except BaseException:
        discard(staging)
        raise
    return BuildResult(plan, tuple(problems), time.perf_counter() - started, tuple(notes))


def write_pages(
    plan: Plan, folder: Path, paths: Paths, config: Config, today: dt.date, write: Write = write_file
) -> None:
    env = make_environment(paths.templates, config, today)
    for page in plan.pages:
        # A page is a folder with index.html, except single files such as 404.html
        target = folder / page.path if page.path.endswith(".html") else folder / page.path / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        write(target, render_page(env, page))
    shutil.copytree(paths.assets, folder / "assets")
    write(folder / "_headers", headers_file(config.base_path))


def _display_name(path: Path) -> str:
    """The file as an association knows it: relative to where the command runs, if it is below it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def terminal_progress(message: str) -> None:
    """Progress lines for people at a terminal; CI logs stay quiet."""
    if sys.stderr.isatty():
        print(message, file=sys.stderr, flush=True)
