"""The calendar pages: the list (whole schedule, and one per domain, at shareable URLs) and one month grid
per month of the campaign.

At city scale no calendar page grows with the campaign: the list shows the first AGENDA_SHOWN activities
of each part (upcoming, due, ongoing, past, undated), and a part that has more gets its own pages
(`calendar/all/upcoming/`, `calendar/<domain>/past/`, AGENDA_PER_PAGE a page); a month's lists are cut
into pages of MONTH_SLOTS entries, the grid on the first."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from campaign.data.load import Site
from campaign.data.models import Domain
from campaign.features.calendar import jsonld
from campaign.features.calendar.schedule import STATUSES, Agenda, agenda, by_month, month_grid, months, window
from campaign.fields.dates import date_cn
from campaign.html.paging import Paging, page_source, paginate, paginate_sections
from campaign.html.render import UNSEARCHED, PageSpec, page_url

AGENDA_SHOWN = 20  # activities of each part (upcoming, due, ongoing, past, undated) on a calendar list page
AGENDA_PER_PAGE = 50  # activities on a page of one part's own list
DOMAINS_SHOWN = 30  # domains the whole calendar links to; all are on the domains index
MONTH_SLOTS = 400  # entries on a page of a month
GROUPED = ("upcoming", "due", "past")  # the parts listed by month (by start, by deadline, by end)
PARTS = {"upcoming": "即将开始", "due": "即将截止", "ongoing": "正在进行", "past": "已经结束", "undated": "时间待定"}


def pages(site: Site, on: date, site_url: str) -> list[PageSpec]:
    domains = _with_activities(site)
    found = _lists(site, None, on, site_url, {"domains": domains[:DOMAINS_SHOWN], "domains_total": len(domains)})
    for domain in domains:
        found += _lists(site, domain, on, site_url)
    every = months(site.campaign.period)
    for i in range(len(every)):
        found += _month(site, every, i)
    return found


def _page(src_uri: str, title: str, description: str, template: str, context: dict) -> PageSpec:
    # The calendars repeat the activity pages, which are the search results to find.
    return PageSpec(src_uri, title, template, context, {"description": description, **UNSEARCHED})


def _with_activities(site: Site) -> list[Domain]:
    return [domain for domain in site.domains if site.activities_of(domain.id)]


def _lists(site: Site, domain: Domain | None, on: date, site_url: str, extra: dict | None = None) -> list[PageSpec]:
    """A calendar list page and, for each part longer than AGENDA_SHOWN, that part's own pages."""
    activities = site.activities_of(domain.id) if domain else site.activities
    slug = domain.id if domain else "all"
    src_uri = f"calendar/{domain.id}.md" if domain else "calendar/index.md"
    name = f"{domain.name}·活动日历" if domain else "活动日历"
    whole = agenda(activities, on, site.campaign.period)
    shown = _first(whole, AGENDA_SHOWN)
    listed = {a.id for a in _activities(shown)}
    parts = {part: f"calendar/{slug}/{part}.md" for part in STATUSES if _count(whole, part) > AGENDA_SHOWN}
    feed = f"{site_url}calendar/{slug}.ics"
    context = {
        "agenda": shown,
        "domain": domain,
        "months": months(site.campaign.period),
        "span": lambda activity: window(activity.when, site.campaign.period),
        "counts": {part: _count(whole, part) for part in STATUSES},
        "more": {part: page_url(uri) for part, uri in parts.items()},
        "feed": {"path": f"calendar/{slug}.ics", "url": feed, "webcal": "webcal://" + feed.split("://", 1)[1]},
        "jsonld": jsonld.script([jsonld.event(site, a, site_url) for a in activities if a.id in listed]),
        "domains": [],
        "domains_total": 0,
        "agenda_shown": AGENDA_SHOWN,
        **(extra or {}),
    }
    description = f"{site.campaign.title}：" + (
        f"{domain.name}的活动日历" if domain else "全部活动的日历，可订阅到手机"
    )
    found = [_page(src_uri, name, description, "calendar_page.html", context)]
    for part, uri in parts.items():
        found += _part(site, domain, part, uri, whole, context["span"])
    return found


def _part(site: Site, domain: Domain | None, part: str, src_uri: str, whole: Agenda, span) -> list[PageSpec]:
    """One part of a calendar list (all its upcoming, ongoing or past activities), in pages."""
    items = _activities_of(whole, part)
    what = f"{domain.name}·" if domain else ""
    title = f"{what}{PARTS[part]}的活动"
    found = []
    for uri, paging in paginate(src_uri, items, AGENDA_PER_PAGE):
        suffix = f"（第 {paging.number} 页）" if paging.number > 1 else ""
        groups = by_month(paging.items, lambda a: span(a)[0 if part == "upcoming" else 1]) if part in GROUPED else None
        context = {
            "part": part,
            "label": PARTS[part],
            "domain": domain,
            "paging": paging,
            "groups": groups,
            "on": whole.today,
            "span": span,
            "calendar": f"calendar/{domain.id}/" if domain else "calendar/",
        }
        found.append(
            _page(uri, title + suffix, f"{site.campaign.title}：{title}{suffix}", "calendar_part_page.html", context)
        )
    return found


def _month(site: Site, every: list[date], i: int) -> list[PageSpec]:
    """A month's grid and lists, cut into pages of MONTH_SLOTS entries (the grid on the first)."""
    first, period = every[i], site.campaign.period
    grid = month_grid(site.activities, first, period)
    month = date_cn(first, "month")
    base = f"calendar/{first:%Y-%m}.md"
    cut = paginate_sections(grid.sections, MONTH_SLOTS)
    day_page: dict[date, int] = {}  # the page a busy day's list starts on, for the grid's links
    for number, sections in enumerate(cut, 1):
        for key, _, _ in sections:
            if key[0] == "day":
                day_page.setdefault(key[1], number)
    found = []
    for number, sections in enumerate(cut, 1):
        suffix = f"（第 {number} 页）" if number > 1 else ""
        context = {
            "grid": grid,
            "sections": sections,
            "paging": Paging(sections, number, len(cut), len(cut), number, base),
            "day_page": day_page,
            "prev": every[i - 1] if i else None,
            "next": every[i + 1] if i + 1 < len(every) else None,
        }
        found.append(
            _page(
                page_source(base, number),
                f"{month}活动日历{suffix}",
                f"{site.campaign.title}：{month}的活动{suffix}",
                "calendar_month.html",
                context,
            )
        )
    return found


def _first(whole: Agenda, limit: int) -> Agenda:
    """The agenda with each part cut to its first `limit` activities."""
    return replace(
        whole,
        **{part: _cut_groups(getattr(whole, part), limit) for part in GROUPED},
        **{part: getattr(whole, part)[:limit] for part in STATUSES if part not in GROUPED},
    )


def _cut_groups(groups: list[tuple[date, list]], limit: int) -> list[tuple[date, list]]:
    kept = []
    for month, activities in groups:
        if limit <= 0:
            break
        kept.append((month, activities[:limit]))
        limit -= len(activities)
    return kept


def _activities_of(whole: Agenda, part: str) -> list:
    value = getattr(whole, part)
    return [a for _, group in value for a in group] if part in GROUPED else value


def _count(whole: Agenda, part: str) -> int:
    return len(_activities_of(whole, part))


def _activities(shown: Agenda) -> list:
    return [a for part in STATUSES for a in _activities_of(shown, part)]
