"""The suite tests the generator, not the office's campaign: with any data in `data/` and any pages in
`content/activities|domains/`, `make test` gives the same answer. The suite owns its campaigns
(tests/campaigns/sample/, examples/sibaoshan/); nothing here may read the project's own."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

# How a test would reach the project's own campaign: its data, its hand-written pages, a build of it.
REACHING_FOR_THE_OFFICE = re.compile(r'ROOT\s*/\s*"(?:data|content)(?!/guide)|mkdocs_build\(\s*ROOT\b')
OUTSIDE_THE_REPOSITORY = {".git", ".venv", "site", ".site.new", ".site.old", ".cache", ".pytest_cache"}


def _left_out(folder: str, names: list[str]) -> set[str]:
    return {"__pycache__"} | (OUTSIDE_THE_REPOSITORY if Path(folder) == ROOT else set())


def test_no_test_reads_the_projects_own_campaign():
    offending = [
        f"{path.name}:{number}: {line.strip()}"
        for path in sorted((ROOT / "tests").glob("*.py"))
        if path.name != Path(__file__).name
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if REACHING_FOR_THE_OFFICE.search(line)
    ]
    assert offending == []


def test_the_suite_passes_whatever_the_office_keeps_in_data_and_content(tmp_path):
    """A copy of the repository whose data/ cannot even be read and whose hand-written pages link
    nowhere: every test module still loads, and the fixtures and data tests still pass."""
    copy = shutil.copytree(ROOT, tmp_path / "repo", ignore=_left_out, symlinks=True)
    shutil.rmtree(copy / "data")
    (copy / "data").mkdir()
    (copy / "data/campaign.yml").write_text("title: [没有写完\n", encoding="utf-8")
    for folder in ("activities", "domains"):
        shutil.rmtree(copy / "content" / folder, ignore_errors=True)
        (copy / "content" / folder).mkdir()
        (copy / "content" / folder / "only-here.md").write_text("[没有这一页](no-such-page.md)\n", encoding="utf-8")
    env = {
        **os.environ,
        "CAMPAIGN_IMAGE_CACHE": str(ROOT / ".cache/images"),
        "CAMPAIGN_QR_CACHE": str(ROOT / ".cache/qr"),
    }
    env.pop("CAMPAIGN_DATA", None)
    pytest = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider"]
    collected = subprocess.run([*pytest, "--collect-only", "-q"], cwd=copy, env=env, capture_output=True, text=True)
    assert collected.returncode == 0, collected.stdout[-3000:]
    run = subprocess.run(
        [
            *pytest,
            "-x",
            "tests/test_load.py",
            "tests/test_build.py::test_a_page_for_every_domain_and_every_activity",
            "tests/test_build.py::test_hand_written_page_is_merged_into_the_generated_one",
        ],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stdout[-3000:]
