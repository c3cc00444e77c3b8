"""`make check` explains valid data: each `when` as understood, counts per domain, the pre-publication
checklist and the warnings, each with file:line; `--strict` refuses what must not be published."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from PIL import Image

from campaign.data.load import load_site
from campaign.editors.check import checklist, understood, warnings
from campaign.fields.when import read_when
from conftest import BUILD_EPOCH, ROOT, SIBAOSHAN, copy_project, mkdocs_build
from test_load import line_of, replace

MID_CAMPAIGN = date(2021, 10, 1)  # the day BUILD_EPOCH stands for


def run_check(
    data: Path, epoch: str = BUILD_EPOCH, *options: str, env: dict | None = None
) -> subprocess.CompletedProcess:
    inherited = {k: v for k, v in os.environ.items() if k != "ALLOW_PLACEHOLDERS"}
    env = {**inherited, "PYTHONPATH": str(ROOT / "hooks"), "SOURCE_DATE_EPOCH": epoch, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "campaign", "check", str(data), *options],
        capture_output=True,
        text=True,
        cwd=data.parent,
        env=env,
    )


@pytest.mark.parametrize(
    "phrase,reading",
    [
        ("9月底10月初", "2021-09-21 至 2021-10-10，日期待定"),
        ("10月份", "2021-10-01 至 2021-10-31，日期待定"),
        ("10月8日", "2021-10-08"),
        ("10月8日 9:00-11:00", "2021-10-08 9:00—11:00"),
        ("6月底前", "2021-06-30 之前"),
        ("长期坚持", "长期开展，没有起止日期"),
        ("9—12月每周六", "2021-09-01 至 2021-12-31，每周六"),
        ("每月15日", "每月15日"),
    ],
)
def test_when_is_shown_as_understood(phrase, reading):
    assert understood(read_when(phrase, 2021)) == reading


def test_check_explains_each_when_counts_domains_and_warns(project):
    result = run_check(project / "data")
    assert result.returncode == 0, result.stderr
    path = project / "data/activities/culture-sports.yml"
    line = line_of(path, "id: national-day-calligraphy")
    assert (
        f"data/activities/culture-sports.yml:{line}  庆国庆书画笔会、书画展：9月底10月初 → "
        "2021-09-21 至 2021-10-10，日期待定"
    ) in result.stdout
    assert "病有所医（healthcare）：活动 4 项，重点工作 7 项（长期坚持 7），数据 7 项" in result.stdout
    assert "提醒" in result.stdout and "Traceback" not in result.stderr


def test_past_activity_without_report_is_a_warning_until_it_has_one(project):
    site = load_site(project / "data")
    found = warnings(site, project / "data", project / "content", MID_CAMPAIGN)
    path = project / "data/activities/healthcare.yml"
    [campus] = [w for w in found if "医保政策宣传" in w.message]
    assert (campus.file, campus.line) == (
        "data/activities/healthcare.yml",
        line_of(path, "id: medical-insurance-policy"),
    )
    assert "make new-report" in campus.hint and "data/reports/medical-insurance-policy.yml" in campus.hint
    (project / "content/activities/medical-insurance-policy.md").write_text("政策手册已发到各村。\n", encoding="utf-8")
    assert not [
        w for w in warnings(site, project / "data", project / "content", MID_CAMPAIGN) if "医保政策宣传" in w.message
    ]
    assert not [w for w in found if "校园开放日" in w.message]  # over, but it has a report
    assert not [w for w in found if "医院开放日" in w.message]  # 12月中旬: not over yet
    assert not [w for w in found if "文化惠民下乡演出" in w.message]  # over, but it has photos


def test_overdue_task_is_a_warning_on_its_status_line(project):
    data = project / "data"
    path = data / "achievements/housing.yml"
    [overdue] = [
        w for w in warnings(load_site(data), data, project / "content", MID_CAMPAIGN) if "老旧小区改造" in w.message
    ]
    status_line = next(
        i
        for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if i > line_of(path, "title: 老旧小区改造") and "status:" in line
    )
    assert overdue.file == "data/achievements/housing.yml" and overdue.line == status_line
    assert "9月中旬" in overdue.message and "进行中" in overdue.message
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[status_line - 1] = lines[status_line - 1].replace("进行中", "已完成")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert not [
        w for w in warnings(load_site(data), data, project / "content", MID_CAMPAIGN) if "老旧小区改造" in w.message
    ]


def test_images_without_alt_text_are_warnings(project):
    data = project / "data"
    path = data / "activities/healthcare.yml"
    replace(path, "    卫生院公共卫生科", "    ![](lecture.jpg)\n    卫生院公共卫生科")
    photos = data / "activities/culture-sports.yml"
    replace(photos, "alt: 示例图片：红色背景的舞台上", "alt: 照片\n      caption: 红色背景的舞台上")
    replace(photos, "      caption: 村里的文化惠民演出\n", "")
    page = project / "content/activities/hospital-open-day.md"
    page.write_text(page.read_text(encoding="utf-8") + '\n<img src="hall.jpg">\n', encoding="utf-8")
    found = warnings(load_site(data), data, project / "content", MID_CAMPAIGN)
    alt = [w for w in found if "替代文字" in w.message or "画面描述" in w.message]
    assert {w.file for w in alt} == {
        "data/activities/healthcare.yml",
        "data/activities/culture-sports.yml",
        "content/activities/hospital-open-day.md",
    }
    assert ("data/activities/culture-sports.yml", line_of(photos, "alt: 照片")) in {(w.file, w.line) for w in alt}
    assert next(w.line for w in alt if w.file.startswith("content")) == line_of(page, "hall.jpg")


def test_broken_files_are_all_reported_with_file_line_and_fix(project):
    data = project / "data"
    replace(data / "activities/healthcare.yml", "when: 10月份", "when: 尽快")
    replace(data / "achievements/housing.yml", "status: 进行中", "status: 差不多")
    result = run_check(data)
    assert result.returncode == 1 and result.stdout == ""
    assert f"data/activities/healthcare.yml:{line_of(data / 'activities/healthcare.yml', '尽快')}:" in result.stderr
    assert f"data/achievements/housing.yml:{line_of(data / 'achievements/housing.yml', '差不多')}:" in result.stderr
    assert result.stderr.count("怎么改：") == 2
    assert "只能写：未开始、进行中、已完成、长期坚持。" in result.stderr  # in Chinese, not pydantic's "'a', 'b' or 'c'"


def test_a_hand_written_page_without_its_activity_is_a_warning_and_builds_on_its_own(project, tmp_path):
    # The activity's id was changed in the data, its page of text was not.
    replace(project / "data/activities/healthcare.yml", "id: hospital-open-day", "id: hospital-day")
    replace(project / "data/feedback/2021.yml", "links: [hospital-open-day,", "links: [hospital-day,")
    replace(project / "data/reports/hospital-open-day.yml", "activity: hospital-open-day", "activity: hospital-day")
    data = project / "data"
    [orphan] = [
        w for w in warnings(load_site(data), data, project / "content", MID_CAMPAIGN) if w.file.startswith("content/")
    ]
    assert orphan.file == "content/activities/hospital-open-day.md" and "hospital-open-day" in orphan.message
    assert "文件名" in orphan.hint
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr  # strict: published on its own, not a nav warning
    assert "导医台" in (tmp_path / "site/activities/hospital-open-day/index.html").read_text(encoding="utf-8")


# --- the pre-publication checklist -----------------------------------------------------------------


def test_the_checklist_names_every_example_and_placeholder_at_its_line(project):
    data = project / "data"
    replace(data / "activities/healthcare.yml", "where: 各社区、学校、机关", "where: 待填写")
    found = {(w.file, w.line): w for w in checklist(load_site(data), data, project / "content")}
    campaign = data / "campaign.yml"
    for key in ("site_url:", "form_url:", "form_url_template:", "email:"):  # example.org addresses
        assert "示例地址" in found[("data/campaign.yml", line_of(campaign, key))].message
    assert (
        "待填写"
        in found[
            ("data/activities/healthcare.yml", line_of(data / "activities/healthcare.yml", "where: 待填写"))
        ].message
    )
    ledger = data / "feedback/2021.yml"
    assert "（示例）" in found[("data/feedback/2021.yml", line_of(ledger, "summary: （示例）医院开放日"))].message
    housing = data / "achievements/housing.yml"  # the sample's drawn photos, at each use
    assert "示意图" in found[("data/achievements/housing.yml", line_of(housing, "image: qiuquan/before.jpg"))].message
    page = found[("content/activities/hospital-open-day.md", 1)]
    assert "手写页面" in page.message and "删掉这个文件" in page.hint
    assert all(w.hint for w in found.values())


def test_strict_check_refuses_placeholders_unless_a_demo_site_allows_them(project):
    data = project / "data"
    refused = run_check(data, BUILD_EPOCH, "--strict")
    assert refused.returncode == 1 and "发布前检查清单" in refused.stdout and "发布前检查没有通过" in refused.stderr
    assert "Traceback" not in refused.stderr
    demo = run_check(data, BUILD_EPOCH, "--strict", env={"ALLOW_PLACEHOLDERS": "1"})
    assert demo.returncode == 0, demo.stderr
    assert "发布前检查清单" in demo.stdout and "ALLOW_PLACEHOLDERS=1" in demo.stdout  # still listed
    assert run_check(data).returncode == 0  # without --strict the checklist informs, it does not fail


def test_strict_check_passes_a_real_campaign_and_fails_on_lasting_reminders_only(tmp_path):
    project = copy_project(tmp_path, SIBAOSHAN, content=None)
    data = project / "data"
    replace(data / "campaign.yml", "https://example.org/sibaoshan/", "https://www.sibaoshan.gov.cn/kanbianhua/")
    replace(data / "campaign.yml", "https://example.org/sibaoshan/feedback", "https://wj.qq.com/s2/123456/")
    Image.new("RGB", (1600, 1200), "#557799").save(data / "images/press-conference/stage.jpg")  # a photo of its own
    late = "1735704000"  # 2025-01-01: every deadline of the 2022 campaign has passed (reminders come with the date)
    report = data / "reports/press-conference.yml"
    kept = run_check(data, late, "--strict")  # the photo replaced, but the drawn one's words kept
    assert kept.returncode == 1
    for words in ("alt: 示例图片：", "credit: 示例图片，非实拍"):
        assert f"data/reports/press-conference.yml:{line_of(report, words)}: " in kept.stdout
    replace(report, "alt: 示例图片：", "alt: ")
    replace(report, "credit: 示例图片，非实拍", "credit: 街道宣传办")
    passed = run_check(data, late, "--strict")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "发布前检查清单" not in passed.stdout and "已过" in passed.stdout
    path = data / "activities/press.yml"
    replace(path, "  summary: |\n", "  summary: |\n    ![](hall.jpg)\n")  # an image no reader can know
    failed = run_check(data, late, "--strict")
    assert failed.returncode == 1 and "替代文字" in failed.stdout and "发布前检查没有通过" in failed.stderr
