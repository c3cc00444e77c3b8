"""The campaign's clock and calendar: China's time zone, the build's day, and dates written in Chinese."""
from __future__ import annotations

import os
from datetime import date, datetime
from zoneinfo import ZoneInfo

CHINA = ZoneInfo("Asia/Shanghai")


def today() -> date:
    """The build date in China: SOURCE_DATE_EPOCH when set, so builds are reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), CHINA) if epoch else datetime.now(CHINA)
    return moment.date()


def date_cn(day: date, precision: str = "day") -> str:
    """A date as residents read it, cut to what is known: 2021年9月12日, 2021年9月 or 2021年."""
    if precision == "day":
        return f"{day.year}年{day.month}月{day.day}日"
    return f"{day.year}年{day.month}月" if precision == "month" else f"{day.year}年"
