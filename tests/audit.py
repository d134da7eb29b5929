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


WCAG_21_AA = (
    "{runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}, resultTypes: ['violations']}"
)


def axe_violations(page) -> list[tuple[str, str, list]]:
    """axe-core's WCAG 2.1 A/AA violations on the loaded page: (rule, help, first targets)."""
    require(AXE, "npm ci")
    page.evaluate(AXE.read_text(encoding="utf-8"))  # not add_script_tag: the page's CSP refuses injected tags
    violations = page.evaluate(f"async () => (await axe.run(document, {WCAG_21_AA})).violations")
    return [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in violations]
