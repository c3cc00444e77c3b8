"""The data contract: the sample loads, and each kind of editor mistake is reported with file:line and a fix."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from campaign.data.load import load_site
from campaign.data.problems import DataProblems
from conftest import ROOT, SAMPLE_DATA, SAMPLE_DOMAINS


def problems_of(data_dir: Path) -> list:
    with pytest.raises(DataProblems) as caught:
        load_site(data_dir)
    return caught.value.problems


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def test_sample_campaign_loads_every_domain_activity_and_task():
    site = load_site(SAMPLE_DATA)
    assert [d.name for d in site.domains] == SAMPLE_DOMAINS
    assert len(site.activities) >= 20
    assert set(site.achievements) == {d.id for d in site.domains}
    assert sum(len(a.tasks) for a in site.achievements.values()) >= 50
    assert site.campaign.year == 2021
    assert site.campaign.period.start.isoformat() == "2021-09-01"


def test_sample_names_units_not_people():
    text = "".join(p.read_text(encoding="utf-8") for p in SAMPLE_DATA.rglob("*.yml"))
    for person in ["张庆玲", "郑鹏程", "郑晓梅", "赵文擎", "许乐意", "吴宁宁", "韩云飞", "刘持久", "范文生", "王建华"]:
        assert person not in text


def test_misspelt_key_names_the_line_and_the_right_key(project):
    path = project / "data/activities/healthcare.yml"
    replace(path, "  title:", "  tittle:")
    [problem] = problems_of(project / "data")
    assert problem.file == "data/activities/healthcare.yml"
    assert problem.line == line_of(path, "tittle:")
    assert "tittle" in problem.message and "「title」" in problem.hint


def test_unknown_domain_lists_the_known_ones(project):
    path = project / "data/activities/healthcare.yml"
    replace(path, "domain: healthcare", "domain: health")
    [problem] = problems_of(project / "data")
    assert problem.line == line_of(path, "domain: health")
    assert "health" in problem.message and "healthcare" in problem.hint


def test_duplicate_activity_id_across_files_points_at_both(project):
    first = project / "data/activities/childcare.yml"
    other = project / "data/activities/education.yml"
    first_id = next(x.split("id: ")[1] for x in first.read_text(encoding="utf-8").splitlines() if "- id: " in x)
    replace(other, other.read_text(encoding="utf-8").split("- id: ")[1].split("\n")[0], first_id)
    [problem] = problems_of(project / "data")
    assert first_id in problem.message and "data/activities/childcare.yml:" in problem.message
    assert problem.file == "data/activities/education.yml"


def test_unreadable_when_phrase_is_an_error_with_the_phrase(project):
    path = project / "data/activities/healthcare.yml"
    replace(path, "when: 10月份", "when: 下个月吧")
    [problem] = problems_of(project / "data")
    assert problem.line == line_of(path, "下个月吧")
    assert "下个月吧" in problem.message and problem.hint


def test_every_mistake_in_every_file_is_reported_at_once(project):
    data = project / "data"
    replace(data / "activities/healthcare.yml", "  title:", "  tittle:")
    replace(data / "activities/education.yml", "channels: [", "channels: 「")  # a list written as text
    replace(data / "achievements/housing.yml", "status:", "status: 差不多\n    statu:")
    (data / "domains.yml").write_text(
        (data / "domains.yml").read_text(encoding="utf-8") + "\t- id: x\n", encoding="utf-8"
    )
    replace(data / "campaign.yml", "year: 2021", "year: 2021\nyear: 2022")
    files = {p.file for p in problems_of(data)}
    assert files == {
        "data/activities/healthcare.yml",
        "data/activities/education.yml",
        "data/achievements/housing.yml",
        "data/domains.yml",
        "data/campaign.yml",
    }


def test_yaml_syntax_error_has_line_and_hint(project):
    path = project / "data/activities/education.yml"
    replace(path, "  where:", "  where: 学校: 东门\n  where2:")
    [problem] = problems_of(project / "data")
    assert problem.file == "data/activities/education.yml" and problem.line == line_of(path, "学校: 东门")
    assert "YAML" in problem.message and "冒号" in problem.hint


def test_duplicate_key_is_not_silently_dropped(project):
    path = project / "data/campaign.yml"
    replace(path, "year: 2021", "year: 2021\nyear: 2022")
    [problem] = problems_of(project / "data")
    first = line_of(path, "year: 2021")
    assert problem.line == first + 1 and "year" in problem.message and f"第 {first} 行" in problem.hint


def test_missing_file_and_missing_field(project):
    (project / "data/domains.yml").unlink()
    replace(project / "data/campaign.yml", "organiser:", "organizer:")
    messages = " ".join(p.message + p.hint for p in problems_of(project / "data"))
    assert "domains.yml" in messages and "organiser" in messages and "organizer" in messages


def test_wrong_type_and_bad_value_say_what_to_write(project):
    replace(project / "data/achievements/housing.yml", "status:", "status: 差不多\n    x_status:")
    problems = problems_of(project / "data")
    assert any("差不多" in p.message and "已完成" in p.hint for p in problems)


def test_check_command_prints_chinese_report_without_traceback(project):
    replace(project / "data/activities/healthcare.yml", "when: 10月份", "when: 尽快")
    result = subprocess.run(
        [sys.executable, "-m", "campaign", "check", str(project / "data")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT / "hooks")},
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "data/activities/healthcare.yml:" in result.stderr and "尽快" in result.stderr


@pytest.mark.parametrize("written", ["2O21", "2021年", "21", "1921"])
def test_a_year_that_is_not_one_asks_for_four_digits(project, written):
    path = project / "data/campaign.yml"
    replace(path, "year: 2021", f"year: {written}")
    [problem] = problems_of(project / "data")
    assert problem.line == line_of(path, f"year: {written}") and f"「{written}」" in problem.message
    assert "四位" in problem.hint and "unit" not in problem.hint


@pytest.mark.parametrize("written", ['"2021"', "2021.0"])
def test_a_year_quoted_or_as_a_whole_float_still_loads(project, written):
    replace(project / "data/campaign.yml", "year: 2021", f"year: {written}")
    assert load_site(project / "data").campaign.year == 2021
