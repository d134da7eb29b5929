"""Writes the site into a fresh folder beside the output folder and swaps it in only when all of it is done."""

from __future__ import annotations

import ctypes
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


class OutputFolderError(Exception):
    """The output folder is one the build must not replace; the message is German."""


def check_output_folder(out: Path, project: Path, sources: list[Path]) -> None:
    """Refuse to replace a folder that holds sources (the repo, content/), lies inside them, or was not built by us."""
    target = out.resolve()
    for folder in [project, *sources]:
        folder = folder.resolve()
        if target == folder or target in folder.parents:
            raise OutputFolderError(
                f"Der Ausgabeordner „{out}“ enthält „{folder}“ und würde beim Bauen ersetzt. Wählen Sie einen eigenen "
                "Ordner, zum Beispiel --out site."
            )
    for folder in sources:
        if folder.resolve() in target.parents:
            raise OutputFolderError(
                f"Der Ausgabeordner „{out}“ liegt in „{folder}“; dort liegen Quelldateien, in die nie geschrieben wird. "
                "Wählen Sie einen Ordner außerhalb, zum Beispiel --out site."
            )
    if target.exists() and not target.is_dir():
        raise OutputFolderError(f"„{out}“ ist eine Datei, kein Ordner. Wählen Sie einen anderen Ausgabeordner.")
    if target.is_dir() and any(target.iterdir()) and not (target / "index.html").is_file():
        raise OutputFolderError(
            f"Der Ordner „{out}“ ist nicht leer und enthält keine mit Mittendrin gebaute Seite. Er wird nicht "
            "überschrieben; wählen Sie einen leeren oder neuen Ordner."
        )


def staging_folder(out: Path) -> Path:
    """A new, empty folder on the same file system as the output folder, so the swap is a rename.

    Its name carries the process id, so a later build can tell the leftovers of a killed build from the folder of
    a build that is still running.
    """
    out.parent.mkdir(parents=True, exist_ok=True)
    recover_interrupted(out)
    return Path(tempfile.mkdtemp(prefix=f".{out.name}.neu-{os.getpid()}-", dir=out.parent))


def recover_interrupted(out: Path) -> None:
    """Clean up after builds that were killed: put a previous site back if it was moved aside, drop half-built ones."""
    for kind in ("alt", "neu"):
        prefix = f".{out.name}.{kind}-"
        for folder in sorted(out.parent.glob(f"{prefix}*-*")):
            pid = folder.name.removeprefix(prefix).split("-")[0]
            if not pid.isdigit() or _is_running(int(pid)):
                continue
            if kind == "alt" and not out.exists() and (folder / "site").is_dir():
                os.rename(folder / "site", out)
            discard(folder)


def _is_running(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # signal 0 only asks whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:  # it exists, but belongs to another user
        pass
    return True


def discard(staging: Path) -> None:
    shutil.rmtree(staging, ignore_errors=True)


def publish(staging: Path, out: Path) -> Path | None:
    """Put the finished staging folder in place of the output folder in one step.

    Returns the folder now holding the previous site, for the caller to discard once nothing waits on it (deleting
    10,000 pages takes seconds); a killed build's leftovers are discarded by the next build.
    """
    os.chmod(staging, 0o755)
    if out.exists() and _exchange(staging, out):
        return staging  # after the exchange, the staging path holds the previous site
    if out.exists():
        # Without an atomic exchange there is a moment without a site; a killed build is repaired by the next one.
        old = Path(tempfile.mkdtemp(prefix=f".{out.name}.alt-{os.getpid()}-", dir=out.parent))
        try:
            os.rename(out, old / "site")
        except OSError:  # a site that cannot be moved (say, a read-only folder) stays as it is
            discard(old)
            raise
        try:
            os.rename(staging, out)
        except OSError:
            os.rename(old / "site", out)
            discard(old)
            raise
        return old
    os.rename(staging, out)
    return None


class Staging:
    """The new site, assembled in a folder beside the published one and swapped in whole. If anything fails on the
    way, the folders are thrown away and the published site stays as it was; the sites it replaced go at the end."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.folder = staging_folder(out)
        self._replaced: list[Path] = []

    def publish(self) -> None:
        replaced = publish(self.folder, self.out)
        if replaced:
            self._replaced.append(replaced)

    def continue_from_published(self, leave_out: Callable[[str], bool]) -> None:
        """A new folder holding the site just published, less what `leave_out` names: the start of a second swap."""
        self.folder = staging_folder(self.out)
        link_tree(self.out, self.folder, leave_out=leave_out)

    def __enter__(self) -> Staging:
        return self

    def __exit__(self, failed: type[BaseException] | None, *_: object) -> None:
        if failed:
            discard(self.folder)
        for folder in self._replaced:
            discard(folder)


def link_tree(source: Path, target: Path, leave_out: Callable[[str], bool] = lambda _: False) -> None:
    """Hard-link every file below `source` into `target`, except those whose path (relative, with "/") `leave_out`
    names; published files are never written, so sharing them between two sites is safe."""
    for folder, subfolders, files in os.walk(source):
        relative = os.path.relpath(folder, source)
        prefix = "" if relative == "." else relative.replace(os.sep, "/") + "/"
        subfolders[:] = [d for d in subfolders if not leave_out(prefix + d + "/")]
        destination = os.path.join(target, prefix)  # strings, not Paths: this runs for every file of the site
        os.makedirs(destination, exist_ok=True)
        for name in files:
            if not leave_out(prefix + name):
                os.link(os.path.join(folder, name), os.path.join(destination, name))


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two folders (Linux renameat2); False where the system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0
