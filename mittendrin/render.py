"""Renders planned pages to HTML with Jinja; autoescape is on for every template because content is untrusted."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import jinja2
from markupsafe import Markup

from .config import Config
from .pages import Page
from .security import content_security_policy


def make_environment(templates: Path, config: Config, build_date: dt.date) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals.update(config=config, base=config.base_path, build_date=build_date)
    env.globals["content_security_policy"] = content_security_policy()
    env.filters["json_script"] = json_for_script
    env.globals["card"] = _card_maker(env)
    return env


def _card_maker(env: jinja2.Environment) -> Callable[[object], Markup]:
    """The offer_card macro, rendered once per offer: an offer stands on several listings, which at 10,000 offers
    costs seconds. Views live as long as the build, so their id identifies them."""
    made: dict[int, Markup] = {}

    def card(view: object) -> Markup:
        found = made.get(id(view))
        if found is None:
            found = made[id(view)] = Markup(env.get_template("macros.html").module.offer_card(view))
        return found

    return card


def render_page(env: jinja2.Environment, page: Page) -> str:
    template = env.get_template(page.template)
    return template.render(page=page, **page.context)


def json_for_script(data: object) -> Markup:
    """JSON that is safe inside <script>: no '</script>' or '<!--' can break out."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, indent=None)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))
