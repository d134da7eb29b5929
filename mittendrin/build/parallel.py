"""Spreads a big, evenly divisible job over the machine's cores; small jobs stay in this process."""

from __future__ import annotations

import contextlib
import ctypes
import gc
import multiprocessing
import os
import threading
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

# Below this many items starting processes costs more than it saves (about 0.1 s against 1–2 ms per offer).
MIN_ITEMS_PER_PROCESS = 200


def process_count(items: int) -> int:
    """How many processes to use: MITTENDRIN_WORKERS if set (tests force 2), else one per core for big jobs."""
    chosen = os.environ.get("MITTENDRIN_WORKERS", "").strip()
    if chosen.isdigit() and int(chosen) > 0:
        return min(int(chosen), max(items, 1))
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return max(1, min(cores, items // MIN_ITEMS_PER_PROCESS))


Advance = Callable[[int], None]  # moves a progress bar on by so many items


def run_in_parts(
    task: Callable[..., list[Result]],
    items: Sequence[Item],
    *shared: object,
    here: Callable[[Item], bool] = lambda _: False,
    advance: Advance = lambda _: None,
    fresh: bool = False,
) -> list[Result]:
    """task(part_of_items, *shared), one result per item, over interleaved parts of `items` in parallel processes;
    the results come back in the order of `items`.

    Each part gets every n-th item, so expensive and cheap items spread evenly. Items for which `here` holds stay
    in this process: those that read all the data (listing pages), because in a forked process reference counting
    writes to every object read and so copies nearly all the memory it inherits. With `fresh`, the other parts run
    in new Pythons that get their items and `shared` pickled (see Background). `task` must be a module-level
    function (spawn pickles it by name).
    """
    parts = process_count(len(items))
    if parts <= 1:
        return task(Counted(items, advance), *shared)
    local: list[int] = []
    spread: list[int] = []
    for index, item in enumerate(items):
        (local if here(item) else spread).append(index)
    chosen = [spread[part::parts] for part in range(parts)]
    chosen[0] = local + chosen[0]
    # The first part runs here: one process fewer holding its own copy of everything it touches.
    running = [Background(task, [items[i] for i in chosen[part]], *shared, fresh=fresh) for part in range(1, parts)]
    try:
        # Progress as this process sees its own part, which holds every n-th item: the others keep about pace.
        mine = Counted([items[i] for i in chosen[0]], lambda n: advance(n * len(items) // max(len(chosen[0]), 1)))
        found = [task(mine, *shared)] + [run.wait() for run in running]
    except BaseException:
        for run in running:
            run.stop()
        raise
    ordered: list[Result] = [None] * len(items)  # type: ignore[list-item]
    for indices, results in zip(chosen, found, strict=True):
        for index, result in zip(indices, results, strict=True):
            ordered[index] = result
    return ordered


class Background:
    """A task running in another process while this one goes on.

    Arguments reach the process without copying under fork (Linux) and pickled under spawn; the result and any
    exception come back pickled. `fresh` starts a new Python (spawn) even where fork is at hand: for a task that
    needs little of this process's memory while this process goes on working, since every page it writes while a
    forked child shares its memory is copied (at 10,000 offers, the workbook's fork beside the other open data
    raised the next day's peak by 80 MB).
    """

    def __init__(self, task: Callable[..., object], *args: object, fresh: bool = False) -> None:
        forks = not fresh and "fork" in multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if forks else "spawn")
        self._answer, answer = context.Pipe(duplex=False)
        self._process = context.Process(target=_report, args=(answer, task, args), daemon=True)
        self._shares = forks
        self._ended = False
        self._starting: threading.Thread | None = None
        if forks:
            _frozen.hold()
            try:
                self._start(answer)
            except BaseException:
                self._end()
                raise
        else:
            # A new Python takes its arguments only once it has started (about a second at 10,000 offers), and the
            # pipe holds up whoever hands them over: another thread does, while this one goes on. Should the start
            # fail, the task's answer never comes, and wait() says so.
            self._starting = threading.Thread(target=self._start, args=(answer,), daemon=True)
            self._starting.start()

    def _start(self, answer: Connection) -> None:
        try:
            self._process.start()
        finally:
            answer.close()  # the child has its own end now

    def wait(self) -> object:
        """The task's result; its exception, if any, is raised here."""
        try:
            failed, value = self._answer.recv()
        except EOFError:
            failed, value = True, ChildProcessError("Ein Arbeitsprozess des Baus wurde unerwartet beendet.")
        self._end()
        if failed:
            raise value
        return value

    def stop(self) -> None:
        """End the task early, when the build fails elsewhere and its folder is thrown away."""
        if self._starting:
            self._starting.join()
        if self._process.is_alive():
            self._process.kill()
        self._end()

    def _end(self) -> None:
        if not self._ended:
            self._ended = True
            if self._starting:
                self._starting.join()
            if self._process.pid is not None:
                self._process.join()
            if self._shares:
                _frozen.release()


class _Frozen:
    """This process's objects frozen (gc.freeze) for as long as a forked process shares them. The garbage collector
    writes to every object it examines, and a written page shared with a child is copied: in the child, and in this
    process too, whose collections go on while it works beside the child. Unfrozen once the child had started, a
    cold build at 10,000 offers peaked 30 MB higher while its renderer was still a fork (gc docs, "freeze")."""

    def __init__(self) -> None:
        self.holders = 0

    def hold(self) -> None:
        gc.freeze()  # again for each process: what was made since is shared with the new one too
        give_back_free_memory()
        self.holders += 1

    def release(self) -> None:
        self.holders -= 1
        if self.holders == 0:
            gc.unfreeze()


_frozen = _Frozen()


def give_back_free_memory() -> None:
    """Give the memory freed so far back to the system (glibc's malloc_trim): before forking, because kept, it
    would be shared with the child, and each page this process then reuses would be copied for it (at 10,000
    offers, the pieces of open data and the noun list, set aside before the pages are rendered, came back as
    copies); and where the memory the build lets go is not what it needs next."""
    with contextlib.suppress(OSError, AttributeError):  # not glibc: nothing to give back this way
        ctypes.CDLL(None).malloc_trim(0)


class Counted(list):
    """The items of a task, calling `advance(1)` as each one is taken: how a task reports progress without knowing
    of it."""

    def __init__(self, items: Sequence, advance: Advance) -> None:
        super().__init__(items)
        self._advance = advance

    def __iter__(self):  # a list's iterator that counts
        for item in super().__iter__():
            yield item
            self._advance(1)


def _report(answer: Connection, task: Callable[..., object], args: tuple) -> None:
    try:
        result = task(*args)
    except BaseException as error:
        answer.send((True, error))
        return
    answer.send((False, result))
