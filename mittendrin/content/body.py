"""Turns an offer's Markdown text into safe HTML: untrusted input, so it is sanitised after rendering."""

from __future__ import annotations

import functools
import re
from html.parser import HTMLParser

import markdown
import nh3

_ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "b",
    "i",
    "ul",
    "ol",
    "li",
    "a",
    "h2",
    "h3",
    "h4",
    "blockquote",
    "hr",
    "code",
    "pre",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "abbr",
}
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}}
_URL_SCHEMES = {"http", "https", "mailto", "tel"}
# The offer page has the title as its only h1 and the description under an h2, so body headings start at h3.
_HEADING = re.compile(r"<(/?)h([1-6])>")


def _new_renderer() -> markdown.Markdown:
    return markdown.Markdown(extensions=["sane_lists", "tables"], output_format="html")


_renderer = _new_renderer()


# Python-Markdown needs time that grows much faster than the text for some shapes: 8,000 times "[a][" take 40 s.
# A real description has a few hundred words and a handful of links, so these limits cost nobody anything.
MAX_TEXT_CHARS = 10_000
MAX_BRACKETS = 100


def text_problem(text: str) -> tuple[str, str] | None:
    """Why the free text is refused before it is rendered, as (message, hint) in German; None if it is fine."""
    if len(text) > MAX_TEXT_CHARS:
        return (
            f"Der freie Text ist {len(text)} Zeichen lang, erlaubt sind höchstens {MAX_TEXT_CHARS}.",
            "Beschreiben Sie das Angebot in wenigen Absätzen; Ausführliches gehört auf die Internetseite des Trägers.",
        )
    if text.count("[") > MAX_BRACKETS:
        return (
            f"Der freie Text enthält {text.count('[')} eckige Klammern „[“, erlaubt sind höchstens {MAX_BRACKETS}.",
            "Eckige Klammern braucht es nur für Links: [Text](https://example.org).",
        )
    try:
        render_markdown(text)  # remembered, so the offer's own rendering right after costs nothing
    except RecursionError:
        return (
            "Im freien Text sind Listen oder Zitate zu tief ineinander verschachtelt.",
            "Schreiben Sie Aufzählungen mit höchstens drei Ebenen; „1. 1. 1.“ in einer Zeile wird als Liste in einer "
            "Liste gelesen.",
        )
    return None


@functools.lru_cache(maxsize=1)
def render_markdown(text: str, heading_shift: int = 2) -> str:
    """Markdown to sanitised HTML. One renderer is reused (reset per call) because creating it is slow.

    `heading_shift` moves headings down (offer texts: "#" becomes h3); the site's own text pages keep "##" as h2.
    """
    global _renderer
    try:
        html = _renderer.reset().convert(text)
    except RecursionError:
        _renderer = _new_renderer()  # the broken-off run left parser state behind that reset() does not clear
        raise
    html = _HEADING.sub(lambda m: f"<{m.group(1)}h{min(int(m.group(2)) + heading_shift, 4)}>", html)
    return nh3.clean(
        html,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes=_URL_SCHEMES,
        link_rel="noopener noreferrer",
        clean_content_tags={"script", "style", "iframe", "noscript", "template", "object", "textarea", "title"},
    )


def plain_text(html: str) -> str:
    """The visible text of sanitised HTML, for meta descriptions and exports."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def plain_paragraphs(html: str) -> str:
    """The visible text of sanitised HTML, one line per paragraph, heading or list item ("– " in front): the free
    text for exports that take no HTML. Entities are characters again ("&amp;" becomes "&")."""
    parser = _Lines()
    parser.feed(html)
    parser.close()
    lines = (" ".join(line.split()) for line in parser.lines)
    return "\n".join(line for line in lines if line.strip("– "))


class _Lines(HTMLParser):
    """Collects the text of HTML, starting a new line at every block."""

    BLOCKS = frozenset({"p", "br", "h2", "h3", "h4", "blockquote", "hr", "pre", "ul", "ol", "table", "tr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = [""]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "li":
            self.lines.append("– ")
        elif tag in self.BLOCKS:
            self.lines.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "li" or tag in self.BLOCKS:
            self.lines.append("")

    def handle_data(self, data: str) -> None:
        self.lines[-1] += data
