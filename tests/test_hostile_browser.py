"""In a real browser: pages built from hostile offers run no script and open no dialog, and browsing and searching
the site reports no Content-Security-Policy violation and no console error."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import serve
from test_hostile import INERT, build_inert_site

pytestmark = pytest.mark.browser

# Installed before any script of the page runs; CDP-injected, so the page's own policy does not block it.
WATCH = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_inert_site(tmp_path_factory.mktemp("feindlich"))


@pytest.fixture
def watched(page):
    """The page with every dialog, console error and uncaught exception recorded."""
    seen: list[str] = []
    page.on("dialog", lambda dialog: (seen.append(f"Dialog: {dialog.message}"), dialog.dismiss()))
    page.on("console", lambda message: message.type == "error" and seen.append(f"Konsole: {message.text}"))
    page.on("pageerror", lambda error: seen.append(f"Fehler: {error}"))
    page.add_init_script(WATCH)
    return page, seen


def assert_quiet(page, seen: list[str]) -> None:
    assert page.evaluate("() => window.__pwned") is None, page.url
    assert page.evaluate("() => window.__violations") == [], page.url
    assert seen == [], page.url


def test_pages_from_hostile_offers_run_nothing(watched, hostile_site: Path) -> None:
    page, seen = watched
    with serve(hostile_site) as root:
        for name in INERT:
            page.goto(f"{root}angebote/{Path(name).stem}/")
            page.wait_for_load_state("load")
            page.mouse.move(200, 300)  # would fire any surviving onmouseover
            assert_quiet(page, seen)
            assert page.locator("h1").count() == 1


def test_browsing_and_searching_reports_no_policy_violation(watched, hostile_site: Path) -> None:
    page, seen = watched
    with serve(hostile_site) as root:
        # Every page that is not an offer page (those are above): listings, text pages, the entry form, 404.
        pages = sorted(p.relative_to(hostile_site) for p in hostile_site.rglob("*.html"))
        others = [p for p in pages if p.parts[0] != "angebote" or len(p.parts) == 2]
        assert len(others) > 25
        for path in others:
            page.goto(root + str(path).removesuffix("index.html"))
            assert_quiet(page, seen)
        page.goto(root + "suche/")
        page.get_by_label("Suchbegriff").fill("Kaffeeklatsch")
        page.get_by_role("button", name="Suchen").click()
        page.locator("#suchstatus").filter(has_text="Angebote gefunden").wait_for()
        page.locator("#eingrenzen-suche summary").click()  # the choices wait behind "Eingrenzen"
        page.get_by_label("Stadtbezirk").select_option("Sodingen")
        page.locator("#suchstatus").filter(has_text="gefunden").wait_for()
        # Results whose titles are payloads are shown as text, too.
        page.goto(root + "suche/?q=script")
        page.locator("#suchstatus").filter(has_text="gefunden").wait_for()
        assert "<script>" in page.locator("#treffer").inner_text()
        assert_quiet(page, seen)


def test_the_watch_sees_a_violation_when_there_is_one(watched, hostile_site: Path) -> None:
    """The two tests above could fail: an image from another site is blocked and reported."""
    page, _ = watched
    with serve(hostile_site) as root:
        page.goto(root)
        page.evaluate(
            "() => { const img = new Image(); img.src = 'https://example.invalid/x.png'; document.body.append(img); }"
        )
        page.wait_for_function("() => window.__violations.length > 0")
        assert page.evaluate("() => window.__violations") == ["img-src https://example.invalid/x.png"]
