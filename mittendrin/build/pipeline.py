"""The story of a build, top to bottom: load → validate → plan → render → index → publish."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import shutil
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from tqdm import tqdm

from mittendrin.build.incremental import BuildCache, Checked
from mittendrin.build.index import SearchIndexing, indexed, search_key
from mittendrin.build.parallel import Advance, Background, process_count, run_in_parts
from mittendrin.build.pdf import PDF_NAMES, find_chromium, print_booklets
from mittendrin.build.publish import Staging, check_output_folder, link_tree
from mittendrin.content.load import address_clashes, load_offer, offer_files, unread_files
from mittendrin.content.problems import Problem
from mittendrin.content.textpages import TextPage, load_text_pages, text_page_folder
from mittendrin.content.validate import validate_until
from mittendrin.data.exports import workbook_records, write_exports, write_workbook
from mittendrin.model.config import Config
from mittendrin.model.offer import Offer
from mittendrin.search.findable import vocabulary
from mittendrin.site.pages import Page, Plan, Summary, plan_site, prepare
from mittendrin.site.public_pages import complete_plan
from mittendrin.site.render import Fragments, Rendered, make_environment, render_page, render_parts
from mittendrin.site.security import headers_file
from mittendrin.site.sitemap import write_sitemap

PROJECT = Path(__file__).resolve().parents[2]
Progress = Callable[[str], None]
Write = Callable[[Path, Iterable[str]], None]  # a file of the new site from its text, in parts
Bar = Callable[[str, int], AbstractContextManager[Advance]]  # a stage's progress bar: its label and item count


@contextlib.contextmanager
def no_bar(label: str, total: int) -> Iterator[Advance]:
    yield lambda _: None


@dataclass(frozen=True)
class Paths:
    content: Path
    out: Path
    templates: Path = PROJECT / "templates"
    assets: Path = PROJECT / "assets"


@dataclass(frozen=True)
class BuildResult:
    summary: Summary
    problems: tuple[Problem, ...]
    seconds: float
    notes: tuple[str, ...] = ()  # what the build did or left out besides the pages, in German


def build_date() -> dt.date:
    """Today, or the date in SOURCE_DATE_EPOCH, so that a build can be reproduced exactly."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.date.today()


class CheckedContent(NamedTuple):
    offers: list[Offer]  # the valid ones
    texts: list[TextPage]  # content/seiten/, placeholders filled
    problems: list[Problem]


def check_content(
    content: Path,
    config: Config,
    today: dt.date,
    progress: Progress = lambda _: None,
    cache: BuildCache | None = None,
    bar: Bar = no_bar,
    files: Sequence[Path] | None = None,
) -> CheckedContent:
    """Load and validate every offer file (listed here unless given) and the text pages; every problem of every
    file, sorted by file and line."""
    files = offer_files(content) if files is None else files
    progress(f"Prüfe {len(files)} Angebotsdateien …")
    named = named_files(content, files)

    def check_all(todo: list[tuple[Path, str]]) -> list[Checked]:
        with bar("Prüfen", len(todo)) as advance:
            return run_in_parts(check_files, todo, config, today, cache is not None, advance=advance)

    results = cache.checked(named, check_all) if cache else check_all(named)
    # An offer's address is its file's name, unique in the folder; address_clashes finds names that would share one.
    offers = [r.offer for r in results if r.offer]
    problems = [p for r in results for p in r.problems]
    problems += address_clashes(files, _display_name) + unread_files(content, _display_name)
    texts, text_problems = load_text_pages(text_page_folder(content), config.legal, config.sign_video is not None)
    problems += text_problems
    if not files:
        problems.append(
            Problem(
                str(content / "offers"),
                1,
                "Hier liegt keine einzige Angebotsdatei (.md).",
                "Legen Sie Angebote als content/offers/<name>.md an; die Vorlage ist content/offers/_vorlage.md.",
            )
        )
    return CheckedContent(offers, texts, sorted(problems))


def named_files(content: Path, files: Sequence[Path]) -> list[tuple[Path, str]]:
    """Offer files with the names messages show for them."""
    folder = _display_name(content / "offers")  # once for all files: resolving each one costs seconds at 10,000
    return [(path, os.path.join(folder, path.name)) for path in files]


def check_files(
    files: Sequence[tuple[Path, str]], config: Config, today: dt.date, with_views: bool = False
) -> list[Checked]:
    """Load and validate offer files given with their display names; `with_views` also prepares each offer's view
    (pages.prepare), which then runs on all cores too. Runs in worker processes for big sites."""
    results = []
    for path, name in files:
        raw = load_offer(path, name)
        if isinstance(raw, list):
            results.append(Checked(None, raw))
            continue
        offer, problems, holds_until = validate_until(raw, config, today)
        results.append(
            Checked(offer, problems, holds_until, prepare(offer, config, today) if with_views and offer else None)
        )
    return results


def write_file(path: Path, parts: Iterable[str]) -> None:
    with path.open("w", encoding="utf-8") as stream:
        stream.writelines(parts)


def build(
    paths: Paths,
    config: Config,
    today: dt.date,
    progress: Progress = lambda _: None,
    pdf: bool = True,
    write: Write = write_file,
    bar: Bar = no_bar,
) -> BuildResult:
    """Build the whole site into paths.out. On any content error nothing is written and the old site stays.

    With `pdf`, the Angebotsheft is also printed to PDF where Chromium is installed. `write` writes one file of the
    new site; tests pass one that fails to show a full disk changes nothing (on a site big enough for several
    processes it reaches the renderer pickled, so it must then be a module-level function).
    """
    started = time.perf_counter()
    # First: the cache beside the output folder is written before the site (the noun list, the set-aside open data).
    check_output_folder(paths.out, PROJECT, [paths.content, paths.templates, paths.assets])
    chromium = find_chromium() if pdf else None
    inputs = [paths.templates, paths.assets, paths.content, text_page_folder(paths.content)]
    cache = BuildCache.open(paths.out, config, today, inputs, pdf=bool(chromium))
    notes = [MISSING_CHROMIUM] if pdf and not chromium else []
    files = offer_files(paths.content)
    if published := cache.unchanged(named_files(paths.content, files)):
        progress("Nichts geändert – die Seite ist aktuell.")
        return BuildResult(published.summary, published.problems, time.perf_counter() - started, tuple(notes))
    offers, texts, problems = check_content(paths.content, config, today, progress, cache, bar, files)
    plan = complete_plan(
        plan_site(offers, config, today, cache.prepare_each), texts, config, today, with_pdf=chromium is not None
    )
    if any(p.is_error for p in problems):
        return BuildResult(plan.summary, tuple(problems), time.perf_counter() - started)

    with Staging(paths.out) as staging:
        progress(f"Schreibe {len(plan.pages)} Seiten …")
        write_pages(plan, staging.folder, paths, config, write, cache, bar)
        write_sitemap(plan.pages, staging.folder, config)
        write_search_words(plan, staging.folder)
        index_reused = cache.reuse_search_index(staging.folder)
        if not index_reused and cache.has_published_index() and cache.same_day:
            # An edit on a big site: publish the changed pages now, with the last search index and open data, and
            # let those follow in a second swap; indexing 10,000 pages again takes Pagefind over ten seconds. Not
            # on a new day: the nightly rebuild changes nearly every page, and nobody waits for it.
            notes += publish_pages_first(staging, plan, cache, problems, started)
            progress("Seiten veröffentlicht; baue Suchindex und offene Daten …")
        write_index_and_data(staging, plan, cache, config, today, index_reused, progress)
        if chromium:
            progress("Drucke das Angebotsheft als PDF …")
            for pdf_file in print_booklets(staging.folder, plan.pages, paths.templates, config, chromium, today):
                notes.append(f"Angebotsheft als PDF: {paths.out / pdf_file.relative_to(staging.folder)}")
        progress("Veröffentliche …")
        cache.mark(staging.folder)
        staging.publish()
        notes.append(cache.save(plan.summary, problems))
    return BuildResult(plan.summary, tuple(problems), time.perf_counter() - started, tuple(filter(None, notes)))


MISSING_CHROMIUM = "Chromium fehlt – das Angebotsheft wird nicht als PDF gedruckt (apt-get install chromium)."


def publish_pages_first(
    staging: Staging, plan: Plan, cache: BuildCache, problems: Sequence[Problem], started: float
) -> list[str]:
    """Publish the written pages with the last search index and open data, then go on in a new staging folder
    that holds the published site less what follows; returns the notes for the person waiting."""
    link_previous_data(staging.out, staging.folder, plan)
    cache.mark(staging.folder)
    staging.publish()
    saved = cache.save(plan.summary, problems, index_published=False)
    seconds = time.perf_counter() - started
    staging.continue_from_published(leave_out=_follows_pages)
    return [saved, f"Seiten nach {seconds:.1f} s veröffentlicht; Suchindex und offene Daten folgten danach."]


def write_index_and_data(
    staging: Staging,
    plan: Plan,
    cache: BuildCache,
    config: Config,
    today: dt.date,
    index_reused: bool,
    progress: Progress,
) -> None:
    """The search index and the open data into the staging folder.

    Pagefind runs in its own process; this one writes the open data meanwhile. After the pages, not beside them:
    rendering wants both cores, Pagefind leaves one mostly idle. In this process and not a forked one, because a
    fork copies every page of memory the exports touch (about 200 MB more at 10,000 offers). Only when the index is
    kept (the next day's rebuild) and the site is big, the workbook, which reads just the pieces' records and takes
    longest, is written by a new Python on the core nothing else uses then (a fork would share this process's
    memory while the exports here write to it); beside Pagefind it would be a third process on two cores."""
    indexing = workbook = None
    if not index_reused:
        progress("Baue den Suchindex …")
        indexing = SearchIndexing(staging.folder)
    try:
        progress("Schreibe die offenen Daten …")
        offers = [view.offer for view in plan.published]
        pieces = cache.open_data(plan.published, config, today)
        if indexing is None and process_count(len(offers)) > 1:  # the other core is idle: the workbook there
            workbook = Background(
                write_workbook, workbook_records(offers, pieces), staging.folder, config, today, fresh=True
            )
        else:
            write_workbook(workbook_records(offers, pieces), staging.folder, config, today)
        write_exports(offers, pieces, staging.folder, config, today, published_site=staging.out)
        for running in (workbook, indexing):
            if running:
                running.wait()
    except BaseException:
        for running in (workbook, indexing):
            if running:
                running.stop()
        raise


def write_search_words(plan: Plan, folder: Path) -> None:
    """suche/woerter.json: the directory's words, which the search page suggests when a word finds nothing."""
    texts = (f"{v.offer.title} {v.offer.summary} {v.search_words} {v.keywords}" for v in plan.published)
    (folder / "suche" / "woerter.json").write_text(json.dumps(vocabulary(texts), ensure_ascii=False), encoding="utf-8")


def link_previous_data(out: Path, staging: Path, plan: Plan) -> None:
    """The published search index, open data, calendar files and PDF, linked into a site whose pages go out first."""
    for folder in ("pagefind", "daten"):
        link_tree(out / folder, staging / folder)
    files = [view.calendar_url for view in plan.published if view.calendar_url] + [
        f"angebotsheft/{name}" for name in PDF_NAMES
    ]
    for file in files:
        with contextlib.suppress(FileNotFoundError):  # a new offer's calendar comes with the open data
            os.link(out / file, staging / file)


def _follows_pages(path: str) -> bool:
    """What the second swap of an edit brings anew: search index, open data, calendar files (and the PDF); a path
    below the site, of a file or (ending in "/") a folder. Pagefind and the open data write into the staging folder,
    so none of their files may be left in it linked from the published site."""
    return path.startswith(("pagefind/", "daten/")) or path.endswith(("/termine.ics", ".pdf"))


def write_pages(
    plan: Plan,
    folder: Path,
    paths: Paths,
    config: Config,
    write: Write = write_file,
    cache: BuildCache | None = None,
    bar: Bar = no_bar,
) -> None:
    """Every page into folder: unchanged ones linked from the published site, the rest rendered on all cores."""
    pages = cache.pages_to_render(plan.pages, folder) if cache else list(plan.pages)
    fragments = cache.fragments(plan.published) if cache else Fragments()
    with bar("Seiten", len(pages)) as advance:
        # The offer pages go to a new Python, which gets their views pickled (1 s at 10,000 offers): a forked one
        # would share this process's memory while this process renders the listings, and every page of it this
        # process writes to then would be copied (some 170 MB at 10,000 offers).
        rendered = run_in_parts(
            render_pages, pages, folder, paths.templates, config, write, fragments, here=_reads_every_offer,
            advance=advance, fresh=True,
        )  # fmt: skip
    if cache:
        cache.rendered(pages, rendered)
    shutil.copytree(paths.assets, folder / "assets")
    for file in config.site_files:  # the logo and the sign-language video the config names
        (folder / file.url).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(file.source, folder / file.url)
    write(folder / "_headers", [headers_file(config.base_path)])


def _reads_every_offer(page: Page) -> bool:
    """Listings, overview, Angebotsheft: pages that show many offers, rendered in the build's own process."""
    return page.template != "offer.html"


def render_pages(
    pages: Sequence[Page],
    folder: Path,
    templates: Path,
    config: Config,
    write: Write,
    fragments: Fragments,
) -> list[Rendered]:
    """Render and write pages; for each, the key of what Pagefind reads of it and the fragments it rendered anew.
    Runs in worker processes for big sites."""
    env = make_environment(templates, config, fragments)
    rendered = []
    for page in pages:
        fragments.made = {}
        target = page.file(folder)
        target.parent.mkdir(parents=True, exist_ok=True)
        if indexed(page.file_path):  # its search key reads the whole text
            html = render_page(env, page)
            write(target, [html])
            key = search_key(html)
        else:  # written as it renders: whole, the Angebotsheft at 10,000 offers took some 60 MB for a moment
            write(target, render_parts(env, page))
            key = ""
        rendered.append(Rendered(key, fragments.made))
    return rendered


def _display_name(path: Path) -> str:
    """The file as an association knows it: relative to where the command runs, if it is below it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


@contextlib.contextmanager
def terminal_bar(label: str, total: int) -> Iterator[Advance]:
    """A progress bar for a long stage at a terminal; none in CI logs or for a few items."""
    if not sys.stderr.isatty() or total < 200:
        yield lambda _: None
        return
    with tqdm(total=total, desc=label, unit=" Dateien", leave=False, file=sys.stderr) as shown:
        yield lambda n: shown.update(min(n, shown.total - shown.n))


def terminal_progress(message: str) -> None:
    """Progress lines for people at a terminal; CI logs stay quiet."""
    if sys.stderr.isatty():
        print(message, file=sys.stderr, flush=True)
