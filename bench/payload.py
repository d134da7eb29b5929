"""Counts the bytes a browser downloads for the first search on a built site: Debian's Chromium via Playwright."""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]  # fmt: skip


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def first_search_bytes(site: Path, query: str = "Kaffee") -> str:
    """Open /suche/?q=…, wait until results show, and sum every response body; a Markdown summary."""
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    sizes: dict[str, int] = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
            page = browser.new_page()
            page.on("response", lambda r: sizes.__setitem__(r.url, len(r.body())) if r.ok else None)
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/suche/?q={query}")
            page.wait_for_selector("#treffer li", timeout=60_000)
            page.wait_for_load_state("networkidle")
            count = page.locator("#suchstatus").inner_text()
            browser.close()
    finally:
        server.shutdown()
    pagefind = sum(size for url, size in sizes.items() if "/pagefind/" in url)
    total = sum(sizes.values())
    return (
        f"Erste Suche nach „{query}“ ({count}): {total / 1024:.0f} KB in {len(sizes)} Antworten, "
        f"davon Pagefind {pagefind / 1024:.0f} KB (unkomprimiert, ohne HTTP-Köpfe)."
    )
