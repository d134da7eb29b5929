"""sitemap.xml and robots.txt, so that search engines find every page and only the pages that exist."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from xml.sax.saxutils import escape

from mittendrin.model.config import Config
from mittendrin.site.booklet import PRINT_TEMPLATE
from mittendrin.site.pages import Page


def sitemap_xml(pages: Iterable[Page], config: Config) -> str:
    """Every page with an address of its own; the 404 page has none, and the pages printed to the Angebotsheft's
    PDFs are found through /angebotsheft/."""
    urls = "".join(
        f"  <url><loc>{escape(config.base_url + page.path)}</loc></url>\n"
        for page in pages
        if not page.path.endswith(".html") and page.template != PRINT_TEMPLATE
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"{urls}</urlset>\n"
    )


def robots_txt(config: Config) -> str:
    return f"User-agent: *\nAllow: /\n\nSitemap: {config.base_url}sitemap.xml\n"


def write_sitemap(pages: Iterable[Page], folder: Path, config: Config) -> None:
    (folder / "sitemap.xml").write_text(sitemap_xml(pages, config), encoding="utf-8")
    (folder / "robots.txt").write_text(robots_txt(config), encoding="utf-8")
