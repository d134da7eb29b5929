"""Runs residents' search words through Pagefind in Debian's Chromium and scores what comes back, as a Markdown table.

    python bench/search/run.py --site /tmp/site                     # the example queries (queries.toml)
    python bench/search/run.py --build --site /tmp/site             # build the example content there first
    python bench/search/run.py --site /tmp/gen1000site --generated /tmp/gen1000c   # rules over bench/generate.py

It builds nothing unless given --build. The site is served on 127.0.0.1 and every query goes through the page's
own `pagefind.search(q)`, as the search page does; a result is an offer's slug, the folder of /angebote/<slug>/.

Each query says which offers a resident rightly expects (`expect`), which are fine to show as well (`also`) and
which must never be shown (`forbid`). Per query:

- recall@10 = |expect ∩ top 10| / min(|expect|, 10), so a query that expects more than ten offers scores 1 when
  the first ten are all expected ones;
- precision@5 = |(expect ∪ also) ∩ top k| / k with k = min(5, number of results): the share of the first five
  hits (or of all hits, when there are fewer) that are relevant; anything not listed counts as irrelevant, and a
  query without any result scores 0;
- forbidden = the `forbid` slugs among *all* results, not only the top 10.

Overall recall and precision are plain means over the queries. A query fails when an expected offer is missing
from its top 10 or a forbidden one appears anywhere. Exit code 1 when overall recall or precision is below
--min-recall/--min-precision (default: the thresholds stored with the queries) or any forbidden offer appears;
2 when a query names an offer the site does not have.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path
from statistics import mean

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path[:0] = [str(HERE), str(HERE.parent), str(ROOT)]

from payload import FLAGS  # noqa: E402

from mittendrin.build.local_server import serve_folder  # noqa: E402

QUERIES = HERE / "queries.toml"
TOP = 10
PRECISION_AT = 5
# The day every benchmark builds on (bench/run.py), so "Nächste Termine" and the like stay the same.
DAY_ONE = "1795564800"  # Wednesday 25 November 2026, 00:00 UTC
_SLUG = re.compile(r"/angebote/([^/]+)/")

# Runs in the search page: its own finder (assets/finden.js), so district names and corrections count as residents
# get them; one search after the other; `depth` 0 means every result's data.
_SEARCH = """async ({words, depths}) => {
  const { finder } = await import('/assets/finden.js');
  const { find } = finder(document.getElementById('suche'));
  const found = [];
  for (let i = 0; i < words.length; i++) {
    const all = (await find(words[i])).results;
    const results = depths[i] ? all.slice(0, depths[i]) : all;
    const data = await Promise.all(results.map((r) => r.data()));
    found.push({total: all.length, urls: data.map((d) => d.url)});
  }
  return found;
}"""


@dataclass(frozen=True)
class Query:
    words: str
    expect: frozenset[str]
    also: frozenset[str] = frozenset()
    forbid: frozenset[str] = frozenset()
    why: str = ""


@dataclass(frozen=True)
class Thresholds:
    min_recall: float = 0.0
    min_precision: float = 0.0
    # The test's ratchet: forbidden hits the index shows today. The runner's exit code demands none.
    max_forbidden: int = 0


@dataclass(frozen=True)
class Score:
    query: Query
    total: int  # how many results Pagefind found
    top: tuple[str, ...]  # the first TOP slugs, in Pagefind's order
    forbidden: tuple[str, ...]  # forbid slugs among all results, in result order

    @property
    def recall(self) -> float:
        return len(self.query.expect & set(self.top)) / min(len(self.query.expect), TOP)

    @property
    def precision(self) -> float:
        first = self.top[:PRECISION_AT]
        if not first:
            return 0.0
        return len((self.query.expect | self.query.also) & set(first)) / len(first)

    @property
    def short(self) -> int:
        """How many more expected offers the top 10 would need for a recall of 1."""
        return min(len(self.query.expect), TOP) - len(self.query.expect & set(self.top))

    @property
    def missing(self) -> list[str]:
        """The expected offers not in the top 10 (none when the recall is 1, even if more than ten are expected)."""
        return sorted(self.query.expect - set(self.top)) if self.short else []

    @property
    def failed(self) -> bool:
        return self.recall < 1.0 or bool(self.forbidden)


@dataclass(frozen=True)
class Report:
    scores: list[Score]

    @property
    def recall(self) -> float:
        return mean(s.recall for s in self.scores)

    @property
    def precision(self) -> float:
        return mean(s.precision for s in self.scores)

    @property
    def forbidden(self) -> int:
        return sum(len(s.forbidden) for s in self.scores)


def load_queries(path: Path) -> tuple[list[Query], Thresholds]:
    """The queries and the thresholds of a TOML file like queries.toml."""
    return parse_queries(tomllib.loads(path.read_text(encoding="utf-8")))


def parse_queries(data: dict) -> tuple[list[Query], Thresholds]:
    """Queries and thresholds from data shaped like queries.toml: `[thresholds]` and `[[query]]` tables."""
    queries = [
        Query(
            words=entry["q"],
            expect=frozenset(entry["expect"]),
            also=frozenset(entry.get("also", ())),
            forbid=frozenset(entry.get("forbid", ())),
            why=entry.get("why", ""),
        )
        for entry in data["query"]
    ]
    return queries, Thresholds(**data.get("thresholds", {}))


def unknown_slugs(queries: list[Query], site: Path) -> list[str]:
    """Every slug the queries name that is no offer page of the site, with its queries: a typo or a renamed offer
    would otherwise be a silent miss."""
    offers = {p.parent.name for p in (site / "angebote").glob("*/index.html")}
    named: dict[str, list[str]] = {}
    for q in queries:
        for slug in sorted((q.expect | q.also | q.forbid) - offers):
            named.setdefault(slug, []).append(f"„{q.words}“")
    return [f"{slug} (in {', '.join(words)})" for slug, words in sorted(named.items())]


def search(site: Path, queries: list[Query], browser=None) -> list[Score]:
    """Every query through Pagefind in Chromium (a Playwright browser given, or Debian's launched here); the whole
    result list is read only for queries with a `forbid`."""
    with serve_folder(site, "/") as root:
        if browser is not None:
            found = _run_in(browser, root, queries)
        else:
            from playwright.sync_api import sync_playwright

            with sync_playwright() as playwright:
                executable = shutil.which("chromium") or "/usr/bin/chromium"
                launched = playwright.chromium.launch(executable_path=executable, args=FLAGS)
                try:
                    found = _run_in(launched, root, queries)
                finally:
                    launched.close()
    scores = []
    for query, result in zip(queries, found, strict=True):
        slugs = [m.group(1) for url in result["urls"] if (m := _SLUG.search(url))]
        forbidden = tuple(s for s in slugs if s in query.forbid)
        scores.append(Score(query, result["total"], tuple(slugs[:TOP]), forbidden))
    return scores


def _run_in(browser, root: str, queries: list[Query]) -> list[dict]:
    context = browser.new_context(locale="de-DE")
    try:
        page = context.new_page()
        page.goto(root + "suche/")  # the search page: its form tells the finder the districts; lang="de" the index
        words = [q.words for q in queries]
        return page.evaluate(_SEARCH, {"words": words, "depths": [0 if q.forbid else TOP for q in queries]})
    finally:
        context.close()


def evaluate(site: Path, queries: list[Query], browser=None) -> Report:
    """Search every query on the built site and score it; raises ValueError when a query names an unknown offer."""
    unknown = unknown_slugs(queries, site)
    if unknown:
        raise ValueError("Diese Angebote gibt es in der Seite nicht: " + "; ".join(unknown))
    return Report(search(site, queries, browser))


def _cell(number: float) -> str:
    return f"{number:.2f}"


def markdown(report: Report) -> str:
    """The table per query, the overall means and the failing queries with what was missing or forbidden."""
    lines = [
        "| Suchwort | Treffer | erwartet | Recall@10 | Präzision@5 | fehlt | verboten |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for s in report.scores:
        lines.append(
            f"| {s.query.words} | {s.total} | {len(s.query.expect)} | {_cell(s.recall)} | {_cell(s.precision)} "
            f"| {s.short} | {len(s.forbidden)} |"
        )
    failed = [s for s in report.scores if s.failed]
    lines += [
        "",
        f"**Gesamt** ({len(report.scores)} Suchwörter): Recall@10 {report.recall:.3f}, Präzision@5 "
        f"{report.precision:.3f}, verbotene Treffer {report.forbidden}, nicht bestanden {len(failed)}.",
    ]
    if failed:
        lines += ["", "Nicht bestanden:", ""]
    for s in failed:
        parts = []
        if s.missing:
            need = f"noch {s.short} von" if s.short < len(s.missing) else "fehlt"
            parts.append(f"in den ersten {TOP} {need}: " + _listed(s.missing))
        if s.forbidden:
            parts.append(
                "verboten, aber gefunden: " + _listed([f"{slug} (Platz {_rank(s, slug)})" for slug in s.forbidden])
            )
        lines.append(f"- „{s.query.words}“ – " + "; ".join(parts) + f" – erste 5: {', '.join(s.top[:5]) or '–'}")
    return "\n".join(lines)


def _listed(items: list[str], most: int = 8) -> str:
    """The first few items, and how many more: a rule-based query can miss hundreds."""
    more = f" und {len(items) - most} weitere" if len(items) > most else ""
    return ", ".join(items[:most]) + more


def _rank(score: Score, slug: str) -> str:
    return str(score.top.index(slug) + 1) if slug in score.top else f">{TOP}"


def build(content: Path, site: Path) -> None:
    """Build the content into `site` with the project's build (no PDF), on the benchmarks' fixed day."""
    command = [sys.executable, str(ROOT / "build.py"), "build", "--no-pdf", "--content", str(content), "--out", str(site)]  # fmt: skip
    subprocess.run(command, check=True, env={**os.environ, "SOURCE_DATE_EPOCH": DAY_ONE})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, required=True, help="a built site (with pagefind/)")
    parser.add_argument("--queries", type=Path, default=QUERIES, help="a TOML file like bench/search/queries.toml")
    parser.add_argument("--generated", type=Path, metavar="CONTENT",
                        help="bench/generate.py's content folder: score the rule-based queries of generated.py instead")  # fmt: skip
    parser.add_argument("--build", action="store_true",
                        help="build the content (the example content, or --generated's) into --site first")  # fmt: skip
    parser.add_argument("--min-recall", type=float)
    parser.add_argument("--min-precision", type=float)
    args = parser.parse_args(argv)

    if args.generated:
        from generated import generated_queries

        queries, thresholds = parse_queries(generated_queries(args.generated))
    else:
        queries, thresholds = load_queries(args.queries)
    if args.build:
        build(args.generated or ROOT / "content", args.site)
    try:
        report = evaluate(args.site, queries)
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    print(markdown(report))
    min_recall = thresholds.min_recall if args.min_recall is None else args.min_recall
    min_precision = thresholds.min_precision if args.min_precision is None else args.min_precision
    print(f"\nSchwellen: Recall@10 ≥ {min_recall:.3f}, Präzision@5 ≥ {min_precision:.3f}, keine verbotenen Treffer.")
    passed = report.recall >= min_recall and report.precision >= min_precision and report.forbidden == 0
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
