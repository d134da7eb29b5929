"""Shared builders for tests: small offer files in tmp_path, the CLI, built sites, and a real browser."""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from mittendrin.build.local_server import serve_folder
from mittendrin.cli import main

ROOT = Path(__file__).resolve().parent.parent
# The tests' own town (tests/stadt/README.md): a fork that replaces config.toml and content/ keeps its tests green.
TOWN_CONFIG = ROOT / "tests" / "stadt" / "config.toml"
EXAMPLE_CONTENT = ROOT / "tests" / "stadt" / "content"
CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]  # fmt: skip

VALID_OFFER: dict = {
    "titel": "Kaffeeklatsch im Quartier",
    "kurzbeschreibung": "Bei Kaffee und Kuchen kommen Nachbarinnen und Nachbarn ins Gespräch.",
    "traeger": "Nachbarschaftsverein Börnig e. V.",
    "bezirk": "Sodingen",
    "stadtteil": "Börnig",
    "altersgruppen": ["senioren", "erwachsene"],
    "kategorien": ["treff", "essen"],
    "termine": [{"tage": ["di", "do"], "von": "15:00", "bis": "17:00"}],
    "ort": {"name": "Gemeindehaus", "strasse": "Beispielstraße 12", "plz": "44628", "lat": 51.5383, "lon": 7.2545},
    "kosten": "kostenlos",
    "anmeldung": "nein",
    "barrierefreiheit": {"stufenlos": True, "rollstuhl_wc": False, "hoerschleife": False},
    "kontakt": {"telefon": "02323 0123456", "email": "kaffee@example.org"},
    "geprueft_am": "2026-10-01",
}


def offer_text(body: str = "Wir treffen uns zum Erzählen.", **fields: object) -> str:
    """A valid offer file; keyword arguments replace fields, and None removes one."""
    front = {**VALID_OFFER, **fields}
    front = {key: value for key, value in front.items() if value is not None}
    return "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n" + body + "\n"


def write_offer(content: Path, slug: str, text: str | None = None, **fields: object) -> Path:
    path = content / "offers" / f"{slug}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text if text is not None else offer_text(**fields), encoding="utf-8")
    return path


def every_kind(content: Path) -> None:
    """One offer of each schedule form: weekly, fortnightly, monthly, a single date, ending, by arrangement."""
    write_offer(content, "woechentlich", titel="Kaffeeklatsch",
                termine=[{"tage": ["di", "do"], "von": "15:00", "bis": "17:00"}])  # fmt: skip
    write_offer(content, "vierzehntaegig", titel="Spieleabend", bezirk="Wanne", stadtteil="Crange",
                termine=[{"tage": ["mi"], "rhythmus": "14-taeglich", "ab": "2026-01-07", "von": "18:00", "bis": "20:00"}])  # fmt: skip
    write_offer(content, "monatlich", titel="Erzählcafé", bezirk="Eickel", stadtteil="Eickel", termine=[
        {"tage": ["mi"], "rhythmus": "monatlich", "woche": [1], "von": "10:00", "bis": "12:00"},
        {"tage": ["do"], "rhythmus": "monatlich", "woche": [-1], "von": "19:00"},
    ])  # fmt: skip
    write_offer(
        content, "einmalig", titel="Adventsfeier", termine=[{"datum": "2026-12-12", "von": "14:00", "bis": "18:00"}]
    )
    write_offer(content, "endet", titel="Lauftreff", termine=[
        {"tage": ["fr"], "von": "9:00", "bis": "10:00", "bis_datum": "2026-12-11"},
        {"tage": ["mo"], "von": "9:00", "bis": "10:00"},
    ], gueltig_bis="2026-12-20")  # fmt: skip
    write_offer(content, "vereinbarung", titel="Besuchsdienst", termine=[{"nach_vereinbarung": True}])


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """An empty content folder with offers/ inside."""
    folder = tmp_path / "content"
    (folder / "offers").mkdir(parents=True)
    return folder


@pytest.fixture(scope="session", autouse=True)
def fixed_today() -> Iterator[None]:
    """Builds run on 2026-11-25 unless a test says otherwise, so dates in fixtures stay meaningful. Session-wide,
    so that module-scoped sites built before any test function get the same date."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1795564800")  # 2026-11-25 00:00 UTC
        yield


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]):
    """Run build.py's main() with arguments, for the tests' town unless they name a --config; returns (exit code,
    stdout, stderr)."""

    def run(*args: str | Path) -> tuple[int, str, str]:
        town = [] if "--config" in args else ["--config", TOWN_CONFIG]
        code = main([str(a) for a in [*town, *args]])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def build_site(content: Path, out: Path, *extra: str) -> Path:
    """Build without the PDF of the Angebotsheft (a second of Chromium per build); test_public_pages.py builds it."""
    code = main(
        ["--config", str(TOWN_CONFIG), "build", "--content", str(content), "--out", str(out), "--no-pdf", *extra]
    )
    assert code == 0, f"build failed with exit code {code}"
    return out


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tests' town, built once for all tests that only read it."""
    return build_site(EXAMPLE_CONTENT, tmp_path_factory.mktemp("example") / "site")


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve a folder on 127.0.0.1 in a thread; yields the root URL."""
    with serve_folder(folder, "/") as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium driven by Playwright. Missing chromium: a skip locally, a failure in CI."""
    executable = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
    if executable is None:
        message = (
            "chromium fehlt – installieren mit: bash scripts/install-test-tools.sh (oder apt-get install chromium)"
        )
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="de-DE")
    page = context.new_page()
    yield page
    context.close()
