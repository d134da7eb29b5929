"""Turns an offer's Markdown text into safe HTML: untrusted input, so it is sanitised after rendering."""

from __future__ import annotations

import re

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

_renderer = markdown.Markdown(extensions=["sane_lists", "tables"], output_format="html")


def render_markdown(text: str, heading_shift: int = 2) -> str:
    """Markdown to sanitised HTML. One renderer is reused (reset per call) because creating it is slow.

    `heading_shift` moves headings down (offer texts: "#" becomes h3); the site's own text pages keep "##" as h2.
    """
    html = _renderer.reset().convert(text)
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
