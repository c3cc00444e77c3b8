"""Calendar files (iCalendar, RFC 5545 and RFC 7986), written with the icalendar library.

One feed for the whole schedule, one per domain, and one file per activity. Dates are no more precise
than the phrase: a vague date is an all-day span over what it names (DATE values, DTEND exclusive),
marked TENTATIVE, with the reading in the description; only a known day and time is timed
(TZID=Asia/Shanghai, with its VTIMEZONE); a known recurrence carries its RRULE.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlsplit

from icalendar import Calendar, Event, Timezone, vRecur, vText

from campaign.data.load import Site
from campaign.data.models import Activity
from campaign.features.calendar.history import Revision
from campaign.features.calendar.schedule import days, window
from campaign.fields.dates import CHINA
from campaign.html.cache import Memo, code_digest, versions

PRODID = "-//shimin-kan-bianhua//campaign site//ZH"

ONE_DAY = timedelta(days=1)
END = "END:VCALENDAR\r\n"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # not allowed in TEXT (RFC 5545 3.3.11)


def feeds(
    site: Site, site_url: str, cache_dir: Path | None = None, revisions: dict[str, Revision] | None = None
) -> dict[str, bytes]:
    """Site-relative path -> bytes of every calendar file. `site_url` is the absolute site root.
    With `cache_dir`, each activity's serialised event and file are kept there between builds;
    `revisions` (history.py) give each event its DTSTAMP and SEQUENCE."""
    revisions = revisions or {}
    # Each event is in three files (the whole campaign, its domain, its own): made and serialised once,
    # which is most of the work at city scale, and kept by a digest of everything it is made from.
    memo = Memo(
        cache_dir / "events.json" if cache_dir else None,
        f"{versions('icalendar', 'lunar-python', 'python-dateutil', 'tzdata')} {code_digest()}",
    )
    context = [site_url, site.campaign.model_dump_json()]
    domains = {d.id: d.model_dump_json() for d in site.domains}
    entries = {}
    for activity in site.activities:
        revision = revisions.get(activity.id)
        key = memo.key([*context, domains[activity.domain], activity.model_dump_json(), repr(revision)])
        entries[activity.id] = _Entry(*(memo.get(key) or memo.put(key, _entry(site, activity, site_url, revision))))
    memo.save()
    files = {"calendar/all.ics": _feed(site, site.activities, entries, site.campaign.title, "all", site_url)}
    for domain in site.domains:
        if activities := site.activities_of(domain.id):
            name = f"{site.campaign.title}：{domain.name}"
            files[f"calendar/{domain.id}.ics"] = _feed(site, activities, entries, name, domain.id, site_url)
    files |= {f"activities/{a.id}.ics": entries[a.id].file for a in site.activities}
    return {path: text.encode() for path, text in files.items()}


class _Entry(NamedTuple):
    ical: str  # BEGIN:VEVENT … END:VEVENT
    timed: bool  # has a TZID, so its calendar needs the VTIMEZONE
    file: str = ""  # the activity's own calendar file


def _entry(site: Site, activity: Activity, site_url: str, revision: Revision | None) -> _Entry:
    made = event(site, activity, site_url, revision)
    entry = _Entry(made.to_ical().decode(), isinstance(made.DTSTART, datetime))
    calendar = Calendar.new(prodid=PRODID, name=text(activity.title), uid=_uid(f"file-{activity.id}", site_url))
    return entry._replace(file=_assemble(calendar, [entry]))


def _feed(
    site: Site, activities: list[Activity], entries: dict[str, _Entry], name: str, slug: str, site_url: str
) -> str:
    page = f"calendar/{slug}/" if slug != "all" else "calendar/"
    calendar = Calendar.new(
        prodid=PRODID,
        name=text(name),
        uid=_uid(f"feed-{slug}", site_url),
        description=text(f"{site.campaign.organiser}：{name}，共 {len(activities)} 项活动"),
        url=site_url + page,
        source=f"{site_url}calendar/{slug}.ics",
        refresh_interval=timedelta(days=1),
    )
    calendar["REFRESH-INTERVAL"].params["VALUE"] = "DURATION"  # required by RFC 7986, not added by the library
    calendar.add("X-PUBLISHED-TTL", "P1D")  # REFRESH-INTERVAL for Outlook and older clients
    return _assemble(calendar, [entries[a.id] for a in activities])


def _assemble(calendar: Calendar, entries: list[_Entry]) -> str:
    """The calendar's own lines, then the VTIMEZONE if an event needs it (before the events, as
    add_missing_timezones puts it), then the serialised events."""
    head = calendar.to_ical().decode()
    zone = _china_vtimezone() if any(e.timed for e in entries) else ""
    return head[: -len(END)] + zone + "".join(e.ical for e in entries) + END


@cache
def _china_vtimezone() -> str:
    return Timezone.from_tzid(CHINA.key).to_ical().decode()


def text(value: str) -> vText:
    """A TEXT value, escaped by icalendar wherever it goes: the library escapes only the properties it
    knows as TEXT, and writes NAME, X-WR-CALNAME and X-WR-CALDESC raw unless handed a vText. Its
    escaping turns CR and LF into \\n; control characters TEXT may not hold are dropped."""
    return vText(_CONTROL.sub("", value))


def _uid(key: str, site_url: str) -> str:
    """Stable across builds: the activity id (or feed name) at the site's host and path."""
    parts = urlsplit(site_url)
    return f"{key}@{parts.netloc}{parts.path.rstrip('/')}"


def stamp(site: Site) -> datetime:
    """DTSTAMP when the data's history is unknown (history.py: no git, or a shallow clone). The build
    time would restamp every event on every build, so subscribers would see each refresh as a change:
    the start of the campaign year, which changes only with the data."""
    return datetime(site.campaign.year, 1, 1, tzinfo=UTC)


# What a change of plan adds to the title, and the status a calendar shows it by.
_CHANGED = {"已取消": ("（已取消）", "CANCELLED"), "延期": ("（延期举行）", None)}


def event(site: Site, activity: Activity, site_url: str, revision: Revision | None = None) -> Event:
    when, url = activity.when, f"{site_url}activities/{activity.id}/"
    suffix = {"deadline": "（截止）", "ongoing": "（长期开展）"}.get(
        when.kind, "（日期待定）" if when.approximate else ""
    )
    changed, status = _CHANGED.get(activity.status, ("", None))
    created = Event.new(
        uid=_uid(activity.id, site_url),
        stamp=revision.stamp if revision else stamp(site),
        sequence=revision.sequence if revision else 0,
        last_modified=revision.stamp if revision else None,
        summary=text(activity.title + changed + suffix),
        location=text(activity.where),
        url=url,
        categories=[text(site.domain(activity.domain).name)],
        description=text(_description(activity, url)),
        status=status or ("TENTATIVE" if when.approximate else "CONFIRMED"),
    )
    for name, value in _dates(activity, site).items():
        created.add(name, value)
    if not isinstance(created.DTSTART, datetime):
        created.add("TRANSP", "TRANSPARENT")  # an all-day entry does not make the resident busy
    return created


def _description(activity: Activity, url: str) -> str:
    when = activity.when
    lines = (
        [f"本活动{activity.status}" + (f"：{activity.status_note}" if activity.status_note else "。")]
        if activity.status
        else []
    )
    if activity.planned:
        lines.append(f"原定时间：{activity.planned.reading}，改为下面的时间。")
    lines += [
        f"时间：{when.reading}" + (f"（原文：{when.text}）" if when.text != when.reading else ""),
        *(f"{label}：{value}" for label, value in activity.facts()),
    ]
    if when.kind == "ongoing":
        lines.append("长期开展，没有固定日期；日历中按活动周期显示。")
    if activity.summary.strip():
        lines.append(activity.summary.strip())
    return "\n".join(lines + [f"详情：{url}"])


def _dates(activity: Activity, site: Site) -> dict:
    """DTSTART, DTEND and RRULE. All-day values are dates, DTEND the day after the last."""
    when, period = activity.when, site.campaign.period
    if when.kind == "deadline":
        return {"DTSTART": when.end, "DTEND": when.end + ONE_DAY}
    known = days(when, period)
    if not known or (when.time_start is None and when.kind != "recurring"):
        # Whole days in a row, or a vague, 长期 or undated-recurring stretch: all of what it names.
        first, last = window(when, period)
        return {"DTSTART": first, "DTEND": last + ONE_DAY}
    if when.time_start is None:
        return {"DTSTART": known[0], "DTEND": known[0] + ONE_DAY, "RRULE": vRecur({**when.rrule, "UNTIL": known[-1]})}
    dates = {"DTSTART": datetime.combine(known[0], when.time_start, CHINA)}
    if when.time_end:
        dates["DTEND"] = datetime.combine(known[0], when.time_end, CHINA)
    rule = when.rrule or ({"FREQ": "DAILY"} if len(known) > 1 else None)  # 10月8日至12日 9:00: each day
    if rule:
        # With a local DTSTART, RFC 5545 wants UNTIL in UTC.
        until = datetime.combine(known[-1], when.time_start, CHINA).astimezone(UTC)
        dates["RRULE"] = vRecur({**rule, "UNTIL": until})
    return dates
