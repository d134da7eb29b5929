"""The files a town's config names: its logo in every header, and the video in Deutscher Gebärdensprache (BITV 2.0
Anlage 2) – a tiny one that ffmpeg makes, with WebVTT captions – on the start page and /leichte-sprache/ with its
player, captions and download link."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from audit import require
from bs4 import BeautifulSoup
from conftest import TOWN_CONFIG, serve, write_offer

from mittendrin.cli import main
from mittendrin.model.config import ConfigError, load_config

CAPTIONS = "WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nWillkommen bei Mittendrin.\n"
SECTION = """
[gebaerdensprache]
video = "content/medien/willkommen-dgs.mp4"
untertitel = "content/medien/willkommen-dgs.vtt"
poster = "content/medien/willkommen-dgs.jpg"
dauer = "0:02"
"""
LOGO = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40"><circle cx="20" cy="20" r="18" fill="#235"/></svg>'


def make_video(folder: Path) -> None:
    """Two seconds of ffmpeg's test picture at 320 × 240 and 25 frames per second (the least Anlage 2 allows)."""
    require("ffmpeg", "bash scripts/install-test-tools.sh (oder apt-get install ffmpeg)")
    folder.mkdir(parents=True, exist_ok=True)
    video = folder / "willkommen-dgs.mp4"
    source = ["-f", "lavfi", "-i", "testsrc=size=320x240:rate=25:duration=2"]
    encode = ["-c:v", "libx264", "-pix_fmt", "yuv420p", "-movflags", "+faststart"]
    subprocess.run(["ffmpeg", "-v", "error", "-y", *source, *encode, str(video)], check=True, timeout=60)
    subprocess.run(
        ["ffmpeg", "-v", "error", "-y", "-i", str(video), "-frames:v", "1", str(folder / "willkommen-dgs.jpg")],
        check=True,
        timeout=60,
    )
    (folder / "willkommen-dgs.vtt").write_text(CAPTIONS, encoding="utf-8")


@pytest.fixture(scope="module")
def town(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A town folder with a config naming the video, and one offer."""
    folder = tmp_path_factory.mktemp("stadt")
    make_video(folder / "content" / "medien")
    write_offer(folder / "content", "treff")
    (folder / "content" / "medien" / "wappen.svg").write_text(LOGO, encoding="utf-8")
    shipped = (TOWN_CONFIG).read_text(encoding="utf-8")
    with_logo = shipped.replace(
        'town = "Herne"\n', 'town = "Herne"\nlogo = "content/medien/wappen.svg"\nlogo_alt = "Stadt Herne"\n'
    )
    (folder / "config.toml").write_text(with_logo + SECTION, "utf-8")
    return folder, folder / "config.toml"


@pytest.fixture(scope="module")
def site(town: tuple[Path, Path]) -> Path:
    folder, config = town
    code = main(
        [
            "--config",
            str(config),
            "build",
            "--content",
            str(folder / "content"),
            "--out",
            str(folder / "site"),
            "--no-pdf",
        ]
    )
    assert code == 0
    return folder / "site"


def test_the_shipped_config_has_no_video() -> None:
    assert load_config(TOWN_CONFIG).sign_video is None


def test_a_missing_video_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text((TOWN_CONFIG).read_text(encoding="utf-8") + SECTION, "utf-8")
    with pytest.raises(ConfigError, match=r"willkommen-dgs\.mp4“: Diese Datei gibt es nicht"):
        load_config(path)


@pytest.mark.browser
@pytest.mark.parametrize("path", ["", "leichte-sprache/"])
def test_the_video_plays_with_captions_and_can_be_downloaded(browser, site: Path, path: str) -> None:
    size = (site / "medien" / "willkommen-dgs.mp4").stat().st_size
    assert size == (site.parent / "content" / "medien" / "willkommen-dgs.mp4").stat().st_size  # copied into the site
    context = browser.new_context(locale="de-DE")
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("requestfailed", lambda request: problems.append(f"{request.url}: {request.failure}"))
    try:
        with serve(site) as root:
            page.goto(root + path)
            video = page.locator(".dgs video[controls]")
            assert video.get_attribute("poster") == "/medien/willkommen-dgs.jpg"
            assert video.locator("source").get_attribute("src") == "/medien/willkommen-dgs.mp4"
            track = video.locator("track[kind=captions][srclang=de]")
            assert track.get_attribute("src") == "/medien/willkommen-dgs.vtt"
            # The browser loaded the video's metadata and the captions (TextTrack readyState 2: LOADED).
            page.wait_for_function(
                "() => { const v = document.querySelector('.dgs video'); return v.readyState >= 1 && "
                "document.querySelector('.dgs track').readyState === 2; }",
                timeout=10_000,
            )
            cue = page.evaluate("() => document.querySelector('.dgs video').textTracks[0].cues[0].text")
            assert cue == "Willkommen bei Mittendrin."
            assert page.evaluate("() => document.querySelector('.dgs video').duration") == pytest.approx(2, abs=0.1)
            download = page.get_by_role(
                "link", name=f"Video herunterladen (MP4, {round(size / 1000)} KB, 0:02 Minuten)"
            )
            assert download.get_attribute("href") == "/medien/willkommen-dgs.mp4"
            assert download.get_attribute("download") is not None
    finally:
        context.close()
    assert problems == []  # a Content-Security-Policy violation is a console error


def test_only_the_start_page_and_leichte_sprache_show_the_video(site: Path) -> None:
    shown = {p.parent.relative_to(site).as_posix() for p in site.rglob("*.html") if "<video" in p.read_text("utf-8")}
    assert shown == {".", "leichte-sprache"}


def test_the_logo_is_in_every_pages_header_with_its_alternative_text(site: Path) -> None:
    assert (site / "medien" / "wappen.svg").read_text(encoding="utf-8") == LOGO
    pages = [p for p in sorted(site.rglob("*.html")) if 'id="inhalt"' in p.read_text(encoding="utf-8")]
    assert len(pages) > 20  # every whole page; heute/<date>.html are parts that /heute/ loads into itself
    for path in pages:
        header = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").find("header")
        logo = header.select_one("a.site-name img.site-logo") if header else None
        assert logo is not None, path
        assert (logo["src"], logo["alt"]) == ("/medien/wappen.svg", "Stadt Herne"), path
        assert "Herne" in header.select_one(".site-name").get_text(), path  # the town's name beside it


def test_a_logo_needs_its_alternative_text(tmp_path: Path) -> None:
    (tmp_path / "logo.png").write_bytes(b"\x89PNG")
    path = tmp_path / "config.toml"
    shipped = (TOWN_CONFIG).read_text(encoding="utf-8")
    path.write_text(shipped.replace('town = "Herne"\n', 'town = "Herne"\nlogo = "logo.png"\n'), "utf-8")
    with pytest.raises(ConfigError, match="logo_alt"):
        load_config(path)


@pytest.mark.parametrize(
    ("page", "absent"),
    [
        ("leichte-sprache", "Es gibt noch keine Filme in Gebärden·sprache."),
        ("barrierefreiheit", "Informationen zu dieser Seite in Deutscher Gebärdensprache gibt es noch nicht."),
    ],
)
def test_the_text_pages_say_there_is_no_sign_language_video_only_while_there_is_none(
    site: Path, example_site: Path, page: str, absent: str
) -> None:
    with_video = (site / page / "index.html").read_text(encoding="utf-8")
    without = (example_site / page / "index.html").read_text(encoding="utf-8")
    assert (absent in without, absent in with_video) == (True, False)
    assert "gebaerdensprache -->" not in with_video + without and "<!-- ende" not in with_video + without
