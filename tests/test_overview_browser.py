"""axe-core (WCAG 2.1 A and AA) in Debian's chromium on the overview page and an offer page with its calendar link."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import ROOT, build_site, serve, write_offer

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = "() => axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}, resultTypes: ['violations']})"


def violations(page, url: str) -> list[str]:
    page.goto(url)
    page.evaluate(AXE.read_text(encoding="utf-8"))  # not a script tag: the page's CSP would refuse it
    found = page.evaluate(WCAG_21_AA)["violations"]
    return [f"{v['id']}: {[n['target'] for n in v['nodes']]}" for v in found]


def test_overview_and_offer_page_pass_axe(page, content: Path, tmp_path: Path) -> None:
    if not AXE.exists():
        message = "axe-core fehlt – installieren mit: npm ci --ignore-scripts"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    write_offer(content, "kaffee", termine=[{"tage": ["di"], "rhythmus": "monatlich", "woche": [1], "von": "15:00"}])
    write_offer(content, "kochen", bezirk="Wanne", stadtteil="Crange", altersgruppen=["alle"],
                termine=[{"tage": ["sa"], "von": "18:00"}])  # fmt: skip
    site = build_site(content, tmp_path / "site")
    with serve(site) as root:
        assert violations(page, root + "ueberblick/") == []
        assert violations(page, root + "angebote/kaffee/") == []
        page.set_viewport_size({"width": 360, "height": 740})
        assert violations(page, root + "ueberblick/") == [], "also on a small phone"
        # the calendar link downloads the file the offer page promises
        page.goto(root + "angebote/kaffee/")
        with page.expect_download() as download:
            page.get_by_role("link", name="In den Kalender eintragen").click()
        assert Path(download.value.path()).read_bytes().startswith(b"BEGIN:VCALENDAR")
