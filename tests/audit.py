"""The auditors' tools, installed by `npm ci` from package.json: where they are, and a skip (or a CI failure) without."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def require(tool: Path | str, install: str) -> None:
    """Skip locally when a tool is missing, with the command that installs it; under CI=true that is a failure."""
    present = tool.is_file() if isinstance(tool, Path) else shutil.which(tool) is not None
    if present:
        return
    message = f"{tool} fehlt – installieren mit: {install}"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)
