"""Figures with meaning: targets, percentages computed (never typed), parts rolled up into wholes."""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass

from campaign.fields.mistake import Mistake, shown

_AT_LEAST, _AT_MOST = "≥", "≤"
_PREFIXES = {
    "≥": _AT_LEAST,
    ">=": _AT_LEAST,
    "不低于": _AT_LEAST,
    "不少于": _AT_LEAST,
    "至少": _AT_LEAST,
    "达到": _AT_LEAST,
    "不小于": _AT_LEAST,
    "≤": _AT_MOST,
    "<=": _AT_MOST,
    "不高于": _AT_MOST,
    "不超过": _AT_MOST,
    "至多": _AT_MOST,
    "不大于": _AT_MOST,
    "控制在": _AT_MOST,
    "=": "=",
    "＝": "=",
    ">": ">",
    "超过": ">",
    "高于": ">",
    "大于": ">",
    "<": "<",
    "低于": "<",
    "小于": "<",
    "少于": "<",
}
_SUFFIXES = {
    "以上": _AT_LEAST,
    "及以上": _AT_LEAST,
    "以上(含)": _AT_LEAST,
    "以下": _AT_MOST,
    "及以下": _AT_MOST,
    "以内": _AT_MOST,
}
_CHANGES = {
    "下降": "下降",
    "减少": "下降",
    "降低": "下降",
    "压降": "下降",
    "增长": "增长",
    "增加": "增长",
    "提高": "增长",
    "提升": "增长",
    "上升": "增长",
}


def _choice(words) -> str:
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))


_NUMBER = r"(?P<number>\d+(?:\.\d+)?)\s*(?P<unit>[^\d\s以及]*?)"
_ABSOLUTE = re.compile(rf"(?:(?P<prefix>{_choice(_PREFIXES)})\s*)?{_NUMBER}\s*(?P<suffix>{_choice(_SUFFIXES)})?")
_CHANGE = re.compile(
    rf"(?P<reference>(?:较|比|与)(?:上年|去年|上一年|前一年|\d{{4}}年)(?:同期)?(?:相比)?|同比|环比)?\s*"
    rf"(?P<change>{_choice(_CHANGES)})\s*(?:(?P<prefix>{_choice(_PREFIXES)})\s*)?{_NUMBER}"
    rf"\s*(?P<suffix>{_choice(_SUFFIXES)})?"
)
_FULL = re.compile(r"(?:实现|达到)?(?:全覆盖|100%覆盖|全部覆盖)")
_NO_LESS = re.compile(r"只增不减|不减少|不降低|(?:保持)?不下降")
_HINT = (
    "照计划原文写，例如：≥ 90%、90%以上、不低于 98%、≤ 5、较去年下降30%、全覆盖、只增不减；"
    "计划要完成的总量（修路 8 公里）写在 total，不写在 target。"
)


@dataclass(frozen=True)
class Target:
    """A target as the plan writes it, and what it compares: `comparison` is ≥, ≤, >, <, = (with
    `number` and `unit`), 下降 or 增长 (a change against `reference`, last year's value), or 不减少."""

    text: str
    comparison: str
    number: float | None = None
    unit: str = ""
    reference: str = ""  # 较去年, 同比: what a change is measured against

    @property
    def relative(self) -> bool:
        """Judged against a baseline (last year's value), not against the value alone."""
        return self.comparison in ("下降", "增长", "不减少")

    def met_by(self, value: float, baseline: float | None = None) -> bool | None:
        """Whether `value` meets the target; None when that needs a baseline and there is none."""
        if self.relative:
            return None if baseline is None else self._change_met(value, baseline)
        return _compare(self.comparison, value, self.number)

    def _change_met(self, value: float, baseline: float) -> bool | None:
        if self.comparison == "不减少":
            return value >= baseline
        if self.unit == "%" and not baseline:
            return None  # a change in percent of nothing
        change = value - baseline if self.comparison == "增长" else baseline - value
        return _compare(_AT_LEAST, 100 * change / baseline if self.unit == "%" else change, self.number)

    def __str__(self) -> str:
        return self.text


def _compare(comparison: str, value: float, number: float) -> bool:
    close = math.isclose(value, number)
    return {
        "≥": value >= number or close,
        "≤": value <= number or close,
        "=": close,
        ">": value > number and not close,
        "<": value < number and not close,
    }[comparison]


def read_target(text) -> Target:
    """A target in the plan's words: ≥ 90%, 90%以上, 较去年下降30%, 全覆盖, 只增不减."""
    if not isinstance(text, str) or len(text) > 40:  # short: the patterns backtrack
        raise Mistake(f"看不懂目标「{shown(text)}」", _HINT)
    written = text.strip()
    said = re.sub(r"\s+", "", unicodedata.normalize("NFKC", written)).replace("％", "%")
    if _FULL.fullmatch(said):
        return Target(written, "=", 100, "%")
    if _NO_LESS.fullmatch(said):
        return Target(written, "不减少")
    if m := _CHANGE.fullmatch(said):
        if m["prefix"] and _PREFIXES[m["prefix"]] != _AT_LEAST:
            raise Mistake(f"看不懂目标「{shown(written)}」", _HINT)
        return Target(written, _CHANGES[m["change"]], as_written(float(m["number"])), m["unit"], m["reference"] or "")
    m = _ABSOLUTE.fullmatch(said)
    said_by = {_PREFIXES.get(m["prefix"]), _SUFFIXES.get(m["suffix"])} - {None} if m else set()
    if len(said_by) != 1:  # no comparison (90%: at least or exactly?), or two that disagree
        raise Mistake(f"看不懂目标「{shown(written)}」", _HINT)
    (comparison,) = said_by
    return Target(written, comparison, as_written(float(m["number"])), m["unit"])


def as_written(value: float | int) -> float | int:
    """A number as the plan prints it: 560, not 560.0."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def number(value: float) -> str:
    """Numbers as Chinese reports print them: no thousands separator, no trailing .0."""
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}".rstrip("0").rstrip(".")


def percent(done: float, total: float) -> float | int:
    return as_written(round(100 * done / total, 1)) if total else 0


@dataclass(frozen=True)
class FigureProblem:
    index: int
    key: str
    message: str
    hint: str


def roll_up(figures: list) -> tuple[list, list[FigureProblem]]:
    """Fill in each parent's value and total from its parts, or check them against the parts.

    Returns the figures with computed values and every inconsistency found."""
    figures = list(figures)
    problems = _unknown_parents(figures)
    for _ in range(len(figures)):  # deepest parts first: one pass per level is enough
        for i, parent in enumerate(figures):
            parts = [f for f in figures if parent.id and f.parent == parent.id]
            if parts:
                figures[i], found = _sum_parts(i, parent, parts)
                problems += found
    problems += [
        FigureProblem(
            i,
            "value",
            f"「{f.label}」既没有数值，也没有总数或目标。",
            "写上 value（实测数值和 as_of 日期）、total（计划总量）或 target（目标，如 ≥ 90%）。",
        )
        for i, f in enumerate(figures)
        if f.value is None and f.total is None and f.target is None
    ]
    return figures, list(dict.fromkeys(problems))


def _sum_parts(index: int, parent, parts: list):
    update, problems = {}, []
    for key in ("value", "total"):
        values = [getattr(p, key) for p in parts]
        if None in values:
            continue
        whole = sum(values)
        stated = getattr(parent, key)
        if stated is None:
            update[key] = whole
            if key == "value" and parent.as_of is None:  # measured as of the parts' latest date
                update["as_of"] = max(p.as_of for p in parts)
        elif not math.isclose(stated, whole):
            sum_text = " + ".join(number(v) for v in values)
            problems.append(
                FigureProblem(
                    index,
                    key,
                    f"「{parent.label}」的 {key} 写的是 {number(stated)}，"
                    f"但各分项相加是 {sum_text} = {number(whole)}。",
                    "核对总数和各分项，使分项之和等于总数。",
                )
            )
    return (parent.model_copy(update=update) if update else parent), problems


def _unknown_parents(figures: list) -> list[FigureProblem]:
    ids = [f.id for f in figures if f.id]
    return [
        FigureProblem(
            i,
            "parent",
            f"没有编号为「{f.parent}」的上级指标。",
            f"parent 写同一文件里某个指标的 id：{'、'.join(ids) or '（先给上级指标写 id）'}。",
        )
        for i, f in enumerate(figures)
        if f.parent and f.parent not in ids
    ]
