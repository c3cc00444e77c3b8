"""Each activity's A4 poster (activities/<id>/poster/): what, when, where, and how to send a suggestion,
with QR codes, for notice boards."""

from __future__ import annotations

from campaign.data.load import Site
from campaign.features.feedback.feedback import channels, where
from campaign.html.render import UNSEARCHED, PageSpec


def pages(site: Site, site_url: str) -> list[PageSpec]:
    found = []
    for activity in site.activities:
        here = where(site, f"activities/{activity.id}.md", activity.title)
        found.append(
            PageSpec(
                f"activities/{activity.id}/poster.md",
                f"{activity.title}·宣传海报",
                "poster_page.html",
                {"activity": activity, "ways": channels(site, here, site_url), "address": site_url + here.url},
                {"description": f"{activity.title}：可打印的 A4 宣传海报", "template": "poster.html", **UNSEARCHED},
            )
        )
    return found
