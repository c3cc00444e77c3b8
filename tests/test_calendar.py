"""Calendars: occurrences and grouping, month grids that never invent a day, iCalendar feeds that
icalendar reads back with the data's dates, stable UIDs and stamps, and pages with JSON-LD."""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar

from campaign.data.load import load_site
from campaign.data.models import Activity
from campaign.features.calendar.ics import feeds
from campaign.features.calendar.schedule import agenda, days, month_grid, months, window
from conftest import ROOT, mkdocs_build

SAMPLE = load_site(ROOT / "data")
PERIOD = SAMPLE.campaign.period  # 9月初至12月底 2021
CHINA_OFFSET = timedelta(hours=8)
# Every kind of `when`, added to a copy of the sample for the build-level tests.
EXTRA = """
- {id: saturday-clinic, title: 周六义诊, domain: healthcare, when: "9—12月每周六 9:00-11:00", where: 卫生院, organiser: 卫生院}
- {id: month-end-pension, title: 养老补贴发放, domain: elderly-care, when: 每月月底, where: 便民服务站, organiser: 民政办}
- {id: double-ninth, title: 重阳节走访, domain: elderly-care, when: 重阳节, where: 照料中心, organiser: 民政办}
- {id: press-day, title: "发布会</script><b>&", domain: public-safety, when: "10月8日 下午3点-4点半", where: 会议室, organiser: 党政办}
- {id: survey-deadline, title: 意见征集, domain: environment, when: 10月15日前, where: 线上, organiser: 环保办}
- {id: year-end-report, title: 整改报告, domain: environment, when: 年底前, where: 线上, organiser: 环保办}
- {id: hotline, title: 热线受理, domain: public-safety, when: 长期坚持, where: 电话, organiser: 党政办}
- {id: monthly-talk, title: 议事会, domain: public-safety, when: 每月一次, where: 各村, organiser: 党政办}
- {id: expo-week, title: 成就展, domain: culture-sports, when: "10月18日至10月22日 9:00-17:00", where: 文化中心, organiser: 文旅中心}
"""


def activity(when: str, id: str = "a-test", domain: str = "healthcare") -> Activity:
    return Activity.model_validate(
        {"id": id, "title": "测试", "domain": domain, "when": when, "where": "某地", "organiser": "某单位"},
        context={"year": 2021},
    )


# --- Occurrences, grouping and month grids ----------------------------------------------------


def test_only_phrases_naming_a_day_have_days():
    assert days(activity("10月份").when, PERIOD) == []
    assert days(activity("12月中旬").when, PERIOD) == []
    assert days(activity("10月8日至10月10日").when, PERIOD) == [
        date(2021, 10, 8),
        date(2021, 10, 9),
        date(2021, 10, 10),
    ]
    assert days(activity("10月15日前").when, PERIOD) == [date(2021, 10, 15)]


def test_recurrences_without_dates_are_bounded_by_the_campaign_period():
    saturdays = days(activity("每周六").when, PERIOD)
    assert saturdays[0] == date(2021, 9, 4) and saturdays[-1] == date(2021, 12, 25)
    assert len(saturdays) == 17 and {d.weekday() for d in saturdays} == {5}
    assert days(activity("每月月底").when, PERIOD) == [
        date(2021, 9, 30),
        date(2021, 10, 31),
        date(2021, 11, 30),
        date(2021, 12, 31),
    ]
    assert days(activity("每月一次").when, PERIOD) == []  # no day given: none invented
    assert window(activity("每月一次").when, PERIOD) == (date(2021, 9, 1), date(2021, 12, 31))


def test_a_vague_deadline_covers_only_the_stretch_it_names():
    assert window(activity("6月底前").when, PERIOD) == (date(2021, 6, 21), date(2021, 6, 30))
    assert window(activity("年底前").when, PERIOD) == (date(2021, 12, 1), date(2021, 12, 31))


def test_agenda_splits_on_the_day_and_groups_by_month():
    items = [
        activity("12月中旬", "later"),
        activity("9月份", "before"),
        activity("10月份", "now"),
        activity("长期坚持", "always"),
        activity("9—11月", "running"),
    ]
    found = agenda(items, date(2021, 10, 1), PERIOD)
    assert [(month, [a.id for a in group]) for month, group in found.upcoming] == [(date(2021, 12, 1), ["later"])]
    assert [a.id for a in found.ongoing] == ["now", "running", "always"]  # ending soonest first, 长期 last
    assert [(month, [a.id for a in group]) for month, group in found.past] == [(date(2021, 9, 1), ["before"])]


def test_month_grid_puts_vague_dates_in_bands_never_on_a_day():
    items = [
        activity("10月份", "october"),
        activity("12月中旬", "mid-december"),
        activity("9月底10月初", "across"),
        activity("10月8日 下午3点-4点半", "timed"),
        activity("10月15日前", "deadline"),
        activity("年底前", "year-end"),
        activity("9—11月", "running"),
        activity("每周六", "saturdays"),
    ]
    october = month_grid(items, date(2021, 10, 1), PERIOD)
    on_days = {day: [(s.activity.id, s.note) for s in slots] for day, slots in october.busy_days}
    assert on_days[date(2021, 10, 8)] == [("timed", "15:00—16:30")]
    assert on_days[date(2021, 10, 15)] == [("deadline", "2021年10月15日前完成")]
    assert {day for day, slots in on_days.items() if ("saturdays", "") in slots} == {
        date(2021, 10, d) for d in (2, 9, 16, 23, 30)
    }
    assert not {"october", "across", "running"} & {id for slots in on_days.values() for id, _ in slots}
    bands = {key: [s.activity.id for s in slots] for key, slots in october.bands.items()}
    assert bands == {"month": ["october"], "xun1": ["across"], "xun2": [], "xun3": [], "span": ["running"]}
    september = month_grid(items, date(2021, 9, 1), PERIOD)
    assert [s.activity.id for s in september.bands["xun3"]] == ["across"]
    december = month_grid(items, date(2021, 12, 1), PERIOD)
    assert [(s.activity.id, s.note) for s in december.bands["month"]] == [("year-end", "2021年底前完成")]
    assert [s.activity.id for s in december.bands["xun2"]] == ["mid-december"]


def test_month_grid_weeks_start_on_monday_and_blank_other_months():
    october = month_grid([], date(2021, 10, 1), PERIOD)
    assert [day for day, _ in october.weeks[0]] == [None] * 4 + [date(2021, 10, d) for d in (1, 2, 3)]
    assert months(PERIOD) == [date(2021, m, 1) for m in (9, 10, 11, 12)]


# --- The built site: calendar files ----------------------------------------------------------


@pytest.fixture(scope="module")
def extra_site(tmp_path_factory) -> Path:
    """The sample plus one activity of every kind of `when`, built on another day than the sample."""
    project = tmp_path_factory.mktemp("calendar") / "project"
    project.mkdir()
    for name in ["content", "data", "hooks", "overrides"]:
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    (project / "data/activities/zz-extra.yml").write_text(EXTRA, encoding="utf-8")
    result = mkdocs_build(project, project / "site", epoch="1639454400")  # 2021-12-14 12:00 in China
    assert result.returncode == 0, result.stderr
    return project / "site"


def read_ics(path: Path) -> Calendar:
    raw = path.read_bytes()
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b""), f"{path}: lines must end in CRLF"
    for line in raw.split(b"\r\n"):
        assert len(line) <= 75, f"{path}: unfolded line {line[:40]!r}"
        line.decode("utf-8")  # folding never splits a character
    calendar = Calendar.from_ical(raw)
    calendar.validate()
    assert all(not component.errors for component in calendar.walk()), path
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"] and calendar["NAME"]
    return calendar


def test_every_feed_holds_its_activities_and_parses_cleanly(extra_site):
    site = load_site(extra_site.parent / "data")
    expected = {"calendar/all.ics": site.activities}
    expected |= {f"calendar/{d.id}.ics": site.activities_of(d.id) for d in site.domains if site.activities_of(d.id)}
    expected |= {f"activities/{a.id}.ics": [a] for a in site.activities}
    assert {p.relative_to(extra_site).as_posix() for p in extra_site.rglob("*.ics")} == set(expected)
    for path, activities in expected.items():
        events = read_ics(extra_site / path).events
        assert sorted(str(e["UID"]) for e in events) == sorted(f"{a.id}@example.org/shantou" for a in activities)


def events_by_id(site_dir: Path) -> dict:
    return {str(e["UID"]).split("@")[0]: e for e in read_ics(site_dir / "calendar/all.ics").events}


def test_vague_dates_are_tentative_all_day_spans_with_an_exclusive_end(extra_site):
    events = events_by_id(extra_site)
    for a in SAMPLE.activities:  # all of the sample's dates are vague
        event = events[a.id]
        assert a.when.start == event.DTSTART and a.when.end + timedelta(days=1) == event.DTEND
        assert event["STATUS"] == "TENTATIVE" and "日期待定" in event["SUMMARY"]
        assert f"时间：{a.when.reading}" in event["DESCRIPTION"]
        url = f"https://example.org/shantou/activities/{a.id}/"
        assert event["URL"] == url and url in event["DESCRIPTION"]  # many clients ignore URL
    hotline = events["hotline"]
    assert (date(2021, 9, 1), date(2022, 1, 1)) == (hotline.DTSTART, hotline.DTEND) and "长期" in hotline["SUMMARY"]
    assert "RRULE" not in events["monthly-talk"] and events["monthly-talk"]["STATUS"] == "TENTATIVE"


def test_deadlines_are_one_day_and_known_days_are_confirmed(extra_site):
    events = events_by_id(extra_site)
    deadline = events["survey-deadline"]
    assert (date(2021, 10, 15), date(2021, 10, 16)) == (deadline.DTSTART, deadline.DTEND)
    assert deadline["SUMMARY"] == "意见征集（截止）" and deadline["STATUS"] == "CONFIRMED"
    assert (
        date(2021, 12, 31) == events["year-end-report"].DTSTART and events["year-end-report"]["STATUS"] == "TENTATIVE"
    )
    assert date(2021, 10, 14) == events["double-ninth"].DTSTART  # 重阳节 2021, from the lunar calendar


def test_timed_events_use_asia_shanghai_and_recurrences_carry_their_rule(extra_site):
    calendar = read_ics(extra_site / "calendar/all.ics")
    assert [str(tz["TZID"]) for tz in calendar.timezones] == ["Asia/Shanghai"]
    # Each file carries the time zone only if one of its events needs it.
    assert [str(tz["TZID"]) for tz in read_ics(extra_site / "activities/saturday-clinic.ics").timezones] == [
        "Asia/Shanghai"
    ]
    assert read_ics(extra_site / "activities/hotline.ics").timezones == []
    raw = (extra_site / "calendar/all.ics").read_bytes().decode("utf-8")
    assert "DTSTART;TZID=Asia/Shanghai:20211008T150000\r\nDTEND;TZID=Asia/Shanghai:20211008T163000" in raw
    events = events_by_id(extra_site)
    clinic = events["saturday-clinic"]
    assert (
        datetime(2021, 9, 4, 9, tzinfo=clinic.DTSTART.tzinfo) == clinic.DTSTART
        and clinic.DTSTART.utcoffset() == CHINA_OFFSET
    )
    assert clinic["RRULE"].to_ical() == b"FREQ=WEEKLY;UNTIL=20211225T010000Z;BYDAY=SA"
    assert events["month-end-pension"]["RRULE"].to_ical() == b"FREQ=MONTHLY;UNTIL=20211231;BYMONTHDAY=-1"
    assert events["expo-week"]["RRULE"].to_ical() == b"FREQ=DAILY;UNTIL=20211022T010000Z"


def test_kept_events_make_the_same_files_and_an_edited_activity_is_made_afresh(tmp_path):
    url = "https://example.org/shantou/"
    fresh = feeds(SAMPLE, url)
    assert feeds(SAMPLE, url, tmp_path) == fresh  # made, and kept in tmp_path
    # Mark what is kept: a build that uses it shows the mark in every file.
    kept = json.loads((tmp_path / "events.json").read_text(encoding="utf-8"))
    for value in kept["values"].values():
        value[0], value[2] = (text.replace("SUMMARY:", "SUMMARY:标记") for text in (value[0], value[2]))
    (tmp_path / "events.json").write_text(json.dumps(kept, ensure_ascii=False), encoding="utf-8")
    marked = feeds(SAMPLE, url, tmp_path)
    assert marked.keys() == fresh.keys() and marked["calendar/all.ics"].decode().count("标记") == len(SAMPLE.activities)
    # An edited activity's event is made afresh; the others still come from what was kept.
    first = SAMPLE.activities[0]
    edited = dataclasses.replace(
        SAMPLE, activities=[first.model_copy(update={"where": "新地点"}), *SAMPLE.activities[1:]]
    )
    files = {path: data.decode() for path, data in feeds(edited, url, tmp_path).items()}
    assert "新地点" in files[f"activities/{first.id}.ics"] and "标记" not in files[f"activities/{first.id}.ics"]
    assert all("标记" in files[f"activities/{a.id}.ics"] for a in SAMPLE.activities[1:])
    assert len(json.loads((tmp_path / "events.json").read_text(encoding="utf-8"))["values"]) == len(SAMPLE.activities)
    # Everything else an event is made from is in its key too: the domain, the campaign, the site's address.
    domain = SAMPLE.domains_by_id[first.domain]
    renamed = dataclasses.replace(
        edited, domains=[d.model_copy(update={"name": "新领域"}) if d is domain else d for d in SAMPLE.domains]
    )
    files = {path: data.decode() for path, data in feeds(renamed, url, tmp_path).items()}
    assert all(("标记" in files[f"activities/{a.id}.ics"]) == (a.domain != domain.id) for a in SAMPLE.activities[1:])
    moved = dataclasses.replace(edited, campaign=SAMPLE.campaign.model_copy(update={"organiser": "新单位"}))
    assert "标记" not in feeds(moved, url, tmp_path)["calendar/all.ics"].decode()
    assert "标记" not in feeds(edited, "https://example.org/other/", tmp_path)["calendar/all.ics"].decode()


def test_uids_and_stamps_do_not_change_between_builds(sample_site, extra_site):
    # Built on other days, with other activities around them: the sample's events are the same but for
    # their revision (the sample is built from the repository, with its history; the copy has none).
    revision = re.compile(rb"(DTSTAMP|LAST-MODIFIED|SEQUENCE):[^\r]*\r\n")
    for a in SAMPLE.activities:
        path = f"activities/{a.id}.ics"
        assert revision.sub(b"", (sample_site / path).read_bytes()) == revision.sub(
            b"", (extra_site / path).read_bytes()
        )
    stamps = {(e["DTSTAMP"].to_ical(), e["SEQUENCE"]) for e in read_ics(extra_site / "calendar/all.ics").events}
    assert stamps == {(b"20210101T000000Z", 0)}  # no history: the campaign year's fixed stamp


# --- The built site: pages -------------------------------------------------------------------


def jsonld(html: str):
    found = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(found) == 1
    return json.loads(found[0])


def test_calendar_page_lists_every_activity_once_with_feed_links(sample_site):
    html = (sample_site / "calendar/index.html").read_text(encoding="utf-8")
    assert html.count("data-cc-item") == len(SAMPLE.activities)
    assert 'href="webcal://example.org/shantou/calendar/all.ics"' in html
    assert "https://example.org/shantou/calendar/all.ics" in html and 'href="all.ics"' in html
    assert '<time data-cc-today datetime="2021-10-01">' in html  # SOURCE_DATE_EPOCH of the sample build
    events = jsonld(html)
    assert len(events) == len(SAMPLE.activities) and {e["@type"] for e in events} == {"Event"}
    by_name = {e["name"]: e for e in events}
    assert by_name["养老服务在身边"]["startDate"] == "2021-10"  # 10月份: no day invented
    for month in ("2021-09", "2021-10", "2021-11", "2021-12"):
        assert f'href="{month}/"' in html


def test_domain_calendar_is_its_own_page_with_its_own_feed(sample_site):
    html = (sample_site / "calendar/healthcare/index.html").read_text(encoding="utf-8")
    mine = SAMPLE.activities_of("healthcare")
    assert html.count("data-cc-item") == len(mine) and len(jsonld(html)) == len(mine)
    assert 'href="webcal://example.org/shantou/calendar/healthcare.ics"' in html
    assert not (sample_site / "calendar/housing").exists()  # a domain without activities has no calendar
    # The list of every domain is on the whole calendar only (a city has a thousand domains).
    assert 'href="../">全部领域</a>' in html and 'href="../childcare/"' not in html
    whole = (sample_site / "calendar/index.html").read_text(encoding="utf-8")
    assert all(f'href="{d.id}/" data-domain' in whole for d in SAMPLE.domains if SAMPLE.activities_of(d.id))


def test_month_pages_link_in_order_and_keep_vague_dates_off_the_days(extra_site):
    html = (extra_site / "calendar/2021-10/index.html").read_text(encoding="utf-8")
    assert 'rel="prev" href="../2021-09/"' in html and 'rel="next" href="../2021-11/"' in html
    assert 'rel="prev"' not in (extra_site / "calendar/2021-09/index.html").read_text(encoding="utf-8")
    grid = html[html.index('<table class="cc-month">') : html.index("</table>")]
    assert "走进颜神古镇" not in grid and "走进颜神古镇" in html  # 10月份, in the band above
    assert '<a class="cc-month__day" href="#d2021-10-08">' in grid and 'id="d2021-10-08"' in html
    assert "2021年10月15日前完成" in html


def test_activity_page_offers_its_file_and_carries_event_data(extra_site):
    html = (extra_site / "activities/press-day/index.html").read_text(encoding="utf-8")
    assert 'href="../press-day.ics"' in html and "加入日历" in html
    event = jsonld(html)
    assert event["name"] == "发布会</script><b>&"  # escaped in the page, intact once parsed
    assert event["startDate"] == "2021-10-08T15:00+08:00" and event["endDate"] == "2021-10-08T16:30+08:00"
    assert '<time datetime="2021-10-08T15:00">' in html
    clinic = jsonld((extra_site / "activities/saturday-clinic/index.html").read_text(encoding="utf-8"))
    assert clinic["eventSchedule"]["byDay"] == ["https://schema.org/Saturday"]


def test_only_the_calendar_index_is_in_the_navigation(sample_site):
    html = (sample_site / "activities/campus-open-day/index.html").read_text(encoding="utf-8")
    nav = html[html.index('<nav class="md-nav md-nav--primary"') :]
    assert "日历" in nav and "calendar/2021-10/" not in nav and "calendar/healthcare/" not in nav
