"""Builds the Pagefind search index over the rendered offer pages, with Pagefind's own binary from PyPI."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from mittendrin.build.children import DIE_WITH_BUILD

OFFER_PAGES = "angebote/*/index.html"


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
