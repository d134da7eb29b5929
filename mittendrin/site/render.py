"""Renders planned pages to HTML with Jinja; autoescape is on for every template because content is untrusted."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from markupsafe import Markup

from mittendrin.model.config import Config
from mittendrin.site.pages import OfferView, Page
from mittendrin.site.security import content_security_policy


@dataclass
class Fragments:
    """The parts of a listing shown per offer (its card, its entry in the Angebotsheft), each rendered once: an
    offer stands on several listings, which at 10,000 offers costs seconds. `known` holds those of the last build
    under "<macro>(<choices>) <view key>"; `keys` gives each offer page's view key (see incremental.PageKeys), and `made`
    collects what this build rendered anew. Each is kept as UTF-8: Python holds a text with one dash or euro sign
    in two bytes a letter, and at 10,000 offers that made 62 MB of 30 MB."""

    keys: dict[str, str] = field(default_factory=dict)  # view path → view key; without one, nothing is kept
    known: dict[str, bytes] = field(default_factory=dict)
    made: dict[str, bytes] = field(default_factory=dict)


@dataclass(frozen=True)
class Rendered:
    """What rendering one page left to remember."""

    search_key: str  # a hash of what Pagefind reads of it (build.index.search_key), "" when it does not index it
    fragments: dict[str, bytes]  # rendered anew for it, see Fragments


def make_environment(templates: Path, config: Config, fragments: Fragments | None = None) -> jinja2.Environment:
    """Templates see the config and the base path; anything that depends on the build date comes with the page's
    context, so that the rebuild memo (incremental.PageKeys) sees it."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals.update(config=config, base=config.base_path)
    env.globals["content_security_policy"] = content_security_policy()
    env.globals["once"] = _once_maker(env, fragments or Fragments())
    return env


def _once_maker(env: jinja2.Environment, fragments: Fragments) -> Callable[..., Markup]:
    """once("offer_card", view, *choices): the macro of macros.html for this offer (and choices, such as the weekday a
    listing is about), rendered at most once per build and taken from the last build where the view is the same."""
    here: dict[tuple, bytes] = {}  # by view path: one view per offer page in a build

    def once(macro: str, view: OfferView, *choices: object) -> Markup:
        found = here.get((macro, view.path, choices))
        if found is None:
            view_key = fragments.keys.get(view.path)
            key = f"{macro}{choices!r} {view_key}"  # no space before the view key: see BuildCache.fragments
            found = fragments.known.get(key) if view_key else None
            if found is None:
                found = getattr(env.get_template("macros.html").module, macro)(view, *choices).encode()
                if view_key:
                    fragments.made[key] = found
            here[(macro, view.path, choices)] = found
        return Markup(found, "utf-8")

    return once


def render_page(env: jinja2.Environment, page: Page) -> str:
    return "".join(render_parts(env, page))


def render_parts(env: jinja2.Environment, page: Page) -> Iterator[str]:
    """The page as it renders, part by part, to be written without holding it whole."""
    return env.get_template(page.template).generate(page=page, **page.context)
