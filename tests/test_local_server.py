"""The server Chromium prints from and `serve` shows: the site under its base path, never from a browser's cache."""

from __future__ import annotations

import urllib.request
from pathlib import Path

from mittendrin.build.local_server import serve_folder


def test_pages_are_served_under_the_base_path_and_never_cached(tmp_path: Path) -> None:
    (tmp_path / "angebotsheft").mkdir()
    (tmp_path / "angebotsheft" / "index.html").write_text("Seite …", encoding="utf-8")
    with serve_folder(tmp_path, "/mittendrin/") as root, urllib.request.urlopen(f"{root}angebotsheft/") as answer:
        assert answer.read().decode() == "Seite …"
        # The booklet is printed again within the same second with its page numbers: a browser that kept the
        # first answer and asked "modified since?" would be told no, and print "Seite …" again.
        assert answer.headers["Cache-Control"] == "no-store"
