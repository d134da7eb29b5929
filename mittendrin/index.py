"""Builds the Pagefind search index over the rendered offer pages, with Pagefind's own binary from PyPI."""

from __future__ import annotations

import subprocess
from pathlib import Path

from pagefind.service import get_executable

from .children import DIE_WITH_BUILD

OFFER_PAGES = "angebote/*/index.html"


class IndexError_(Exception):
    """Pagefind could not build the index; the message is German."""


def build_search_index(site: Path) -> None:
    """Index the offer pages (the only ones that carry data-pagefind-body) into site/pagefind/.

    The CLI is used instead of the Python API because it indexes a written folder in one pass; the API's
    per-page calls cost about 0.1 s each (see bench/README.md). The glob spares Pagefind from parsing the listings
    and the Angebotsheft, which hold every offer again and would be skipped anyway: 20 s → 15 s at 10,000 offers.
    """
    binary = get_executable()
    if binary is None:
        raise IndexError_("Pagefind ist nicht installiert. Installieren Sie es mit: pip install 'pagefind[bin]'")
    result = subprocess.run(
        [str(binary), "--site", str(site), "--glob", OFFER_PAGES, "--silent"],
        capture_output=True,
        text=True,
        check=False,
        preexec_fn=DIE_WITH_BUILD,
    )
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()[-3:]
        raise IndexError_("Der Suchindex konnte nicht erstellt werden: " + " ".join(detail))
