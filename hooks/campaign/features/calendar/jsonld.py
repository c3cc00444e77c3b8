"""schema.org `Event` data (JSON-LD) for the activity pages and the calendar.

Dates are no more precise than the phrase: 10月份 is "2021-10" (ISO 8601 reduced precision), never
2021-10-01; a known recurrence is an `eventSchedule`; a 长期 activity has no dates at all.
"""

from __future__ import annotations

import json
from datetime import date, time

from markupsafe import Markup

from campaign.data.load import Site
from campaign.data.models import Activity
from campaign.features.calendar.schedule import days, window
from campaign.fields.when import When

_FREQUENCY = {"DAILY": "P{}D", "WEEKLY": "P{}W", "MONTHLY": "P{}M", "YEARLY": "P{}Y"}
_WEEKDAYS = {
    "MO": "Monday",
    "TU": "Tuesday",
    "WE": "Wednesday",
    "TH": "Thursday",
    "FR": "Friday",
    "SA": "Saturday",
    "SU": "Sunday",
}
_STATUS = {"已取消": "EventCancelled", "延期": "EventRescheduled"}  # a postponed activity has its new date
_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"}


def script(data) -> Markup:
    """A JSON-LD script element; <, > and & are escaped so no text from the data can close it."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in _ESCAPES.items():
        text = text.replace(char, escaped)
    return Markup(f'<script type="application/ld+json">{text}</script>')


def event(site: Site, activity: Activity, site_url: str) -> dict:
    online = activity.where.startswith("线上")
    mode = "Online" if online else "Mixed" if "线上" in activity.where else "Offline"
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": activity.title,
        "url": f"{site_url}activities/{activity.id}/",
        "inLanguage": "zh-CN",
        "description": f"{activity.when.reading}，{activity.where}",
        "location": {"@type": "VirtualLocation" if online else "Place", "name": activity.where},
        "organizer": {"@type": "Organization", "name": activity.organiser},
        "eventStatus": f"https://schema.org/{_STATUS.get(activity.status, 'EventScheduled')}",
        "eventAttendanceMode": f"https://schema.org/{mode}EventAttendanceMode",
    }
    if activity.planned and (previous := _dates(activity.planned, site.campaign.period).get("startDate")):
        data["previousStartDate"] = previous
    if activity.audience:
        data["audience"] = {"@type": "Audience", "audienceType": activity.audience}
    return data | _dates(activity.when, site.campaign.period)


def _dates(when: When, period: When) -> dict:
    if when.kind == "ongoing":
        return {}
    if when.kind == "deadline":
        return {"endDate": _iso(when.end, when.precision)}
    first, last = window(when, period)
    known = days(when, period)
    if when.kind == "recurring" or (when.time_start and len(known) > 1):  # 10月8日至12日 9:00: each day
        return {"eventSchedule": _schedule(when, known[0] if known else first, last)}
    return {
        "startDate": _iso(first, when.precision, when.time_start),
        "endDate": _iso(last, when.precision, when.time_end),
    }


def _schedule(when: When, first: date, last: date) -> dict:
    rule = when.rrule or {"FREQ": "DAILY"}
    schedule = {
        "@type": "Schedule",
        "repeatFrequency": _FREQUENCY[rule["FREQ"]].format(rule.get("INTERVAL", 1)),
        "startDate": first.isoformat(),
        "endDate": last.isoformat(),
        "scheduleTimezone": "Asia/Shanghai",
    }
    if "BYDAY" in rule:
        schedule["byDay"] = [f"https://schema.org/{_WEEKDAYS[day]}" for day in rule["BYDAY"]]
    if "BYMONTHDAY" in rule:
        schedule["byMonthDay"] = rule["BYMONTHDAY"]
    if when.time_start:
        schedule["startTime"] = when.time_start.isoformat(timespec="minutes")
    if when.time_end:
        schedule["endTime"] = when.time_end.isoformat(timespec="minutes")
    return schedule


def _iso(day: date, precision: str, clock: time | None = None) -> str:
    """An ISO 8601 date cut to what the phrase gives: a day (with its time), a month, or a year."""
    if precision == "day":
        return day.isoformat() + (f"T{clock.isoformat(timespec='minutes')}+08:00" if clock else "")
    return str(day.year) if precision == "year" else f"{day:%Y-%m}"
