"""Prints the Angebotsheft to PDF with Debian's Chromium in headless mode, for staff to hand to people offline."""

from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

from .booklet import PDF_NAME

# Keep Chromium from calling Google on a closed network (see docs on testing); the sandbox needs a user namespace
# that build machines and containers often lack.
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
)
TIMEOUT_SECONDS = 120


class PdfError(Exception):
    """Chromium is there but could not print the booklet; the message is German."""


def find_chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def print_booklet(site: Path, base_path: str, chromium: str) -> Path:
    """Serve the built site on 127.0.0.1 (Chromium prints http:// pages completely) and print /angebotsheft/."""
    target = site / "angebotsheft" / PDF_NAME
    with serve_folder(site, base_path) as root, tempfile.TemporaryDirectory(prefix="mittendrin-chromium-") as profile:
        command = [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", f"--print-to-pdf={target}"]
        try:
            result = subprocess.run(
                [*command, f"{root}angebotsheft/"], capture_output=True, text=True, timeout=TIMEOUT_SECONDS
            )
        except subprocess.TimeoutExpired:
            raise PdfError(f"Chromium hat das Angebotsheft nicht in {TIMEOUT_SECONDS} Sekunden gedruckt.") from None
    if result.returncode != 0 or not target.is_file() or not target.read_bytes().startswith(b"%PDF-"):
        detail = " ".join(result.stderr.strip().splitlines()[-2:])
        raise PdfError(f"Chromium konnte das Angebotsheft nicht als PDF drucken. {detail}".strip())
    return target


@contextlib.contextmanager
def serve_folder(folder: Path, base_path: str) -> Iterator[str]:
    """The folder on a free port of 127.0.0.1, reachable under the site's base path; yields that URL."""
    handler = functools.partial(_BasePathHandler, base_path, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{base_path}"
    finally:
        server.shutdown()
        server.server_close()


class _BasePathHandler(http.server.SimpleHTTPRequestHandler):
    def __init__(self, base_path: str, *args, **kwargs) -> None:
        self.base_path = base_path
        super().__init__(*args, **kwargs)

    def translate_path(self, path: str) -> str:
        if path.startswith(self.base_path):
            path = "/" + path[len(self.base_path) :]
        return super().translate_path(path)

    def log_message(self, format: str, *args: object) -> None:
        pass
