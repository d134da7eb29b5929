"""Prints the Angebotsheft's two editions to A4 PDF with Debian's Chromium in headless mode, for staff to hand to
people offline: twice each, so that the contents can name the page where each district begins, and then with fixed
metadata, so that the same content and build date give the same bytes."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from mittendrin.build.children import DIE_WITH_BUILD
from mittendrin.build.local_server import serve_folder
from mittendrin.model.config import Config
from mittendrin.site.booklet import PDF_NAME, PDF_NAMES, PRINT_TEMPLATE, with_pages
from mittendrin.site.pages import Page
from mittendrin.site.render import make_environment, render_page

__all__ = ["PDF_NAME", "PDF_NAMES", "PdfError", "find_chromium", "print_booklets"]

# Keep Chromium from calling Google on a closed network (see docs on testing); the sandbox needs a user namespace
# that build machines and containers often lack. The outline gives PDF readers bookmarks from the headings.
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--no-pdf-header-footer",
    "--generate-pdf-document-outline",
)
TIMEOUT_SECONDS = 120
MAX_PRINTS = 3  # the page numbers in the contents take the room of "…", so the second print normally agrees


class PdfError(Exception):
    """Chromium is there but could not print the booklet; the message is German."""


def find_chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def print_booklets(
    site: Path, pages: Sequence[Page], templates: Path, config: Config, chromium: str, today: dt.date
) -> list[Path]:
    """Serve the built site on 127.0.0.1 (Chromium prints http:// pages completely) and print each edition's page
    into angebotsheft/. A first print shows where each district begins; the page is then written again with those
    page numbers in its contents and printed again, until the numbers it shows are the ones it has."""
    env = make_environment(templates, config)
    printed = []
    with (
        serve_folder(site, config.base_path) as root,
        tempfile.TemporaryDirectory(prefix="mittendrin-chromium-") as profile,
    ):
        for page in (p for p in pages if p.template == PRINT_TEMPLATE):
            target = site / "angebotsheft" / page.context["edition"].pdf
            shown: dict[str, int] = {}
            for _ in range(MAX_PRINTS):
                _print(chromium, profile, f"{root}{page.path}", target)
                found = district_pages(target)
                if found == shown:
                    break
                shown = found
                numbered = replace(page, context={**page.context, "groups": with_pages(page.context["groups"], found)})
                _replace_file(page.file(site), render_page(env, numbered))
            else:
                raise PdfError(f"Die Seitenzahlen im Inhalt von {target.name} stimmen nach {MAX_PRINTS} Drucken nicht.")
            fix_metadata(target, f"{page.context['edition'].name}: Begegnungsangebote in {config.town}", today)
            printed.append(target)
    return printed


def _print(chromium: str, profile: str, url: str, target: Path) -> None:
    command = [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", f"--print-to-pdf={target}", url]
    target.unlink(missing_ok=True)  # never print into a file linked from the published site
    try:
        result = subprocess.run(
            command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS, preexec_fn=DIE_WITH_BUILD
        )
    except subprocess.TimeoutExpired:
        raise PdfError(f"Chromium hat das Angebotsheft nicht in {TIMEOUT_SECONDS} Sekunden gedruckt.") from None
    if result.returncode != 0 or not target.is_file() or not target.read_bytes().startswith(b"%PDF-"):
        detail = " ".join(result.stderr.strip().splitlines()[-2:])
        raise PdfError(f"Chromium konnte das Angebotsheft nicht als PDF drucken. {detail}".strip())


def district_pages(pdf: Path) -> dict[str, int]:
    """Anchor → page number (from 1) of every link target in the PDF: Chromium writes each #anchor the contents link
    to as a named destination on the page where its heading landed."""
    import pikepdf  # here, not at the top: a build that prints nothing should not wait for it to load

    with pikepdf.open(pdf) as document:
        numbers = {page.objgen: i for i, page in enumerate(document.pages, start=1)}
        dests = document.Root.get("/Dests", pikepdf.Dictionary())
        return {str(name)[1:]: numbers[dest[0].objgen] for name, dest in dests.items()}


def fix_metadata(pdf: Path, title: str, today: dt.date) -> None:
    """The build date as creation and modification date (Chromium writes the clock's), a title and the language, and
    a file identifier derived from the content: the same booklet on the same day is the same file. pikepdf (qpdf)
    because its deterministic_id exists for reproducible output; it is saved beside the PDF and moved over it."""
    import pikepdf  # see district_pages

    stamp = f"D:{today:%Y%m%d}000000Z"
    with pikepdf.open(pdf) as document:
        document.docinfo["/Title"] = title
        document.docinfo["/CreationDate"] = stamp
        document.docinfo["/ModDate"] = stamp
        document.docinfo["/Creator"] = "Mittendrin"
        document.Root.Lang = "de"
        document.save(pdf.with_suffix(".tmp"), deterministic_id=True)
    os.replace(pdf.with_suffix(".tmp"), pdf)


def _replace_file(path: Path, text: str) -> None:
    """Write a new file instead of into the old one: an unchanged page is a hard link to the published site's."""
    new = path.with_suffix(".tmp")
    new.write_text(text, encoding="utf-8")
    os.replace(new, path)
