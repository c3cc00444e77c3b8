"""Publishing: CI workflows that validate, a reproducible build, what a published site needs
(sitemap, robots.txt, 404, share metadata), the link check, and the atomic `make publish`."""

from __future__ import annotations

import filecmp
import gzip
import os
import shutil
import struct
import subprocess
import sys
import threading
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime, time, timezone
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from campaign.data.history import last_changed
from campaign.ops.linkcheck import check_site
from conftest import BUILD_EPOCH, ROOT, SITE_URL, mkdocs_build
from test_browser import browser, served

CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"


def _run_module(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "hooks")}
    return subprocess.run([sys.executable, "-m", *args], env=env, capture_output=True, text=True)


# --- CI workflows ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path, schema",
    [(".github/workflows/publish.yml", "vendor.github-workflows"), (".gitlab-ci.yml", "vendor.gitlab-ci")],
)
def test_workflow_validates_against_the_official_schema(path, schema):
    result = subprocess.run([CHECK_JSONSCHEMA, "--builtin-schema", schema, ROOT / path], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_github_deploys_only_from_main_after_tests_and_link_check():
    workflow = yaml.safe_load((ROOT / ".github/workflows/publish.yml").read_text(encoding="utf-8"))
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    runs = [step.get("run") for step in build["steps"]]
    uses = [step.get("uses", "") for step in build["steps"]]
    upload = next(i for i, action in enumerate(uses) if action.startswith("actions/upload-pages-artifact@"))
    assert runs.index("make check STRICT=1") < runs.index("make test") < runs.index("make linkcheck") < upload
    check = build["steps"][runs.index("make check STRICT=1")]
    assert check["env"] == {"ALLOW_PLACEHOLDERS": "${{ vars.ALLOW_PLACEHOLDERS }}"}  # a demo repository's setting only
    assert deploy["needs"] == "build" and "refs/heads/main" in deploy["if"] and "pull_request" in deploy["if"]
    cached = [
        step["with"]["path"].split() for step in build["steps"] if step.get("uses", "").startswith("actions/cache@")
    ]
    assert cached == [[".cache/images/", ".cache/qr/", ".cache/search/", ".cache/calendar/"]]
    assert workflow[True]["schedule"]  # PyYAML reads the key `on` as True


def test_gitlab_publishes_pages_only_from_the_default_branch():
    pipeline = yaml.safe_load((ROOT / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    assert pipeline["check"]["script"] == ["tools/system-packages", "make check STRICT=1", ".ci/run", "make linkcheck"]
    assert "ALLOW_PLACEHOLDERS" not in str(pipeline)  # only a demo project's own CI/CD variable lets examples through
    assert pipeline["pages"]["needs"] == ["check"]
    assert pipeline["pages"]["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
    assert any(
        {".cache/images/", ".cache/qr/", ".cache/search/", ".cache/calendar/"} <= set(cache["paths"])
        for cache in pipeline["check"]["cache"]
    )


# --- reproducible build ---------------------------------------------------------------------


def test_two_builds_of_one_commit_are_byte_identical(project, tmp_path):
    # Two folders, hash seeds, time zones and locales; only the sources and SOURCE_DATE_EPOCH are shared.
    twin = shutil.copytree(project, tmp_path / "twin")
    sites = [tmp_path / "one", tmp_path / "two"]
    for source, site, seed, zone in [
        (project, sites[0], "1", "Asia/Shanghai"),
        (twin, sites[1], "2", "America/New_York"),
    ]:
        result = mkdocs_build(source, site, env={"PYTHONHASHSEED": seed, "TZ": zone, "LC_ALL": "C.UTF-8"})
        assert result.returncode == 0, result.stderr
    files = lambda root: sorted(p.relative_to(root) for p in root.rglob("*") if p.is_file())
    assert files(sites[0]) == files(sites[1])
    _, mismatch, errors = filecmp.cmpfiles(*sites, files(sites[0]), shallow=False)
    assert mismatch == errors == []


def test_sitemap_is_valid_and_lists_every_page_with_its_data_s_date(sample_site):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ET.parse(sample_site / "sitemap.xml").getroot()
    urls = root.findall("s:url", ns)
    assert len(urls) == len(list(sample_site.rglob("index.html")))
    changed = last_changed(sample_site.parent / "project/data")  # the copy the sample site was built from
    days = set()
    for url in urls:
        loc = url.findtext("s:loc", namespaces=ns)
        assert loc.startswith(SITE_URL) and (sample_site / loc[len(SITE_URL) :] / "index.html").is_file()
        days.add(url.findtext("s:lastmod", namespaces=ns))
    # Pages made from the whole campaign carry its newest change; none the build day (tests/test_history.py)
    assert max(changed.values()).isoformat() in days
    packed = (sample_site / "sitemap.xml.gz").read_bytes()
    assert gzip.decompress(packed) == (sample_site / "sitemap.xml").read_bytes()
    midnight = datetime.combine(date.fromisoformat(max(days)), time(), UTC)
    assert struct.unpack("<I", packed[4:8])[0] == midnight.timestamp()  # gzip header mtime: not the clock


def test_robots_txt_points_at_the_sitemap(sample_site):
    lines = (sample_site / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert lines == ["User-agent: *", "Allow: /", f"Sitemap: {SITE_URL}sitemap.xml"]


# --- sharing metadata -----------------------------------------------------------------------


class _Head(HTMLParser):
    def __init__(self, text: str):
        super().__init__()
        self.meta: dict[str, str] = {}
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta":
            self.meta[attrs.get("property") or attrs.get("name")] = attrs.get("content")
        if tag == "link" and attrs.get("rel") == "canonical":
            self.meta["canonical"] = attrs["href"]


def test_every_page_has_a_description_canonical_url_and_share_card(sample_site):
    pages = list(sample_site.rglob("index.html"))
    assert len(pages) > 20
    for page in pages:
        meta = _Head(page.read_text(encoding="utf-8")).meta
        url = SITE_URL + page.parent.relative_to(sample_site).as_posix() + "/"
        assert meta["canonical"] == meta["og:url"] == url.replace("/./", "/")
        assert meta["description"] and meta["og:description"] and meta["og:title"]
        assert meta["og:image"] == SITE_URL + "assets/images/share.png"
    image = (sample_site / "assets/images/share.png").read_bytes()
    assert image[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", image[16:24]) == (1200, 630)
    assert len(image) < 50_000


def test_share_card_values_are_escaped_exactly_once(project, tmp_path):
    path = project / "data/activities/healthcare.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("title: 医院开放日——让您更懂我，让我更懂您", 'title: "开放日 <b>\\"A&B\\"</b>"'), encoding="utf-8"
    )
    assert mkdocs_build(project, tmp_path / "site").returncode == 0
    html = (tmp_path / "site/activities/hospital-open-day/index.html").read_text(encoding="utf-8")
    assert '<meta property="og:title" content="开放日 &lt;b&gt;&#34;A&amp;B&#34;&lt;/b&gt;">' in html
    assert _Head(html).meta["og:title"] == '开放日 <b>"A&B"</b>'


# --- 404 ------------------------------------------------------------------------------------


def test_404_page_is_chinese_and_links_home_activities_domains(sample_site):
    html = (sample_site / "404.html").read_text(encoding="utf-8")
    base = "/" + SITE_URL.split("/", 3)[3]  # served at any depth: links are absolute paths
    assert "<title>页面找不到了" in html and "<h1>页面找不到了</h1>" in html
    for label, target in [("首页", "."), ("活动安排", "activities/"), ("民生领域", "domains/")]:
        assert f'<a href="{base}{target}">{label}</a>' in html
    assert f'<form class="cc-404-search" action="{base}search/"' in html and 'name="q"' in html


def test_404_search_opens_the_site_search_with_the_query(served, browser):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(served + "404.html", wait_until="networkidle")
    assert page.locator("h1").inner_text() == "页面找不到了"
    page.fill("#cc-404-q", "长者食堂")
    page.click(".cc-404-search button")
    page.locator(".md-search-result__item").first.wait_for(state="attached", timeout=30000)
    assert "长者食堂" in page.input_value("input.md-search__input")
    page.close()


# --- link check -----------------------------------------------------------------------------


def test_the_sample_site_has_no_broken_links(sample_site):
    report = check_site(sample_site, SITE_URL)
    assert report.problems == []
    assert report.pages > 20 and report.internal > 1000
    assert "https://squidfunk.github.io/mkdocs-material/" in report.external  # listed, not fetched


def test_link_check_catches_broken_links_in_raw_html_that_mkdocs_passes(project, tmp_path):
    page = project / "content/activities/hospital-open-day.md"
    page.write_text(
        page.read_text(encoding="utf-8") + '\n<p><a href="../no-such-activity/">去</a> '
        '<a href="../../domains/healthcare/#no-such-anchor">看</a> '
        '<a href="../../domains/healthcare/#tasks">好</a> <img src="../../x.png" alt="" '
        'srcset="../../assets/images/share.png 1200w, ../../x-800.png 800w"> '
        f'<a rel="external noopener" href="{SITE_URL}form">表</a></p>\n',
        encoding="utf-8",
    )
    assert mkdocs_build(project, tmp_path / "site").returncode == 0  # the strict build lets them through
    report = check_site(tmp_path / "site", SITE_URL)
    found = [p.split("：", 1)[1] for p in report.problems if p.startswith("activities/hospital-open-day/index.html:")]
    for problem in [
        "链接 ../no-such-activity/ 指向的文件不存在（activities/no-such-activity/index.html）",
        "链接 ../../domains/healthcare/#no-such-anchor 指向的锚点 #no-such-anchor 在 "
        "domains/healthcare/index.html 里不存在",
        "链接 ../../x.png 指向的文件不存在（x.png）",
        "链接 ../../x-800.png 指向的文件不存在（x-800.png）",
    ]:
        assert problem in found
    assert not [p for p in found if "#tasks" in p or "share.png" in p or f"{SITE_URL}form " in p]  # good ones pass
    assert SITE_URL + "form" in report.external  # rel="external": served beside the site, not checked
    result = _run_module("campaign.ops.linkcheck", str(tmp_path / "site"), SITE_URL)
    assert result.returncode == 1 and "链接检查未通过" in result.stderr


# --- make publish ---------------------------------------------------------------------------


def _variant(site: Path, folder: Path) -> Path:
    """A copy of `site` whose every page differs, as the next version of the site would."""
    shutil.copytree(site, folder)
    for page in folder.rglob("*.html"):
        page.write_text(page.read_text(encoding="utf-8").replace("</body>", "<!-- v2 --></body>"), encoding="utf-8")
    return folder


def test_publish_switches_versions_atomically_while_pages_are_read(sample_site, tmp_path):
    dest = tmp_path / "www/site"
    versions = [sample_site, _variant(sample_site, tmp_path / "v2")]
    pages = ["index.html", "activities/index.html", "domains/healthcare/index.html"]
    expected = {page: {(v / page).read_bytes() for v in versions} for page in pages}
    assert _run_module("campaign.ops.publish", str(versions[0]), str(dest)).returncode == 0
    seen, bad, done = set(), [], threading.Event()

    def read_forever():
        while not done.is_set():
            for page in pages:
                try:
                    body = (dest / page).read_bytes()
                except OSError as error:
                    bad.append(repr(error))
                    continue
                if body not in expected[page]:
                    bad.append(f"{page}: mixed or partial")
                seen.add(body)

    reader = threading.Thread(target=read_forever)
    reader.start()
    for version in versions * 3:
        assert _run_module("campaign.ops.publish", str(version), str(dest)).returncode == 0
    done.set()
    reader.join()
    assert bad == [] and seen == expected[pages[0]] | expected[pages[1]] | expected[pages[2]]
    releases = sorted(p.name for p in (tmp_path / "www/site.releases").iterdir() if not p.name.startswith("."))
    assert len(releases) == 2 and os.readlink(dest) == f"site.releases/{releases[-1]}"


def test_publish_refuses_to_replace_a_real_folder(sample_site, tmp_path):
    dest = tmp_path / "site"
    (dest / "keep.txt").parent.mkdir()
    (dest / "keep.txt").write_text("old", encoding="utf-8")
    result = _run_module("campaign.ops.publish", str(sample_site), str(dest))
    assert result.returncode == 1 and "普通文件夹" in result.stderr
    assert [p.name for p in dest.iterdir()] == ["keep.txt"]


def test_a_data_mistake_stops_make_publish_before_anything_is_copied(project, tmp_path):
    os.symlink(ROOT / ".venv", project / ".venv")
    shutil.copy2(ROOT / "Makefile", project / "Makefile")
    shutil.copy2(ROOT / "requirements.txt", project / "requirements.txt")
    path = project / "data/activities/healthcare.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("when: 10月份", "when: 尽快", 1), encoding="utf-8")
    dest = tmp_path / "www/site"
    # -o: the shared virtual environment is taken as installed, whatever the copied file times say.
    result = subprocess.run(
        ["make", "-o", ".venv/.installed", "publish", f"DEST={dest}"], cwd=project, capture_output=True, text=True
    )
    assert result.returncode != 0 and "data/activities/healthcare.yml:" in result.stderr
    assert not dest.parent.exists()


def test_make_publish_without_dest_says_so_before_building(project):
    shutil.copy2(ROOT / "Makefile", project / "Makefile")
    result = subprocess.run(["make", "publish"], cwd=project, capture_output=True, text=True)
    assert result.returncode != 0 and "请指定发布目录" in result.stderr and "make publish DEST=" in result.stderr
    assert not (project / ".venv").exists() and not list(project.glob(".site.new-*"))  # nothing built or installed
