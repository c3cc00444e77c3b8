"""Fuzzing the data (Hypothesis): random YAML documents and random values in every field of every data
kind go through the real loader and renderer (load_site, the photos, build_pages, the calendar files, the
open data and the QR codes). Each ends in a built result or in DataProblems whose every problem names
data/<file>:<line> in Chinese, never in another exception.

`make test` runs a short seeded run; FUZZ_EXAMPLES=10000 .venv/bin/python -m pytest tests/test_fuzz.py
runs a long one with fresh random data.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import tiny
from campaign.data.problems import DataProblems

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "100"))
CACHE = Path(tempfile.mkdtemp(prefix="fuzz-cache-"))  # shared: QR codes made once for all examples
HAN = re.compile(r"[\u4e00-\u9fff]")
ENGLISH = re.compile(r"\b(?:should|Input|Value|valid|error|Error|expected|found)\b")  # a parser's own words

# Text as editors and attackers write it: any character but lone surrogates (not UTF-8), often Chinese,
# time phrases, numbers, markup and the characters that matter to YAML, Markdown, HTML, CSV and iCalendar.
PIECES = [
    "10月份",
    "12月中旬",
    "9—11月",
    "6月底前",
    "重阳节",
    "长期坚持",
    "每周六 9:00-11:00",
    "2021-10-08",
    "2021",
    "-1",
    "1e309",
    "NaN",
    "≥ 90%",
    "true",
    "null",
    "~",
    "index",
    "all",
    "2021-10",
    "healthcare",
    "talk",
    "<script>alert(1)</script>",
    '=HYPERLINK("x")',
    "- - - x",
    "> > x",
    "[x](javascript:1)",
    "{{7*7}}",
    "a;b,c\\d",
    "\r\n",
    "\u2028",
    "\x00",
    "\t",
    "138 0013 8000",
    "¹",
    "１２",
    "https://e.org/?{id}",
    "a.jpg",
]
TEXT = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=30),
    st.lists(st.sampled_from(PIECES), max_size=4).map("".join),
    st.text(st.sampled_from("一二三月日年至每周前底中旬季度长期坚持 -:0123456789"), max_size=12),
)
SCALAR = st.one_of(
    TEXT, st.integers(-(10**20), 10**20), st.floats(allow_nan=True), st.booleans(), st.none(), st.dates().map(str)
)
FREE_TEXT = {
    "title",
    "organiser",
    "summary",
    "name",
    "unit",
    "where",
    "audience",
    "what",
    "label",
    "source",
    "channel",
    "response",
    "slogan",
}
VALUE = st.recursive(
    SCALAR, lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(TEXT, inner, max_size=3)), max_leaves=8
)


def _paths(node, at=()):
    """Every place in a document: its leaves and its containers."""
    yield at
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else []
    for key, value in items:
        yield from _paths(value, at + (key,))


def _set(doc, at, value):
    if not at:
        return value
    parent = doc
    for key in at[:-1]:
        parent = parent[key]
    parent[at[-1]] = value
    return doc


@st.composite
def campaigns(draw):
    """The tiny campaign with some values replaced: mostly a text by random text, sometimes any place by
    any value or a key added; and now and then a whole file of random YAML or of random text."""
    docs = tiny.documents()
    for _ in range(draw(st.integers(1, 4))):
        name = draw(st.sampled_from(sorted(docs)))
        places = list(_paths(docs[name]))
        texts = [at for at in places if isinstance(_get(docs[name], at), str)]
        free = [at for at in texts if at and (at[-1] in FREE_TEXT or isinstance(at[-1], int))]
        if free and draw(st.integers(0, 2)):  # most often where any text is allowed, so many examples build
            texts = free
        if texts and draw(st.integers(0, 3)):
            docs[name] = _set(docs[name], draw(st.sampled_from(texts)), draw(TEXT))
            continue
        at = draw(st.sampled_from(places))
        if at and isinstance(at[-1], str) and draw(st.booleans()):
            at = at[:-1] + (
                draw(st.one_of(st.sampled_from(["id", "title", "when", "extra", "photos", "image"]), TEXT)),
            )
        docs[name] = _set(docs[name], at, draw(VALUE))
    raw = {}
    if draw(st.integers(0, 9)) == 0:
        raw[draw(st.sampled_from(sorted(docs)))] = draw(st.one_of(TEXT, VALUE.map(_dump)))
    return docs, raw


def _get(doc, at):
    for key in at:
        doc = doc[key]
    return doc


def _dump(value) -> str:
    return yaml.safe_dump(value, allow_unicode=True)


def _changed(name: str, at: tuple, value, raw: dict | None = None):
    docs = tiny.documents()
    docs[name] = _set(docs[name], at, value)
    return docs, raw or {}


@settings(
    max_examples=EXAMPLES,
    derandomize=EXAMPLES <= 100,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)
@given(campaigns())
# What earlier runs found, kept: a title over two lines (icalendar's AssertionError), a control character in
# a file (PyYAML's ReaderError), true/false and a YAML syntax error reported in the parsers' English.
@example(_changed("activities/healthcare.yml", (0, "title"), "健康\n讲座"))
@example(_changed("domains.yml", (0, "name"), "领域\r名称"))
@example(_changed("campaign.yml", ("title",), "活动", {"achievements/healthcare.yml": "\x1f"}))
@example(_changed("achievements/healthcare.yml", ("tasks", 0, "milestones", 0, "done"), "也许"))
@example(_changed("campaign.yml", ("title",), "活动", {"domains.yml": "- id: a\n  name: [b\n"}))
def test_random_data_builds_or_is_refused_in_chinese_with_file_and_line(campaign):
    docs, raw = campaign
    with tempfile.TemporaryDirectory() as folder:
        data = tiny.write(Path(folder) / "data", docs, raw)
        try:
            out = tiny.made(data, CACHE)
        except DataProblems as problems:
            assert problems.problems
            for problem in problems.problems:
                assert re.fullmatch(r"data/[a-z0-9/]+\.yml", problem.file) and problem.line >= 1, problem
                assert HAN.search(problem.message) and not ENGLISH.search(problem.message + problem.hint), problem
            return
    assert "index.md" in out and "calendar/all.ics" in out and "data/activities.csv" in out
