"""Counts as reports write them: exact (2145), approximate (500余, 约2000, 18.6万, 近万), or a share (100%).

A count is shown exactly as written, so an approximate figure never becomes exact on the page; its value is
only for bars and for the arithmetic an office declares, which uses exact counts alone.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from campaign.fields.mistake import Mistake

HINT = "写阿拉伯数字，例如 450；报道写的是约数就照写：500余、约2000、18.6万、近万；只有比例时写 100%。"
_UNITS = {"": 1, "十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}
_NUMBER = re.compile(
    r"^(?P<before>约|大约|近|将近|逾|超过)?(?P<digits>\d+(?:,\d{3})*(?:\.\d+)?)(?P<unit>[万亿])?"
    r"(?P<after>余|多|左右|以上)?(?P<percent>%)?$"
)
_ROUND = re.compile(r"^(?P<before>近|上|逾|数)(?P<unit>[十百千万亿])$")  # 近万, 上千: a round figure in words


@dataclass(frozen=True)
class Amount:
    text: str  # as written, which is how it is shown
    value: float
    exact: bool
    percent: bool = False  # a share stated without its counts

    def __str__(self) -> str:
        return self.text


def read_amount(value) -> Amount:
    if isinstance(value, Amount):
        return value
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise Mistake("应写一个数", HINT)
    text = unicodedata.normalize("NFKC", str(value)).strip().replace("，", ",").replace(" ", "")
    if (match := _NUMBER.match(text)) is not None:
        number = float(match["digits"].replace(",", "")) * _UNITS[match["unit"] or ""]
        exact = not (match["before"] or match["after"] or match["unit"])
        if match["percent"] and (match["unit"] or number > 100):
            raise Mistake(f"比例「{value}」超出了 100%", "比例写 0% 到 100% 之间，例如 100%、97.6%。")
        return Amount(text, number, exact, bool(match["percent"]))
    if (match := _ROUND.match(text)) is not None:
        return Amount(text, float(_UNITS[match["unit"]]), False)
    raise Mistake(f"看不懂数字「{value}」", HINT)


def wan(value: float) -> str:
    """A large count as Chinese readers expect it at a glance: 186276 → 18.6万; smaller ones unchanged."""
    if value < 100_000:
        return f"{value:g}"
    return f"{value / 10_000:.1f}".rstrip("0").rstrip(".") + "万"
