"""The two ways to correct a published offer: edit its file on GitHub, or tell the city staff by e-mail."""

from __future__ import annotations

from urllib.parse import quote

from mittendrin.model.config import Config
from mittendrin.model.offer import Offer


def edit_url(offer: Offer, config: Config) -> str:
    """GitHub's editor for the offer's own file; without a repository in the config there is none."""
    if not config.repository_url:
        return ""
    return f"{config.repository_url}/edit/{config.repository_branch}/content/offers/{offer.slug}.md"


def report_url(offer: Offer, config: Config) -> str:
    """A prepared e-mail to the staff that names the offer, so nobody has to describe which one is meant."""
    subject = f"Fehler im Angebot „{offer.title}“"
    body = (
        f"Angebot: {offer.title}\nAdresse: {config.base_url}angebote/{offer.slug}/\n\n"
        "Was stimmt nicht, und wie ist es richtig?\n"
    )
    return f"mailto:{config.contact.email}?subject={quote(subject)}&body={quote(body)}"
