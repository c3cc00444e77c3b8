"""Careless and hostile data (issue 18): each case ends in a correct output or a clear Chinese refusal
naming file:line, never a traceback or a silent wrong result."""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import re
import subprocess
import sys
import threading
import time

import pytest
import vobject
from icalendar import Calendar
from icalendar.prop import TypesFactory
from PIL import Image

import tiny
from campaign.data.load import load_site
from campaign.data.problems import DataProblems
from campaign.features.calendar.ics import feeds
from campaign.features.feedback.feedback import cached_qr, qr_files
from campaign.features.gallery.images import process_images, site_files
from campaign.fields.dates import ClockError, today
from campaign.html.cache import CacheError, Memo, Seals, cache_dir, link_into
from campaign.site.opendata import data_files, to_csv
from campaign.site.pages import build_pages, split_front_matter
from conftest import ROOT, copy_project, mkdocs_build


def problems_of(data_dir) -> list:
    with pytest.raises(DataProblems) as caught:
        load_site(data_dir)
    return caught.value.problems


def line_of(path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


# --- 1. Names, titles, units and places are one line -----------------------------------------------


@pytest.mark.parametrize(
    "file, where, key",
    [
        ("activities/healthcare.yml", lambda docs: docs["activities/healthcare.yml"][0], "title"),
        ("activities/healthcare.yml", lambda docs: docs["activities/healthcare.yml"][0], "where"),
        ("domains.yml", lambda docs: docs["domains.yml"][0], "name"),
        ("campaign.yml", lambda docs: docs["campaign.yml"], "title"),
        ("achievements/healthcare.yml", lambda docs: docs["achievements/healthcare.yml"]["tasks"][0], "unit"),
    ],
)
def test_a_line_break_in_a_one_line_field_is_refused_on_its_line(tmp_path, file, where, key):
    docs = tiny.documents()
    where(docs)[key] = "第一段\n第二段"  # as a 配档表 cell of two paragraphs arrives, or `title: |` over two lines
    data = tiny.write(tmp_path / "data", docs)
    [problem] = problems_of(data)
    assert (problem.file, problem.line) == (f"data/{file}", line_of(data / file, f"{key}:"))
    assert "只能写一行" in problem.message and f"「{key}」" in problem.message and "写成一行" in problem.hint


def test_a_block_scalar_of_one_line_still_loads_and_summaries_keep_their_paragraphs(tmp_path):
    data = tiny.write(
        tmp_path / "data",
        raw={
            "activities/healthcare.yml": (
                "- id: talk\n  title: |\n    健康讲座\n  domain: healthcare\n  when: 10月份\n  where: 卫生院\n"
                "  organiser: 卫生院\n  summary: |\n    第一段。\n\n    第二段。\n"
            )
        },
    )
    activity = load_site(data).activities[0]
    assert activity.title == "健康讲座" and activity.summary == "第一段。\n\n第二段。"


@pytest.mark.parametrize("text", ['"健康\\r讲座"', '"健康\\x00讲座"', '"健康\\e讲座"', '"健康\\u2028讲座"'])
def test_control_characters_and_bare_carriage_returns_are_refused(tmp_path, text):
    data = tiny.write(
        tmp_path / "data",
        raw={
            "activities/healthcare.yml": (
                f"- id: talk\n  title: {text}\n  domain: healthcare\n  when: 10月份\n  where: 卫生院\n  organiser: 卫生院\n"
            )
        },
    )
    [problem] = problems_of(data)
    assert problem.line == 2 and ("控制字符" in problem.message or "只能写一行" in problem.message)


def test_the_importer_joins_a_cell_of_two_paragraphs_into_one_line():
    from campaign.editors.importer import _line

    assert _line("医院开放日\n\n让您更懂我 ") == "医院开放日 让您更懂我"


# --- 6. Every TEXT value of every calendar file escaped (RFC 5545) --------------------------------


class NamedCalendar(Calendar):
    """icalendar's reader, told what RFC 7986 and the X-WR- extensions say: these names are TEXT (it
    reads them as unknown and leaves their escapes in)."""

    types_factory = TypesFactory()
    types_factory.types_map = type(TypesFactory.types_map)(  # its own copy: the class's map is shared
        {**TypesFactory.types_map, "name": "text", "x-wr-calname": "text", "x-wr-caldesc": "text"}
    )


HOSTILE_TEXT = 'a;b,c\\d:e "引号" \\n ATTACH:http://evil.example/x BEGIN:VEVENT'


def hostile_site(tmp_path):
    docs = tiny.documents()
    docs["campaign.yml"]["title"] = "活动" + HOSTILE_TEXT
    docs["campaign.yml"]["organiser"] = "办公室" + HOSTILE_TEXT
    docs["domains.yml"][0]["name"] = "领域" + HOSTILE_TEXT
    docs["activities/healthcare.yml"][0] |= {"title": "讲座" + HOSTILE_TEXT, "where": "地点" + HOSTILE_TEXT}
    return load_site(tiny.write(tmp_path / "data", docs))


def assert_clean_lines(data: bytes) -> list[str]:
    """No bare CR or LF: every line ends in CRLF; unfolded, each starts with a property name."""
    assert (
        data.endswith(b"\r\n") and b"\r" not in data.replace(b"\r\n", b"") and b"\n" not in data.replace(b"\r\n", b"")
    )
    lines = data.decode().replace("\r\n ", "").split("\r\n")[:-1]
    assert all(re.match(r"^[A-Z-]+[;:]", line) for line in lines), lines
    assert not [line for line in lines if line.startswith("ATTACH")]
    return lines


def test_hostile_names_and_titles_read_back_exactly_in_two_parsers(tmp_path):
    site = hostile_site(tmp_path)
    files = feeds(site, tiny.SITE_URL)
    feed_name = site.campaign.title + "：" + site.domains[0].name
    expected = {
        "calendar/all.ics": site.campaign.title,
        "calendar/healthcare.ics": feed_name,
        "activities/talk.ics": site.activities[0].title,
    }
    for path, name in expected.items():
        assert_clean_lines(files[path])
        ours = NamedCalendar.from_ical(files[path])
        theirs = vobject.readOne(files[path].decode())
        assert str(ours["NAME"]) == str(ours["X-WR-CALNAME"]) == name
        assert theirs.contents["name"][0].value == theirs.contents["x-wr-calname"][0].value == name
        [event] = ours.walk("VEVENT")
        assert str(event["SUMMARY"]).startswith(site.activities[0].title)
        assert str(event["LOCATION"]) == site.activities[0].where
        assert [str(c) for c in event["CATEGORIES"].cats] == [site.domains[0].name]
        assert theirs.vevent.summary.value == str(event["SUMMARY"])
        assert theirs.vevent.location.value == site.activities[0].where
        assert theirs.vevent.categories.value == [site.domains[0].name]
        assert theirs.vevent.description.value == str(event["DESCRIPTION"])
        if path.startswith("calendar/"):
            description = f"{site.campaign.organiser}：{name}，共 1 项活动"
            assert str(ours["X-WR-CALDESC"]) == str(ours["DESCRIPTION"]) == description
            assert theirs.contents["x-wr-caldesc"][0].value == description


def test_a_calendar_stays_whole_even_with_line_breaks_that_slipped_past_the_data(tmp_path):
    site = hostile_site(tmp_path)
    sneaky = "第一行\r\nATTACH:x\rATTACH:y\nATTACH:z\x00\x1b"
    site.activities[0] = site.activities[0].model_copy(update={"title": sneaky, "where": sneaky})
    site.campaign = site.campaign.model_copy(update={"title": sneaky, "organiser": sneaky})
    for data in feeds(site, tiny.SITE_URL).values():
        assert_clean_lines(data)
        assert vobject.readOne(data.decode()).vevent.summary.value.startswith("第一行\nATTACH:x\nATTACH:y\nATTACH:z")


# --- 3. CSV formula injection ---------------------------------------------------------------------

FORMULAS = [
    '=HYPERLINK("http://evil.example","点我")',
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "=1+1",
]


def test_csv_cells_a_spreadsheet_would_run_are_neutralised_and_json_keeps_them(tmp_path):
    docs = tiny.documents()
    activity, task = docs["activities/healthcare.yml"][0], docs["achievements/healthcare.yml"]["tasks"][0]
    figure, item = docs["achievements/healthcare.yml"]["figures"][0], docs["feedback/2021.yml"]["items"][0]
    totals = docs["feedback/2021.yml"]["totals"][0]
    places = [
        (activity, "title"),
        (activity, "where"),
        (task, "title"),
        (figure, "label"),
        (figure, "source"),
        (item, "summary"),
        (item, "response"),
        (item, "channel"),
        (totals, "label"),
        (totals, "source"),
    ]
    for n, (entry, key) in enumerate(places):
        entry[key] = FORMULAS[n % len(FORMULAS)]
    task["measures"] = [FORMULAS[0], "预约"]
    docs["domains.yml"][0]["name"] = FORMULAS[1]
    files = data_files(load_site(tiny.write(tmp_path / "data", docs)))
    for name in ["activities", "achievements", "figures", "feedback", "feedback-totals"]:
        cells = [cell for row in csv.reader(io.StringIO(files[f"data/{name}.csv"].lstrip("\ufeff"))) for cell in row]
        assert not [cell for cell in cells if cell.startswith(("=", "+", "-", "@", "\t", "\r"))], name
        assert any(cell.startswith("'") and cell[1:] in FORMULAS + [f"{FORMULAS[0]}；预约"] for cell in cells), name
        written = json.dumps(json.loads(files[f"data/{name}.json"]), ensure_ascii=False)
        assert any(json.dumps(f, ensure_ascii=False)[1:-1] in written for f in FORMULAS), name
        assert "'=" not in written and "'+" not in written


def test_tab_and_carriage_return_starts_are_neutralised_numbers_are_not():
    text = to_csv([{"a": "\t=1", "b": "\r=1", "c": -2.5, "d": "2021-10-08", "e": "普通"}], ["a", "b", "c", "d", "e"])
    [_, row] = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert row == ["'\t=1", "'\r=1", "-2.5", "2021-10-08", "普通"]


# --- 4. Ids that would replace the site's own pages, files or anchors -----------------------------


def _rename_domain(docs, new: str):
    docs["domains.yml"][0]["id"] = docs["activities/healthcare.yml"][0]["domain"] = new
    docs["achievements/healthcare.yml"]["domain"] = docs["feedback/2021.yml"]["items"][0]["domain"] = new


@pytest.mark.parametrize(
    "file, change, value, listed",
    [
        (
            "activities/healthcare.yml",
            lambda docs, v: docs["activities/healthcare.yml"][0].update(id=v),
            "index",
            ["index"],
        ),
        ("domains.yml", _rename_domain, "all", ["index", "all", "2021-10 这样的年月"]),
        ("domains.yml", _rename_domain, "index", ["index", "all"]),
        ("domains.yml", _rename_domain, "2021-10", ["index", "all", "年月"]),
        (
            "achievements/healthcare.yml",
            lambda docs, v: docs["achievements/healthcare.yml"]["tasks"][0].update(id=v),
            "figures",
            ["figures", "tasks", "ledger"],
        ),
        (
            "feedback/2021.yml",
            lambda docs, v: docs["feedback/2021.yml"]["items"][0].update(id=v),
            "summary",
            ["summary", "items"],
        ),
    ],
)
def test_an_id_naming_a_generated_page_file_or_anchor_is_refused_with_the_reserved_names(
    tmp_path, file, change, value, listed
):
    docs = tiny.documents()
    if file == "activities/healthcare.yml":
        docs["feedback/2021.yml"]["items"][0]["links"] = []
    change(docs, value)
    data = tiny.write(tmp_path / "data", docs)
    [problem] = problems_of(data)
    assert (problem.file, problem.line) == (f"data/{file}", line_of(data / file, f"id: {value}"))
    assert f"「{value}」是网站自己用的名字" in problem.message and all(name in problem.hint for name in listed)


def test_every_fixed_anchor_of_the_domain_and_ledger_pages_is_reserved_for_task_and_item_ids():
    from campaign.data.reserved import RESERVED
    from campaign.html.render import TEMPLATES

    static = lambda name: set(
        re.findall(
            r'\sid="([a-z0-9-]+)"',
            next(path for folder in TEMPLATES for path in [folder / name] if path.exists()).read_text(encoding="utf-8"),
        )
    )
    assert static("domain.html") - {"cc-chart-title"} <= set(RESERVED["task"][0])
    assert static("ledger_page.html") | static("ledger_section.html") <= set(RESERVED["item"][0])


# --- 8. Personal numbers in any published text ----------------------------------------------------


def id_number(first17: str) -> str:
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return first17 + "10X98765432"[sum(int(d) * w for d, w in zip(first17, weights)) % 11]


ID = id_number("37030319900101123")
PERSONAL = [  # (as written, what the message calls it)
    ("电话13800138000", "手机号码"),
    ("手机138-0013-8000", "手机号码"),
    ("手机 138 0013 8000", "手机号码"),
    ("电话１３８００１３８０００", "手机号码"),
    ("+86 138 0013 8000", "手机号码"),
    ("86-13800138000", "手机号码"),
    ("座机0533-1234567", "电话号码"),
    ("(0533)1234567", "电话号码"),
    ("（0533）1234567", "电话号码"),
    ("+86 533 1234567", "电话号码"),
    (f"身份证{ID}", "身份证号码"),
    (f"{ID[:6]} {ID[6:14]} {ID[14:]}", "身份证号码"),
    ("卡号6222 0212 3456 7890 128", "银行卡号"),
    ("4111-1111-1111-1111", "银行卡号"),
]
NOT_PERSONAL = [
    "2021-10-08 开始",
    "2021年10月8日",
    "2021—2022年度",
    "拨打12345热线",
    "投资1200000万元",
    "6761户",
    "12,345,678元",
    "9:00-11:30",
    "邮编255000",
    "编号20211008000123",
    "0533-12345",
    "4111111111111112",
    ID[:-1] + ("0" if ID[-1] != "0" else "1"),
]


@pytest.mark.parametrize("text, kind", PERSONAL)
@pytest.mark.parametrize(
    "place",
    ["ledger summary", "ledger response", "activity summary", "activity where", "task measure", "photo caption"],
)
def test_personal_numbers_are_refused_in_every_published_text(tmp_path, text, kind, place):
    docs = tiny.documents()
    entry, key = {
        "ledger summary": (docs["feedback/2021.yml"]["items"][0], "summary"),
        "ledger response": (docs["feedback/2021.yml"]["items"][0], "response"),
        "activity summary": (docs["activities/healthcare.yml"][0], "summary"),
        "activity where": (docs["activities/healthcare.yml"][0], "where"),
        "task measure": (docs["achievements/healthcare.yml"]["tasks"][0]["measures"], 0),
        "photo caption": (docs["achievements/healthcare.yml"], "caption"),
    }[place]
    if place == "photo caption":
        entry["before_after"] = [
            {
                "before": {"image": "a.jpg", "alt": "前", "caption": "说明：" + text},
                "after": {"image": "b.jpg", "alt": "后"},
            }
        ]
    else:
        entry[key] = "请联系" + text
    data = tiny.write(tmp_path / "data", docs)
    [problem] = problems_of(data)
    assert f"好像有{kind}" in problem.message and "hotline" in problem.hint
    assert problem.line == line_of(data / problem.file.removeprefix("data/"), text[-4:])


def test_dates_years_amounts_and_hotlines_are_not_taken_for_personal_numbers(tmp_path):
    docs = tiny.documents()
    docs["feedback/2021.yml"]["items"][0]["summary"] = "；".join(NOT_PERSONAL)
    docs["activities/healthcare.yml"][0]["summary"] = "\n\n".join(NOT_PERSONAL)
    docs["campaign.yml"]["feedback"]["hotline"] = "0533-1234567"  # the office's own hotline, in its own field
    site = load_site(tiny.write(tmp_path / "data", docs))
    assert site.ledger.items[0].summary.startswith(NOT_PERSONAL[0])


# --- 9. Never a traceback ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "front, line, says",
    [
        ("title: [一, 二]\n", 2, "title 应该是一行文字"),
        ("description: 说明\ntitle: 2021-10-01\n", 3, "title 应该是一行文字"),
        ("- 一\n- 二\n", 2, "不是列表"),
        ("title: 活动: 回顾\n", 2, "冒号"),  # YAML mistakes are explained as in the data (yamlsource.py)
        ('title: "没有结束的引号\n', 2, "引号"),
    ],
)
def test_hand_written_front_matter_that_cannot_be_used_is_a_problem_on_its_line(front, line, says):
    with pytest.raises(DataProblems) as caught:
        split_front_matter(f"---\n{front}---\n\n正文\n", "content/activities/talk.md")
    [problem] = caught.value.problems
    assert (problem.file, problem.line) == ("content/activities/talk.md", line) and says in problem.message


def test_a_date_or_a_list_elsewhere_in_front_matter_is_kept(tmp_path):
    site = load_site(tiny.write(tmp_path / "data"))
    [page] = [p for p in build_pages(site, site_url=tiny.SITE_URL) if p.src_uri == "activities/talk.md"]
    source = page.source("---\ndate: 2021-10-01\ntags: [一, 二]\n---\n\n回顾\n")
    assert 'date: "2021-10-01"' in source and 'tags: ["一", "二"]' in source and source.endswith("回顾\n")


def test_a_year_written_as_a_superscript_is_a_problem_not_a_crash(tmp_path):
    docs = tiny.documents()
    docs["campaign.yml"]["year"] = "¹"
    data = tiny.write(tmp_path / "data", docs)
    problems = problems_of(data)
    assert any("「year」" in p.message and p.line == line_of(data / "campaign.yml", "year:") for p in problems)


def test_a_markdown_list_nested_2000_deep_is_refused_on_its_line(tmp_path):
    docs = tiny.documents()
    docs["activities/healthcare.yml"][0]["summary"] = "正文\n\n" + "- " * 2000 + "太深"
    data = tiny.write(tmp_path / "data", docs)
    [problem] = problems_of(data)
    assert "套了太多层" in problem.message and problem.line == line_of(data / "activities/healthcare.yml", "summary:")
    docs["activities/healthcare.yml"][0]["summary"] = "\n".join("  " * i + "- 一层" for i in range(6))
    assert load_site(tiny.write(tmp_path / "data", docs)).activities[0].summary  # ordinary nesting passes


@pytest.mark.parametrize("epoch", ["abc", "1.5e9", "99999999999999999999", ""])
def test_an_invalid_source_date_epoch_is_explained(monkeypatch, epoch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    if not epoch:  # unset or empty: today
        assert today()
        return
    with pytest.raises(ClockError, match="SOURCE_DATE_EPOCH 的值"):
        today()


def test_a_cache_variable_naming_a_file_is_explained(tmp_path, monkeypatch):
    (tmp_path / "a-file").write_text("x")
    monkeypatch.setenv("CAMPAIGN_IMAGE_CACHE", str(tmp_path / "a-file"))
    with pytest.raises(CacheError, match="CAMPAIGN_IMAGE_CACHE 指定的缓存位置 .* 是一个文件，不是文件夹"):
        cache_dir(tmp_path, "images")


def test_a_full_disk_for_the_cache_is_explained(tmp_path, monkeypatch):
    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    docs = tiny.documents()
    docs["activities/healthcare.yml"][0]["photos"] = [{"image": "a.png", "alt": "现场"}]
    data = tiny.write(tmp_path / "data", docs)
    (data / "images").mkdir()
    Image.new("RGB", (40, 30), "red").save(data / "images/a.png")
    monkeypatch.setattr(Image.Image, "save", full)
    with pytest.raises(CacheError, match="磁盘空间不足"):
        tiny.made(data, tmp_path / "cache")
    monkeypatch.undo()
    monkeypatch.setattr(os, "replace", full)
    with pytest.raises(CacheError, match="磁盘空间不足"):
        cached_qr("https://example.org/", "码", Seals(tmp_path / "qr"))
    memo = Memo(tmp_path / "memo" / "m.json", "salt")
    memo.put("k", 1)
    with pytest.raises(CacheError, match="磁盘空间不足"):
        memo.save()


BROKEN_BUILDS = {  # what is broken -> (environment, file to write in the project, text, what the log says)
    "clock": ({"SOURCE_DATE_EPOCH": "abc"}, None, None, "SOURCE_DATE_EPOCH 的值「abc」不是时间"),
    "cache is a file": ({"CAMPAIGN_IMAGE_CACHE": "mkdocs.yml"}, None, None, "是一个文件，不是文件夹"),
    "front matter": (
        {},
        "content/activities/talk.md",
        "---\ntitle: [一, 二]\n---\n\n回顾\n",
        "content/activities/talk.md:2: 页面开头的 title 应该是一行文字",
    ),
    "bad yaml": (
        {},
        "content/guide/extra.md",
        "---\ntitle: a: b\n---\n\n正文\n",
        "content/guide/extra.md:2: 这一行的文字里有“: ”",
    ),
    "deep list": (
        {},
        "content/guide/extra.md",
        "正文\n\n" + "- " * 2000 + "x\n",
        "content/guide/extra.md:3: 列表或引用套了太多层",
    ),
}


@pytest.mark.parametrize("broken", BROKEN_BUILDS)
def test_a_broken_build_stops_with_a_chinese_message_and_no_traceback(tmp_path, broken):
    env, name, text, says = BROKEN_BUILDS[broken]
    project = copy_project(tmp_path)
    if name:
        (project / name).write_text(text, encoding="utf-8")
    data = tiny.write(tmp_path / "data")
    result = mkdocs_build(project, tmp_path / "site", env={"CAMPAIGN_DATA": str(data), **env})
    assert result.returncode != 0 and "Traceback" not in result.stderr and says in result.stderr, result.stderr


# --- 2. Builds one at a time, switched in whole -------------------------------------------------------

SLOW_BUILD = """import sys, time, pathlib
out = pathlib.Path(sys.argv[sys.argv.index("--site-dir") + 1])
out.mkdir()
while sys.argv[1] == "v1" and not pathlib.Path("release").exists():  # held until the second build is waiting
    time.sleep(0.01)
for n in range(40):  # a build that writes for a while, its index last, as MkDocs writes pages one by one
    (out / f"page-{n}.html").write_text(sys.argv[1])
    time.sleep(0.005)
(out / "index.html").write_text(sys.argv[1])
sys.exit(int(sys.argv[2]))
"""


def _build(tmp_path, version: str, status: int = 0):
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "campaign.ops.build",
            str(tmp_path / "site"),
            sys.executable,
            str(tmp_path / "slow.py"),
            version,
            str(status),
        ],
        cwd=tmp_path,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "hooks")},
    )


def test_two_builds_at_once_wait_for_each_other_and_site_is_always_whole(tmp_path):
    (tmp_path / "slow.py").write_text(SLOW_BUILD)
    assert _build(tmp_path, "v0").wait() == 0
    bad, done = [], threading.Event()

    def read_forever():
        while not done.is_set():
            try:  # each read finds a whole site: one before, or one after a switch
                (tmp_path / "site/index.html").read_text()
                listed = len(os.listdir(tmp_path / "site"))
            except FileNotFoundError as missing:
                bad.append(str(missing))
                continue
            if listed != 41:
                bad.append(f"{listed} files")

    reader = threading.Thread(target=read_forever)
    reader.start()
    first = _build(tmp_path, "v1")
    while not list(tmp_path.glob(".site.new-*")):  # the first holds the lock and is building
        time.sleep(0.005)
    second = _build(tmp_path, "v2")
    waiting = second.stderr.readline()  # said as soon as it finds the lock taken
    (tmp_path / "release").touch()
    statuses = [first.wait(), second.wait()]
    failed = _build(tmp_path, "v3", status=1)
    assert failed.wait() == 1
    done.set()
    reader.join()
    assert statuses == [0, 0] and "另一次构建" in waiting
    assert bad == [] and (tmp_path / "site/index.html").read_text() == "v2"  # the failed v3 changed nothing
    assert len(list((tmp_path / "site").glob("page-*.html"))) == 40
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.lock", "release", "site", "slow.py"]  # no folder left


def test_the_swap_falls_back_to_two_renames_where_the_system_cannot_exchange(tmp_path, monkeypatch):
    import campaign.ops.build as build

    for name, text in [("site", "old"), ("new", "new")]:
        (tmp_path / name).mkdir()
        (tmp_path / name / "index.html").write_text(text)
    monkeypatch.setattr(build, "_exchange", lambda a, b: False)
    build.swap(tmp_path / "new", tmp_path / "site")
    assert (tmp_path / "site/index.html").read_text() == "new" and (tmp_path / "new/index.html").read_text() == "old"


# --- 7. Caches that do not trust their contents -----------------------------------------------------


def _photo_campaign(tmp_path):
    docs = tiny.documents()
    docs["activities/healthcare.yml"][0]["photos"] = [{"image": "a.png", "alt": "现场"}]
    data = tiny.write(tmp_path / "data", docs)
    (data / "images").mkdir()
    Image.new("RGB", (900, 600), "red").save(data / "images/a.png")
    return data


def test_a_cache_entry_changed_through_the_site_or_emptied_is_made_again(tmp_path):
    data, caches = _photo_campaign(tmp_path), tmp_path / "cache"
    tiny.made(data, caches)
    site = load_site(data)
    photos = site_files(process_images(site.images, data / "images", caches / "images"), caches / "images")
    qr = qr_files(site, tiny.SITE_URL, caches / "qr")
    link_into(tmp_path / "site", {**photos, **qr})
    published = tmp_path / "site" / next(iter(photos))
    assert published.stat().st_mode & 0o222 == 0  # read-only, and so is the cache entry it shares an inode with
    # Through the site (as root, or after a chmod), a same-size change; and an emptied QR code in the cache.
    os.chmod(published, 0o644)
    published.write_bytes(bytes(len(published.read_bytes())))
    code = qr["activities/talk/qr-page.svg"].read_bytes()
    os.chmod(qr["activities/talk/qr-page.svg"], 0o644)
    qr["activities/talk/qr-page.svg"].write_bytes(b"")
    again = tiny.made(data, caches)
    assert again["activities/talk/qr-page.svg"].read_bytes() == code != b""
    rebuilt = site_files(process_images(site.images, data / "images", caches / "images"), caches / "images")
    assert rebuilt[next(iter(photos))].read_bytes() != bytes(published.stat().st_size)
    assert Image.open(rebuilt[next(iter(photos))]).size[0] > 0


# --- 10. Symlinks out of data/images -----------------------------------------------------------------


@pytest.mark.parametrize("how", ["file", "folder"])
def test_a_symlink_out_of_data_images_is_refused(tmp_path, how):
    docs = tiny.documents()
    image = "a.png" if how == "file" else "linked/a.png"
    docs["activities/healthcare.yml"][0]["photos"] = [{"image": image, "alt": "现场"}]
    data = tiny.write(tmp_path / "data", docs)
    outside = tmp_path / "outside"
    outside.mkdir()
    Image.new("RGB", (40, 30), "red").save(outside / "a.png")
    (data / "images").mkdir()
    (data / "images" / ("a.png" if how == "file" else "linked")).symlink_to(
        outside / "a.png" if how == "file" else outside
    )
    (data / "images/inside.png").symlink_to(outside / "a.png")  # not used: only what the data names is read
    with pytest.raises(DataProblems) as caught:
        tiny.made(data, tmp_path / "cache")
    [problem] = caught.value.problems
    assert "指向 data/images/ 以外的链接" in problem.message and problem.file == "data/activities/healthcare.yml"
