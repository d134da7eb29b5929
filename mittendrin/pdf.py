"""Prints the Angebotsheft to PDF with Debian's Chromium in headless mode, for staff to hand to people offline."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from .booklet import PDF_NAME
from .children import DIE_WITH_BUILD
from .local_server import serve_folder

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
                [*command, f"{root}angebotsheft/"],
                capture_output=True,
                text=True,
                timeout=TIMEOUT_SECONDS,
                preexec_fn=DIE_WITH_BUILD,
            )
        except subprocess.TimeoutExpired:
            raise PdfError(f"Chromium hat das Angebotsheft nicht in {TIMEOUT_SECONDS} Sekunden gedruckt.") from None
    if result.returncode != 0 or not target.is_file() or not target.read_bytes().startswith(b"%PDF-"):
        detail = " ".join(result.stderr.strip().splitlines()[-2:])
        raise PdfError(f"Chromium konnte das Angebotsheft nicht als PDF drucken. {detail}".strip())
    return target
