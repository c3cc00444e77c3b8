"""Mistakes made on a Chinese keyboard, and every other malformed value: each is explained in Chinese at the
line to change, with what to write instead, and no English from PyYAML, pydantic or Python reaches the editor.

The campaign here is written by the test (tests never depend on data/): a mistake is one replacement in it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from campaign.data.load import load_site
from campaign.data.models import Achievements, Activity, Campaign, Domain, FeedbackLedger
from campaign.data.problems import DataProblems
from campaign.data.schema import schema_files
from campaign.data.validate import validate
from campaign.data.yamlsource import Source
from campaign.fields.mistake import shown
from campaign.site.pages import split_front_matter

CAMPAIGN = {
    "campaign.yml": """\
title: 测试街道市民看变化
site_url: https://example.org/ceshi/
organiser: 测试街道党政办
year: 2021
period: 9月至12月
feedback:
  form_url: https://example.org/feedback
  form_url_template: https://example.org/f?title={title}&id={id}
  hotline: "12345"
""",
    "domains.yml": """\
- id: health
  name: 病有所医
  summary: 卫生服务。
  unit: 卫生院
""",
    "activities/health.yml": """\
- id: open-day
  title: 医院开放日
  domain: health
  when: 10月份
  where: 卫生院
  organiser: 卫生院
  channels: [讲座, 座谈]
  summary: |
    邀请居民参观。
- id: lectures
  title: 健康讲座
  domain: health
  when: 12月中旬
  where: 各社区
  audience: "社区居民"
  organiser: 社区卫生服务站
""",
    "achievements/health.yml": """\
domain: health
tasks:
  - id: queues
    title: 排队时间长
    unit: 卫生院
    deadline: 6月底前
    status: 进行中
    progress:
      done: 2
      total: 8
    milestones:
      - when: 第一季度
        what: 完成设计
        done: true
figures:
  - label: 开放床位
    value: 30
    unit: 张
    as_of: 2021-09-12
""",
}

# Words of our own messages (format names, examples); any other English word is a library's.
OURS = {
    "YAML",
    "domains",
    "Markdown",
    "https",
    "http",
    "example",
    "health",
    "talk",
    "elderly",
    "care",
    "true",
    "false",
    "name",
    "page",
    "javascript",
    "data",
    "mailto",
    "JPEG",
    "HEIC",
    "WebP",
    "qiuquan",
    "before",
    "after",
    "Word",
    "summary",
    "shantou",
    "images",
    "heic",
    "webp",
}
FIELD_KEYS = {key for text in schema_files().values() for key in re.findall(r'"([a-z_]+)": \{', text)}
LIBRARY_WORDS = re.compile(r"[A-Za-z_]{4,}")


def _examples(node) -> list[str]:
    """Every example value in a JSON Schema: hints quote them (添加一行「id: road-repair」)."""
    if isinstance(node, dict):
        return [*map(str, node.get("examples", [])), *(e for v in node.values() for e in _examples(v))]
    return [e for v in node for e in _examples(v)] if isinstance(node, list) else []


EXAMPLE_WORDS = {
    w for text in schema_files().values() for e in _examples(json.loads(text)) for w in LIBRARY_WORDS.findall(e)
}


def library_english(text: str, *own: str) -> list[str]:
    """English words in `text` that are neither ours, nor a field's key, nor in the editor's own value."""
    for value in sorted(own, key=len, reverse=True):
        text = text.replace(value, "").replace(shown(value), "")
    return [w for w in LIBRARY_WORDS.findall(text) if w not in OURS | FIELD_KEYS | EXAMPLE_WORDS]


def write_campaign(root: Path) -> Path:
    data = root / "data"
    for name, text in CAMPAIGN.items():
        (data / name).parent.mkdir(parents=True, exist_ok=True)
        (data / name).write_text(text, encoding="utf-8")
    return data


@pytest.fixture
def data(tmp_path) -> Path:
    return write_campaign(tmp_path)


def problems_of(data: Path) -> list:
    with pytest.raises(DataProblems) as caught:
        load_site(data)
    return caught.value.problems


def test_the_campaign_written_here_loads(data):
    site = load_site(data)
    assert [a.id for a in site.activities] == ["open-day", "lectures"]


GBK = "卫生院".encode("gbk")
# (file, text, replaced by, the line the message must name (text on it, after the change), words of the fix)
MISTAKES = [
    ("tab-indent", "activities/health.yml", "  title: 医院开放日", "\ttitle: 医院开放日", "\ttitle", "Tab"),
    ("tab-before-item", "activities/health.yml", "- id: lectures", "\t- id: lectures", "\t- id", "Tab"),
    ("full-width-colon", "activities/health.yml", "  where: 卫生院", "  where：卫生院", "where：", "英文冒号"),
    (
        "full-width-colon-last-line",
        "activities/health.yml",
        "  organiser: 卫生院\n",
        "  organiser：卫生院\n",
        "organiser：卫生院\n",
        "英文冒号",
    ),
    ("full-width-colon-top-level", "campaign.yml", "year: 2021", "year：2021", "year：", "英文冒号"),
    ("full-width-colon-after-dash", "activities/health.yml", "- id: lectures", "- id：lectures", "id：", "英文冒号"),
    ("full-width-comma-in-list", "activities/health.yml", "[讲座, 座谈]", "[讲座，座谈]", "讲座，座谈", "英文逗号"),
    ("full-width-brackets", "activities/health.yml", "[讲座, 座谈]", "【讲座, 座谈】", "【", "[ ]"),
    (
        "full-width-space-after-colon",
        "activities/health.yml",
        "  where: 各社区",
        "  where:\u3000各社区",
        "各社区",
        "半角空格",
    ),
    (
        "full-width-space-indent",
        "activities/health.yml",
        "  where: 各社区",
        "\u3000\u3000where: 各社区",
        "各社区",
        "半角空格",
    ),
    (
        "full-width-quotes-around-colon",
        "activities/health.yml",
        "title: 医院开放日",
        "title: “开放日: 欢迎”",
        "“开放日",
        "英文双引号",
    ),
    ("colon-in-text", "activities/health.yml", "title: 健康讲座", "title: 讲座: 健康", "讲座: 健康", "中文冒号"),
    ("no-space-after-colon", "activities/health.yml", "  when: 10月份", "  when:10月份", "when:10", "加一个空格"),
    ("no-space-after-colon-top-level", "campaign.yml", "year: 2021", "year:2021", "year:2021", "加一个空格"),
    ("no-space-after-dash", "activities/health.yml", "- id: lectures", "-id: lectures", "-id", "加一个空格"),
    ("full-width-dash", "activities/health.yml", "- id: lectures", "－ id: lectures", "－ id", "英文减号"),
    (
        "unclosed-quote-at-end",
        "activities/health.yml",
        "  organiser: 社区卫生服务站",
        '  organiser: "社区卫生服务站',
        '"社区卫生服务站',
        "补上同样的英文引号",
    ),
    (
        "unclosed-quote-closed-later",
        "activities/health.yml",
        "  title: 医院开放日",
        '  title: "医院开放日',
        '"医院开放日',
        "补上结尾的英文引号",
    ),
    (
        "unclosed-single-quote",
        "activities/health.yml",
        "  organiser: 社区卫生服务站",
        "  organiser: '社区卫生服务站",
        "'社区",
        "补上同样的英文引号",
    ),
    ("text-after-quote", "activities/health.yml", "title: 健康讲座", 'title: "健康"讲座', '"健康"讲座', "引号里"),
    (
        "item-out-of-line",
        "activities/health.yml",
        "- id: lectures",
        " - id: lectures",
        " - id: lectures",
        "缩进 0 个空格",
    ),
    (
        "nested-item-out-of-line",
        "achievements/health.yml",
        "      - when: 第一季度",
        "     - when: 第一季度",
        "what: 完成设计",
        "缩进 7 个空格",
    ),
    (
        "key-indented-too-far",
        "activities/health.yml",
        "  where: 卫生院",
        "   where: 卫生院",
        "   where",
        "缩进 2 个空格",
    ),
    (
        "key-indented-too-little",
        "activities/health.yml",
        "  where: 卫生院",
        " where: 卫生院",
        " where: 卫生院",
        "缩进 2 个空格",
    ),
    ("unclosed-bracket", "activities/health.yml", "[讲座, 座谈]", "[讲座, 座谈", "[讲座, 座谈", "[讲座, 座谈]"),
    (
        "text-under-bar-not-indented",
        "activities/health.yml",
        "    邀请居民参观。",
        "  邀请居民参观。",
        "  邀请居民参观",
        "缩进两格",
    ),
    (
        "text-after-bar",
        "activities/health.yml",
        "summary: |\n    邀请居民参观。",
        "summary: |邀请居民参观。",
        "|邀请",
        "下一行",
    ),
    ("key-without-colon", "activities/health.yml", "  where: 各社区", "  where 各社区", "where 各社区", "英文冒号"),
    ("backslash-in-double-quotes", "activities/health.yml", "  where: 各社区", '  where: "C:\\各社区"', "C:", "单引号"),
    ("text-starting-with-at", "activities/health.yml", "title: 健康讲座", "title: @健康讲座", "@健康", "英文双引号"),
    ("alias", "activities/health.yml", "  where: 各社区", "  where: *place", "*place", "再写一遍"),
    ("anchor", "activities/health.yml", "  where: 卫生院", "  where: &place 卫生院", "&place", "再写一遍"),
    ("tag", "activities/health.yml", "  where: 卫生院", "  where: !地点 卫生院", "!地点", "引号"),
    ("second-document", "activities/health.yml", "- id: lectures", "---\n- id: lectures", "---", "---"),
    (
        "duplicate-key",
        "activities/health.yml",
        "  where: 各社区",
        "  where: 各社区\n  where: 社区",
        "where: 社区",
        "删掉",
    ),
    ("control-character", "activities/health.yml", "title: 健康讲座", "title: 健康\x0b讲座", "健康\x0b", "删掉"),
    ("year-out-of-range", "campaign.yml", "year: 2021", "year: 99999", "year: 99999", "不大于 2100"),
    ("title-too-long", "activities/health.yml", "title: 健康讲座", "title: " + "健" * 201, "健健健", "200 个字以内"),
    ("id-too-long", "activities/health.yml", "id: lectures", "id: " + "a" * 61, "aaaa", "60 个字以内"),
    (
        "day-that-does-not-exist",
        "achievements/health.yml",
        "as_of: 2021-09-12",
        "as_of: 2021-02-30",
        "2021-02-30",
        "核对年、月、日",
    ),
    ("lone-brace-in-form-template", "campaign.yml", "{title}&id={id}", "{title&id={id}", "form_url_template", "花括号"),
    ("done-is-not-true-or-false", "achievements/health.yml", "done: true", "done: 是", "done: 是", "true"),
    ("total-zero", "achievements/health.yml", "total: 8", "total: 0", "total: 0", "大于 0"),
    ("value-not-a-number", "achievements/health.yml", "value: 30", "value: nan", "value: nan", "阿拉伯数字"),
    (
        "item-with-full-width-colon",
        "domains.yml",
        "- id: health\n  name: 病有所医\n  summary: 卫生服务。\n  unit: 卫生院\n",
        "- id：health\n",
        "id：health",
        "英文冒号",
    ),
]


@pytest.mark.parametrize("file,old,new,needle,fix", [m[1:] for m in MISTAKES], ids=[m[0] for m in MISTAKES])
def test_each_mistake_is_explained_in_chinese_at_its_line(data, file, old, new, needle, fix):
    path = data / file
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    broken = text.replace(old, new, 1)
    path.write_text(broken, encoding="utf-8")
    [problem] = problems_of(data)
    line = next(n for n, content in enumerate(broken.split("\n"), 1) if needle in content + "\n")
    assert (problem.file, problem.line) == (f"data/{file}", line), str(problem)
    assert re.search(r"[\u4e00-\u9fff]", problem.message) and fix in problem.hint, str(problem)
    assert library_english(problem.message + problem.hint, *new.split()) == [], str(problem)


def test_a_byte_that_is_not_utf8_is_reported_at_its_own_line(data):
    path = data / "activities/health.yml"
    text = path.read_text(encoding="utf-8")
    line = text[: text.index("各社区")].count("\n") + 1
    path.write_bytes(text.encode("utf-8").replace("各社区".encode(), GBK))
    [problem] = problems_of(data)
    assert (problem.file, problem.line) == ("data/activities/health.yml", line)
    assert "UTF-8" in problem.message and "另存为" in problem.hint


# --- Every field, every malformed value ----------------------------------------------------------

FULL = {  # one document of each kind with every field written
    Campaign: {
        "title": "活动",
        "site_url": "https://example.org/huodong/",
        "description": "一句话简介",
        "share_image": "share/card.jpg",
        "slogan": "口号",
        "organiser": "单位",
        "year": "2021",
        "period": "9月至12月",
        "summary": "简介",
        "feedback": {
            "form_url": "https://example.org/f",
            "form_url_template": "https://example.org/f?t={title}",
            "hotline": "12345",
            "email": "a@example.org",
            "question": "有什么意见建议？",
            "wechat": {"name": "公众号", "account": "gongzhonghao", "qr": "channels/wechat.png"},
            "mini_program": {"name": "小程序", "qr": "channels/mini.png"},
            "suggestion_box": "一楼大厅",
            "reception": {"when": "每周三上午", "where": "接待室"},
        },
    },
    Domain: {
        "id": "health",
        "name": "病有所医",
        "summary": "简介",
        "unit": "卫生院",
        "description": "介绍",
        "feedback": {
            "form_url": "https://example.org/h",
            "form_url_template": "https://example.org/h?t={title}",
            "hotline": "0533-1234567",
            "email": "h@example.org",
        },
    },
    Activity: {
        "id": "open-day",
        "title": "开放日",
        "domain": "health",
        "when": "10月8日 9:00-11:00",
        "where": "卫生院",
        "organiser": "卫生院",
        "audience": "居民",
        "channels": ["讲座"],
        "summary": "介绍",
        "before_after": [
            {
                "title": "门诊",
                "before": {"image": "a/b.jpg", "alt": "旧门诊"},
                "after": {
                    "image": "a/c.jpg",
                    "alt": "新门诊",
                    "caption": "图注",
                    "date": "2021-09-12",
                    "credit": "卫生院",
                },
            }
        ],
        "photos": [{"image": "a/d.jpg", "alt": "现场", "date": "2021年9月"}],
        "feedback": {"form_url": "https://example.org/o", "hotline": "12345", "email": "o@example.org"},
    },
    Achievements: {
        "domain": "health",
        "tasks": [
            {
                "id": "queues",
                "title": "排队",
                "kind": "重点解决问题",
                "unit": "卫生院",
                "measures": ["分时段"],
                "deadline": "6月底前",
                "status": "进行中",
                "progress": {"done": "2", "total": "8", "unit": "个", "as_of": "2021-10-31"},
                "milestones": [{"when": "第一季度", "what": "设计", "done": "true"}],
            }
        ],
        "figures": [
            {
                "id": "beds",
                "label": "床位",
                "value": "30",
                "total": "40",
                "unit": "张",
                "target": "≥ 90%",
                "as_of": "2021-09-12",
                "source": "通报",
            },
            {"label": "病房", "value": "10", "parent": "beds", "as_of": "2021-09-12"},
        ],
    },
    FeedbackLedger: {
        "items": [
            {
                "id": "road-lights",
                "date": "2021-10-08",
                "domain": "health",
                "channel": "热线",
                "summary": "路灯不亮",
                "status": "已办结",
                "reason": "",
                "response": "已修好",
                "links": ["open-day", "health/queues"],
            }
        ],
        "totals": [
            {
                "label": "走访",
                "domain": "health",
                "as_of": "2021-11-30",
                "source": "通报",
                "unit": "条",
                "visited": "100",
                "collected": "50",
                "on_the_spot": "5",
                "transferred": "45",
                "resolved": "40",
                "in_progress": "5",
            }
        ],
    },
}
MALFORMED = [
    "",
    " ",
    "{",
    "}",
    "{x}",
    "{0}",
    "{title",
    "}{",
    "%s",
    "%(x)s",
    "nan",
    "inf",
    "-inf",
    "1e999",
    "-1",
    "0",
    "0.5",
    "99999",
    "9" * 5000,
    "99999-01-01",
    "2021-02-30",
    "2021-13-01",
    "0000-00-00",
    "2021-9-1",
    "２０２１",
    "１０月",
    "true",
    "false",
    "yes",
    "null",
    "~",
    "是",
    "a" * 61,
    "字" * 201,
    "字" * 2001,
    "字" * 20001,
    "https://",
    "javascript:alert(1)",
    "mailto:a@b.c",
    "tel:12345",
    "../x.jpg",
    "/etc/passwd",
    "C:\\x.jpg",
    "x.gif",
    "a.jpg\n",
    "≥",
    "≥ abc",
    "≤ 5 5",
    "≥ 1" + "1" * 100 + " x",
    "10月32日",
    "13月",
    "第五季度",
    "2021年2月30日",
    "每月32日",
    "25:00",
    "10月8日 25点",
    "10月前后",
    "12月至11月",
    "9:30",
    "\u202e",
    "\u200b",
    "a@b",
    "a b",
    "<script>",
    "Health Talk",
    "99999年10月",
    "次年次年",
    "〇〇〇〇年",
    "十三月",
    "廿九日",
    "每周八",
    "10月8日 9:00-8:00",
    [],
    {},
    ["a"],
    {"a": "b"},
    [[]],
    [{}],
    None,
]


def leaves(value, loc=()):
    """Every location in a document: each key and list item, nested ones too."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield loc + (key,)
            yield from leaves(item, loc + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield loc + (i,)
            yield from leaves(item, loc + (i,))


def replaced(document, loc, new):
    if not loc:
        return new
    copy = dict(document) if isinstance(document, dict) else list(document)
    copy[loc[0]] = replaced(document[loc[0]], loc[1:], new)
    return copy


@pytest.fixture(scope="module")
def empty_source(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("fuzz") / "x.yml"
    path.write_text("", encoding="utf-8")
    return path


@pytest.mark.parametrize("model", list(FULL), ids=lambda m: m.__name__)
def test_no_malformed_value_in_any_field_gets_a_library_message(model, empty_source):
    source = Source(empty_source, "x.yml")
    assert validate(model, FULL[model], source, (), 2021) is not None and not source.problems
    tried = 0
    for loc in leaves(FULL[model]):
        for value in MALFORMED:
            source.problems.clear()
            validate(model, replaced(FULL[model], loc, value), source, (), 2021)
            tried += 1
            for problem in source.problems:
                text = problem.message + problem.hint
                own = [value] if isinstance(value, str) else []
                assert library_english(text, *own) == [], (loc, value, str(problem))
                assert "Traceback" not in text and "Error" not in text
    assert tried >= 10 * len(MALFORMED)


MUTATIONS = [  # what a slip of the keyboard does to one line
    lambda line: "\t" + line,
    lambda line: line.replace(": ", "：", 1),
    lambda line: line.replace(": ", ":", 1),
    lambda line: line.replace(": ", ":\u3000", 1),
    lambda line: line.replace(": ", ': "', 1),
    lambda line: line.replace(": ", ": '", 1),
    lambda line: line.replace(": ", ": [", 1),
    lambda line: line.replace(": ", ": {", 1),
    lambda line: line.replace(", ", "，"),
    lambda line: line.replace("- ", "-", 1),
    lambda line: line.replace("- ", "－ ", 1),
    lambda line: " " + line,
    lambda line: line[1:],
    lambda line: "\u3000" + line.lstrip(" "),
    lambda line: line + ": 多余",
    lambda line: line.replace(": ", ": *", 1),
    lambda line: line.replace(": ", ": @", 1),
    lambda line: line + '"',
]


@pytest.mark.parametrize("file", sorted(CAMPAIGN))
def test_a_slip_on_any_line_is_explained_in_chinese_within_the_file(tmp_path, file):
    text = CAMPAIGN[file]
    lines = text.splitlines()
    path = tmp_path / "x.yml"
    for n in range(len(lines)):
        for mutate in MUTATIONS:
            broken = lines[:n] + [mutate(lines[n])] + lines[n + 1 :]
            path.write_text("\n".join(broken) + "\n", encoding="utf-8")
            for problem in Source(path, "x.yml").problems:
                assert 1 <= problem.line <= len(broken), (broken[n], str(problem))
                assert re.search(r"[\u4e00-\u9fff]", problem.message), (broken[n], str(problem))
                assert library_english(problem.message + problem.hint, *broken[n].split()) == [], (
                    broken[n],
                    str(problem),
                )


@pytest.mark.parametrize(
    "head,line,said",
    [("title: 开放日\n\tdescription: 介绍\n", 3, "Tab"), ("title: &a 开放日\ndescription: *a\n", 2, "锚点")],
)
def test_a_hand_written_pages_front_matter_is_read_like_the_data(head, line, said):
    with pytest.raises(DataProblems) as caught:
        split_front_matter(f"---\n{head}---\n\n正文\n", "content/activities/open-day.md")
    [problem] = caught.value.problems
    assert (problem.file, problem.line) == ("content/activities/open-day.md", line) and said in problem.message
    assert split_front_matter("---\ntitle: 开放日\nhide: [toc]\n---\n\n正文\n") == (
        {"title": "开放日", "hide": ["toc"]},
        "\n正文\n",
    )
