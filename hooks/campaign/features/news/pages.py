"""The 动态 pages: every entry newest first, PER_PAGE to a page, at news/, news/2/, news/3/ …"""

from __future__ import annotations

from campaign.data.load import Site
from campaign.features.news.news import FEED, entries
from campaign.html.render import UNSEARCHED, PageSpec

PER_PAGE = 10


def pages(site: Site, site_url: str) -> list[PageSpec]:
    found = entries(site)
    chunks = [found[i : i + PER_PAGE] for i in range(0, len(found), PER_PAGE)] or [[]]
    urls = ["news/" if n == 1 else f"news/{n}/" for n in range(1, len(chunks) + 1)]
    feed = {"path": FEED, "url": site_url + FEED}
    # The entries repeat the activity and domain pages, which are the search results to find.
    meta = {"description": f"{site.campaign.title}：活动回顾和重点工作的进展，最新的在前", **UNSEARCHED}
    return [
        PageSpec(
            "news/index.md" if n == 1 else f"news/{n}.md",
            "动态" if n == 1 else f"动态（第 {n} 页）",
            "news_page.html",
            {"entries": chunk, "number": n, "pages": urls, "feed": feed},
            meta,
        )
        for n, chunk in enumerate(chunks, 1)
    ]
