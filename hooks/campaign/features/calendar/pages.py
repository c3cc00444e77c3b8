"""What the calendar pages hold: the list (whole schedule, and one per domain, at shareable URLs) and one
month grid per month of the campaign. `pages.build_pages` renders them like every other page."""
from __future__ import annotations

from datetime import date

from campaign.features.calendar import jsonld
from campaign.features.calendar.schedule import agenda, month_grid, months, window
from campaign.data.load import Site
from campaign.data.models import Domain


def calendar_pages(site: Site, on: date, site_url: str) -> list[tuple[str, str, str, str, dict]]:
    """(src_uri, title, description, template, context) of every calendar page."""
    title, period = site.campaign.title, site.campaign.period
    found = [("calendar/index.md", "活动日历", f"{title}：全部活动的日历，可订阅到手机", "calendar_page.html",
              {**_list(site, None, on, site_url), "domains": _with_activities(site)})]
    for domain in _with_activities(site):
        found.append((f"calendar/{domain.id}.md", f"{domain.name}·活动日历", f"{title}：{domain.name}的活动日历",
                      "calendar_page.html", _list(site, domain, on, site_url)))
    every = months(period)
    for i, first in enumerate(every):
        context = {"grid": month_grid(site.activities, first, period),
                   "prev": every[i - 1] if i else None, "next": every[i + 1] if i + 1 < len(every) else None}
        found.append((f"calendar/{first:%Y-%m}.md", f"{first.year}年{first.month}月活动日历",
                      f"{title}：{first.year}年{first.month}月的活动", "calendar_month.html", context))
    return found


def _with_activities(site: Site) -> list[Domain]:
    return [domain for domain in site.domains if site.activities_of(domain.id)]


def _list(site: Site, domain: Domain | None, on: date, site_url: str) -> dict:
    activities = site.activities_of(domain.id) if domain else site.activities
    slug = domain.id if domain else "all"
    feed = f"{site_url}calendar/{slug}.ics"
    return {"agenda": agenda(activities, on, site.campaign.period), "domain": domain,
            "months": months(site.campaign.period),
            "span": lambda activity: window(activity.when, site.campaign.period),
            "feed": {"path": f"calendar/{slug}.ics", "url": feed, "webcal": "webcal://" + feed.split("://", 1)[1]},
            "jsonld": jsonld.script([jsonld.event(site, a, site_url) for a in activities])}
