"""Shared fixtures: the generator with a campaign the suite owns, to build and to break.

The suite never reads the project's own `data/` or `content/activities|domains/`: those belong to the
office and change with every campaign. It tests the generator (mkdocs.yml, hooks/, overrides/, the guide)
on `tests/campaigns/sample/` (a copy of the sample campaign: data and hand-written pages) and on
`examples/sibaoshan/`; tests/test_independent.py fails if a test reaches for the project's data again.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "tests" / "campaigns" / "sample"  # the suite's copy of the sample campaign
SAMPLE_DATA = SAMPLE / "data"
SAMPLE_CONTENT = SAMPLE / "content"
SITE_URL = yaml.safe_load((SAMPLE_DATA / "campaign.yml").read_text(encoding="utf-8"))[
    "site_url"
]  # the sample's address
# The sample's domains, in the order of its domains.yml (and of the 配档表 it came from).
SAMPLE_DOMAINS = [
    "幼有所育",
    "学有所教",
    "病有所医",
    "老有所养",
    "弱有所扶",
    "文体服务",
    "生态环境",
    "劳有所得",
    "住有所居",
    "优军服务保障",
    "社会治安",
]
SIBAOSHAN = ROOT / "examples" / "sibaoshan"  # a second campaign, data only
SHIZHONG = ROOT / "examples" / "shizhong"  # a third, a district's plan as written (targets, planned amounts)
GUIDE = ROOT / "content/guide"  # the editors' guide, published with every campaign
GENERATOR = ["mkdocs.yml", "hooks", "overrides", "content/guide"]  # what a campaign is built with
BUILD_EPOCH = "1633046400"  # 2021-10-01 00:00 in China: mid-campaign, so some activities are upcoming


def mkdocs_build(
    project: Path, site_dir: Path, epoch: str = BUILD_EPOCH, env: dict | None = None, engine: str = "mkdocs"
):
    """A strict build with `engine`: MkDocs, or ProperDocs, its fork (tests/test_engine.py)."""
    # Copies of the project share the repository's caches: their photos and QR codes are made once.
    caches = {"CAMPAIGN_IMAGE_CACHE": str(ROOT / ".cache" / "images"), "CAMPAIGN_QR_CACHE": str(ROOT / ".cache" / "qr")}
    inherited = {k: v for k, v in os.environ.items() if k != "CAMPAIGN_DATA"}  # a copy builds its own data/
    env = {**caches, **inherited, "SOURCE_DATE_EPOCH": epoch, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    # Never --quiet: it hides warnings from --strict too (mkdocs/mkdocs#4126), and the build passes.
    return subprocess.run(
        [sys.executable, "-m", engine, "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
    )


def copy_project(parent: Path, data: Path = SAMPLE_DATA, content: Path | None = SAMPLE_CONTENT) -> Path:
    """The generator with a campaign's `data` and hand-written `content` pages, in `parent`/project."""
    copy = parent / "project"
    copy.mkdir()
    for name in GENERATOR:
        source, target = ROOT / name, copy / name
        if source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target)
    shutil.copytree(data, copy / "data")
    if content is not None:
        shutil.copytree(content, copy / "content", dirs_exist_ok=True)
    return copy


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A throwaway copy of the generator with the sample campaign, to edit."""
    return copy_project(tmp_path)


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Path:
    """The sample campaign, built once, strictly."""
    parent = tmp_path_factory.mktemp("sample")
    site = parent / "site"
    result = mkdocs_build(copy_project(parent), site)
    assert result.returncode == 0, result.stderr
    return site


def search_docs(site: Path) -> list[dict]:
    """The search's sections as published (features/search/index.py): location, title, plain text."""
    manifest = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    pages = [
        json.loads((site / f"search/pages/{n}.json").read_text(encoding="utf-8")) for n in range(manifest["pages"])
    ]
    return [
        {"location": page["u"] + (f"#{anchor}" if anchor else ""), "title": title, "text": text}
        for page in pages
        for anchor, title, text in page["s"]
    ]
