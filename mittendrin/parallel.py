"""Spreads a big, evenly divisible job over the machine's cores; small jobs stay in this process."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

# Below this many items starting processes costs more than it saves (about 0.1 s against 1–2 ms per offer).
MIN_ITEMS_PER_PROCESS = 200
_shared: tuple = ()


def process_count(items: int) -> int:
    """How many processes to use: MITTENDRIN_WORKERS if set (tests force 2), else one per core for big jobs."""
    chosen = os.environ.get("MITTENDRIN_WORKERS", "").strip()
    if chosen.isdigit() and int(chosen) > 0:
        return min(int(chosen), max(items, 1))
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return max(1, min(cores, items // MIN_ITEMS_PER_PROCESS))


def run_in_parts(task: Callable[..., list[Result]], items: Sequence[Item], *shared: object) -> list[Result]:
    """task(part_of_items, *shared) over interleaved parts of `items` in parallel, results in the order of `items`.

    `task` must be a module-level function (spawn pickles it by name). `shared` reaches each process once: inherited
    under fork (Linux, no copying), pickled under spawn. Each part gets every n-th item, so expensive and cheap
    items spread evenly.
    """
    parts = process_count(len(items))
    if parts <= 1:
        return task(items, *shared)
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    with context.Pool(parts, initializer=_keep_shared, initargs=(items, task, shared)) as pool:
        results = pool.map(_run_part, [(part, parts) for part in range(parts)])
    ordered: list[Result] = [None] * len(items)  # type: ignore[list-item]
    for part, found in enumerate(results):
        ordered[part::parts] = found
    return ordered


def _keep_shared(items: Sequence, task: Callable, shared: tuple) -> None:
    global _shared
    _shared = (items, task, shared)


def _run_part(where: tuple[int, int]) -> list:
    part, parts = where
    items, task, shared = _shared
    return task(items[part::parts], *shared)
