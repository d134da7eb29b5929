"""The two ways to correct a published offer: edit its file on GitHub, or tell the city staff by e-mail or phone;
the page "Angaben ändern" explains both."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from mittendrin.model.config import Config
from mittendrin.model.offer import Offer

PAGE = "angaben-aendern/"  # the page that explains both ways; offer pages link to it with ?angebot=<slug>


@dataclass(frozen=True)
class CorrectionWays:
    """What the page "Angaben ändern" shows besides the contact: a message to the staff, and where on GitHub the
    offer files are (empty without a repository in the config). Its script names the offer in both."""

    report_action: str  # mailto: to the staff, before the script names the offer
    folder_url: str  # the offer files on GitHub
    edit_base: str  # GitHub's editor for them: the offer's file name follows
    guide_url: str  # the guide "Mitmachen" (CONTRIBUTING.md)


def correction_ways(config: Config) -> CorrectionWays:
    body = "Angebot:\n\nWas stimmt nicht, und wie ist es richtig?\n"
    action = f"mailto:{config.contact.email}?subject={quote('Fehler in einem Angebot')}&body={quote(body)}"
    if not config.repository_url:
        return CorrectionWays(action, "", "", "")
    repository, branch = config.repository_url, config.repository_branch
    return CorrectionWays(
        action,
        f"{repository}/tree/{branch}/content/offers",
        f"{repository}/edit/{branch}/content/offers/",
        f"{repository}/blob/{branch}/CONTRIBUTING.md",
    )


def corrections_path(offer: Offer) -> str:
    """The page "Angaben ändern" for this offer, below the site's root."""
    return f"{PAGE}?angebot={offer.slug}"


def edit_url(offer: Offer, config: Config) -> str:
    """GitHub's editor for the offer's own file; without a repository in the config there is none."""
    base = correction_ways(config).edit_base
    return f"{base}{offer.slug}.md" if base else ""


def report_url(offer: Offer, config: Config) -> str:
    """A prepared e-mail to the staff that names the offer, so nobody has to describe which one is meant."""
    subject = f"Fehler im Angebot „{offer.title}“"
    body = (
        f"Angebot: {offer.title}\nAdresse: {config.base_url}angebote/{offer.slug}/\n\n"
        "Was stimmt nicht, und wie ist es richtig?\n"
    )
    return f"mailto:{config.contact.email}?subject={quote(subject)}&body={quote(body)}"
