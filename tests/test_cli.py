"""The command line as staff use it: exit codes, messages, serving with rebuild on change."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import ROOT, TOWN_CONFIG, write_offer

from mittendrin.cli import _parser


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def wait_for(condition, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if condition():
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError("timed out")


def test_serve_builds_serves_and_rebuilds_on_change(content: Path, tmp_path: Path) -> None:
    offer = write_offer(content, "treff", titel="Nachbarschaftstreff")
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, str(ROOT / "build.py"), "--config", str(TOWN_CONFIG), "serve", "--content", str(content),
         "--out", str(tmp_path / "site"), "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env={**os.environ},
    )  # fmt: skip
    try:
        page = f"http://127.0.0.1:{port}/angebote/treff/"
        wait_for(lambda: "Nachbarschaftstreff" in fetch(page))
        assert f'href="http://127.0.0.1:{port}/angebote/treff/"' in fetch(page), "links point at the local server"
        offer.write_text(offer.read_text(encoding="utf-8").replace("Nachbarschaftstreff", "Stadtteiltreff"), "utf-8")
        wait_for(lambda: "Stadtteiltreff" in fetch(page))
    finally:
        server.send_signal(signal.SIGINT)  # Ctrl+C, as the message says
        output, _ = server.communicate(timeout=10)
    assert f"Die Seite läuft unter http://127.0.0.1:{port}/" in output
    assert "Änderung erkannt, baue neu" in output
    assert "ist nicht zum Veröffentlichen; die Seite zum Veröffentlichen baut „python build.py build“" in output


def test_serve_builds_its_preview_beside_the_site_not_into_it() -> None:
    """A preview links to 127.0.0.1: in site/ it would look publishable."""
    assert _parser().parse_args(["serve"]).out == ROOT / "vorschau"
    assert _parser().parse_args(["build"]).out == ROOT / "site"


def test_unknown_config_is_a_message_not_a_traceback(tmp_path: Path, cli) -> None:
    code, _, err = cli("--config", tmp_path / "fehlt.toml", "check")
    assert code == 1
    assert err.strip() == f"Fehler: {tmp_path / 'fehlt.toml'}: Die Konfigurationsdatei fehlt."


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('bundesland = "NW"', 'bundesland = "XY"', "„XY“ kennt die Feiertagsbibliothek nicht. Bundesländer: BB, BE, BW"),
        ("von = 2026-12-23", 'von = "23.12.2026"', "„von“ in [[schulferien]] muss ein Datum sein, zum Beispiel 2026-12-23."),
        ("bis = 2026-05-26", "bis = 2026-05-25", "schulferien „Pfingstferien“: von und bis als Datum (2026-12-23), bis nicht vor von"),
    ],
    ids=["bundesland", "datum-als-text", "bis-vor-von"],
)  # fmt: skip
def test_holidays_in_the_config_are_checked(tmp_path: Path, cli, old: str, new: str, message: str) -> None:
    text = TOWN_CONFIG.read_text(encoding="utf-8")
    assert old in text
    (tmp_path / "config.toml").write_text(text.replace(old, new, 1), encoding="utf-8")
    code, _, err = cli("--config", tmp_path / "config.toml", "check")
    assert code == 1 and message in err and "Traceback" not in err


def test_refuses_to_build_over_a_foreign_folder(content: Path, tmp_path: Path, cli) -> None:
    write_offer(content, "treff")
    foreign = tmp_path / "dokumente"
    foreign.mkdir()
    (foreign / "brief.txt").write_text("wichtig")
    code, _, err = cli("build", "--content", content, "--out", foreign)
    assert code == 1
    assert "ist nicht leer und enthält keine mit Mittendrin gebaute Seite" in err
    assert (foreign / "brief.txt").read_text() == "wichtig"


def test_refuses_to_build_into_the_content_folder(content: Path, cli) -> None:
    write_offer(content, "treff")
    code, _, err = cli("build", "--content", content, "--out", content)
    assert code == 1
    assert "würde beim Bauen ersetzt" in err
    assert (content / "offers" / "treff.md").exists()


def test_empty_content_folder_is_an_error(content: Path, cli) -> None:
    code, _, err = cli("check", "--content", content)
    assert code == 1
    assert "Hier liegt keine einzige Angebotsdatei (.md)." in err


@pytest.mark.parametrize("command", ["check", "build"])
def test_a_loop_of_links_names_each_file_and_what_to_do(content: Path, tmp_path: Path, cli, command: str) -> None:
    write_offer(content, "kaffee")
    offers = content / "offers"
    (offers / "a.md").symlink_to("b.md")
    (offers / "b.md").symlink_to("a.md")
    extra = ["--out", tmp_path / "site", "--no-pdf"] if command == "build" else []
    code, out, err = cli(command, "--content", content, *extra)
    assert code == 1
    for name in ("a.md", "b.md"):
        assert f"{name}, Zeile 1: Fehler: „{name}“ ist ein Verweis (Symlink)" in out + err
    assert "Löschen Sie den Verweis" in out + err
    assert "symbolic links" not in out + err and "geschrieben" not in out + err


def test_a_long_build_shows_a_bar_per_stage_at_a_terminal_and_none_in_logs(tmp_path: Path) -> None:
    """`script` gives the build a terminal (80 columns), as a member of staff running it by hand has."""
    town = ["--config", str(TOWN_CONFIG)]
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "generate.py"), "220", str(tmp_path / "inhalt"), *town], check=True
    )
    build = [sys.executable, str(ROOT / "build.py"), *town, "build", "--no-pdf", "--content", str(tmp_path / "inhalt")]
    at_terminal = subprocess.run(
        ["script", "-qec", f"stty cols 80 rows 24; {' '.join(build)} --out {tmp_path / 'site'}", "/dev/null"],
        capture_output=True,
        text=True,
    )
    assert at_terminal.returncode == 0, at_terminal.stdout
    assert "Prüfen:" in at_terminal.stdout and "Seiten:" in at_terminal.stdout and "/220 [" in at_terminal.stdout
    in_a_log = subprocess.run([*build, "--out", str(tmp_path / "log")], capture_output=True, text=True)
    assert in_a_log.returncode == 0 and "Prüfen:" not in in_a_log.stdout + in_a_log.stderr


def test_a_python_without_the_projects_packages_gets_told_how_to_start_instead_of_a_traceback() -> None:
    """`python build.py check` with the system's Python, as a newcomer types it: -S leaves site-packages out."""
    started = subprocess.run([sys.executable, "-S", "build.py", "check"], cwd=ROOT, capture_output=True, text=True)
    assert (started.returncode, started.stdout, "Traceback" in started.stderr) == (1, "", False)
    assert started.stderr.startswith("Dieses Python kennt das Paket „")
    assert started.stderr.endswith("starten Sie dann mit: .venv/bin/python build.py …\n")
