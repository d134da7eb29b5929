"""Work spread over processes gives the same results, in order, and its errors reach the build."""

from __future__ import annotations

import gc
import os
import time
from pathlib import Path

import pytest

from mittendrin.build.parallel import Background, process_count, run_in_parts


def squares_with_pid(items: list[int], offset: int) -> list[tuple[int, int]]:
    return [(item * item + offset, os.getpid()) for item in items]


def write_then_fail(folder: Path) -> None:
    (folder / "halb.txt").write_text("angefangen")
    raise OSError("Auf dem Datenträger ist kein Platz mehr.")


def test_small_jobs_stay_in_this_process_unless_told(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MITTENDRIN_WORKERS", raising=False)
    assert process_count(10) == 1
    monkeypatch.setenv("MITTENDRIN_WORKERS", "2")
    assert process_count(10) == 2
    assert process_count(1) == 1


def test_parts_come_back_in_order_from_two_processes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MITTENDRIN_WORKERS", "2")
    results = run_in_parts(squares_with_pid, list(range(7)), 1)
    assert [value for value, _ in results] == [n * n + 1 for n in range(7)]
    assert len({pid for _, pid in results}) == 2


def is_even(item: int) -> bool:
    return item % 2 == 0


def test_items_marked_here_run_in_this_process_and_come_back_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MITTENDRIN_WORKERS", "2")
    results = run_in_parts(squares_with_pid, list(range(9)), 0, here=is_even)
    assert [value for value, _ in results] == [n * n for n in range(9)]
    assert {pid for n, (_, pid) in enumerate(results) if n % 2 == 0} == {os.getpid()}
    assert {pid for n, (_, pid) in enumerate(results) if n % 2} - {os.getpid()}  # the odd ones are shared out


def test_an_error_in_the_background_is_raised_by_wait(tmp_path: Path) -> None:
    task = Background(write_then_fail, tmp_path)
    with pytest.raises(OSError, match="kein Platz"):
        task.wait()
    assert (tmp_path / "halb.txt").read_text() == "angefangen"


def wait_for(signal: Path) -> None:
    while not signal.exists():
        time.sleep(0.01)


def test_this_process_stays_frozen_while_a_forked_process_shares_its_memory(tmp_path: Path) -> None:
    # Unfrozen, this process's garbage collector would write to every object it shares with the child.
    assert gc.get_freeze_count() == 0
    first, second = Background(wait_for, tmp_path / "los"), Background(wait_for, tmp_path / "los")
    assert gc.get_freeze_count() > 0
    (tmp_path / "los").touch()
    first.wait()
    assert gc.get_freeze_count() > 0  # the second still shares it
    second.stop()
    assert gc.get_freeze_count() == 0


SEEN_BY_WORKERS = {"value": "as imported"}


def with_what_workers_see(items: list[int]) -> list[tuple[int, str]]:
    return [(item, SEEN_BY_WORKERS["value"]) for item in items]


def test_fresh_parts_run_in_new_pythons_that_share_nothing_and_come_back_in_order(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("MITTENDRIN_WORKERS", "2")
    monkeypatch.setitem(SEEN_BY_WORKERS, "value", "changed in this process")
    forked = run_in_parts(with_what_workers_see, list(range(6)))
    fresh = run_in_parts(with_what_workers_see, list(range(6)), fresh=True)
    assert [n for n, _ in fresh] == list(range(6))
    assert {seen for _, seen in forked} == {"changed in this process"}
    assert {seen for n, seen in fresh if n % 2} == {"as imported"}  # the odd ones ran in a new Python
    assert gc.get_freeze_count() == 0
