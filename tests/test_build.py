"""The strict build of the sample: every page, open data, hand-written merges, escaping, and a safe swap."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

from campaign.data.load import load_site
from campaign.html.assets import BUNDLE, COMPONENTS, CSS_DIR, PACKAGE, POSTER
from conftest import ROOT, SAMPLE_DATA, mkdocs_build, search_docs

SAMPLE = load_site(SAMPLE_DATA)


def test_a_page_for_every_domain_and_every_activity(sample_site):
    for domain in SAMPLE.domains:
        page = (sample_site / "domains" / domain.id / "index.html").read_text(encoding="utf-8")
        assert f"<h1>{domain.name}</h1>" in page
        for task in SAMPLE.achievements[domain.id].tasks:
            assert f'id="{task.id}"' in page
    for activity in SAMPLE.activities:
        page = (sample_site / "activities" / activity.id / "index.html").read_text(encoding="utf-8")
        assert activity.when.reading in page
    for index in ["index.html", "activities/index.html", "domains/index.html"]:
        assert (sample_site / index).is_file()


def test_pages_are_chinese_and_load_nothing_from_other_hosts(sample_site):
    for page in sample_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert '<html lang="zh"' in html
        assert "fonts.googleapis" not in html and "cdn.jsdelivr" not in html
        for attr in ("src=", 'href="//'):
            assert f'{attr}"http' not in html, f"{page}: {attr} loads from another host"


def test_material_search_dialog_has_a_name(sample_site):
    # campaign_hooks names Material's role="dialog" search box; an upgrade that changes the tag fails here.
    for page in ["index.html", "calendar/index.html", "404.html"]:
        html = (sample_site / page).read_text(encoding="utf-8")
        assert '<div class="md-search" data-md-component="search" role="dialog" aria-label="搜索">' in html, page


def test_every_page_links_one_campaign_stylesheet_made_of_every_component(sample_site):
    bundle = (sample_site / BUNDLE).read_text(encoding="utf-8")
    # Every component's rules, whole and in cascade order (care.css last, so the 关怀版 modes win).
    sources = [(PACKAGE / name).read_text(encoding="utf-8").strip() for name in COMPONENTS]
    assert all(source in bundle for source in sources)
    assert [bundle.index(source) for source in sources] == sorted(bundle.index(source) for source in sources)
    # No component is forgotten, and only the bundle and the poster's own stylesheet are published.
    in_folders = {path.relative_to(PACKAGE).as_posix() for path in PACKAGE.glob("*/**/*.css")}
    assert in_folders == {*COMPONENTS, POSTER}
    assert sorted(path.name for path in (sample_site / CSS_DIR).iterdir()) == sorted(
        [Path(BUNDLE).name, Path(POSTER).name]
    )
    # A relative url(...) in a component resolves from the bundle, which sits in the same folder.
    for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", bundle):
        assert url.startswith(("data:", "#")) or (sample_site / CSS_DIR / url).resolve().is_file(), url
    pages = sorted(sample_site.rglob("*.html"))
    assert len(pages) > 30
    for page in pages:
        html = page.read_text(encoding="utf-8")
        ours = [
            href
            for href in re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)
            if "assets/stylesheets/" not in href
        ]  # Material's own CSS
        expected = [BUNDLE] if "/poster/" not in page.as_posix() else [f"{CSS_DIR}/{Path(POSTER).name}", BUNDLE]
        assert [re.sub(r"^(\.\./)*|^/shantou/", "", href) for href in ours] == expected, page


def test_vague_dates_are_never_shown_more_precisely_than_written(sample_site):
    vague = next(a for a in SAMPLE.activities if a.when.text == "10月份")
    page = (sample_site / "activities" / vague.id / "index.html").read_text(encoding="utf-8")
    assert "2021年10月（具体日期待定）" in page and "10月1日" not in page


def test_activities_json_has_the_contract_fields(sample_site):
    records = json.loads((sample_site / "data/activities.json").read_text(encoding="utf-8"))
    assert [r["id"] for r in records] == [a.id for a in SAMPLE.activities]
    by_id = {r["id"]: r for r in records}
    for activity in SAMPLE.activities:
        record = by_id[activity.id]
        assert record["when"] == activity.when.text and record["kind"] == activity.when.kind
        assert record["start"] == (activity.when.start and activity.when.start.isoformat())
        assert record["end"] == (activity.when.end and activity.when.end.isoformat())
        assert (sample_site / record["url"] / "index.html").is_file()
    assert by_id[next(a.id for a in SAMPLE.activities if a.when.text == "9—11月")]["start"] == "2021-09-01"


def test_csv_opens_in_excel_as_utf8(sample_site):
    raw = (sample_site / "data/activities.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == len(SAMPLE.activities) and rows[0]["title"] == SAMPLE.activities[0].title
    tasks = json.loads((sample_site / "data/achievements.json").read_text(encoding="utf-8"))
    assert len(tasks) == sum(len(a.tasks) for a in SAMPLE.achievements.values())


def test_hand_written_page_is_merged_into_the_generated_one(sample_site):
    page = (sample_site / "activities/hospital-open-day/index.html").read_text(encoding="utf-8")
    assert "报名方式" in page and "导医台" in page  # from content/activities/hospital-open-day.md
    assert "医院开放日" in page  # from data/activities/healthcare.yml


def test_generated_headings_make_the_table_of_contents_and_the_search_sections(sample_site):
    # Generated HTML skips the Markdown converter; the hook hands its headings to MkDocs instead.
    page = (sample_site / "domains/healthcare/index.html").read_text(encoding="utf-8")
    toc = page[page.index('data-md-component="toc"') :]
    assert re.findall(r'<a href="#([^"]+)" class="md-nav__link">\s*<span class="md-ellipsis">\s*(\S+)', toc) == [
        ("figures", "数据"),
        ("tasks", "重点工作"),
        ("activities", "活动"),
        ("ledger", "你说我办"),
    ]
    index = {"docs": search_docs(sample_site)}
    sections = {doc["location"] for doc in index["docs"]}
    assert {"domains/healthcare/#tasks", "activities/hospital-open-day/"} <= sections
    # Pages and cards that repeat an activity's page stay out: a search finds each activity once, on its page.
    assert not any(loc.startswith(("calendar/", "activities/#")) or "/poster/" in loc for loc in sections)
    [cards] = [
        doc["text"].replace("\u200b", "")
        for doc in index["docs"]
        if doc["location"] == "domains/healthcare/#activities"
    ]
    assert not any(a.title in cards for a in SAMPLE.activities_of("healthcare"))


def test_links_from_hand_written_pages_to_generated_anchors_are_checked(project, tmp_path):
    page = project / "content/activities/hospital-open-day.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[办理结果](../ledger/index.md#items)\n", encoding="utf-8")
    assert mkdocs_build(project, tmp_path / "site").returncode == 0
    page.write_text(
        page.read_text(encoding="utf-8") + "\n[没有这一节](../ledger/index.md#no-such-part)\n", encoding="utf-8"
    )
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0 and "no-such-part" in result.stderr


def test_hostile_text_is_escaped_and_markdown_sanitised(project, tmp_path):
    path = project / "data/activities/healthcare.yml"
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        "title: 医院开放日——让您更懂我，让我更懂您", 'title: "医院开放日<script>alert(1)</script>**粗**"'
    )
    text = text.replace(
        "    邀请群众代表", "    <img src=x onerror=alert(2)> [链接](javascript:alert(3))\n    邀请群众代表"
    )
    path.write_text(text, encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site/activities/hospital-open-day/index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page
    assert "onerror" not in page and "javascript:alert" not in page
    assert "<title>医院开放日&lt;script&gt;" in page


def _tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(folder).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()


def test_make_build_swaps_in_only_a_complete_site(project):
    os.symlink(ROOT / ".venv", project / ".venv")
    shutil.copy2(ROOT / "Makefile", project / "Makefile")
    shutil.copy2(ROOT / "requirements.txt", project / "requirements.txt")
    # -o: the shared virtual environment is taken as installed, whatever the copied file times say.
    run = lambda: subprocess.run(
        ["make", "-o", ".venv/.installed", "build"], cwd=project, capture_output=True, text=True
    )
    assert run().returncode == 0
    before = _tree_digest(project / "site")
    path = project / "data/activities/healthcare.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("when: 10月份", "when: 尽快", 1), encoding="utf-8")
    failed = run()
    assert failed.returncode != 0
    assert "data/activities/healthcare.yml:" in failed.stderr and "Traceback" not in failed.stderr
    assert _tree_digest(project / "site") == before
    # A warning is a failure too (strict): a broken link in a hand-written page keeps the old site.
    path.write_text(path.read_text(encoding="utf-8").replace("when: 尽快", "when: 10月份", 1), encoding="utf-8")
    guide = project / "content/guide/index.md"
    guide.write_text(guide.read_text(encoding="utf-8") + "\n[旧链接](../no-such-page.md)\n", encoding="utf-8")
    failed = run()
    assert failed.returncode != 0 and "no-such-page.md" in failed.stderr
    assert _tree_digest(project / "site") == before
