"""`make check` explains valid data: each `when` as understood, counts per domain, warnings with file:line."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from campaign.data.load import load_site
from campaign.editors.check import understood, warnings
from campaign.fields.when import read_when
from conftest import BUILD_EPOCH, ROOT, mkdocs_build
from test_load import line_of, replace

MID_CAMPAIGN = date(2021, 10, 1)  # the day BUILD_EPOCH stands for


def run_check(data: Path, epoch: str = BUILD_EPOCH) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "hooks"), "SOURCE_DATE_EPOCH": epoch}
    return subprocess.run(
        [sys.executable, "-m", "campaign", "check", str(data)], capture_output=True, text=True, cwd=data.parent, env=env
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


def test_placeholder_and_images_without_alt_text_are_warnings(project):
    data = project / "data"
    path = data / "activities/healthcare.yml"
    replace(path, "where: 各社区、学校、机关", "where: 待填写")
    replace(path, "    卫生院公共卫生科", "    ![](lecture.jpg)\n    卫生院公共卫生科")
    photos = data / "activities/culture-sports.yml"
    replace(photos, "alt: 示例图片：红色背景的舞台上", "alt: 照片\n      caption: 红色背景的舞台上")
    replace(photos, "      caption: 村里的文化惠民演出\n", "")
    page = project / "content/activities/hospital-open-day.md"
    page.write_text(page.read_text(encoding="utf-8") + '\n<img src="hall.jpg">\n', encoding="utf-8")
    found = warnings(load_site(data), data, project / "content", MID_CAMPAIGN)
    assert ("data/activities/healthcare.yml", line_of(path, "where: 待填写")) in {(w.file, w.line) for w in found}
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
