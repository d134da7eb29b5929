"""Runs one command as a whole process and measures its wall time or the peak memory of its process tree.

Not both in one run: reading the memory of every process every 20 ms takes about half a core, and on a two-core
machine that is time taken from a build that uses both. So a benchmark row is timed in runs without sampling and
gets its memory from one more run that is sampled and not timed (bench/run.py, `repeat`)."""

from __future__ import annotations

import os
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mb: dict[str, float]  # per program ("python", "pagefind", "hugo"): the peak of its processes' summed PSS
    seen_after: float | None = None  # when `watch` first held, in seconds from the start (None: never)


def measure(
    command: list[str],
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    watch: Callable[[], bool] | None = None,
    sample_memory: bool = False,
) -> Run:
    """Run `command` to the end; fail loudly if it fails, because a benchmark of a failed build means nothing.

    With `sample_memory`, peak memory is sampled every 20 ms over the whole process tree as proportional set size (PSS: shared pages
    split between the processes sharing them, so forked workers are not counted twice), summed per program, so the
    build's Python processes and Pagefind's binary are reported apart. `watch`, if given, is asked every 5 ms
    from outside the process whether its result is visible yet (say, an edited page published).
    """
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    peaks: dict[str, float] = {}
    done = threading.Event()
    sampler = threading.Thread(target=_sample, args=(process.pid, peaks, done), daemon=True)
    if sample_memory:
        sampler.start()
    seen: list[float] = []
    if watch:
        threading.Thread(target=_watch, args=(watch, started, seen, done), daemon=True).start()
    output, _ = process.communicate()
    seconds = time.perf_counter() - started
    if watch and not seen and watch():
        seen.append(seconds)
    done.set()
    if sample_memory:
        sampler.join()
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({process.returncode}):\n{output.decode(errors='replace')}")
    return Run(seconds, peaks, seen[0] if seen else None)


def _watch(watch: Callable[[], bool], started: float, seen: list[float], done: threading.Event) -> None:
    while not done.is_set():
        if watch():
            seen.append(time.perf_counter() - started)
            return
        done.wait(0.005)


def _sample(root: int, peaks: dict[str, float], done: threading.Event) -> None:
    while not done.is_set():
        now: dict[str, float] = {}
        for pid in _tree(root):
            name, megabytes = _pss(pid)
            if name:
                now[name] = now.get(name, 0.0) + megabytes
        for name, megabytes in now.items():
            peaks[name] = max(peaks.get(name, 0.0), megabytes)
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


def _pss(pid: int) -> tuple[str, float]:
    """The program name and its proportional set size in MB; ("", 0) once the process has gone."""
    try:
        name = Path(f"/proc/{pid}/comm").read_text().strip().lower()
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return "", 0.0
    kilobytes = next((int(line.split()[1]) for line in rollup.splitlines() if line.startswith("Pss:")), 0)
    return ("python" if name.startswith("python") else name), kilobytes / 1024
