"""The build is safe to run again and again: killed or failing builds leave the previous site intact, removed
offers leave no stale pages, the build writes only into its output folder and never into content/."""

from __future__ import annotations

import errno
import gzip
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterable
from pathlib import Path

import pytest
from conftest import EXAMPLE_CONTENT, ROOT, TOWN_CONFIG, build_site, offer_text, write_offer

from mittendrin.build import publish as publishing
from mittendrin.build.pipeline import Paths, build, build_date, write_file
from mittendrin.build.publish import recover_interrupted
from mittendrin.content.problems import system_reason
from mittendrin.model.config import load_config

# Killed at a progress step, or (pagefind, chromium) while that program runs as a child of the build.
KILL_SCRIPT = textwrap.dedent(
    """
    import os, signal, sys, threading, time
    from pathlib import Path
    from mittendrin.model.config import load_config
    from mittendrin.build.pipeline import Paths, build, build_date

    content, out, point, town = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], Path(sys.argv[4])
    CHILD_STEPS = {"pagefind": "Baue den Suchindex", "chromium": "Drucke"}

    def kill_while_a_child_runs():
        tasks = Path(f"/proc/{os.getpid()}/task")
        while True:
            children = [pid for task in tasks.iterdir() for pid in (task / "children").read_text().split()]
            if children:
                os.kill(os.getpid(), signal.SIGKILL)
            time.sleep(0.0005)

    def progress(message):
        if message.startswith(CHILD_STEPS.get(point, "-")):
            threading.Thread(target=kill_while_a_child_runs, daemon=True).start()
        elif message.startswith(point):
            os.kill(os.getpid(), signal.SIGKILL)

    config = load_config(town)
    build(Paths(content, out), config, build_date(), progress, pdf=point == "chromium")
    """
)


def is_gone(pid: int) -> bool:
    """Ended: no process, or a zombie that only waits for init to collect it."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] in ("Z", "X")
    except FileNotFoundError:
        return True


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file below a folder with its bytes: equal snapshots mean a byte-for-byte identical tree."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}."))


AFTER_PAGES = (
    "Schreibe die offenen Daten",
    "Baue den Suchindex",
    "pagefind",
    "Veröffentliche",
)  # steps of an edit's second swap


def assert_whole_site(site: Path, before: dict[str, bytes], stopped_after_pages: bool) -> None:
    """The previous site unchanged; or, when an edit stopped after publishing its pages first, the new pages with the
    previous search index and open data (they come in a second swap)."""
    after = snapshot(site)
    if not stopped_after_pages:
        assert after == before
        return
    assert (site / "angebote" / "neu" / "index.html").is_file()
    assert not (site / "angebote" / "strickcafe").exists()
    data = ("pagefind/", "daten/")
    assert {name: b for name, b in after.items() if name.startswith(data)} == {
        name: b for name, b in before.items() if name.startswith(data)
    }


@pytest.fixture(params=["erster Bau", "mit Vorrat"])
def published(content: Path, tmp_path: Path, request: pytest.FixtureRequest) -> Path:
    """A site built from two offers; the content then changes, so a new build would differ. "mit Vorrat": built
    twice, so the next build starts from the site the second one replaced, whose unchanged files are linked from
    the published site (and its search index and open data, which the second build reused)."""
    write_offer(content, "erzaehlcafe", titel="Erzählcafé")
    write_offer(content, "strickcafe", titel="Strickcafé")
    site = build_site(content, tmp_path / "site")
    if request.param == "mit Vorrat":
        (content / "offers" / "erzaehlcafe.md").write_text(offer_text(titel="Erzählcafé am Markt"), encoding="utf-8")
        build_site(content, site)
        assert publishing.spare_folder(site).is_dir()
    write_offer(content, "neu", titel="Neues Angebot")
    (content / "offers" / "strickcafe.md").unlink()
    return site


@pytest.mark.parametrize(
    "point", ["Schreibe", "Schreibe die offenen Daten", "Baue den Suchindex", "pagefind", "chromium", "Veröffentliche"]
)
def test_a_build_killed_at_any_point_leaves_the_previous_site_intact(
    point: str, published: Path, content: Path
) -> None:
    if point == "chromium" and not shutil.which("chromium") and not os.environ.get("CI"):
        pytest.skip("chromium fehlt – installieren mit: bash scripts/install-test-tools.sh")
    before = snapshot(published)
    process = subprocess.run(
        [sys.executable, "-c", KILL_SCRIPT, content, published, point, TOWN_CONFIG],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert process.returncode == -signal.SIGKILL, process.stderr
    assert_whole_site(published, before, stopped_after_pages=point in AFTER_PAGES)

    # The next build cleans up after the killed one and publishes the new content.
    build_site(content, published)
    assert leftovers(published) == []
    assert (published / "angebote" / "neu" / "index.html").is_file()


def test_a_program_started_by_the_build_dies_with_it() -> None:
    """Pagefind and Chromium are started this way; killed with the build, they cannot write on into its folder."""
    script = (
        "import os, signal, subprocess\n"
        "from mittendrin.build.children import DIE_WITH_BUILD\n"
        "child = subprocess.Popen(['sleep', '30'], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, preexec_fn=DIE_WITH_BUILD)\n"
        "print(child.pid, flush=True)\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    process = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=False)
    assert process.returncode == -signal.SIGKILL
    child = int(process.stdout)
    deadline = time.monotonic() + 5
    while not is_gone(child) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert is_gone(child)


def test_a_write_that_fails_leaves_the_previous_site_intact(published: Path, content: Path) -> None:
    before = snapshot(published)
    written: list[Path] = []

    def disk_full_after_three_files(path: Path, parts: Iterable[str]) -> None:
        if len(written) == 3:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        written.append(path)
        write_file(path, parts)

    with pytest.raises(OSError, match="No space left"):
        build(
            Paths(content, published),
            load_config(TOWN_CONFIG),
            build_date(),
            pdf=False,
            write=disk_full_after_three_files,
        )
    assert snapshot(published) == before
    assert leftovers(published) == []


@pytest.mark.parametrize("step", ["Schreibe", "Schreibe die offenen Daten", "Baue den Suchindex", "Veröffentliche"])
def test_ctrl_c_at_any_step_leaves_the_previous_site_intact(step: str, published: Path, content: Path) -> None:
    before = snapshot(published)

    def interrupt(message: str) -> None:
        if message.startswith(step):
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build(Paths(content, published), load_config(TOWN_CONFIG), build_date(), interrupt, pdf=False)
    assert_whole_site(published, before, stopped_after_pages=step in AFTER_PAGES)
    assert leftovers(published) == []


def test_a_folder_that_cannot_be_written_is_a_german_message(cli, content: Path) -> None:
    write_offer(content, "kaffee")
    code, _, err = cli("build", "--content", content, "--out", "/proc/mittendrin-site")
    assert code == 1
    assert err.startswith("Fehler: Die Seite konnte nicht gebaut werden. ") and "/proc" in err
    assert "Die bisherige Seite ist unverändert." in err and "Traceback" not in err


def test_system_reasons_are_german_with_the_original_in_parentheses() -> None:
    full = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    assert system_reason(full) == "Auf dem Datenträger ist kein Platz mehr (No space left on device)"
    read_only = OSError(errno.EROFS, os.strerror(errno.EROFS))
    assert system_reason(read_only) == "Der Ordner ist schreibgeschützt (Read-only file system)"


def staging_without_exchange(published: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A staging folder holding a one-file site, on a system as if without renameat2 (the swap is two renames)."""
    staging = publishing.staging_folder(published)
    (staging / "index.html").write_text("neu", encoding="utf-8")
    monkeypatch.setattr(publishing, "_exchange", lambda a, b: False)
    return staging


def test_a_site_that_cannot_be_moved_aside_leaves_no_empty_folder(
    published: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A read-only site (or one on a file system without atomic exchange that refuses the rename)."""
    before = snapshot(published)
    staging = staging_without_exchange(published, monkeypatch)

    def refuse(source: os.PathLike, target: os.PathLike) -> None:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(source))

    monkeypatch.setattr(publishing.os, "rename", refuse)
    with pytest.raises(OSError, match="Read-only"):
        publishing.publish(staging, published)
    monkeypatch.undo()
    publishing.discard(staging)
    assert snapshot(published) == before
    assert leftovers(published) == []


def test_without_atomic_exchange_the_staging_folder_then_holds_the_previous_site(
    published: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(published)
    staging = staging_without_exchange(published, monkeypatch)
    assert publishing.publish(staging, published) == staging
    assert snapshot(published) == {"index.html": b"neu"}
    assert snapshot(staging) == before
    assert leftovers(published) == [staging.name]


def test_an_interrupted_swap_without_atomic_exchange_is_repaired(published: Path) -> None:
    before = snapshot(published)
    dead = subprocess.Popen(["true"])  # a process id that is no longer running
    dead.wait()
    moved_aside = published.parent / f".site.alt-{dead.pid}-abc123"
    half_built = published.parent / f".site.neu-{dead.pid}-def456"
    moved_aside.mkdir()
    half_built.mkdir()
    os.rename(published, moved_aside / "site")  # the state between the two renames of the fallback
    recover_interrupted(published)
    assert snapshot(published) == before
    assert leftovers(published) == []


def test_a_running_build_keeps_its_folder(published: Path) -> None:
    mine = published.parent / f".site.neu-{os.getpid()}-xyz"
    mine.mkdir()
    recover_interrupted(published)
    assert mine.is_dir()


def test_a_build_brings_the_site_it_replaced_up_to_date_instead_of_a_new_folder(content: Path, tmp_path: Path) -> None:
    write_offer(content, "erzaehlcafe", titel="Erzählcafé")
    write_offer(content, "strickcafe", titel="Strickcafé")
    site = build_site(content, tmp_path / "site")
    write_offer(content, "neu", titel="Neues Angebot")
    build_site(content, site)
    spare = publishing.spare_folder(site)  # the site replaced: an unchanged page is the published file
    assert (spare / "angebote" / "erzaehlcafe" / "index.html").samefile(
        site / "angebote" / "erzaehlcafe" / "index.html"
    )
    folders = {(tree / "angebote" / "erzaehlcafe").stat().st_ino for tree in (spare, site)}
    # Whatever else the kept site holds, and any file of it that is not the published one, is not published.
    (spare / "verirrt.html").write_text("verirrt", encoding="utf-8")
    (spare / "alt" / "ordner").mkdir(parents=True)
    (spare / "alt" / "ordner" / "index.html").write_text("alt", encoding="utf-8")
    page = spare / "angebote" / "strickcafe" / "index.html"
    page.unlink()  # was linked from the published site; now a file of its own with other bytes
    page.write_text("falsch", encoding="utf-8")
    (content / "offers" / "neu.md").write_text(offer_text(titel="Neues Angebot am Abend"), encoding="utf-8")

    build_site(content, site)

    assert (site / "angebote" / "erzaehlcafe").stat().st_ino in folders  # not made anew (an edit swaps twice)
    assert not (site / "verirrt.html").exists() and not (site / "alt").exists()
    assert "Strickcafé" in (site / "angebote" / "strickcafe" / "index.html").read_text(encoding="utf-8")
    clean = build_site(content, tmp_path / "sauber")
    names, clean_names = snapshot(site).keys(), snapshot(clean).keys()
    # Pagefind names some files after a hash of bytes that vary from run to run: of those, the count.
    assert {n for n in names if not n.startswith("pagefind/")} == {
        n for n in clean_names if not n.startswith("pagefind/")
    }
    assert len(names) == len(clean_names)
    for name in ("angebote/strickcafe/index.html", "angebote/neu/index.html", "angebote/index.html"):
        assert (site / name).read_bytes() == (clean / name).read_bytes()
    assert leftovers(site) == []


def test_keep_only_keeps_the_files_named_that_are_the_published_ones(tmp_path: Path) -> None:
    published, staging = tmp_path / "site", tmp_path / "staging"
    for name in ("a/same.html", "a/copy.html", "b/gone.html", "c/d/same.html"):
        (published / name).parent.mkdir(parents=True, exist_ok=True)
        (published / name).write_text(name, encoding="utf-8")
    for name in ("a/same.html", "b/gone.html", "c/d/same.html", "e/not-named.html"):
        (staging / name).parent.mkdir(parents=True, exist_ok=True)
        os.link(published / name if name != "e/not-named.html" else published / "a/same.html", staging / name)
    (staging / "a" / "copy.html").write_text("a/copy.html", encoding="utf-8")  # same bytes, not the same file
    (staging / "leer").mkdir()

    publishing.keep_only(staging, published, keep=lambda path: path != "b/gone.html")

    assert sorted(str(p.relative_to(staging)) for p in staging.rglob("*")) == [
        "a", "a/same.html", "c", "c/d", "c/d/same.html"
    ]  # fmt: skip
    assert snapshot(published)["a/copy.html"] == b"a/copy.html"


def test_no_stale_page_survives_a_successful_build(published: Path, content: Path) -> None:
    assert (published / "angebote" / "strickcafe" / "index.html").is_file()
    build_site(content, published)
    assert not (published / "angebote" / "strickcafe").exists()
    assert "strickcafe" not in (published / "angebote" / "index.html").read_text(encoding="utf-8")
    assert not any("strickcafe" in p.read_text(encoding="utf-8") for p in published.rglob("*.html"))


@pytest.mark.parametrize(
    ("out", "says"),
    [
        (".", "enthält"),  # the repo root
        ("content", "enthält"),
        ("content/offers/site", "liegt in"),
        ("templates", "enthält"),
    ],
)
def test_the_build_refuses_source_folders_as_output(out: str, says: str, cli) -> None:
    before = snapshot(ROOT / "content")
    code, _, err = cli("--config", ROOT / "config.toml", "build", "--out", ROOT / out)  # the repository's own town
    assert code == 1
    assert f"Fehler: Der Ausgabeordner „{ROOT / out}“ {says}" in err
    assert snapshot(ROOT / "content") == before
    assert not (ROOT / "content" / "offers" / "site").exists()


def test_the_build_refuses_a_parent_of_content_and_a_foreign_folder(cli, content: Path, tmp_path: Path) -> None:
    write_offer(content, "kaffee")
    code, _, err = cli("build", "--content", content, "--out", tmp_path)
    assert code == 1 and f"„{tmp_path}“ enthält „{content}“" in err
    foreign = tmp_path / "fotos"
    foreign.mkdir()
    (foreign / "urlaub.jpg").write_bytes(b"\xff\xd8")
    code, _, err = cli("build", "--content", content, "--out", foreign)
    assert code == 1 and "enthält keine mit Mittendrin gebaute Seite" in err
    assert snapshot(foreign) == {"urlaub.jpg": b"\xff\xd8"}


def test_no_command_writes_moves_or_deletes_anything_in_content(cli, content: Path, tmp_path: Path) -> None:
    write_offer(content, "kaffee")
    write_offer(content, "kaputt", "---\ntitel: [\n---\n")
    (content / "offers" / "_entwurf.md").write_text("Entwurf", encoding="utf-8")

    def state() -> dict[str, tuple[bytes, int]]:
        return {str(p.relative_to(content)): (p.read_bytes(), p.stat().st_mtime_ns) for p in content.rglob("*")
                if p.is_file()}  # fmt: skip

    before = state()
    assert cli("check", "--content", content)[0] == 1
    assert cli("build", "--content", content, "--out", tmp_path / "site")[0] == 1
    (content / "offers" / "kaputt.md").rename(tmp_path / "kaputt.md")
    before.pop("offers/kaputt.md")
    assert cli("build", "--content", content, "--out", tmp_path / "site")[0] == 0
    assert cli("build", "--content", content, "--out", tmp_path / "site")[0] == 0
    assert cli("report", "--content", content, "--csv", tmp_path / "abdeckung.csv")[0] == 0
    code, _, err = cli("report", "--content", content, "--csv", content / "offers" / "kaffee.md")
    assert code == 1 and "dort wird nichts geschrieben" in err
    assert state() == before
    assert sorted(p.name for p in content.iterdir()) == ["offers"]


# Pagefind 1.5.2 writes its filter and metadata files with their entries in a different order on every run
# (https://github.com/Pagefind/pagefind/issues/638); their names are hashes of that content. Everything else,
# everything we write and Pagefind's index and fragments, must be byte-identical.
PAGEFIND_UNORDERED = ("pagefind/filter/", "pagefind/pagefind.", "pagefind/pagefind-entry.json")


def test_two_builds_in_different_folders_and_times_are_byte_identical(tmp_path: Path, monkeypatch) -> None:
    content = EXAMPLE_CONTENT
    monkeypatch.chdir(tmp_path)
    first = snapshot(build_site(content, tmp_path / "eins" / "site"))
    monkeypatch.chdir(ROOT)
    second = snapshot(build_site(content, tmp_path / "zwei" / "tiefer" / "ausgabe"))
    ours = {name for name in first if not name.startswith(PAGEFIND_UNORDERED) or name.endswith((".js", ".css"))}
    assert len(ours) > 50
    assert {name: first[name] for name in ours} == {name: second.get(name) for name in ours}
    assert set(first) - ours and all(name.startswith(PAGEFIND_UNORDERED) for name in set(first) - ours)
    # What Pagefind writes out of order holds the same bytes in another order.
    assert _unordered(first) == _unordered(second)


def _unordered(files: dict[str, bytes]) -> list[tuple[str, list[int]]]:
    result = []
    for name, data in files.items():
        if name.startswith(PAGEFIND_UNORDERED) and not name.endswith((".js", ".css")):
            if name.endswith("pagefind-entry.json"):
                entry = json.loads(data)
                entry["languages"]["de"].pop("hash")
                result.append((name, sorted(json.dumps(entry).encode())))
            else:
                # The metadata names the filter files by their hashes, which differ with the order.
                content = re.sub(rb"_[0-9a-f]{7,}", b"", gzip.decompress(data))
                result.append((re.sub(r"_[0-9a-f]{7,}", "", name), sorted(content)))
    return sorted(result)


def test_a_failing_search_index_is_a_german_message_and_leaves_a_whole_site(
    cli, published: Path, content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "pagefind"
    broken.write_text("#!/bin/sh\necho 'Error: Speicher voll' >&2\nexit 3\n")
    broken.chmod(0o755)
    monkeypatch.setattr("pagefind.service.get_executable", lambda: broken)

    fresh = tmp_path / "neu"
    code, _, err = cli("build", "--content", content, "--out", fresh, "--no-pdf")
    assert code == 1
    assert "Fehler: Der Suchindex konnte nicht erstellt werden: Error: Speicher voll" in err
    assert "Bauen Sie die Seite noch einmal" in err
    assert not fresh.exists() and leftovers(fresh) == []

    before = snapshot(published)
    code, _, err = cli("build", "--content", content, "--out", published, "--no-pdf")
    assert code == 1 and "Speicher voll" in err
    assert_whole_site(published, before, stopped_after_pages=True)  # an edit's pages went out before the index
    assert leftovers(published) == []
