"""A campaign large enough to matter (bench/campaigns.py's M: 10 towns, 110 domains, 300 activities, 200
suggestions; small photos, so it builds fast) in a real browser: no page grows past its budget, the search
costs only its query, and without JavaScript every activity is a few taps from the home page."""

from __future__ import annotations

import re
import sys
from collections import deque
from pathlib import Path
from urllib.parse import urljoin

import pytest
from playwright.sync_api import sync_playwright

from conftest import ROOT, mkdocs_build

sys.path.insert(0, str(ROOT / "bench"))
import campaigns
import weight

TAPS = 5  # from the home page to any activity, without JavaScript


@pytest.fixture(scope="module")
def m_site(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("scale")
    project = campaigns.project("M", work / "project", ROOT / ".cache" / "test-photos", photo_size=(640, 480))
    result = mkdocs_build(project, work / "site")
    assert result.returncode == 0, result.stderr
    return work / "site"


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=weight.CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
        )
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def served(m_site, tmp_path_factory):
    server, base = weight.serve(m_site, tmp_path_factory.mktemp("www"))
    yield base
    server.shutdown()


def test_no_html_page_grows_past_its_budget(m_site):
    path, size = weight.largest_html(m_site)
    assert size <= weight.BUDGET["html"] / 2, (path, size)  # M: well within L's budget, which the bench checks


def test_every_page_type_is_light_on_a_first_visit(m_site, served, browser):
    for name, pattern in weight.PAGE_TYPES.items():
        figures = weight.first_visit(browser, served + weight.page_of(m_site, pattern))
        assert figures["bytes"] <= weight.BUDGET["page"] and figures["html"] <= weight.BUDGET["html"], (name, figures)
        assert figures["search"] == 0, name  # nothing of the search index before the search is opened


def test_a_query_fetches_little_and_answers_fast_on_a_slow_phone(served, browser):
    for words in ["长者食堂", "者食", "医院开放", "活动"]:  # 者食: inside a word, not a jieba token
        figures = weight.query(browser, served, words)
        assert "没有" not in figures["meta"], words
        assert figures["bytes"] <= weight.BUDGET["query"] and figures["seconds"] <= weight.BUDGET["seconds"], (
            words,
            figures,
        )


def test_every_activity_is_a_few_taps_from_home_without_javascript(m_site):
    """Following links (no script runs) from the home page reaches every activity page within TAPS."""
    depth = {"": 0}
    queue = deque([""])
    while queue:
        here = queue.popleft()
        if depth[here] == TAPS:
            continue
        html = (m_site / here / "index.html").read_text(encoding="utf-8")
        for href in re.findall(r'href="([^"#?:]*/)"', html):
            target = urljoin("/" + here, href).lstrip("/")
            if target not in depth and (m_site / target / "index.html").is_file():
                depth[target] = depth[here] + 1
                queue.append(target)
    activities = {p.parent.relative_to(m_site).as_posix() + "/" for p in m_site.glob("activities/*/index.html")} - {
        "activities/p/"
    }
    assert len(activities) == 300
    assert activities <= set(depth), sorted(activities - set(depth))[:5]
