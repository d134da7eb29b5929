"""The Content-Security-Policy in every page and the _headers file for hosts that send headers."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup
from conftest import EXAMPLE_CONTENT

from mittendrin.site.security import content_security_policy


def test_every_page_carries_the_policy_without_header_only_directives(example_site: Path) -> None:
    pages = sorted(example_site.rglob("*.html"))
    assert len(pages) > 30
    for path in pages:
        meta = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").find(
            "meta", attrs={"http-equiv": "Content-Security-Policy"}
        )
        policy = meta["content"]
        assert policy == content_security_policy()
        assert "script-src 'self' 'wasm-unsafe-eval'" in policy and "'unsafe-inline'" not in policy
        assert "frame-ancestors" not in policy  # ignored in <meta>, and Chromium logs an error for it


def test_the_headers_file_sends_the_security_headers_for_the_whole_site(example_site: Path) -> None:
    lines = (example_site / "_headers").read_text(encoding="utf-8").splitlines()
    assert lines == [
        "/*",
        f"  Content-Security-Policy: {content_security_policy()}; frame-ancestors 'none'",
        "  X-Content-Type-Options: nosniff",
        "  Referrer-Policy: strict-origin-when-cross-origin",
    ]


def test_under_a_sub_path_the_headers_file_covers_only_that_path(cli, tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert (
        cli("build", "--content", EXAMPLE_CONTENT, "--out", out, "--base-url", "https://example.org/mittendrin/")[0]
        == 0
    )
    assert (out / "_headers").read_text(encoding="utf-8").startswith("/mittendrin/*\n")


def test_the_documented_server_snippets_send_the_same_policy() -> None:
    docs = (Path(__file__).parent.parent / "docs" / "security.md").read_text(encoding="utf-8")
    assert docs.count(f'"{content_security_policy(as_header=True)}"') == 2  # nginx and Apache
