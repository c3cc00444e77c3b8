"""动态: what happened, newest first: the activities' closing reports (回顾) and the key tasks' milestones
reached, for the news pages, the home page and an Atom feed.

Each entry is dated by the data (a report by the day the activity was held, a milestone by the end
of its `when`), links to the page that tells the whole story, and has an id that never changes
between builds: a report's is its activity's id, a milestone's its task's id and a digest of what
it says (milestones have no id of their own), each under the site's host and the campaign year.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date, datetime, time
from urllib.parse import urlsplit

import nh3
from feedgen.feed import FeedGenerator

from campaign.data.load import Site
from campaign.data.models import Domain, Photo, Report
from campaign.fields.dates import CHINA
from campaign.fields.when import When
from campaign.html.cache import key
from campaign.html.render import markdown

FEED = "news/feed.xml"
FEED_SIZE = 50  # entries in the feed: readers want what is new, not the whole archive
EXCERPT = 90  # characters of a report's text in a list


@dataclass(frozen=True)
class Entry:
    key: str  # stable: report/<activity id>, milestone/<domain>/<task id>/<digest>
    kind: str  # 活动回顾 or 工作进展
    title: str
    day: date  # what the entry is dated and sorted by
    when: When  # as the page shows it
    url: str  # site-relative, with its #anchor
    summary: str  # plain text
    domain: Domain
    photo: Photo | None = None
    report: Report | None = None


def entries(site: Site) -> list[Entry]:
    """Every report and every milestone marked done, newest first."""
    found = [_report_entry(site, report) for report in site.reports.values()]
    for domain in site.domains:
        for task in getattr(site.achievements.get(domain.id), "tasks", []):
            found += [
                Entry(
                    f"milestone/{domain.id}/{task.id}/{key(m.what)[:8]}",
                    "工作进展",
                    f"{task.title}：{m.what}",
                    m.when.end,
                    m.when,
                    f"domains/{domain.id}/#{task.id}",
                    f"{task.unit}：{m.what}，已完成。",
                    domain,
                )
                for m in task.milestones
                if m.done and m.when.end
            ]
    return sorted(found, key=lambda e: (e.day, e.key), reverse=True)


def _report_entry(site: Site, report: Report) -> Entry:
    activity = site.activity(report.activity)
    return Entry(
        f"report/{activity.id}",
        "活动回顾",
        activity.title,
        report.held.end,
        report.held,
        f"activities/{activity.id}/#report",
        excerpt(report.summary),
        site.domain(activity.domain),
        report.photos[0] if report.photos else None,
        report,
    )


def excerpt(text: str, length: int = EXCERPT) -> str:
    """The Markdown as plain text, cut to `length` characters."""
    plain = " ".join(html.unescape(nh3.clean(str(markdown(text)), tags=set())).split())
    return plain if len(plain) <= length else plain[:length].rstrip() + "…"


def feed(site: Site, site_url: str) -> bytes:
    """The Atom feed of the newest entries, with absolute links and dates from the data."""
    found = entries(site)[:FEED_SIZE]
    title = f"{site.campaign.title}·动态"
    generator = FeedGenerator()
    generator.id(_tag(site, site_url, "news"))
    generator.title(title)
    generator.subtitle(f"{site.campaign.organiser}：活动回顾和重点工作进展")
    generator.author({"name": site.campaign.organiser})
    generator.link(href=f"{site_url}news/", rel="alternate", type="text/html")
    generator.link(href=site_url + FEED, rel="self", type="application/atom+xml")
    generator.language("zh-CN")
    generator.updated(_moment(found[0].day if found else site.campaign.period.start))
    for entry in found:
        item = generator.add_entry(order="append")
        item.id(_tag(site, site_url, entry.key))
        item.title(f"{entry.kind}｜{entry.title}")
        item.link(href=site_url + entry.url, rel="alternate", type="text/html")
        item.published(_moment(entry.day))
        item.updated(_moment(entry.day))
        item.summary(entry.summary)
        item.category(term=entry.domain.id, label=entry.domain.name)
    return generator.atom_str(pretty=True)


def _tag(site: Site, site_url: str, name: str) -> str:
    """A tag: URI (RFC 4151) at the site's host and path: the same entry keeps it in every build."""
    parts = urlsplit(site_url)
    return f"tag:{parts.hostname},{site.campaign.year}:{parts.path.rstrip('/')}/{name}"


def _moment(day: date) -> datetime:
    return datetime.combine(day, time(), CHINA)
