"""The search page (search/): where the search box leads without JavaScript, which our search needs.
With JavaScript, Material opens its search there with the words typed (search/?q=…)."""

from __future__ import annotations

from campaign.data.load import Site
from campaign.features.calendar.schedule import months
from campaign.html.render import UNSEARCHED, PageSpec


def pages(site: Site) -> list[PageSpec]:
    return [
        PageSpec(
            "search/index.md",
            "搜索",
            "search_page.html",
            {"months": months(site.campaign.period)},
            {"description": f"{site.campaign.title}：站内搜索，和不用搜索也能找到活动的目录", **UNSEARCHED},
        )
    ]
