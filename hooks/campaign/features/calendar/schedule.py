"""The schedule as a calendar: when each activity may fall, what is upcoming, running or over on a day,
and month grids. Pure functions over the model and a date.

Vague dates stay vague: 10月份 sits in a band for October and 12月中旬 in a band for that 旬, never on a
day the editor did not give. Only known days (a date, a recurrence with a weekday or day of the month,
a dated deadline) land on a day of the grid.
"""

from __future__ import annotations

import calendar as stdcal
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from dateutil.rrule import rrulestr
from icalendar import vRecur

from campaign.data.models import Activity
from campaign.fields.when import When

BANDS = ("month", "xun1", "xun2", "xun3", "span")  # the order bands are shown in a month


def window(when: When, period: When) -> tuple[date, date]:
    """The first and last day an activity may fall on. Ongoing activities and recurrences without
    dates run through the campaign period; a deadline covers the stretch its phrase names (6月底前:
    the last 旬 of June), so it is never placed on a day that was not given."""
    if when.kind == "deadline":
        return _last_stretch(when), when.end
    if when.start is None:
        return period.start, period.end
    return when.start, when.end


def _last_stretch(when: When) -> date:
    end = when.end
    if when.precision == "day":
        return end
    if when.precision == "xun":
        return end.replace(day=(1, 11, 21)[_xun(end)])
    return end.replace(day=1)


def _xun(day: date) -> int:
    """0, 1 or 2: the 上旬 (1—10), 中旬 (11—20) or 下旬 (21 to the end) of its month."""
    return 0 if day.day <= 10 else 1 if day.day <= 20 else 2


def days(when: When, period: When) -> list[date]:
    """Every day the activity is known to fall on; empty when its phrase names no day."""
    if when.precision != "day":
        return []
    first, last = window(when, period)
    if when.kind == "recurring":
        return _recurrence(when.rrule, first, last)
    return [first + timedelta(n) for n in range((last - first).days + 1)]


def _recurrence(rule: dict, first: date, last: date) -> list[date]:
    """The days of an RFC 5545 rule from `first` to `last`: the rule text a calendar file carries,
    expanded by dateutil, so the pages and the .ics files cannot disagree."""
    start = datetime.combine(first, datetime.min.time())
    expanded = rrulestr(vRecur(rule).to_ical().decode(), dtstart=start)
    return [moment.date() for moment in expanded.between(start, datetime.combine(last, start.time()), inc=True)]


def status(when: When, today: date, period: When) -> str:
    """ "upcoming", "ongoing" or "past" on `today`; 长期 activities are always ongoing."""
    if when.kind == "ongoing":
        return "ongoing"
    first, last = window(when, period)
    return "past" if last < today else "upcoming" if first > today else "ongoing"


@dataclass(frozen=True)
class Agenda:
    today: date
    upcoming: list[tuple[date, list[Activity]]]  # (first of the month, activities), soonest first
    ongoing: list[Activity]  # ending soonest first, 长期 last
    past: list[tuple[date, list[Activity]]]  # latest first


def agenda(activities: list[Activity], today: date, period: When) -> Agenda:
    """Upcoming activities by the month they start, running ones, and past ones by the month they ended."""
    found = {"upcoming": [], "ongoing": [], "past": []}
    for activity in activities:
        found[status(activity.when, today, period)].append(activity)
    span = lambda a: window(a.when, period)
    upcoming = sorted(found["upcoming"], key=lambda a: (span(a)[0], a.id))
    ongoing = sorted(found["ongoing"], key=lambda a: (a.when.kind == "ongoing", span(a)[1], a.id))
    past = sorted(found["past"], key=lambda a: (span(a)[1], a.id), reverse=True)
    return Agenda(today, _by_month(upcoming, lambda a: span(a)[0]), ongoing, _by_month(past, lambda a: span(a)[1]))


def _by_month(activities: list[Activity], day) -> list[tuple[date, list[Activity]]]:
    groups: dict[date, list[Activity]] = {}
    for activity in activities:
        groups.setdefault(day(activity).replace(day=1), []).append(activity)
    return list(groups.items())


def months(period: When) -> list[date]:
    """The first day of every month of the campaign period."""
    first, found = period.start.replace(day=1), []
    while first <= period.end:
        found.append(first)
        first = (first + timedelta(days=31)).replace(day=1)
    return found


@dataclass(frozen=True)
class Slot:
    activity: Activity
    note: str  # a time of day, "…前完成" for a deadline, or the reading in a band


@dataclass(frozen=True)
class MonthGrid:
    first: date
    weeks: list[list[tuple[date | None, list[Slot]]]]  # Monday first; None outside the month
    bands: dict[str, list[Slot]]  # BANDS keys -> activities of this month without a known day

    @property
    def busy_days(self) -> list[tuple[date, list[Slot]]]:
        return [(day, slots) for week in self.weeks for day, slots in week if slots]


def month_grid(activities: list[Activity], first: date, period: When) -> MonthGrid:
    last = first.replace(day=stdcal.monthrange(first.year, first.month)[1])
    on_day: dict[date, list[Slot]] = {}
    bands: dict[str, list[Slot]] = {key: [] for key in BANDS}
    for activity in activities:
        when = activity.when
        if when.precision == "day":
            for day in days(when, period):
                if first <= day <= last:
                    on_day.setdefault(day, []).append(Slot(activity, _day_note(when)))
        elif band := _band(when, first, last, period):
            bands[band].append(Slot(activity, when.reading + ("完成" if when.kind == "deadline" else "")))
    weeks = [
        [(day, on_day.get(day, [])) if day.month == first.month else (None, []) for day in week]
        for week in stdcal.Calendar().monthdatescalendar(first.year, first.month)
    ]
    return MonthGrid(first, weeks, bands)


def _day_note(when: When) -> str:
    if when.kind == "deadline":
        return when.reading + "完成"
    return "—".join(f"{t.hour}:{t.minute:02d}" for t in (when.time_start, when.time_end) if t)


def _band(when: When, first: date, last: date, period: When) -> str | None:
    """Which band of the month from `first` to `last` a vague activity sits in, if any."""
    start, end = window(when, period)
    if end < first or start > last:
        return None
    low, high = max(start, first), min(end, last)
    if when.precision == "xun" and _xun(low) == _xun(high):
        return f"xun{_xun(low) + 1}"  # 9月底10月初: September's last 旬, then October's first
    if when.kind == "ongoing" or start < first or end > last:
        return "span"
    return "month"
