"""The 动态 pages: every entry newest first, PER_PAGE to a page, at news/, news/p/2/, news/p/3/ … (html/paging.py)."""

from __future__ import annotations

from campaign.data.load import Site
from campaign.features.news.news import FEED, entries
from campaign.html.paging import paginate
from campaign.html.render import UNSEARCHED, PageSpec

PER_PAGE = 10


def pages(site: Site, site_url: str) -> list[PageSpec]:
    feed = {"path": FEED, "url": site_url + FEED}
    # The entries repeat the activity and domain pages, which are the search results to find.
    meta = {"description": f"{site.campaign.title}：活动回顾和重点工作的进展，最新的在前", **UNSEARCHED}
    return [
        PageSpec(
            uri,
            "动态" if paging.number == 1 else f"动态（第 {paging.number} 页）",
            "news_page.html",
            {"paging": paging, "feed": feed},
            meta,
        )
        for uri, paging in paginate("news/index.md", entries(site), PER_PAGE)
    ]
