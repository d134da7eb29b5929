"""The site's own text pages (Impressum, Datenschutz, Barrierefreiheit, Leichte Sprache): Markdown in content/seiten/,
names from config."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from mittendrin.content.body import render_markdown, text_problem
from mittendrin.content.load import load_offer
from mittendrin.content.problems import Problem, Severity

# Every public site of the city needs these pages, so a content folder without seiten/ gets the shipped texts, and
# one without a page that the header or footer links to (leichte-sprache.md came later) gets the shipped page.
SHIPPED = Path(__file__).resolve().parents[2] / "content" / "seiten"
PLACEHOLDER = re.compile(r"\{\{\s*([a-z0-9_]+)\s*\}\}")
# A line of its own with this placeholder marks where the page shows the form to report a barrier.
REPORT_FORM = "meldeformular"
_REPORT_LINE = re.compile(r"^[ \t]*\{\{\s*" + REPORT_FORM + r"\s*\}\}[ \t]*$", re.MULTILINE)
# Lines between these markers are kept only when the config names a video in Deutscher Gebärdensprache ("wenn-…") or
# only when it names none ("wenn-keine-…"), so that the page never says there is no video when there is one.
_SIGN_VIDEO_BLOCK = re.compile(
    r"^<!-- wenn-(keine-)?gebaerdensprache -->[ \t]*\n(.*?)^<!-- ende -->[ \t]*\n?", re.MULTILINE | re.DOTALL
)


@dataclass(frozen=True)
class TextPage:
    slug: str  # the address: /<slug>/
    title: str
    description: str
    body_html: str  # before the report form, or all of it
    report_form: bool = False  # the page shows the form to report a barrier after body_html
    after_html: str = ""  # the text after the report form


def text_page_folder(content: Path) -> Path:
    folder = content / "seiten"
    return folder if folder.is_dir() else SHIPPED


def load_text_pages(
    folder: Path, values: Mapping[str, str], sign_video: bool = False
) -> tuple[list[TextPage], list[Problem]]:
    """Every content/seiten/*.md with its placeholders ({{ anbieter }}) filled from the config's [legal] section, and
    the lines that depend on whether the town has a video in Gebärdensprache chosen by `sign_video`."""
    pages: list[TextPage] = []
    problems: list[Problem] = []
    paths = {p.name: p for p in SHIPPED.glob("*.md")} | {p.name: p for p in folder.glob("*.md")}
    for _, path in sorted(paths.items()):
        raw = load_offer(path, str(path))
        if isinstance(raw, list):
            problems += raw
            continue
        missing = [key for key in ("titel", "beschreibung") if key not in raw.front or not raw.front[key].is_text]
        for key in missing:
            problems.append(
                Problem(raw.name, 1, f"Im Kopf der Seite fehlt „{key}:“.", f"Schreiben Sie zum Beispiel „{key}: …“.")
            )
        # A town that copies the config without [legal] still gets a site; staff see what to fill in, and so
        # does the page, so that an unfinished Impressum is noticed rather than silently incomplete.
        for line, name in unknown_placeholders(path.read_text(encoding="utf-8"), values):
            problems.append(
                Problem(
                    raw.name,
                    line,
                    f"Für den Platzhalter „{{{{ {name} }}}}“ steht kein Wert in config.toml.",
                    f'Tragen Sie im Abschnitt [legal] von config.toml {name} = "…" ein'
                    + (f" oder nehmen Sie einen vorhandenen: {', '.join(sorted(values))}." if values else "."),
                    Severity.WARNING,
                )
            )
        refused = text_problem(raw.body)  # pages come by pull request too: the same limits as an offer's text
        if refused:
            problems.append(Problem(raw.name, raw.body_line, *refused))
        if missing or refused:
            continue
        title, description = str(raw.front["titel"].value), str(raw.front["beschreibung"].value)
        parts = _REPORT_LINE.split(for_sign_video(raw.body, sign_video), maxsplit=1)
        html = [render_markdown(_filled(part, values), heading_shift=0) for part in parts]
        pages.append(TextPage(raw.slug, title, description, html[0], len(parts) > 1, "".join(html[1:])))
    return pages, problems


def for_sign_video(text: str, sign_video: bool) -> str:
    """The text with each marked block kept or dropped by whether the town has a video in Gebärdensprache."""
    return _SIGN_VIDEO_BLOCK.sub(lambda m: m.group(2) if sign_video != bool(m.group(1)) else "", text)


def _filled(text: str, values: Mapping[str, str]) -> str:
    """The text with every placeholder replaced by its value, or by a visible note that the value is missing."""
    return PLACEHOLDER.sub(lambda m: values.get(m.group(1), f"[fehlt in config.toml: {m.group(1)}]"), text)


def unknown_placeholders(text: str, values: Mapping[str, str]) -> list[tuple[int, str]]:
    """The placeholders in a file that the config does not fill, with their line number."""
    return [
        (text.count("\n", 0, match.start()) + 1, match.group(1))
        for match in PLACEHOLDER.finditer(text)
        if match.group(1) not in values and match.group(1) != REPORT_FORM
    ]
