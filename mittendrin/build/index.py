"""Builds the Pagefind search index over the rendered offer pages, with Pagefind's own binary from PyPI."""

from __future__ import annotations

import fnmatch
import hashlib
import re
import subprocess
import tempfile
from pathlib import Path

from mittendrin.build.children import DIE_WITH_BUILD

OFFER_PAGES = "angebote/*/index.html"
# Pagefind takes these from an element even inside data-pagefind-ignore: a filter's or field's value is its text.
_CAPTURED = frozenset(
    {"data-pagefind-filter", "data-pagefind-meta", "data-pagefind-sort", "data-pagefind-default-meta"}
)
_VOID = frozenset(
    ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]
)
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>")
_QUOTED = re.compile(r'"[^"]*"|\'[^\']*\'')  # attribute values, which may name anything
_PAGEFIND_NAME = re.compile(r"data-pagefind-[a-z-]+")


class IndexError_(Exception):
    """Pagefind could not build the index; the message is German."""


class SearchIndexing:
    """Pagefind indexing a written site in its own process, while the build goes on with other work.

    The CLI is used instead of the Python API because it indexes a written folder in one pass; the API's
    per-page calls cost about 0.1 s each (see bench/README.md). The glob spares Pagefind from parsing the listings
    and the Angebotsheft, which hold every offer again and would be skipped anyway: 20 s → 15 s at 10,000 offers.
    """

    def __init__(self, site: Path) -> None:
        # Imported here: a build with nothing to index (no change) should not wait for pagefind and asyncio to load.
        from pagefind.service import get_executable

        binary = get_executable()
        if binary is None:
            raise IndexError_("Pagefind ist nicht installiert. Installieren Sie es mit: pip install 'pagefind[bin]'")
        # A file, not a pipe, for what Pagefind says: nobody reads while the build works, and a full pipe would
        # stall it. It lives as long as Pagefind runs, so no `with`; wait() and stop() close it.
        self._output = tempfile.TemporaryFile()  # noqa: SIM115
        try:
            self._process = subprocess.Popen(
                [str(binary), "--site", str(site), "--glob", OFFER_PAGES, "--silent"],
                stdin=subprocess.DEVNULL,
                stdout=self._output,
                stderr=subprocess.STDOUT,
                preexec_fn=DIE_WITH_BUILD,
            )
        except BaseException:
            self._output.close()
            raise

    def wait(self) -> None:
        """Until the index is written; raises IndexError_ when Pagefind failed."""
        returncode = self._process.wait()
        self._output.seek(0)
        said = self._output.read().decode("utf-8", errors="replace")
        self._output.close()
        if returncode != 0:
            detail = said.strip().splitlines()[-3:]
            raise IndexError_(
                "Der Suchindex konnte nicht erstellt werden: "
                + " ".join(detail)
                + " – Bauen Sie die Seite noch einmal (python build.py build); bleibt der Fehler, geben Sie diesen"
                " Text an die Betreuung der Seite weiter."
            )

    def stop(self) -> None:
        """End Pagefind early, when the build fails elsewhere and its folder is thrown away."""
        if self._process.poll() is None:
            self._process.kill()
            self._process.wait()
        self._output.close()


def indexed(file_path: str) -> bool:
    """Whether Pagefind reads this page of the site (file path relative to its root): it is given OFFER_PAGES."""
    return fnmatch.fnmatchcase(file_path, OFFER_PAGES)


def search_key(html: str) -> str:
    """A hash of what Pagefind reads of a page, "" for a page it does not index (no data-pagefind-body): the text
    and tags of the body outside data-pagefind-ignore, and every element that carries a filter, field or sort,
    with its text. The dates an offer page shows stand in ignored parts, so an index built yesterday serves today
    when no key changed. The key may cover more than Pagefind reads, never less."""
    if "data-pagefind-body" not in html:
        return ""
    return hashlib.sha256("".join(_search_input(html)).encode()).hexdigest()


def _search_input(html: str) -> list[str]:
    """The pieces of the page that search_key covers. Tags are found by a pattern, not a parser (a parser costs
    seconds at 10,000 pages): the pages are the templates' own output, with every attribute value quoted and
    escaped, and nothing read comes before the first data-pagefind attribute."""
    pieces: list[str] = []
    open_elements: list[tuple[str, bool]] = []  # each open element and whether its text is read
    start = html.rfind("<", 0, html.index("data-pagefind"))
    text_from = start
    for tag in _TAG.finditer(html, start):
        reading = bool(open_elements) and open_elements[-1][1]
        if reading:
            pieces.append(html[text_from : tag.start()])
        text_from = tag.end()
        closing, name, attributes = tag.groups()
        if closing:
            _close(name, open_elements, pieces)
            continue
        marks = _PAGEFIND_NAME.findall(_QUOTED.sub("", attributes)) if "data-pagefind" in attributes else []
        if marks:
            if "data-pagefind-body" in marks:
                reading = True
            if "data-pagefind-ignore" in marks:
                reading = False
            if _CAPTURED.intersection(marks):
                reading = True
        if reading or marks:
            pieces.append(tag.group())
        if name.lower() not in _VOID and not attributes.endswith("/"):
            open_elements.append((name, reading))
    return pieces


def _close(name: str, open_elements: list[tuple[str, bool]], pieces: list[str]) -> None:
    if all(open_name != name for open_name, _ in open_elements):
        return  # opened before the part that is read, or stray: closes nothing
    while open_elements:
        open_name, reading = open_elements.pop()
        if reading:
            pieces.append(f"</{open_name}>")
        if open_name == name:
            return
