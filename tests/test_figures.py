"""Figures with meaning: computed percentages, targets, roll-ups, their validation, and how pages show them."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from campaign.data.load import load_site
from campaign.data.models import Figure
from campaign.data.problems import DataProblems
from campaign.features.dashboard.dashboard import STATUSES, latest_change, progress_by_domain
from campaign.fields.figures import read_target, roll_up
from campaign.fields.mistake import Mistake
from conftest import ROOT, mkdocs_build

EXAMPLE = ROOT / "examples/sibaoshan"


@pytest.mark.parametrize(
    "text, op, value, unit",
    [
        ("≥ 90%", "≥", 90, "%"),
        (">=98%", "≥", 98, "%"),
        ("不低于 98%", "≥", 98, "%"),
        ("≤ 5", "≤", 5, ""),
        ("不超过 3 天", "≤", 3, "天"),
        ("= 100%", "=", 100, "%"),
    ],
)
def test_targets_are_read(text, op, value, unit):
    target = read_target(text)
    assert (target.op, target.value, target.unit) == (op, value, unit)


def test_target_comparison_and_unreadable_target():
    assert read_target("≥ 90%").met_by(92.5) and not read_target("≥ 90%").met_by(89.9)
    assert read_target("≤ 5").met_by(5) and not read_target("≤ 5").met_by(6)
    with pytest.raises(Mistake):
        read_target("九成以上")


def figure(**fields) -> Figure:
    return Figure(as_of="2022-10-26", **fields)


def test_parts_roll_up_into_a_whole_that_states_nothing():
    figures, problems = roll_up(
        [
            figure(id="all", label="全部"),
            figure(label="甲", value=2, total=63, parent="all"),
            figure(label="乙", value=3, total=54, parent="all"),
        ]
    )
    assert not problems
    assert (figures[0].value, figures[0].total, figures[0].percent) == (5, 117, 4.3)


def test_parts_that_do_not_add_up_are_reported_on_the_whole():
    _, [problem] = roll_up(
        [
            figure(id="all", label="全部", total=148),
            figure(label="甲", total=63, parent="all"),
            figure(label="乙", total=54, parent="all"),
        ]
    )
    assert (problem.index, problem.key) == (0, "total")
    assert "148" in problem.message and "63 + 54 = 117" in problem.message


def test_unknown_parent_and_empty_figure_are_reported():
    _, problems = roll_up([figure(label="甲", value=1, parent="nope"), figure(label="乙")])
    assert {(p.index, p.key) for p in problems} == {(0, "parent"), (1, "value")}


def copy_example(tmp_path: Path) -> Path:
    data = tmp_path / "sibaoshan"
    shutil.copytree(EXAMPLE, data)
    return data


def problems_after(data: Path, file: str, old: str, new: str) -> list:
    path = data / file
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DataProblems) as caught:
        load_site(data)
    return caught.value.problems


def line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if line.strip() == needle)


def test_done_above_total_is_an_error_with_its_line(tmp_path):
    data = copy_example(tmp_path)
    [problem] = problems_after(data, "achievements/livelihood-projects.yml", "value: 101", "value: 150")
    assert problem.line == line_of(data / "achievements/livelihood-projects.yml", "- id: projects")
    assert "150" in problem.message and "148" in problem.message


def test_parts_not_summing_to_the_stated_whole_is_an_error(tmp_path):
    data = copy_example(tmp_path)
    [problem] = problems_after(data, "achievements/livelihood-projects.yml", "total: 63", "total: 64")
    path = data / "achievements/livelihood-projects.yml"
    assert problem.line == line_of(path, "total: 148")
    assert "64 + 54 + 31 = 149" in problem.message


def test_percentages_outside_0_to_100_are_errors(tmp_path):
    data = copy_example(tmp_path)
    [problem] = problems_after(data, "achievements/health.yml", "value: 27\n    unit: 处", 'value: 127\n    unit: "%"')
    assert problem.line == line_of(data / "achievements/health.yml", "- label: 村卫生室")
    assert "0 到 100" in problem.message


def test_unreadable_target_is_an_error_on_its_line(tmp_path):
    data = copy_example(tmp_path)
    [problem] = problems_after(data, "achievements/health.yml", "value: 27\n", "value: 27\n    target: 九成\n")
    assert problem.line == line_of(data / "achievements/health.yml", "target: 九成")
    assert "九成" in problem.message and "≥ 90%" in problem.hint


def test_example_domain_page_shows_the_figures_of_the_data(tmp_path):
    site = tmp_path / "site"
    result = mkdocs_build(ROOT, site, env={"CAMPAIGN_DATA": str(EXAMPLE)})
    assert result.returncode == 0, result.stderr
    html = (site / "domains/livelihood-projects/index.html").read_text(encoding="utf-8")
    assert 'role="progressbar"' in html and 'aria-valuenow="68.2"' in html and "68.2%" in html
    assert re.search(r"已完成 <strong>101</strong>项，共 148项", html)
    for part in (
        "公共设施维护项目：<strong>63</strong>项",
        "便民设施改造项目：<strong>54</strong>项",
        "服务质量提升项目：<strong>31</strong>项",
    ):
        assert part in html
    assert '数据截至 <time datetime="2022-10-26">2022年10月26日</time>' in html
    health = (site / "domains/health/index.html").read_text(encoding="utf-8")
    assert "6.88<small>万人</small>" in health
    assert "<title>" in html and "品质民生看高新" in html  # site name comes from campaign.yml


def test_home_dashboard_counts_equal_the_data(sample_site):
    site = load_site(ROOT / "data")
    home = (sample_site / "index.html").read_text(encoding="utf-8")
    for row in progress_by_domain(site):
        cells = "".join(f"<td>{row.counts[s]}</td>" for s in STATUSES)
        assert f'<tr><th scope="row">{row.domain.name}</th>{cells}<td>{row.total}</td></tr>' in home
    assert '<svg class="cc-chart__svg"' in home and 'role="img"' in home


def test_home_shows_the_newest_before_after_pair_with_a_link_to_its_page(sample_site):
    site = load_site(ROOT / "data")
    latest = latest_change(site)
    pairs = [
        p for a in site.achievements.values() for p in a.before_after + [q for t in a.tasks for q in t.before_after]
    ]
    pairs += [p for a in site.activities for p in a.before_after]
    assert latest and all(p.after.date.end <= latest.pair.after.date.end for p in pairs if p.after.date)
    home = (sample_site / "index.html").read_text(encoding="utf-8")
    assert 'id="latest-change"' in home and f'href="{latest.url}">看这项变化的详情' in home
    assert latest.pair.after.alt in home
