"""Engine longevity: the site built with ProperDocs, the maintained fork of MkDocs 1.6, is the site MkDocs
builds, from the same mkdocs.yml, hooks and overrides (ProperDocs runs hooks' `mkdocs.*` imports as its own
modules). One difference is expected, and each page must show exactly it: the generator tag of
Material's base.html, `mkdocs-{{ mkdocs_version }}`, which ProperDocs fills with "ProperDocs <version>".
"""

from __future__ import annotations

import shutil
from importlib.metadata import version
from pathlib import Path

import pytest

from conftest import ROOT, copy_project, mkdocs_build

ENGINES = ("mkdocs", "properdocs")


def generator_tag(engine_version: str) -> bytes:
    return (
        f'<meta name="generator" content="mkdocs-{engine_version}, mkdocs-material-{version("mkdocs-material")}">'
    ).encode()


MKDOCS_TAG = generator_tag(version("mkdocs"))
PROPERDOCS_TAG = generator_tag(f"ProperDocs {version('properdocs')}")


def example_campaign(parent: Path) -> Path:
    """examples/sibaoshan with the feedback figures of examples/feedback: every kind of page and file."""
    data = parent / "sibaoshan"
    shutil.copytree(ROOT / "examples/sibaoshan", data)
    (data / "feedback").mkdir()
    shutil.copy2(ROOT / "examples/feedback/seed-003.yml", data / "feedback")
    return data


def build_with(engine: str, project: Path, data: Path, parent: Path):
    """A build by `engine` into parent/engine/site, with search and calendar caches of its own: nothing
    one engine made is reused by the other."""
    own = parent / engine
    return mkdocs_build(
        project,
        own / "site",
        engine=engine,
        env={
            "CAMPAIGN_DATA": str(data),
            "CAMPAIGN_SEARCH_CACHE": str(own / "search"),
            "CAMPAIGN_CALENDAR_CACHE": str(own / "calendar"),
        },
    )


def site_files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in site.rglob("*") if path.is_file()}


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict[str, dict[str, bytes]]:
    parent = tmp_path_factory.mktemp("engines")
    project, data = copy_project(parent), example_campaign(parent)
    built = {}
    for engine in ENGINES:
        result = build_with(engine, project, data, parent)
        assert result.returncode == 0, result.stderr
        built[engine] = site_files(parent / engine / "site")
    return built


def test_both_engines_publish_the_same_files(outputs):
    mkdocs, properdocs = outputs["mkdocs"], outputs["properdocs"]
    assert mkdocs.keys() == properdocs.keys()
    # The comparison covers every kind of output: generated pages, Material's search index, the
    # sitemap (dated by SOURCE_DATE_EPOCH in both), the hooks' open data, feeds and bundled stylesheet,
    # and the QR codes the hooks link into site_dir after the engine emptied it.
    assert {
        "index.html",
        "activities/index.html",
        "calendar/index.html",
        "domains/index.html",
        "ledger/index.html",
        "404.html",
        "search/search_index.json",
        "sitemap.xml",
        "sitemap.xml.gz",
        "robots.txt",
        "calendar/all.ics",
        "data/activities.json",
        "assets/css/campaign.css",
    } <= mkdocs.keys()
    assert any(path.endswith("/qr-page.svg") for path in mkdocs)


def test_the_only_difference_is_the_generator_tag_of_each_page(outputs):
    mkdocs, properdocs = outputs["mkdocs"], outputs["properdocs"]
    pages = {path for path in mkdocs if path.endswith(".html")}
    for path in pages:
        assert mkdocs[path].count(MKDOCS_TAG) == 1, path
        assert mkdocs[path].replace(MKDOCS_TAG, PROPERDOCS_TAG) == properdocs[path], path
    assert {path for path in mkdocs if mkdocs[path] != properdocs.get(path)} == pages  # nothing else differs


def test_a_data_mistake_stops_properdocs_with_the_same_report(tmp_path):
    project, data = copy_project(tmp_path), example_campaign(tmp_path)
    campaign = data / "campaign.yml"
    campaign.write_text(campaign.read_text(encoding="utf-8").replace("year: 2022", "year: 二〇二二"), encoding="utf-8")
    reports = {}
    for engine in ENGINES:
        result = build_with(engine, project, data, tmp_path)
        assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
        assert not (tmp_path / engine / "site").exists()  # stopped before anything was written
        reports[engine] = result.stderr[result.stderr.index("数据中发现") :]
    assert "campaign.yml:6:" in reports["mkdocs"] and "二〇二二" in reports["mkdocs"]
    assert reports["properdocs"] == reports["mkdocs"]
