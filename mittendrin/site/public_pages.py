"""Completes the plan with what every public site needs around the offers: the legal text pages, the 404 page,
the Angebotsheft, schema.org data on offer pages and the narrowing form on listings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from urllib.parse import quote

from mittendrin.content.textpages import TextPage
from mittendrin.dates.schedule import german_date
from mittendrin.model.config import Config, SignVideo
from mittendrin.site.booklet import EDITIONS, PRINT_TEMPLATE, booklet_groups, empty_districts_note, qr_code, qr_codes
from mittendrin.site.days import day_pages
from mittendrin.site.narrow import facets_for
from mittendrin.site.pages import Page, Plan

NOT_FOUND = "404.html"  # at the root, where web servers look for it
REPORT_SUBJECT = "Barriere melden"
SIGN_VIDEO_PAGES = ("", "leichte-sprache/")  # the start page and the page in Leichte Sprache (BITV 2.0 § 4)
VIDEO_FORMATS = {".mp4": ("MP4", "video/mp4"), ".webm": ("WebM", "video/webm")}


@dataclass(frozen=True)
class ReportForm:
    """The form to report a barrier: no server, the visitor's own e-mail program sends it to `address`."""

    address: str
    subject: str
    action: str  # mailto: with the subject; the browser adds the answers as the message's text


@dataclass(frozen=True)
class SignVideoView:
    """What the player shows: addresses below the site's root and the download link's words."""

    video: str
    mime: str
    captions: str
    poster: str
    download: str  # "Video herunterladen (MP4, 12 MB, 4:30 Minuten)"


def sign_video_view(video: SignVideo) -> SignVideoView:
    name, mime = VIDEO_FORMATS[video.video.suffix]
    download = f"Video herunterladen ({name}, {file_size(video.video.size)}, {video.duration} Minuten)"
    return SignVideoView(video.video.url, mime, video.captions.url, video.poster.url if video.poster else "", download)


def file_size(size: int) -> str:
    """A file's size as a download link names it: "840 KB", "1,5 MB", "12 MB"."""
    if size < 1_000_000:
        return f"{max(1, round(size / 1000))} KB"
    megabytes = size / 1_000_000
    return (f"{megabytes:.1f}".replace(".", ",") if megabytes < 10 else f"{round(megabytes)}") + " MB"


def complete_plan(plan: Plan, texts: Sequence[TextPage], config: Config, today: dt.date, with_pdf: bool) -> Plan:
    pages = [_enrich(page, config) for page in plan.pages]
    pages += day_pages(plan.published, config, today)
    report = report_form(config)
    pages += [Page(f"{t.slug}/", "text.html", t.title, {"text": t, "report": report}) for t in texts]
    video = sign_video_view(config.sign_video) if config.sign_video else None
    pages = [_with_sign_video(page, video) for page in pages]
    pages += booklet_pages(plan, config, today, with_pdf)
    pages.append(Page(NOT_FOUND, "404.html", "Seite nicht gefunden"))
    return replace(plan, pages=tuple(pages))


def report_form(config: Config) -> ReportForm:
    """Where barrier reports go: the statement's contact from [legal], else the site's contact address."""
    address = config.legal.get("barrierefreiheit_kontakt") or config.contact.email
    return ReportForm(address, REPORT_SUBJECT, f"mailto:{address}?subject={quote(REPORT_SUBJECT)}")


def booklet_pages(plan: Plan, config: Config, today: dt.date, with_pdf: bool) -> list[Page]:
    """The Angebotsheft on the web and, when it is printed, the pages Chromium prints for its two editions."""
    booklet = {
        "groups": booklet_groups(plan.published, config),
        "count": len(plan.published),
        "built_on": german_date(today),
        "empty": empty_districts_note(plan.published, config),
    }
    editions = EDITIONS if with_pdf else ()
    pages = [Page("angebotsheft/", "booklet.html", "Angebotsheft", {**booklet, "editions": editions})]
    if with_pdf:
        printed = {
            **booklet,
            "qr": qr_codes(plan.published, config),
            "booklet_qr": qr_code(config.base_url + "angebotsheft/", "QR-Code: das Angebotsheft im Internet"),
        }
        pages += [Page(e.path, PRINT_TEMPLATE, e.name, {**printed, "edition": e}) for e in EDITIONS]
    return pages


def _with_sign_video(page: Page, video: SignVideoView | None) -> Page:
    """The start page and /leichte-sprache/ show the video in Deutscher Gebärdensprache, when the town has one."""
    if page.template in ("home.html", "text.html"):
        return replace(page, context={**page.context, "sign_video": video if page.path in SIGN_VIDEO_PAGES else None})
    return page


def _enrich(page: Page, config: Config) -> Page:
    """Listings get the choices to narrow them down."""
    if page.template == "listing.html":
        own = page.path.split("/")[1] if page.path.startswith("bezirke/") else ""
        return replace(page, context={**page.context, "facets": facets_for(page.path, config), "own_district": own})
    return page
