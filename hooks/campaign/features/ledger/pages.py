"""你说我办 (ledger/): every suggestion received and what became of it, and the counts offices report."""

from __future__ import annotations

from campaign.data.load import Site
from campaign.html.render import PageSpec


def pages(site: Site) -> list[PageSpec]:
    return [
        PageSpec(
            "ledger/index.md",
            "你说我办",
            "ledger_page.html",
            meta={"description": f"{site.campaign.title}：居民意见建议的办理情况"},
        )
    ]
