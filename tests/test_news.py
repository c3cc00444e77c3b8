"""回顾 and 动态: closing reports validated like every other file, activity pages that lead with them, the
news pages and their Atom feed (read back with feedparser), the reports in open data, `make new-report`,
and a cancelled or postponed activity said plainly on the pages and in the calendar files.

Built from a copy of examples/sibaoshan with a few activities, a ledger and a report added."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import feedparser
import pytest
from icalendar import Calendar

from campaign.data.load import load_site
from campaign.data.problems import DataProblems
from campaign.features.calendar.ics import feeds
from campaign.features.news.news import entries
from campaign.site.opendata import data_files
from conftest import ROOT, SIBAOSHAN, copy_project, mkdocs_build

SITE_URL = "https://example.org/sibaoshan/"  # examples/sibaoshan/campaign.yml
EXTRA_ACTIVITIES = """
- {id: open-day, title: 第九小学开放日, domain: education, when: 10月份, where: 高新区第九小学, organiser: 街道社会事务办}
- {id: river-walk, title: 玉龙湖观摩, domain: livelihood-projects, when: 11月20日, where: 玉龙湖公园,
   organiser: 街道办事处, status: 已取消, status_note: 因疫情防控要求取消}
- {id: canteen-day, title: 长者食堂开放日, domain: elderly, when: 12月8日, planned: 11月份, status: 延期,
   status_note: 因天气原因延期, where: 王东社区长者食堂, organiser: 街道民政办}
"""
LEDGER = """
items:
  - {id: 2022-10-crossing, date: 2022-10-14, domain: education, channel: 座谈会, summary: 校门口上学时车多，建议设置护学岗,
     status: 已办结, response: 社会事务办已协调交警在上学时段设置护学岗, links: [open-day]}
"""
REPORT = """
activity: open-day
held: 10月14日
attendance: 46
attendees: 家长代表、社区居民
suggestions: 7
items: [2022-10-crossing]
summary: |
  家长代表参观了新建的教学楼和操场。

  座谈时大家建议在校门口设置护学岗。
photos:
  - {image: press-conference/stage.jpg, alt: 长桌后四人发言，台下坐着家长代表, caption: 座谈会}
article: https://mp.weixin.qq.com/s/example
article_title: 家长代表走进第九小学
"""
# Nine milestones reached (January to September), so that 动态 needs a second page.
MILESTONES = (
    "tasks:\n  - id: archives\n    title: 电子健康档案\n    unit: 街道卫生院\n    deadline: 2022年12月底\n"
    "    status: 进行中\n    milestones:\n"
    + "".join(f"      - {{when: 2022年{month}月, what: 第{month}批档案建成, done: true}}\n" for month in range(1, 10))
)


def campaign(parent: Path) -> Path:
    """A copy of the 四宝山 example with the additions above."""
    data = parent / "data"
    shutil.copytree(SIBAOSHAN, data)
    (data / "activities/extra.yml").write_text(EXTRA_ACTIVITIES, encoding="utf-8")
    (data / "feedback").mkdir()
    (data / "feedback/2022.yml").write_text(LEDGER, encoding="utf-8")
    (data / "reports/open-day.yml").write_text(REPORT, encoding="utf-8")
    health = data / "achievements/health.yml"
    health.write_text(health.read_text(encoding="utf-8") + MILESTONES, encoding="utf-8")
    return data


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    parent = tmp_path_factory.mktemp("news")
    data = campaign(parent)
    result = mkdocs_build(copy_project(parent, data, content=None), parent / "site", epoch="1671508800")  # 2022-12-20
    assert result.returncode == 0, result.stderr
    return parent / "site"


def page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


# --- The data contract ---------------------------------------------------------------------


def problems_of(data: Path) -> list[str]:
    with pytest.raises(DataProblems) as raised:
        load_site(data)
    return [str(p) for p in raised.value.problems]


def test_every_report_mistake_is_named_with_its_line_and_what_to_write(tmp_path):
    data = campaign(tmp_path)
    (data / "reports/open-day.yml").write_text(REPORT.replace("held: 10月14日", "held: 10月份"), encoding="utf-8")
    (data / "reports/too-many.yml").write_text(
        REPORT.replace("open-day", "canteen-day")
        .replace("held: 10月14日", "held: 12月8日")
        .replace("suggestions: 7", "suggestions: 0"),
        encoding="utf-8",
    )
    (data / "reports/again.yml").write_text(
        "activity: press-conference\nheld: 2022-10-26\nsummary: 又一篇\n", encoding="utf-8"
    )
    (data / "reports/nowhere.yml").write_text(
        "activity: no-such-thing\nheld: 2022-10-26\nsummary: 找不到\nitems: [2022-10-nothing]\n", encoding="utf-8"
    )
    (data / "reports/no-alt.yml").write_text(
        "activity: press-conference\nheld: 2022-10-26\nsummary: 照片\n"
        "photos:\n  - {image: press-conference/stage.jpg}\n",
        encoding="utf-8",
    )
    (data / "reports/cancelled.yml").write_text(
        "activity: river-walk\nheld: 11月20日\nsummary: 办了\n", encoding="utf-8"
    )
    found = "\n".join(problems_of(data))
    assert "data/reports/open-day.yml:3: 「held」（实际举办日期）：「10月份」不是具体的日期" in found
    assert "列出了 1 条“你说我办”，比收集的意见建议 0 条还多" in found
    assert "data/reports/nowhere.yml:1: 没有编号为「no-such-thing」的活动。" in found
    assert "data/reports/nowhere.yml:4: “你说我办”里没有编号为「2022-10-nothing」的意见建议。" in found
    assert "data/reports/no-alt.yml:5: 缺少必填字段「alt」（画面描述）。" in found
    assert "回顾的活动「press-conference」重复了" in found and "一项活动只写一篇回顾" in found
    assert "data/reports/cancelled.yml:1: 活动「玉龙湖观摩」已取消，不能有回顾。" in found


def test_a_report_naming_an_unknown_ledger_item_is_an_error_once_the_rest_is_clean(tmp_path):
    data = campaign(tmp_path)
    (data / "reports/open-day.yml").write_text(
        REPORT.replace("[2022-10-crossing]", "[2022-10-nothing]"), encoding="utf-8"
    )
    assert problems_of(data) == [
        "data/reports/open-day.yml:7: “你说我办”里没有编号为「2022-10-nothing」的意见建议。\n"
        "    怎么改：先在 data/feedback/ 里记下这条意见建议，再把它的 id 写在这里。"
    ]


def test_a_change_of_plan_must_be_complete(tmp_path):
    data = campaign(tmp_path)
    extra = data / "activities/extra.yml"
    extra.write_text(
        EXTRA_ACTIVITIES.replace("planned: 11月份, ", "").replace("status: 已取消, ", ""), encoding="utf-8"
    )
    found = "\n".join(problems_of(data))
    assert "状态是“延期”，但没有写原定时间" in found and "planned: …" in found
    assert "写了取消或延期的说明，但没有写状态" in found


# --- Pages ---------------------------------------------------------------------------------


def test_the_activity_page_leads_with_its_report_and_keeps_the_plan_below(built):
    html = page(built, "activities/open-day")
    assert '<p class="cc-phase cc-phase--report">活动回顾</p>' in html
    assert (
        html.index('<h2 id="report">活动回顾</h2>')
        < html.index('<h2 id="plan">活动预告</h2>')
        < html.index("<dd>高新区第九小学</dd>")
    )
    assert "46 人" in html and "家长代表、社区居民" in html and "收集 7 条，1 条记入“你说我办”" in html
    assert 'href="../../ledger/#2022-10-crossing">校门口上学时车多' in html
    assert re.search(r'<img [^>]*alt="长桌后四人发言，台下坐着家长代表"', html)
    assert (
        '<a href="https://mp.weixin.qq.com/s/example" rel="external noopener">家长代表走进第九小学</a> '
        '<span class="cc-external">（外部网站：将离开本站'
    ) in html
    # Without a report: the plan, said to be one.
    assert '<p class="cc-phase">活动已结束，回顾待发布</p>' in page(built, "activities/canteen-day")


def test_cancelled_and_postponed_activities_say_so_plainly(built):
    cancelled = page(built, "activities/river-walk")
    assert (
        "<strong>本活动已取消。</strong>因疫情防控要求取消" in cancelled
        and '<p class="cc-phase">活动已取消</p>' in cancelled
    )
    postponed = page(built, "activities/canteen-day")
    assert (
        "<strong>本活动已延期：</strong>原定2022年11月（具体日期待定），改为2022年12月8日。因天气原因延期" in postponed
    )
    assert "<dt>原定时间</dt><dd><del>2022年11月（具体日期待定）</del></dd>" in postponed
    calendar = page(built, "calendar")
    assert "本活动已取消。" in calendar and "本活动已延期：" in calendar
    assert "（已取消）" in page(built, "calendar/2022-11")


def test_the_calendars_past_section_and_the_domain_page_link_the_report(built):
    calendar = page(built, "calendar")
    past = calendar[calendar.index('<h2 id="past">') :]
    assert (
        '<a href="../activities/open-day/#report">看活动回顾</a> <span class="cc-meta">（2022年10月14日举办）</span>'
        in past
    )
    assert past.count("看活动回顾") == 2  # the press conference's, from the example, too
    assert '<a href="../../activities/open-day/#report">看活动回顾</a>' in page(built, "domains/education")
    assert "看活动回顾" not in page(built, "domains/elderly")


def test_the_home_page_shows_the_newest_reports_each_with_its_photo(built):
    html = page(built, "")
    section = html[html.index('<h2 id="reports">活动回顾</h2>') : html.index('<h2 id="domains">')]
    titles = re.findall(r'<h3 class="cc-card__title"><a href="([^"]+)">([^<]+)</a>', section)
    assert titles == [
        ("activities/press-conference/#report", "品质民生看高新新闻发布会（四宝山街道专场）"),
        ("activities/open-day/#report", "第九小学开放日"),
    ]  # 10月26日, then 10月14日
    assert section.count("<picture>") == 2 and 'href="news/"' in section


def test_news_lists_reports_and_milestones_newest_first_on_numbered_pages(built, tmp_path):
    site = load_site(campaign(tmp_path))
    found = entries(site)
    assert len(found) == 12 and [e.day for e in found] == sorted((e.day for e in found), reverse=True)
    first, second = page(built, "news"), page(built, "news/p/2")
    links = re.findall(r'<h2 class="cc-card__title"><a href="([^"]+)">', first)
    assert len(links) == 10 and links[0] == "../activities/press-conference/#report"
    assert links[1:4] == [
        "../activities/open-day/#report",
        "../domains/education/#new-schools",  # 10月14日, 8日
        "../domains/health/#archives",
    ]  # 2022年9月
    assert len(re.findall(r'<h2 class="cc-card__title">', second)) == 2
    assert '<a rel="next" href="p/2/">下一页 ›</a>' in first and '<a rel="prev" href="../../">‹ 上一页</a>' in second
    assert 'aria-label="第 2 页" aria-current="page">2</a>' in second and "第 11—12 条，共 12 条" in second
    for html, here in ((first, "news/"), (second, "news/p/2/")):  # every entry links to a page of the site
        for href in re.findall(r'<h2 class="cc-card__title"><a href="([^"]+)">', html):
            target, _, anchor = href.partition("#")
            path = (built / here / target / "index.html").resolve()
            assert path.is_file() and f'id="{anchor}"' in path.read_text(encoding="utf-8"), href


# --- The feed ------------------------------------------------------------------------------


def test_the_feed_is_valid_atom_with_stable_ids_absolute_links_and_the_datas_dates(built, tmp_path):
    raw = (built / "news/feed.xml").read_bytes()
    feed = feedparser.parse(raw)
    assert not feed.bozo and feed.version == "atom10"
    assert feed.feed.title == "品质民生看高新·动态" and feed.feed.author == "四宝山街道办事处"
    assert feed.feed.updated == "2022-10-26T00:00:00+08:00"  # the newest entry, not the build time
    assert len(feed.entries) == 12 and len({e.id for e in feed.entries}) == 12
    report = next(e for e in feed.entries if e.id == "tag:example.org,2022:/sibaoshan/report/open-day")
    assert report.link == "https://example.org/sibaoshan/activities/open-day/#report"
    assert report.updated == "2022-10-14T00:00:00+08:00" and report.title == "活动回顾｜第九小学开放日"
    assert report.summary.startswith("家长代表参观了新建的教学楼和操场。")
    for entry in feed.entries:
        assert entry.link.startswith(SITE_URL)
        path = built / entry.link.removeprefix(SITE_URL).partition("#")[0] / "index.html"
        assert path.is_file(), entry.link
    # Built again on another day: the same bytes.
    again = mkdocs_build(
        copy_project(tmp_path, campaign(tmp_path), content=None), tmp_path / "site", epoch="1675000000"
    )
    assert again.returncode == 0, again.stderr
    assert (tmp_path / "site/news/feed.xml").read_bytes() == raw


# --- Open data and calendar files -----------------------------------------------------------


def test_open_data_has_the_reports_and_each_activitys_status(tmp_path):
    site = load_site(campaign(tmp_path))
    files = data_files(site)
    reports = json.loads(files["data/reports.json"])
    assert [r["activity"] for r in reports] == ["press-conference", "open-day"]
    open_day = reports[1]
    assert open_day | {"summary": ""} == open_day | {
        "held": "10月14日",
        "start": "2022-10-14",
        "end": "2022-10-14",
        "attendance": "46",
        "suggestions": "7",
        "items": ["2022-10-crossing"],
        "article": "https://mp.weixin.qq.com/s/example",
        "url": "activities/open-day/#report",
        "summary": "",
    }
    assert files["data/reports.csv"].startswith("\ufeffactivity,title,domain")
    assert "open-day,第九小学开放日,education,教育扩容,10月14日" in files["data/reports.csv"]
    activities = {a["id"]: a for a in json.loads(files["data/activities.json"])}
    assert activities["river-walk"]["status"] == "已取消" and activities["canteen-day"]["planned"] == "11月份"
    assert activities["open-day"]["report"] is True and activities["canteen-day"]["report"] is False


def test_a_cancelled_event_is_cancelled_and_a_postponed_one_moved(tmp_path):
    site = load_site(campaign(tmp_path))
    events = {
        str(e["UID"]).split("@")[0]: e for e in Calendar.from_ical(feeds(site, SITE_URL)["calendar/all.ics"]).events
    }
    cancelled = events["river-walk"]
    assert cancelled["STATUS"] == "CANCELLED" and cancelled["SUMMARY"] == "玉龙湖观摩（已取消）"
    assert cancelled["DESCRIPTION"].startswith("本活动已取消：因疫情防控要求取消")
    moved = events["canteen-day"]
    assert date(2022, 12, 8) == moved.DTSTART and moved["STATUS"] == "CONFIRMED"
    assert "原定时间：2022年11月（具体日期待定），改为下面的时间。" in moved["DESCRIPTION"]
    assert moved["SUMMARY"] == "长者食堂开放日（延期举行）"


# --- make new-report ------------------------------------------------------------------------


def new_report(data: Path, *args: str, answers: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "hooks")}
    return subprocess.run(
        [sys.executable, "-m", "campaign", "new-report", str(data), *args],
        input=answers,
        capture_output=True,
        text=True,
        cwd=data.parent,
        env=env,
    )


def test_new_report_asks_in_chinese_rereads_a_vague_date_and_writes_a_valid_file(tmp_path):
    data = campaign(tmp_path)
    answers = (
        "\n".join(
            [
                "1",  # the only one without a report: river-walk is cancelled, so not listed
                "12月份",
                "12月8日",
                "很多",
                "30",
                "社区老人",
                "4",
                "",
                "老人们尝了新菜。",
                "",
                "",
                "",  # no article
                "press-conference/stage.jpg",
                "",
                "老人们围坐在桌旁吃饭",
                "",
                "",
            ]
        )
        + "\n"
    )
    result = new_report(data, answers=answers)
    assert result.returncode == 0, result.stderr
    assert "回顾哪一项活动" in result.stdout and "玉龙湖观摩" not in result.stdout
    assert "「12月份」不是具体的日期" in result.stdout and "看不懂数字「很多」" in result.stdout
    report = load_site(data).report("canteen-day")
    assert report.held.start == date(2022, 12, 8) and str(report.attendance) == "30" and str(report.suggestions) == "4"
    assert report.photos[0].alt == "老人们围坐在桌旁吃饭" and report.summary == "老人们尝了新菜。"


def test_new_report_from_the_command_line_refuses_mistakes_and_writes_nothing(tmp_path):
    data = campaign(tmp_path)
    result = new_report(data, "--activity", "canteen-day", "--held", "下个月", "--summary", "好")
    assert (
        result.returncode == 1
        and "回顾没有添加，有 1 处要改" in result.stderr
        and "无法识别时间「下个月」" in result.stderr
    )
    assert not (data / "reports/canteen-day.yml").exists()
    result = new_report(
        data,
        "--activity",
        "canteen-day",
        "--held",
        "2022-12-08",
        "--summary",
        "好",
        "--photo",
        "press-conference/stage.jpg|老人们围坐在桌旁吃饭|开放日",
    )
    assert result.returncode == 0, result.stderr
    assert load_site(data).report("canteen-day").photos[0].caption == "开放日"


# --- make check -----------------------------------------------------------------------------


def test_check_asks_for_a_report_after_an_activity_ends_but_not_for_a_cancelled_one(tmp_path):
    from campaign.editors.check import warnings

    data = campaign(tmp_path)
    found = [str(w) for w in warnings(load_site(data), data, tmp_path / "content", date(2022, 12, 20))]
    assert any(
        "活动「长者食堂开放日」已于 2022-12-08 结束，还没有回顾。" in w and "make new-report" in w for w in found
    )
    assert not any("玉龙湖观摩" in w for w in found) and not any("第九小学开放日" in w for w in found)
    early = [str(w) for w in warnings(load_site(data), data, tmp_path / "content", date(2022, 10, 1))]
    assert any("data/reports/open-day.yml:3: 回顾的举办日期 2022-10-14 还没到" in w for w in early)
