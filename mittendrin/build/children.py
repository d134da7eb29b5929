"""Programs the build starts (Pagefind, Chromium) die with it, instead of writing on into a discarded folder."""

from __future__ import annotations

import contextlib
import ctypes
import signal
import sys
from collections.abc import Callable

_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


# For subprocess's preexec_fn: Linux kills the child when the build is killed; elsewhere nothing to do.
DIE_WITH_BUILD: Callable[[], None] | None = _die_with_parent if sys.platform == "linux" else None
