"""你说我办 as offices report it: counts as written, declared sums checked, roll-ups, rounds, progress at a glance.

Each test writes a small campaign of its own: nothing here reads the project's data/.
"""

from __future__ import annotations

import json
import re
import textwrap
from datetime import date
from pathlib import Path

import pytest

from campaign.data.ledger import big, headline, read_sum, shares
from campaign.data.load import load_site
from campaign.data.problems import DataProblems
from campaign.fields.amounts import read_amount, wan
from campaign.fields.mistake import Mistake
from campaign.site.opendata import data_files
from campaign.site.pages import build_pages

CAMPAIGN = """\
title: 看变化
site_url: https://example.org/kanbianhua/
organiser: 示例镇党政办公室
year: 2022
period: 5月至10月
feedback:
  form_url: https://form.test/s/x
"""
DOMAINS = """\
- id: services
  name: 便民服务
  summary: 办事和走访。
  unit: 便民服务中心
"""
# Two news reports' figures, entered as written: a district total and two towns beneath it.
REPORTS = """\
totals:
  - id: district
    label: 全区大走访收集的问题诉求
    period: 第二轮大走访
    reported: 2022年7月
    source: 区委办工作报道
    collected: 2145
    resolved: 1668
    in_progress: 477
    on_the_spot: 669
    outside: [on_the_spot]
    sums: [collected = resolved + in_progress]
  - parent: district
    period: 第二轮大走访
    label: 甲镇大走访收集的问题
    source: 甲镇工作报道
    collected: 450
    transferred: 450
    resolved: 439
  - parent: district
    period: 第二轮大走访
    label: 乙街道大走访
    source: 乙街道工作报道
    unit: 个
    visited: 6761
    collected: 347
    rates: [{label: 入户率, value: 100%}]
  - label: 上一轮大走访
    period: 第一轮大走访
    as_of: 2022-03
    source: 区委办工作通报
    collected: 500余
outputs:
  - label: 建立微信群
    value: 642
    unit: 个
    source: 区委办工作报道
  - label: 发放明白纸
    value: 25.2万
    unit: 份
    source: 区委办工作报道
  - label: 服务群众
    value: 186276
    unit: 人次
    source: 区委办工作报道
"""


def campaign(tmp_path: Path, feedback: str, name: str = "reports.yml") -> Path:
    data = tmp_path / "data"
    (data / "feedback").mkdir(parents=True, exist_ok=True)
    (data / "campaign.yml").write_text(CAMPAIGN, encoding="utf-8")
    (data / "domains.yml").write_text(DOMAINS, encoding="utf-8")
    (data / "feedback" / name).write_text(textwrap.dedent(feedback), encoding="utf-8")
    return data


def problems_of(data: Path) -> list[str]:
    with pytest.raises(DataProblems) as caught:
        load_site(data)
    return [f"{p.line}: {p.message} | {p.hint}" for p in caught.value.problems]


@pytest.mark.parametrize(
    ("text", "value", "exact", "is_percent"),
    [
        ("2145", 2145, True, False),
        (450, 450, True, False),
        ("2,145", 2145, True, False),
        ("２１４５", 2145, True, False),
        ("500余", 500, False, False),
        ("500多", 500, False, False),
        ("约2000", 2000, False, False),
        ("2000左右", 2000, False, False),
        ("18.6万", 186000, False, False),
        ("25.2万", 252000, False, False),
        ("近万", 10000, False, False),
        ("上千", 1000, False, False),
        ("100%", 100, True, True),
        ("97.6%", 97.6, True, True),
    ],
)
def test_counts_are_read_as_reports_write_them_and_kept_as_written(text, value, exact, is_percent):
    amount = read_amount(text)
    assert (amount.value, amount.exact, amount.percent) == (value, exact, is_percent)
    assert str(amount) == str(text).replace("２１４５", "2145")


@pytest.mark.parametrize("text", ["很多", "-5", "120%", "1.2万%", "", "三百"])
def test_unreadable_counts_are_refused_with_what_to_write(text):
    with pytest.raises(Mistake) as caught:
        read_amount(text)
    assert caught.value.hint and re.search("[\u4e00-\u9fff]", caught.value.message)


def test_large_exact_counts_read_in_wan_and_approximate_ones_stay_as_written():
    assert wan(186276) == "18.6万" and wan(2145) == "2145" and wan(100000) == "10万"
    assert big(read_amount(186276)) == "18.6万" and big(read_amount("500余")) == "500余"
    assert big(read_amount("25.2万")) == "25.2万"


@pytest.mark.parametrize(
    "text",
    [
        "collected = resolved + in_progress",
        "收集问题 = 已办结 + 办理中",
        "collected＝resolved＋in_progress",
        "collected >= on_the_spot + transferred",
        "收集问题 ≥ 当场解决 + 转办",
    ],
)
def test_declared_sums_are_read_by_field_or_by_chinese_name(text):
    declared = read_sum(text)
    assert declared.whole == "collected" and len(declared.parts) == 2
    assert declared.exact == ("≥" not in text and ">=" not in text)


@pytest.mark.parametrize("text", ["collected = resolved", "收集 = 已办结 + 办理中", "collected resolved", "a = b + c"])
def test_unreadable_sums_are_refused_with_the_names_that_may_be_used(text):
    with pytest.raises(Mistake) as caught:
        read_sum(text)
    assert "已办结（resolved）" in caught.value.hint


def test_a_declared_sum_that_is_100_short_is_caught_on_its_line_with_the_numbers(tmp_path):
    data = campaign(tmp_path, REPORTS.replace("in_progress: 477", "in_progress: 377"))
    found = problems_of(data)
    assert len(found) == 1
    line = REPORTS.splitlines().index("    in_progress: 477") + 1
    assert found[0].startswith(f"{line}: 已办结 1668 + 办理中 377 = 2045，和收集问题的 2145 对不上（差 100）")


def test_parts_adding_to_more_than_the_whole_are_caught_unless_reported_as_outside(tmp_path):
    data = campaign(
        tmp_path, REPORTS.replace("    outside: [on_the_spot]\n", "").replace("on_the_spot: 669", "on_the_spot: 2669")
    )
    found = problems_of(data)
    assert any("当场解决 2669，比收集问题的 2145 还多" in f and "outside" in f for f in found), found
    assert load_site(campaign(tmp_path / "ok", REPORTS))  # 另有 669 as reported: no complaint


def test_an_exact_sum_of_approximate_counts_cannot_be_checked_and_says_so(tmp_path):
    found = problems_of(campaign(tmp_path, REPORTS.replace("resolved: 1668", "resolved: 1600余")))
    assert any("没法核对：已办结 1600余 是约数" in f for f in found), found


def test_roll_ups_fit_their_parent_and_their_round(tmp_path):
    too_many = REPORTS.replace("collected: 347", "collected: 1800")
    assert any("各下级相加是 450 + 1800 = 2250" in f for f in problems_of(campaign(tmp_path / "a", too_many)))
    complete = REPORTS.replace("    sums: [collected", "    complete: true\n    sums: [collected")
    assert any("complete: true" in f for f in problems_of(campaign(tmp_path / "b", complete)))
    other_round = REPORTS.replace(
        "    period: 第二轮大走访\n    label: 甲镇", "    period: 第一轮大走访\n    label: 甲镇"
    )
    assert any("不同轮次的数字不能汇总" in f for f in problems_of(campaign(tmp_path / "c", other_round)))
    unknown = REPORTS.replace(
        "  - parent: district\n    period: 第二轮大走访\n    label: 甲镇",
        "  - parent: distrct\n    period: 第二轮大走访\n    label: 甲镇",
    )
    assert any(
        "没有编号为「distrct」的统计" in f and "district" in f for f in problems_of(campaign(tmp_path / "d", unknown))
    )


def test_shares_name_their_base_and_the_headline_is_the_resolved_share_or_the_stated_rate(tmp_path):
    ledger = load_site(campaign(tmp_path, REPORTS)).ledger
    district, town, street, earlier = ledger.totals
    by_key = {s.key: s for s in shares(district)}
    assert by_key["resolved"].of_key == "collected" and by_key["resolved"].percent == 77.8
    assert by_key["on_the_spot"].outside and by_key["on_the_spot"].percent is None
    assert (headline(district).text, headline(district).base) == ("77.8%", "占收集问题 2145 条")
    assert {s.key: s.of_key for s in shares(town)} == {
        "collected": "",
        "transferred": "collected",
        "resolved": "transferred",
    }
    assert headline(town).text == "97.6%"
    assert (headline(street).label, headline(street).text) == ("入户率", "100%")
    assert headline(earlier) is None  # 500余 alone: nothing to compute
    assert [t.label for t in ledger.children(district)] == ["甲镇大走访收集的问题", "乙街道大走访"]
    assert [period for period, _ in ledger.periods] == ["第二轮大走访", "第一轮大走访"]


def test_the_ledger_page_shows_figures_as_written_with_progress_at_a_glance(tmp_path):
    site = load_site(campaign(tmp_path, REPORTS))
    pages = {page.src_uri: page.body for page in build_pages(site, date(2022, 8, 1), "https://town.test/")}
    ledger = pages["ledger/index.md"]
    assert '<strong>77.8%</strong> <span class="cc-ledger-headline__base">占收集问题 2145 条</span>' in ledger
    assert (
        'role="progressbar" aria-label="全区大走访收集的问题诉求：办结率"' in ledger
        and 'aria-valuenow="77.8"' in ledger
    )
    assert "<dt>另有当场解决</dt><dd><strong>669</strong>" in ledger
    assert "<strong>500余</strong>" in ledger and "<strong>18.6万人次</strong>" in ledger
    assert "<strong>25.2万份</strong>" in ledger and "据2022年7月报道" in ledger and "数据截至 2022年3月" in ledger
    assert ledger.index("第二轮大走访") < ledger.index("第一轮大走访") and "不能相加" in ledger
    assert '<details class="cc-ledger-children">' in ledger  # the towns beneath their district, readable without JS
    assert "件件有回音" not in ledger and "12345" not in ledger  # no channel or promise the data did not state
    home = pages["index.md"]
    assert 'id="ledger"' in home and "<strong>77.8%</strong>" in home and "<strong>97.6%</strong>" not in home


def test_the_office_writes_the_ledger_introduction_once(tmp_path):
    data = campaign(tmp_path, "intro: 居民在入户走访中提出的问题，由责任单位限期办理。\n" + REPORTS)
    site = load_site(data)
    page = next(
        p.body for p in build_pages(site, date(2022, 8, 1), "https://town.test/") if p.src_uri == "ledger/index.md"
    )
    assert "居民在入户走访中提出的问题，由责任单位限期办理。" in page
    (data / "feedback" / "more.yml").write_text("intro: 另一段说明。\n", encoding="utf-8")
    assert any("说明写了不止一处" in f for f in problems_of(data))


def test_open_data_keeps_counts_as_written_and_names_the_base_of_every_share(tmp_path):
    files = data_files(load_site(campaign(tmp_path, REPORTS)))
    totals = json.loads(files["data/feedback-totals.json"])
    district = totals[0]
    assert district["collected"] == 2145 and district["collected_exact"] is True
    assert district["resolved_percent"] == 77.8 and district["resolved_percent_of"] == "collected"
    assert district["on_the_spot_percent"] is None and district["outside"] == ["on_the_spot"]
    assert district["sums"] == ["collected = resolved + in_progress"] and district["reported"] == "2022年7月"
    assert (
        totals[1]["parent"] == "district"
        and totals[3]["collected"] == "500余"
        and totals[3]["collected_exact"] is False
    )
    outputs = json.loads(files["data/feedback-outputs.json"])
    assert [(o["label"], o["value"]) for o in outputs] == [
        ("建立微信群", 642),
        ("发放明白纸", "25.2万"),
        ("服务群众", 186276),
    ]
    assert "resolved_percent_of" in files["data/feedback-totals.csv"].splitlines()[0]


def test_a_count_field_holding_a_share_is_sent_to_rates(tmp_path):
    found = problems_of(campaign(tmp_path, "totals:\n  - label: 走访\n    source: 报道\n    visited: 100%\n"))
    assert any("rates" in f for f in found), found
