"""The overview on a small phone passes axe-core, and an offer page's calendar link downloads its file."""

from __future__ import annotations

from pathlib import Path

import pytest
from audit import axe_violations
from conftest import build_site, serve, write_offer

pytestmark = pytest.mark.browser


def test_overview_on_a_phone_and_the_calendar_download(page, content: Path, tmp_path: Path) -> None:
    write_offer(content, "kaffee", termine=[{"tage": ["di"], "rhythmus": "monatlich", "woche": [1], "von": "15:00"}])
    write_offer(content, "kochen", bezirk="Wanne", stadtteil="Crange", altersgruppen=["alle"],
                termine=[{"tage": ["sa"], "von": "18:00"}])  # fmt: skip
    site = build_site(content, tmp_path / "site")
    with serve(site) as root:
        page.set_viewport_size({"width": 360, "height": 740})
        page.goto(root + "ueberblick/")
        assert axe_violations(page) == [], "also on a small phone"
        # the calendar link downloads the file the offer page promises
        page.goto(root + "angebote/kaffee/")
        with page.expect_download() as download:
            page.get_by_role("link", name="In den Kalender eintragen").click()
        assert Path(download.value.path()).read_bytes().startswith(b"BEGIN:VCALENDAR")
