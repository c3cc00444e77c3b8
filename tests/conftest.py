"""Shared fixtures: a copy of the sample project to break, and one strict build of the sample."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BUILD_EPOCH = "1633046400"  # 2021-10-01 00:00 in China: mid-campaign, so some activities are upcoming


def mkdocs_build(
    project: Path, site_dir: Path, epoch: str = BUILD_EPOCH, env: dict | None = None, engine: str = "mkdocs"
):
    """A strict build with `engine`: MkDocs, or ProperDocs, its fork (tests/test_engine.py)."""
    # Copies of the project share the repository's caches: their photos and QR codes are made once.
    env = {
        "CAMPAIGN_IMAGE_CACHE": str(ROOT / ".cache" / "images"),
        "CAMPAIGN_QR_CACHE": str(ROOT / ".cache" / "qr"),
        **os.environ,
        "SOURCE_DATE_EPOCH": epoch,
        "NO_MKDOCS_2_WARNING": "1",
        **(env or {}),
    }
    # Never --quiet: it hides warnings from --strict too (mkdocs/mkdocs#4126), and the build passes.
    return subprocess.run(
        [sys.executable, "-m", engine, "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
    )


def copy_project(parent: Path) -> Path:
    """A copy of the project (config, content, data, hooks, overrides) in `parent`/project."""
    copy = parent / "project"
    copy.mkdir()
    for name in ["mkdocs.yml", "content", "data", "hooks", "overrides"]:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, copy / name)
    return copy


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A throwaway copy of the project to edit."""
    return copy_project(tmp_path)


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Path:
    """The sample campaign, built once, strictly."""
    site = tmp_path_factory.mktemp("sample") / "site"
    result = mkdocs_build(ROOT, site)
    assert result.returncode == 0, result.stderr
    return site
