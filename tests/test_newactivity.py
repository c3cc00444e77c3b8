"""`make new-activity`: asks for or takes the essential fields and writes a valid entry in the right file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from campaign.data.load import load_site
from conftest import ROOT
from test_schema import schema_errors


def new_activity(data: Path, *args: str, answers: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "hooks")}
    return subprocess.run(
        [sys.executable, "-m", "campaign", "new-activity", str(data), *args],
        input=answers,
        capture_output=True,
        text=True,
        cwd=data.parent,
        env=env,
    )


def test_asks_for_each_field_rejects_an_unreadable_when_and_appends_a_valid_entry(project):
    data = project / "data"
    path = data / "activities/elderly-care.yml"
    before = path.read_text(encoding="utf-8")
    answers = (
        "\n".join(
            [
                "老有所养",
                "重阳节走访慰问老人",
                "尽快",
                "重阳节",
                "各村老年人日间照料中心",
                "",  # organiser: the domain's lead unit
                "辖区老年人",
                "实地走访、微信公众号",
                "走访慰问老人，听取意见建议。",
                "",
            ]
        )
        + "\n"
    )  # id: the proposed one
    result = new_activity(data, answers=answers)
    assert result.returncode == 0, result.stderr
    assert "无法识别时间「尽快」" in result.stdout and "2021-10-14" in result.stdout
    line = before.count("\n") + 1
    assert f"data/activities/elderly-care.yml:{line}" in result.stdout
    assert path.read_text(encoding="utf-8").startswith(before)
    [added] = [a for a in load_site(data).activities if a.title == "重阳节走访慰问老人"]
    assert added.id == "elderly-care-1" and added.organiser == "民政办" and added.channels == ["实地走访", "微信公众号"]
    assert added.when.start.isoformat() == "2021-10-14"
    assert schema_errors(path, data) == []


def test_takes_fields_from_the_command_line_and_starts_a_new_file(project):
    data = project / "data"
    path = data / "activities/employment.yml"
    assert not path.exists()
    result = new_activity(
        data,
        "--domain",
        "employment",
        "--title",
        "招聘会",
        "--when",
        "10月8日 9:00-11:00",
        "--where",
        "街道便民服务中心",
        "--organiser",
        "人社所",
    )
    assert result.returncode == 0, result.stderr
    assert schema_errors(path, data) == []  # starts with the yaml-language-server line, which must resolve
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert (path.parent / first.split("$schema=")[1]).resolve() == ROOT / "schemas/activities.schema.json"
    added = next(a for a in load_site(data).activities if a.id == "employment-1")
    assert added.when.time_start.hour == 9


def test_every_mistake_is_reported_in_chinese_and_nothing_is_written(project):
    data = project / "data"
    path = data / "activities/healthcare.yml"
    before = path.read_text(encoding="utf-8")
    result = new_activity(
        data, "--domain", "healthcare", "--title", "讲座", "--when", "下个月吧", "--id", "health-lectures"
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr
    for expected in ["下个月吧", "health-lectures", "where", "organiser"]:
        assert expected in result.stderr
    assert result.stderr.count("怎么改：") == 4
    assert path.read_text(encoding="utf-8") == before


def test_an_unknown_domain_lists_the_known_ones(project):
    result = new_activity(project / "data", "--domain", "health", "--title", "讲座")
    assert result.returncode == 1 and "healthcare" in result.stderr and "elderly-care" in result.stderr
