"""The campaign's clock and calendar: China's time zone, the build's day, dates written in Chinese, and the
single moments (a day, a month or a year) at which a photo was taken or a count reported."""

from __future__ import annotations

import os
from datetime import date, datetime
from zoneinfo import ZoneInfo

from campaign.fields.mistake import Mistake
from campaign.fields.when import When, read_when

CHINA = ZoneInfo("Asia/Shanghai")


class ClockError(Exception):
    """SOURCE_DATE_EPOCH that is not a time: in Chinese, for whoever runs the build."""


def now() -> datetime:
    """The build's clock, in China: SOURCE_DATE_EPOCH when set, so builds are reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        return datetime.now(CHINA)
    try:
        return datetime.fromtimestamp(int(epoch), CHINA)
    except (ValueError, OverflowError, OSError):
        raise ClockError(
            f"环境变量 SOURCE_DATE_EPOCH 的值「{epoch[:40]}」不是时间：应写从 1970 年起的秒数，"
            "例如 1633046400（2021年10月1日）；不知道写什么就删掉它（make 会用今天中午）。"
        ) from None


def today() -> date:
    """The build date in China."""
    return now().date()


def date_cn(day: date, precision: str = "day") -> str:
    """A date as residents read it, cut to what is known: 2021年9月12日, 2021年9月 or 2021年."""
    if precision == "day":
        return f"{day.year}年{day.month}月{day.day}日"
    return f"{day.year}年{day.month}月" if precision == "month" else f"{day.year}年"


def read_moment(value, year: int, hint: str) -> When:
    """One day, one month or one year, written `2021-09-12`, `2021年9月` or `2021年`: no range, no guess."""
    if not isinstance(value, str):
        raise Mistake("应写成一段文字", hint)
    try:
        when = read_when(value, year)
    except Mistake as error:
        raise Mistake(error.message, hint) from None
    unit = {"day": lambda d: d, "month": lambda d: (d.year, d.month), "year": lambda d: d.year}.get(when.precision)
    if when.kind != "range" or unit is None or not when.start or unit(when.start) != unit(when.end):
        raise Mistake(f"「{value}」应是某一天、某个月或某一年", hint)
    return when


def moment_cn(when: When) -> str:
    """A moment as residents read it, no more precise than written."""
    return date_cn(when.start, when.precision if when.precision in {"day", "month"} else "year")
