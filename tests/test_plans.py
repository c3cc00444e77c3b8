"""Plans as they are written (issue 17): targets alone, planned amounts, unstated facts, deadlines and
undated items in the calendar, overdue tasks, items of the whole campaign, more feedback channels, open
data that keeps the plan, and names quoted once. Built from examples/shizhong, never from data/."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from datetime import date
from pathlib import Path

import pytest
from icalendar import Calendar

from campaign.data.load import load_site
from campaign.data.models import Activity, Figure, KeyTask, Progress
from campaign.data.problems import DataProblems
from campaign.data.standing import standing
from campaign.editors.check import warnings
from campaign.features.calendar.ics import feeds
from campaign.features.calendar.schedule import agenda, days, month_grid
from campaign.features.feedback.feedback import channels, where
from campaign.features.gallery.images import process_images
from campaign.fields.quotes import quoted
from campaign.fields.when import read_when
from campaign.site.opendata import data_files
from campaign.site.pages import build_pages
from conftest import ROOT, copy_project, mkdocs_build
from test_load import line_of, replace

EXAMPLE = ROOT / "examples/shizhong"
BUILT_ON = "1694750400"  # 2023-09-15 12:00 in China: some tasks ahead, some under way
MID, AFTER = date(2023, 9, 15), date(2023, 10, 15)
SITE_URL = "https://example.org/shantou/"


@pytest.fixture
def example(tmp_path: Path) -> Path:
    data = tmp_path / "shizhong"
    shutil.copytree(EXAMPLE, data)
    return data


@pytest.fixture(scope="module")
def site_dir(tmp_path_factory) -> Path:
    parent = tmp_path_factory.mktemp("shizhong")
    site = parent / "site"
    result = mkdocs_build(copy_project(parent, EXAMPLE, content=None), site, epoch=BUILT_ON)
    assert result.returncode == 0, result.stderr
    return site


def page(site_dir: Path, path: str) -> str:
    return (site_dir / path / "index.html").read_text(encoding="utf-8")


def problems_of(data: Path) -> list:
    with pytest.raises(DataProblems) as caught:
        load_site(data)
    return caught.value.problems


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The example loaded, its images processed, as the build has it."""
    loaded = load_site(EXAMPLE)
    loaded.pictures.update(process_images(loaded.images, EXAMPLE / "images", tmp_path_factory.mktemp("images")))
    return loaded


def body(site, src_uri: str, on: date) -> str:
    return next(p.body for p in build_pages(site, on, SITE_URL) if p.src_uri == src_uri)


# --- 1. Targets: a figure may be a target alone ----------------------------------------------------


@pytest.mark.parametrize(
    "target", ["≥ 90%", "90%以上", "不低于90%", "98%以上", "下降30%", "较去年下降30%", "全覆盖", "只增不减"]
)
def test_a_target_alone_is_a_figure_with_no_result(target):
    figure = Figure(label="破案率", unit="%", target=target)
    assert (figure.value, figure.percent, figure.met, figure.planned) == (None, None, None, False)
    assert str(figure.target) == target


@pytest.mark.parametrize(
    "fields, met",
    [
        ({"value": 92.5, "unit": "%", "target": "≥ 90%"}, True),
        ({"value": 89, "unit": "%", "target": "90%以上"}, False),
        ({"value": 27, "total": 27, "unit": "个", "target": "全覆盖"}, True),  # a share of the total
        ({"value": 26, "total": 27, "unit": "个", "target": "全覆盖"}, False),
        ({"value": 101, "total": 148, "unit": "项", "target": "≥ 60%"}, True),  # 68.2% of the total, not 101
        ({"value": 70, "unit": "起", "target": "较去年下降30%", "baseline": 100}, True),
        ({"value": 80, "unit": "起", "target": "较去年下降30%", "baseline": 100}, False),
        ({"value": 80, "unit": "起", "target": "较去年下降30%"}, None),  # no baseline: no verdict
        ({"value": 45, "unit": "小时", "target": "不少于42小时"}, True),
        ({"value": 12, "unit": "个", "target": "只增不减", "baseline": 12}, True),
    ],
)
def test_a_measured_value_is_judged_against_its_target(fields, met):
    assert Figure(as_of="2023-06-30", label="指标", **fields).met is met


def test_a_value_without_its_date_is_an_error_saying_what_to_add(example):
    path = example / "achievements/culture.yml"
    replace(
        path,
        '    value: 100\n    unit: "%"\n    target: 全覆盖\n    as_of: 2023-06-30\n',
        '    value: 100\n    unit: "%"\n    target: 全覆盖\n',
    )
    [problem] = problems_of(example)
    assert problem.line == line_of(path, "label: 配套文化广场覆盖率")
    assert "没有写数据截至哪一天" in problem.message and "as_of:" in problem.hint


@pytest.mark.parametrize(
    "old, new, says",
    [
        (
            "    unit: 小时\n    target: 不少于42小时",
            "    unit: 个\n    target: 不少于42小时",
            "单位「小时」和数据的单位「个」",
        ),
        ("    unit: 小时\n    target: 不少于42小时", "    unit: 小时\n    target: 42小时", "看不懂目标"),
        (
            "    unit: 小时\n    target: 不少于42小时",
            "    unit: 小时\n    target: 不少于42小时\n    baseline: 30",
            "比较基数",
        ),
    ],
)
def test_targets_that_cannot_be_judged_are_errors_on_their_figure(example, old, new, says):
    replace(example / "achievements/culture.yml", old, new)
    [problem] = problems_of(example)
    assert problem.file.endswith("achievements/culture.yml") and says in problem.message and problem.hint


def test_the_domain_page_shows_a_target_alone_as_a_target(site_dir):
    html = page(site_dir, "domains/public-safety")
    figures = html[html.index('<ul class="cc-figures">') : html.index('<h2 id="tasks">')]
    assert "破案率" in figures and "目标：≥ 90%" in figures and "尚无实测数据" in figures
    assert "progressbar" not in figures and "cc-figure__value" not in figures and "已达到" not in figures
    culture = page(site_dir, "domains/culture")
    assert "目标：全覆盖，已达到" in culture  # measured, dated, and judged


# --- 2. Planned amounts: shown as 计划, never as a result --------------------------------------------


def test_a_total_alone_is_a_plan():
    assert Figure(label="修路", total=8, unit="公里").planned
    assert not Figure(label="修路", total=8, value=2.2, unit="公里", as_of="2023-06-30").planned


def test_planned_amounts_are_shown_as_plans(site_dir):
    html = page(site_dir, "domains/culture")
    plan = html[html.index("文化惠民演出") :]
    plan = plan[: plan.index("</li>")]
    assert "计划 <strong>56</strong>场" in plan and "cc-figure__value" not in plan and "0" not in plan
    task = html[html.index('id="new-reading-rooms"') :]
    assert (
        "计划 <strong>7</strong>处" in task[: task.index("</article>")]
        and "progressbar" not in task[: task.index("</article>")]
    )


def test_a_done_count_without_its_date_loads_but_is_not_shown_as_progress(example, tmp_path):
    """This loaded before issue 17 and still does; make check says what to add, the page shows no bar."""
    path = example / "achievements/disability.yml"
    replace(path, "progress: {total: 300, unit: 户}", "progress: {done: 120, total: 300, unit: 户}")
    site = load_site(example)
    site.pictures.update(process_images(site.images, example / "images", tmp_path / "images"))
    [warning] = [w for w in warnings(site, example, example / "content", MID) if "已完成量" in w.message]
    assert warning.line == line_of(path, "progress: {done: 120") and "as_of" in warning.hint
    card = body(site, "domains/disability.md", MID)
    card = card[card.index('id="home-accessibility"') : card.index("</article>", card.index('id="home-accessibility"'))]
    assert (
        "progressbar" not in card
        and "计划 <strong>300</strong>户" in card
        and "报告已完成 120户，未注明统计日期" in card
    )
    assert not Progress(done=120, total=300).measured and Progress(done=120, total=300, as_of="2023-06-30").measured


@pytest.mark.parametrize("written, shown", [(560, "560"), (560.0, "560"), ("560", "560"), (2.2, "2.2"), (0, "0")])
def test_numbers_are_kept_as_written(written, shown):
    assert repr(Figure(label="岗位", value=written, as_of="2023-06-30").value) == shown


# --- 3. Unstated facts: optional, shown as 待定/未注明 ---------------------------------------------------


def test_a_place_or_unit_the_plan_does_not_state_is_not_invented(site_dir):
    activity = Activity(id="festival", title="广场文化节", domain="culture", when="适时")
    assert (activity.where, activity.organiser) == (None, None)
    html = page(site_dir, "activities/culture-into-homes")  # no place in the plan
    assert re.search(r"<dt>地点</dt><dd><span class=\"cc-unstated\">待定</span></dd>", html)
    unit = page(site_dir, "activities/double-ninth-show")  # no organiser
    assert re.search(r"<dt>责任单位</dt><dd><span class=\"cc-unstated\">未注明</span></dd>", unit)
    assert re.search(r"牵头单位：<span class=\"cc-unstated\">未注明</span>", page(site_dir, "domains/public-safety"))
    event = Calendar.from_ical((site_dir / "activities/culture-into-homes.ics").read_bytes()).events[0]
    assert "LOCATION" not in event and "地点：待定" in event["DESCRIPTION"]


PERIOD = read_when("2023年3月至12月", 2023)


@pytest.mark.parametrize(
    "deadline, on, label",
    [
        ("9月底前", date(2023, 2, 1), "未到开始时间"),  # before the campaign starts
        ("9月底前", date(2023, 9, 15), "按计划进行中"),
        ("9月底前", date(2023, 10, 1), "完成时限已过，进展待更新"),
        ("第四季度", date(2023, 9, 15), "未到开始时间"),
        ("第四季度", date(2023, 11, 1), "按计划进行中"),
        ("10月8日", date(2023, 10, 9), "完成时限已过，进展待更新"),
        ("三月份启动", date(2023, 12, 31), "按计划进行中"),  # a start that runs on never passes
        ("长期坚持", date(2024, 5, 1), "按计划进行中"),
        ("适时", date(2023, 9, 15), "完成时限待定"),
        ("次年春节前", date(2024, 1, 5), "按计划进行中"),
    ],
)
def test_without_a_status_a_task_stands_where_its_dates_put_it(deadline, on, label):
    task = KeyTask(id="task", title="任务", deadline=read_when(deadline, 2023))
    stands = standing(task, on, PERIOD)
    assert (stands.label, stands.reported) == (label, False)
    assert stands.overdue == label.startswith("完成时限已过")


def test_the_page_says_a_standing_was_read_from_the_schedule(site_dir):
    html = page(site_dir, "domains/health")
    card = html[html.index('id="elderly-checkups"') :]
    assert "按计划进行中" in card and "按时间安排推算，尚未报告进展" in card and "进行中</span>（" not in card


# --- 4 and 5. Time phrases in the calendar: deadlines due, undated never on a day -------------------


def activities(*pairs) -> list[Activity]:
    return [Activity(id=id_, title=id_, domain="culture", when=read_when(when, 2023)) for id_, when in pairs]


def test_deadlines_are_due_in_their_month_and_undated_items_apart():
    items = activities(
        ("survey", "9月底前完成"),
        ("visits", "次年春节前"),
        ("show", "10月份"),
        ("festival", "适时"),
        ("launch", "三月份启动"),
        ("holiday", "国庆节期间"),
    )
    found = agenda(items, MID, PERIOD)
    assert [(m, [a.id for a in group]) for m, group in found.due] == [
        (date(2023, 9, 1), ["survey"]),
        (date(2024, 2, 1), ["visits"]),
    ]
    assert [a.id for _, group in found.upcoming for a in group] == ["holiday", "show"]  # never the deadlines
    assert [a.id for a in found.undated] == ["festival"] and "launch" in [a.id for a in found.ongoing]
    assert [a.id for _, group in agenda(items, AFTER, PERIOD).past for a in group if a.id == "survey"] == ["survey"]


def test_month_grids_mark_deadlines_and_never_place_an_undated_or_holiday_item_on_a_day():
    items = activities(
        ("survey", "9月底前完成"),
        ("due-day", "9月20日前"),
        ("festival", "适时"),
        ("double-ninth", "重阳节适时举办"),
        ("holiday", "国庆节期间"),
        ("launch", "9月10日起"),
    )
    september = month_grid(items, date(2023, 9, 1), PERIOD)
    assert [s.activity.id for s in september.bands["due"]] == ["survey"]
    on_days = {day: [(s.activity.id, s.due) for s in slots] for day, slots in september.busy_days}
    assert on_days == {date(2023, 9, 10): [("launch", False)], date(2023, 9, 20): [("due-day", True)]}
    assert september.undated == 1
    october = month_grid(items, date(2023, 10, 1), PERIOD)
    assert not october.busy_days  # 重阳节适时 and 国庆节期间 are near days, not on them
    assert {s.activity.id for band in october.bands.values() for s in band} == {"double-ninth", "holiday", "launch"}
    assert days(read_when("9月10日起", 2023), PERIOD) == [date(2023, 9, 10)]


def test_calendar_files_mark_deadlines_and_leave_out_what_has_no_date(site_dir):
    site = load_site(EXAMPLE)
    files = feeds(site, SITE_URL)
    assert "activities/square-festival.ics" not in files  # 适时: no event, RFC 5545 needs a start
    assert not (site_dir / "activities/square-festival.ics").exists()
    events = {str(e["UID"]).split("@")[0]: e for e in Calendar.from_ical(files["calendar/all.ics"]).events}
    assert "square-festival" not in events
    due = events["reading-survey"]
    assert due["SUMMARY"].endswith("（截止）") and "截止" in due.categories and date(2023, 9, 30) == due.DTSTART
    assert "截止：2023年9月底前完成" in due["DESCRIPTION"]
    assert events["double-ninth-show"]["STATUS"] == "TENTATIVE"  # 重阳节适时举办: not confirmed for the day
    assert events["door-to-door"]["SUMMARY"].endswith("（开始，之后持续开展）")


def test_calendar_pages_list_deadlines_as_due_and_undated_items_apart(site_dir):
    html = page(site_dir, "calendar")
    upcoming = html[html.index('data-status="upcoming"') : html.index('data-status="due"')]
    due = html[html.index('data-status="due"') : html.index('data-status="ongoing"')]
    undated = html[html.index('data-status="undated"') : html.index('class="cc-subscribe"')]
    assert (
        "城市书房读者意见征集" in due
        and "城市书房读者意见征集" not in upcoming
        and '<span class="cc-due">截止</span>' in due
    )
    assert "第二届广场文化节" in undated and "data-first" not in undated
    activity = page(site_dir, "activities/square-festival")
    assert "暂时不能加入日历" in activity and "square-festival.ics" not in activity
    month = page(site_dir, "calendar/2023-09")
    assert "本月截止" in month and "城市书房读者意见征集" in month and "没有定下时间" in month


# --- 6. Overdue, honestly ------------------------------------------------------------------------------


def test_overdue_tasks_are_warnings_at_their_status_or_deadline_line(example):
    site = load_site(example)
    found = {w.message.split("」")[0].lstrip("「"): w for w in warnings(site, example, example / "content", AFTER)}
    reported = found["完善169个基层文化服务中心硬件设施"]  # 三季度末, still 进行中
    assert reported.line == line_of(example / "achievements/culture.yml", "status: 进行中")
    assert "进展还是「进行中」" in reported.message and "status" in reported.hint
    unreported = found["65岁以上老年人免费健康查体"]  # 9月底前, no status
    assert unreported.line == line_of(example / "achievements/health.yml", "deadline: 9月底前")
    assert "还没有报告进展" in unreported.message and "as_of" in unreported.hint
    assert not [w for w in warnings(site, example, example / "content", MID) if "健康查体" in w.message]


def test_overdue_tasks_say_so_on_the_domain_page_with_the_last_report(site):
    html = body(site, "domains/culture.md", AFTER)
    assert "有 1 项重点工作完成时限已过" in html and 'href="#grassroots-centres"' in html
    card = html[html.index('id="grassroots-centres"') :]
    card = card[: card.index("</article>")]
    assert "完成时限已过" in card and "最近报告：" in card and "进行中" in card and "（2023年6月30日）" in card
    health = body(site, "domains/health.md", AFTER)
    assert "完成时限已过，进展待更新" in health
    assert "项完成时限已过" in body(site, "index.md", AFTER) and "完成时限已过" not in body(
        site, "domains/culture.md", MID
    )


# --- 7. Items of the whole campaign ----------------------------------------------------------------


def test_items_of_no_domain_belong_to_the_whole_campaign(site_dir):
    site = load_site(EXAMPLE)
    assert {a.id for a in site.campaign_activities} == {"monthly-report", "progress-meeting", "door-to-door"}
    assert [t.id for t in site.campaign_wide.tasks] == ["problem-ledger"] and None not in site.achievements
    home = page(site_dir, "")
    whole = home[home.index('id="campaign-wide"') : home.index('id="domains"')]
    for shown in ("走访问题办结率", "目标：95%以上", "建立问题整改台账", "活动进度推进会", "每月在公众号公开工作进展"):
        assert shown in whole
    assert '<th scope="row">全局</th>' in home  # in the dashboard's table
    event = Calendar.from_ical((site_dir / "calendar/all.ics").read_bytes())
    assert "全局" in next(e for e in event.events if "progress-meeting" in str(e["UID"])).categories
    assert "全局（整个活动）" in page(site_dir, "activities/progress-meeting")


def test_two_files_for_the_whole_campaign_are_an_error(example):
    shutil.copy(example / "achievements/campaign.yml", example / "achievements/zz-more.yml")
    replace(example / "achievements/zz-more.yml", "id: problem-ledger", "id: another-task")
    [problem] = problems_of(example)
    assert (
        problem.file.endswith("zz-more.yml") and "只能有一个" in problem.message and "campaign.yml" in problem.message
    )


# --- 8. Feedback channels beyond the form, phone and e-mail -------------------------------------------


def test_the_feedback_block_and_posters_offer_every_channel_given(site_dir):
    block = page(site_dir, "domains/culture")
    block = block[block.index('class="cc-feedback"') :]
    for shown in (
        "微信公众号：在微信里搜索“文化润心满意市中”（微信号 shizhong_wenhua）",
        "意见箱：设在各镇（街）便民服务中心一楼大厅",
        "接待日：<span>每周三上午</span>，在区文旅局一楼群众接待室当面反映",
        'alt="二维码：用微信扫一扫，打开微信公众号“文化润心满意市中”"',
    ):
        assert shown in block
    assert "填写网上意见表" not in block and "qr-feedback.svg" not in block  # no form in this plan: none invented
    assert (
        not (site_dir / "domains/culture/qr-feedback.svg").exists()
        and (site_dir / "domains/culture/qr-page.svg").exists()
    )
    poster = page(site_dir, "activities/village-films/poster")
    assert "微信扫码提意见" in poster and "意见箱" in poster and "接待日" in poster
    image = re.search(r'<img src="\.\./\.\./\.\./images/([0-9a-f]+-\d+\.jpg)"[^>]*alt="二维码：用微信扫一扫', poster)
    assert image and (site_dir / "images" / image[1]).is_file()  # through the photo pipeline


def test_channels_are_inherited_field_by_field():
    site = load_site(EXAMPLE)
    here = where(site, "activities/village-films.md", "“一村一月一场电影”")
    ways = channels(site, here, SITE_URL)
    assert (ways.form, ways.hotline, ways.wechat.name, ways.suggestion_box) == (
        None,
        "12345",
        "文化润心满意市中",
        "各镇（街）便民服务中心一楼大厅",
    )
    assert ways.reception.when.rrule == {"FREQ": "WEEKLY", "BYDAY": ["WE"]} and ways.reception.when.daypart == "上午"


@pytest.mark.parametrize(
    "old, new, says",
    [
        ("name: 文化润心满意市中", "name: https://mp.weixin.qq.com/x", "像是网址或链接"),
        ("name: 文化润心满意市中", 'name: "javascript:alert(1)"', "像是网址或链接"),
        ("name: 文化润心满意市中", "name: 文化润心满意市中文化润心满意市中文化润心满意市中文化润心满意市中", "太长"),
        ("account: shizhong_wenhua", "account: 1shizhong", "不是微信号"),
        ("suggestion_box: 各镇（街）便民服务中心一楼大厅", 'suggestion_box: "大厅\\n二楼"', "看不见的字符"),
        ("when: 每周三上午", "when: 尽快", "无法识别时间"),
        ("qr: channels/wechat-qr.png", "qr: ../secret.png", "不能以“/”开头"),
    ],
)
def test_channel_values_are_checked_like_links(example, old, new, says):
    path = example / "campaign.yml"
    replace(path, old, new)
    [problem] = problems_of(example)
    assert problem.file.endswith("campaign.yml") and problem.line == line_of(path, new.split(":")[0] + ":")
    assert says in problem.message and problem.hint


def test_a_missing_qr_image_stops_the_build_naming_its_line(example, tmp_path):
    (example / "images/channels/wechat-qr.png").unlink()
    result = mkdocs_build(copy_project(tmp_path, example, content=None), tmp_path / "site", epoch=BUILT_ON)
    assert result.returncode != 0
    assert f"campaign.yml:{line_of(example / 'campaign.yml', 'qr: channels/wechat-qr.png')}" in result.stderr
    assert "channels/wechat-qr.png" in result.stderr


# --- 9. Open data keeps the plan ---------------------------------------------------------------------


def test_open_data_keeps_figures_as_written():
    files = data_files(load_site(EXAMPLE), MID)
    figures = {f["label"]: f for f in json.loads(files["data/figures.json"])}
    rate = figures["破案率"]  # a target alone: no value, the target as written and as read
    assert (rate["value"], rate["target"], rate["target_comparison"], rate["target_number"], rate["target_unit"]) == (
        None,
        "≥ 90%",
        "≥",
        90,
        "%",
    )
    theft = figures["盗窃案件数"]
    assert (theft["target_comparison"], theft["target_number"], theft["target_reference"]) == ("下降", 30, "较去年")
    assert (figures["文化惠民演出"]["total"], figures["文化惠民演出"]["value"]) == (56, None)
    assert figures["配套文化广场覆盖率"]["met"] is True and figures["走访问题办结率"]["domain"] is None
    rows = list(csv.DictReader(io.StringIO(files["data/figures.csv"].lstrip("\ufeff"))))
    row = next(r for r in rows if r["label"] == "2022年完成家庭无障碍改造")
    assert (row["value"], row["total"], row["as_of"]) == ("520", "", "2022-12-31")
    assert ".0," not in files["data/figures.csv"]


def test_open_data_gives_each_task_its_report_and_its_schedule_position():
    tasks = {t["id"]: t for t in json.loads(data_files(load_site(EXAMPLE), AFTER)["data/achievements.json"])}
    assert (
        tasks["grassroots-centres"]["status"],
        tasks["grassroots-centres"]["status_as_of"],
        tasks["grassroots-centres"]["schedule_position"],
        tasks["grassroots-centres"]["overdue"],
    ) == ("进行中", "2023-06-30", "完成时限已过", True)
    assert (tasks["elderly-checkups"]["status"], tasks["elderly-checkups"]["schedule_position"]) == (
        None,
        "完成时限已过",
    )
    assert (tasks["new-reading-rooms"]["progress_total"], tasks["new-reading-rooms"]["progress_done"]) == (7, None)
    assert tasks["problem-ledger"]["domain_name"] == "全局"


def test_open_data_of_the_2022_example_has_totals_and_plain_numbers():
    files = data_files(load_site(ROOT / "examples/sibaoshan"), date(2022, 11, 1))
    rows = list(csv.DictReader(io.StringIO(files["data/figures.csv"].lstrip("\ufeff"))))
    assert [(r["label"], r["value"], r["total"]) for r in rows if r["parent"] == "projects"] == [
        ("公共设施维护项目", "", "63"),
        ("便民设施改造项目", "", "54"),
        ("服务质量提升项目", "", "31"),
    ]
    assert next((r["value"], r["total"]) for r in rows if r["label"] == "新增学位") == ("3150", "")


# --- 10. Names quoted once ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "title, shown",
    [
        ("“一村一月一场电影”", "“一村一月一场电影”"),
        ("一村一月一场电影", "“一村一月一场电影”"),
        ("「文化进万家」", "“文化进万家”"),
        ('"周六剧场"', "“周六剧场”"),
        ("“我和我的祖国”快闪", "“‘我和我的祖国’快闪”"),
        ("“周六剧场”和“戏曲六进”", "“‘周六剧场’和‘戏曲六进’”"),
        ("《人生》读书会", "“《人生》读书会”"),
    ],
)
def test_names_are_quoted_once(title, shown):
    assert quoted(title) == shown


def test_no_page_doubles_its_quotation_marks(site_dir):
    films = page(site_dir, "activities/village-films")
    assert "对“一村一月一场电影”这项活动" in films
    for path in site_dir.rglob("*.html"):
        assert not re.search("““|””|「「|」」", path.read_text(encoding="utf-8")), path


def test_make_check_quotes_titles_once(example):
    site = load_site(example)
    messages = [w.message for w in warnings(site, example, example / "content", date(2024, 3, 1))]
    assert any(m.startswith("活动「“周六剧场”文化惠民演出」") for m in messages)
    assert any(m.startswith("活动「我们的中国梦——文化进万家」") for m in messages)  # its own “” gave way


def test_a_festival_date_before_the_campaign_suggests_the_next_year(example):
    replace(example / "activities/disability.yml", "when: 次年春节前", "when: 春节前")
    site = load_site(example)
    [warning] = [w for w in warnings(site, example, example / "content", MID) if "春节" in w.message]
    assert warning.line == line_of(example / "activities/disability.yml", "when: 春节前")
    assert "2023-01-22" in warning.message and "次年春节前" in warning.hint
