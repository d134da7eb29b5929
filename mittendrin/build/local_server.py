"""Serves a built site on 127.0.0.1 for a moment: Chromium prints and tests browse it over http://, as residents do."""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def serve_folder(folder: Path, base_path: str, port: int = 0) -> Iterator[str]:
    """The folder on 127.0.0.1 (a free port unless one is given), reachable under the site's base path; yields that URL."""
    handler = functools.partial(_BasePathHandler, base_path, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
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

    def end_headers(self) -> None:
        # The files change under the server (the booklet printed again with its page numbers, a rebuild while
        # serving), often within the second that Last-Modified names, so a browser revalidating its copy would be
        # told "304 Not Modified" and print or show the old page: nothing is kept in a cache.
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass
