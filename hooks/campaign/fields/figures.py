"""Figures with meaning: targets, percentages computed (never typed), parts rolled up into wholes."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from campaign.fields.mistake import Mistake, shown

_OPERATORS = {
    "≥": "≥",
    ">=": "≥",
    "不低于": "≥",
    "不少于": "≥",
    "至少": "≥",
    "达到": "≥",
    "≤": "≤",
    "<=": "≤",
    "不高于": "≤",
    "不超过": "≤",
    "至多": "≤",
    "=": "=",
    "＝": "=",
}
_TARGET = re.compile(
    r"^\s*(?P<op>"
    + "|".join(map(re.escape, sorted(_OPERATORS, key=len, reverse=True)))
    + r")\s*(?P<value>\d+(?:\.\d+)?)\s*(?P<unit>\S*)\s*$"
)


@dataclass(frozen=True)
class Target:
    op: str  # ≥, ≤ or =
    value: float
    unit: str = ""

    def met_by(self, value: float) -> bool:
        return {"≥": value >= self.value, "≤": value <= self.value, "=": math.isclose(value, self.value)}[self.op]

    def __str__(self) -> str:
        return f"{self.op} {number(self.value)}{self.unit}"


def read_target(text: str) -> Target:
    match = _TARGET.match(text) if isinstance(text, str) and len(text) <= 40 else None  # short: the pattern backtracks
    if not match:
        raise Mistake(
            f"看不懂目标「{shown(text)}」", "写成“≥ 90%”“≤ 5”或“不低于 98%”：比较符号加数字，单位可写可不写。"
        )
    return Target(_OPERATORS[match["op"]], float(match["value"]), match["unit"])


def number(value: float) -> str:
    """Numbers as Chinese reports print them: no thousands separator, no trailing .0."""
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}".rstrip("0").rstrip(".")


def percent(done: float, total: float) -> float:
    return round(100 * done / total, 1) if total else 0.0


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
        FigureProblem(i, "value", f"「{f.label}」既没有数值也没有总数。", "写上 value（数值）或 total（总数）。")
        for i, f in enumerate(figures)
        if f.value is None and f.total is None
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
