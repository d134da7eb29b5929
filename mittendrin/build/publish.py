"""Writes the site into a folder beside the output folder and swaps it in only when all of it is done; the site it
replaces is kept for the next build to start from (start_from_spare)."""

from __future__ import annotations

import contextlib
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


def start_from_spare(staging: Path, out: Path, keep: Callable[[str], bool]) -> None:
    """Put the site the last build replaced, if it kept it, in place of the new, empty staging folder, cleared by
    keep_only of all but the files `keep` names: at 10,000 offers that spares the file system 18,000 new folders
    and as many removed at the end. Nobody sees the kept site before it is cleared: it may hold files linked from
    the published site, which a write into it would change."""
    try:
        os.rename(spare_folder(out), staging)  # onto the empty folder, which it replaces
    except OSError:  # none kept, taken by a build beside this one, or something was written into staging
        return
    keep_only(staging, out, keep)


def spare_folder(out: Path) -> Path:
    """Where a build keeps the site it replaced, for the next build to start from (".site-vorrat" for "site")."""
    return out.with_name(f".{out.name}-vorrat")


def keep_as_spare(previous: Path, out: Path) -> None:
    try:
        os.rename(previous, spare_folder(out))
    except OSError:  # a build beside this one kept its own
        discard(previous)


def keep_only(folder: Path, published: Path, keep: Callable[[str], bool]) -> None:
    """Empty a staging folder of everything but the files `keep` names (relative paths, with "/") that are still the
    published file, and of the folders left empty. Sharing the inode means the same bytes: the build never writes
    into a published file, it writes new files and links the published ones."""

    def prune(path: str, prefix: str) -> bool:  # whether anything is left
        left = False
        for entry in list(os.scandir(path)):
            relative = prefix + entry.name
            if entry.is_dir(follow_symlinks=False):
                if prune(entry.path, relative + "/"):
                    left = True
                else:
                    os.rmdir(entry.path)
            elif keep(relative) and _is_published(entry, os.path.join(published, relative)):
                left = True
            else:
                os.unlink(entry.path)
        return left

    prune(os.fspath(folder), "")


def _is_published(entry: os.DirEntry[str], published_file: str) -> bool:
    try:
        return os.path.samestat(entry.stat(follow_symlinks=False), os.stat(published_file, follow_symlinks=False))
    except OSError:  # not published, or a file stands where the published site has a folder
        return False


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

    Returns the staging folder, which then holds the previous site (None when there was none), for the caller to
    keep or discard once nothing waits on it (deleting 10,000 pages takes seconds); a killed build's leftovers are
    discarded by the next build.
    """
    os.chmod(staging, 0o755)
    if out.exists() and _exchange(staging, out):
        return staging
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
        os.rename(old / "site", staging)
        os.rmdir(old)
        return staging
    os.rename(staging, out)
    return None


class Staging:
    """The new site, assembled in a folder beside the published one and swapped in whole. If anything fails on the
    way, the folder is thrown away and the published site stays as it was; the site it replaced is kept for the
    next build to start from."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.folder = staging_folder(out)
        self._replaced: Path | None = None

    def publish(self) -> None:
        self._replaced = publish(self.folder, self.out)

    def continue_from_published(self, leave_out: Callable[[str], bool]) -> None:
        """The site just replaced, brought up to date with the one just published less what `leave_out` names: the
        start of a second swap."""
        self.folder, self._replaced = self._replaced or staging_folder(self.out), None
        keep_only(self.folder, self.out, keep=lambda path: not leave_out(path))
        link_tree(self.out, self.folder, leave_out=leave_out)

    def __enter__(self) -> Staging:
        return self

    def __exit__(self, failed: type[BaseException] | None, *_: object) -> None:
        if failed:
            discard(self.folder)
        if self._replaced:
            keep_as_spare(self._replaced, self.out)


def link_tree(source: Path, target: Path, leave_out: Callable[[str], bool] = lambda _: False) -> None:
    """Hard-link every file below `source` into `target`, except those whose path (relative, with "/") `leave_out`
    names; published files are never written, so sharing them between two sites is safe. A file already in
    `target` is left as it is: there, only keep_only's are (the same file)."""
    for folder, subfolders, files in os.walk(source):
        relative = os.path.relpath(folder, source)
        prefix = "" if relative == "." else relative.replace(os.sep, "/") + "/"
        subfolders[:] = [d for d in subfolders if not leave_out(prefix + d + "/")]
        destination = os.path.join(target, prefix)  # strings, not Paths: this runs for every file of the site
        os.makedirs(destination, exist_ok=True)
        for name in files:
            if not leave_out(prefix + name):
                with contextlib.suppress(FileExistsError):
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
