"""The calendar pages: the list (whole schedule, and one per domain, at shareable URLs) and one month grid
per month of the campaign."""

from __future__ import annotations

from datetime import date

from campaign.data.load import Site
from campaign.data.models import Domain
from campaign.features.calendar import jsonld
from campaign.features.calendar.schedule import agenda, month_grid, months, window
from campaign.fields.dates import date_cn
from campaign.html.render import UNSEARCHED, PageSpec


def pages(site: Site, on: date, site_url: str) -> list[PageSpec]:
    title, period = site.campaign.title, site.campaign.period
    found = [
        _page(
            "calendar/index.md",
            "活动日历",
            f"{title}：全部活动的日历，可订阅到手机",
            "calendar_page.html",
            {**_list(site, None, on, site_url), "domains": _with_activities(site)},
        )
    ]
    for domain in _with_activities(site):
        found.append(
            _page(
                f"calendar/{domain.id}.md",
                f"{domain.name}·活动日历",
                f"{title}：{domain.name}的活动日历",
                "calendar_page.html",
                _list(site, domain, on, site_url),
            )
        )
    every = months(period)
    for i, first in enumerate(every):
        context = {
            "grid": month_grid(site.activities, first, period),
            "prev": every[i - 1] if i else None,
            "next": every[i + 1] if i + 1 < len(every) else None,
        }
        month = date_cn(first, "month")
        found.append(
            _page(
                f"calendar/{first:%Y-%m}.md",
                f"{month}活动日历",
                f"{title}：{month}的活动",
                "calendar_month.html",
                context,
            )
        )
    return found


def _page(src_uri: str, title: str, description: str, template: str, context: dict) -> PageSpec:
    # The calendars repeat the activity pages, which are the search results to find.
    return PageSpec(src_uri, title, template, context, {"description": description, **UNSEARCHED})


def _with_activities(site: Site) -> list[Domain]:
    return [domain for domain in site.domains if site.activities_of(domain.id)]


def _list(site: Site, domain: Domain | None, on: date, site_url: str) -> dict:
    activities = site.activities_of(domain.id) if domain else site.activities
    slug = domain.id if domain else "all"
    feed = f"{site_url}calendar/{slug}.ics"
    return {
        "agenda": agenda(activities, on, site.campaign.period),
        "domain": domain,
        "months": months(site.campaign.period),
        "span": lambda activity: window(activity.when, site.campaign.period),
        "feed": {"path": f"calendar/{slug}.ics", "url": feed, "webcal": "webcal://" + feed.split("://", 1)[1]},
        "jsonld": jsonld.script([jsonld.event(site, a, site_url) for a in activities]),
    }
