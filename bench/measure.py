"""Runs one command as a whole process and measures its wall time and the peak memory of its process tree."""

from __future__ import annotations

import os
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mb: dict[str, float]  # per program name ("python", "pagefind", "hugo"): summed peaks of its processes


def measure(command: list[str], cwd: Path | None = None, env: dict[str, str] | None = None) -> Run:
    """Run `command` to the end; fail loudly if it fails, because a benchmark of a failed build means nothing.

    Peak memory comes from each process's own high-water mark (VmHWM), sampled every 20 ms over the whole tree,
    so the build's Python workers and Pagefind's binary are reported apart.
    """
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    peaks: dict[int, tuple[str, float]] = {}
    done = threading.Event()
    sampler = threading.Thread(target=_sample, args=(process.pid, peaks, done), daemon=True)
    sampler.start()
    output, _ = process.communicate()
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({process.returncode}):\n{output.decode(errors='replace')}")
    per_program: dict[str, float] = {}
    for name, peak in peaks.values():
        per_program[name] = per_program.get(name, 0.0) + peak
    return Run(seconds, per_program)


def _sample(root: int, peaks: dict[int, tuple[str, float]], done: threading.Event) -> None:
    while not done.is_set():
        for pid in _tree(root):
            status = _status(pid)
            if "VmHWM" in status:
                name = _program(status["Name"])
                peaks[pid] = (name, max(peaks.get(pid, (name, 0.0))[1], int(status["VmHWM"].split()[0]) / 1024))
        done.wait(0.02)


def _tree(root: int) -> list[int]:
    """The root process and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                stat = Path(entry.path, "stat").read_text()
            except OSError:
                continue
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(parent, []).append(int(entry.name))
    found, queue = [], [root]
    while queue:
        pid = queue.pop()
        found.append(pid)
        queue += children.get(pid, [])
    return found


def _status(pid: int) -> dict[str, str]:
    try:
        lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    except OSError:
        return {}
    return dict(line.split(":\t", 1) for line in lines if ":\t" in line)


def _program(name: str) -> str:
    name = name.strip().lower()
    return "python" if name.startswith("python") else name
