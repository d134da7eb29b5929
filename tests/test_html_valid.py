"""Every generated page is valid HTML for the Nu Html Checker (vnu.jar from npm, Java from Debian)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from audit import VNU, require


def test_every_generated_page_is_valid_html(example_site: Path) -> None:
    require(VNU, "npm ci")
    require("java", "apt-get install default-jre-headless")
    pages = sorted(example_site.rglob("*.html"))
    assert len(pages) > 50 and example_site / "404.html" in pages  # the whole site, pages added later included
    assert example_site / "leichte-sprache" / "index.html" in pages
    assert example_site / "angaben-aendern" / "index.html" in pages
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--skip-non-html", str(example_site)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
