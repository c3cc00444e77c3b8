"""你说我办 (ledger/): every suggestion received and what became of it, and the counts offices report.

The suggestions are listed newest first, ITEMS_PER_PAGE a page; the first page also has the counts and
the first reported totals, and all totals are at ledger/totals/ when there are more."""

from __future__ import annotations

from campaign.data.load import Site
from campaign.html.paging import page_source, paged
from campaign.html.render import PageSpec, page_url

ITEMS_PER_PAGE = 30
TOTALS_SHOWN = 6  # reported totals on the ledger's first page
TOTALS_PER_PAGE = 30
LEDGER, TOTALS = "ledger/index.md", "ledger/totals.md"


def pages(site: Site) -> list[PageSpec]:
    title = site.campaign.title
    specs = paged(
        LEDGER,
        "你说我办",
        "ledger_page.html",
        site.ledger.items,
        ITEMS_PER_PAGE,
        {"totals_shown": TOTALS_SHOWN, "all_totals": page_url(TOTALS)},
        {"description": f"{title}：居民意见建议的办理情况"},
    )
    if len(site.ledger.totals) > TOTALS_SHOWN:
        specs += paged(
            TOTALS,
            "你说我办·办理情况统计",
            "ledger_totals_page.html",
            site.ledger.totals,
            TOTALS_PER_PAGE,
            meta={"description": f"{title}：各单位报告的意见建议办理情况统计"},
        )
    return specs


def item_url(position: int) -> str:
    """The address of the suggestion at `position` (from 0) of the ledger's newest-first list."""
    return page_url(page_source(LEDGER, position // ITEMS_PER_PAGE + 1))
