"""Careless or hostile sizes: YAML anchors and aliases, nesting, huge files and huge fields are refused at once,
in Chinese at their line, before they can cost time or memory.

No timing is asserted (that would be flaky on a shared machine); instead each input is one the old reader
spent many seconds or gigabytes on, or crashed with (RecursionError, MemoryError), so a regression shows as
a failing or hanging test.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from campaign.data.load import load_site
from campaign.data.models import LINE, PAGE, PARAGRAPH
from campaign.data.problems import DataProblems
from campaign.data.yamlsource import MAX_BYTES, MAX_DEPTH, Source
from test_yaml_mistakes import write_campaign


def read(tmp_path: Path, text: str) -> Source:
    path = tmp_path / "x.yml"
    path.write_text(text, encoding="utf-8")
    return Source(path, "x.yml")


def billion_laughs(levels: int) -> str:
    """Each level a list of nine of the level below: 9**levels strings from a few hundred bytes."""
    lines = ['a0: &a0 ["哈", "哈", "哈", "哈", "哈", "哈", "哈", "哈", "哈"]']
    lines += [f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 9) + "]" for n in range(1, levels)]
    return "\n".join(lines) + "\n"


def test_an_alias_bomb_is_refused_at_its_first_anchor(tmp_path):
    text = billion_laughs(10)  # 9**10 strings once expanded: the old reader ended in MemoryError
    assert len(text.encode()) < 600
    source = read(tmp_path, text)
    assert source.data is None
    [problem] = source.problems
    assert problem.line == 1 and "&a0" in problem.message and "再写一遍" in problem.hint


def test_an_alias_is_refused_at_its_own_line(tmp_path):
    source = read(tmp_path, "- id: a\n  where: 卫生院\n- id: b\n  where: *a\n")
    [problem] = source.problems
    assert problem.line == 4 and "*a" in problem.message and "照原样再写一遍" in problem.hint


def test_a_list_that_contains_itself_is_refused(tmp_path):
    [problem] = read(tmp_path, "x: &a [*a]\n").problems  # RecursionError before
    assert problem.line == 1 and "锚点" in problem.message


@pytest.mark.parametrize(
    "text",
    ["x: " + "[" * 10_000 + "]" * 10_000 + "\n", "".join(" " * n + "- x:\n" for n in range(0, 2 * (MAX_DEPTH + 5), 2))],
    ids=["brackets", "indentation"],
)
def test_nesting_deeper_than_any_data_is_refused(tmp_path, text):
    source = read(tmp_path, text)  # 100,000 brackets crashed the C composer (a segmentation fault)
    [problem] = source.problems
    assert f"超过 {MAX_DEPTH} 层" in problem.message and source.data is None


def test_data_as_deep_as_the_models_go_is_read(tmp_path):
    deepest = "tasks:\n  - before_after:\n      - before:\n          image: a.jpg\n"
    assert read(tmp_path, deepest).data == {"tasks": [{"before_after": [{"before": {"image": "a.jpg"}}]}]}


def test_a_file_larger_than_the_limit_is_refused_before_it_is_read(tmp_path):
    source = read(tmp_path, "- id: a\n  summary: " + "字" * (MAX_BYTES // 3 + 10) + "\n")
    [problem] = source.problems
    assert (
        problem.line == 1 and f"最多 {MAX_BYTES // 1_000_000} MB" in problem.message and "分成几个文件" in problem.hint
    )


@pytest.mark.parametrize(
    "file,old,key,limit",
    [
        ("activities/health.yml", "title: 医院开放日", "title", LINE),
        ("activities/health.yml", "  where: 卫生院", "where", LINE),
        ("activities/health.yml", "    邀请居民参观。", "summary", PAGE),
        ("domains.yml", "summary: 卫生服务。", "summary", PARAGRAPH),
        ("achievements/health.yml", "label: 开放床位", "label", LINE),
        ("campaign.yml", "organiser: 测试街道党政办", "organiser", LINE),
    ],
)
def test_each_text_field_has_a_limit_stated_in_chinese(tmp_path, file, old, key, limit):
    data = write_campaign(tmp_path)
    path = data / file
    text = path.read_text(encoding="utf-8")
    value = old.split(": ")[-1].strip()
    path.write_text(text.replace(old, old.replace(value, "字" * limit)), encoding="utf-8")
    load_site(data)  # exactly at the limit: accepted
    path.write_text(text.replace(old, old.replace(value, "字" * (limit + 1))), encoding="utf-8")
    with pytest.raises(DataProblems) as caught:
        load_site(data)
    [problem] = caught.value.problems
    lines = text[: text.index(old) + len(old)].split("\n")
    assert problem.file == f"data/{file}" and problem.line == max(
        n for n, text in enumerate(lines, 1) if f"{key}:" in text
    )
    assert f"「{key}」" in problem.message and f"{limit + 1} 个字，最多 {limit} 个字" in problem.message


def test_a_huge_field_within_the_file_limit_is_refused_with_its_line(tmp_path):
    data = write_campaign(tmp_path)
    path = data / "activities/health.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("title: 健康讲座", "title: " + "字" * 600_000), encoding="utf-8"
    )
    with pytest.raises(DataProblems) as caught:
        load_site(data)
    [problem] = caught.value.problems
    assert problem.line == 11 and "最多 200 个字" in problem.message


@pytest.mark.parametrize(
    "old,new,said",
    [
        ("when: 10月份", "when: " + "10月" * 100_000, "最多 60 个字"),  # reading a phrase is quadratic in its length
        ("value: 30\n", "value: 30\n    target: ≥ " + "1" * 100_000 + " x\n", "看不懂目标"),  # the pattern backtracks
        ("form_url: https://example.org/feedback", "form_url: https://example.org/" + "a" * 100_000, "最多 500 个"),
    ],
)
def test_long_values_of_parsed_fields_are_refused_before_they_are_parsed(tmp_path, old, new, said):
    data = write_campaign(tmp_path)
    for path in data.rglob("*.yml"):
        text = path.read_text(encoding="utf-8")
        if old in text:
            path.write_text(text.replace(old, new, 1), encoding="utf-8")
            break
    else:
        raise AssertionError(old)
    with pytest.raises(DataProblems) as caught:
        load_site(data)
    [problem] = caught.value.problems
    assert said in problem.message and len(problem.message) < 300
