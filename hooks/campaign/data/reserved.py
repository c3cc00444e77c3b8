"""Ids the site already uses for its own pages, files and anchors: an activity `index` would replace the
activity index, a domain `all` the whole-campaign feed calendar/all.ics, a domain `2021-10` a month
grid (calendar/<domain>.md beside calendar/<yyyy-mm>.md), a task `figures` the domain page's section.
Each is refused on its line, with the list of names that cannot be used."""

from __future__ import annotations

import re
from collections.abc import Callable

from campaign.fields.mistake import Mistake

# Kind of id -> the names generated beside it (what they are), and a pattern of more such names.
PAGES = {"index": "活动安排、民生领域或日历的首页"}
RESERVED: dict[str, tuple[dict[str, str], str | None]] = {
    "activity": (PAGES, None),
    "domain": ({**PAGES, "all": "全部活动的日历订阅 calendar/all.ics"}, r"\d{4}-\d{2}"),
    # Anchors of the domain page (tasks) and of the 你说我办 page and section (items).
    "task": ({name: "领域页面上的栏目" for name in ("figures", "changes", "tasks", "activities", "ledger")}, None),
    "item": ({name: "“你说我办”页面上的栏目" for name in ("summary", "items", "outputs", "ledger")}, None),
}
_MONTH = "2021-10 这样的年月（日历的月份页）"


def not_reserved(kind: str) -> Callable[[str], str]:
    """A validator refusing the ids of `kind` that name one of the site's own pages, files or anchors."""
    names, pattern = RESERVED[kind]

    def check(value: str) -> str:
        if value in names or (pattern and re.fullmatch(pattern, value)):
            what = names.get(value, _MONTH)
            listed = "、".join(names) + ("，以及" + _MONTH if pattern else "")
            raise Mistake(
                f"「{value}」是网站自己用的名字（{what}），不能用作编号",
                f"换一个编号，例如在前面加上说明它的英文词（health-{value}）；这些名字都不能用：{listed}。",
            )
        return value

    return check
