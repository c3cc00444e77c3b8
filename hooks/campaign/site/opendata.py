"""Open data: the schedule, the closing reports, the key tasks and the figures as JSON and as CSV that Excel
opens (UTF-8 with BOM).

The plan is kept as written: a figure's value, total and target (as written and as read), numbers as the
plan prints them (560, not 560.0); a task's reported status apart from where its dates put it that day.
A CSV cell of text that a spreadsheet would read as a formula (=HYPERLINK(…), +cmd|…, @SUM(…)) is
neutralised as OWASP recommends, with a leading single quote; the JSON files keep every value as written.

"""

from __future__ import annotations

import csv
import io
import json
from datetime import date

from campaign.data.ledger import (
    FEEDBACK_FIELDS,
    OUTPUT_FIELDS,
    TOTALS_FIELDS,
    item_records,
    output_records,
    totals_records,
)
from campaign.data.load import Site
from campaign.data.standing import standing
from campaign.features.ledger import pages as ledger_pages
from campaign.fields.dates import today
from campaign.fields.figures import Target
from campaign.fields.when import When

ACTIVITY_FIELDS = [
    "id",
    "title",
    "domain",
    "domain_name",
    "when",
    "kind",
    "start",
    "end",
    "precision",
    "approximate",
    "time_start",
    "time_end",
    "reading",
    "where",
    "organiser",
    "audience",
    "status",
    "planned",
    "report",
    "url",
]
REPORT_FIELDS = [
    "activity",
    "title",
    "domain",
    "domain_name",
    "held",
    "start",
    "end",
    "attendance",
    "attendees",
    "suggestions",
    "items",
    "summary",
    "photos",
    "article",
    "url",
]
# A task's reported status with its date, and where its dates put it on the build day (schedule_position).
TASK_FIELDS = [
    "domain",
    "domain_name",
    "id",
    "title",
    "kind",
    "unit",
    "status",
    "status_as_of",
    "schedule_position",
    "overdue",
    "deadline",
    "deadline_kind",
    "start",
    "end",
    "precision",
    "reading",
    "progress_done",
    "progress_total",
    "progress_unit",
    "progress_as_of",
    "measures",
    "url",
]
# The target as written and as read: comparison (≥ ≤ > < = 下降 增长 不减少), number, unit, reference (较去年).
FIGURE_FIELDS = [
    "domain",
    "domain_name",
    "id",
    "parent",
    "label",
    "value",
    "total",
    "percent",
    "unit",
    "target",
    "target_comparison",
    "target_number",
    "target_unit",
    "target_reference",
    "baseline",
    "met",
    "as_of",
    "source",
    "url",
]


def _when(when: When) -> dict:
    iso = lambda value: value.isoformat(timespec="minutes") if hasattr(value, "hour") else value.isoformat()
    return {
        "start": when.start and when.start.isoformat(),
        "end": when.end and when.end.isoformat(),
        "precision": when.precision,
        "approximate": when.approximate,
        "reading": when.reading,
        "time_start": when.time_start and iso(when.time_start),
        "time_end": when.time_end and iso(when.time_end),
    }


def _day(value: date | None) -> str | None:
    return value and value.isoformat()


def activity_records(site: Site) -> list[dict]:
    return [
        {
            "id": a.id,
            "title": a.title,
            "domain": a.domain,
            "domain_name": site.domain_name(a.domain),
            "when": a.when.text,
            "kind": a.when.kind,
            **_when(a.when),
            "where": a.where,
            "organiser": a.organiser,
            "audience": a.audience,
            "status": a.status or "",
            "planned": a.planned.text if a.planned else "",
            "report": a.id in site.reports,
            "url": f"activities/{a.id}/",
        }
        for a in site.activities
    ]


def report_records(site: Site) -> list[dict]:
    """The closing reports, latest held first; photos as their published full-size JPEGs."""
    records = []
    for r in site.newest_reports:
        activity = site.activity(r.activity)
        records.append(
            {
                "activity": r.activity,
                "title": activity.title,
                "domain": activity.domain,
                "domain_name": site.domain_name(activity.domain),
                "held": r.held.text,
                "start": r.held.start.isoformat(),
                "end": r.held.end.isoformat(),
                "attendance": _as_written(r.attendance),
                "attendees": r.attendees,
                "suggestions": _as_written(r.suggestions),
                "items": r.items,
                "summary": r.summary.strip(),
                "photos": [site.pictures[p.image].full for p in r.photos if p.image in site.pictures],
                "article": r.article or "",
                "url": f"activities/{r.activity}/#report",
            }
        )
    return records


def _as_written(amount) -> str | None:
    """A count as the office wrote it (46, 约200): an approximate one never becomes exact."""
    return None if amount is None else str(amount)


def _achievements(site: Site):
    """(domain id or None, its name, page URL, achievements): each domain's, then the whole campaign's."""
    found = [(d.id, d.name, f"domains/{d.id}/", site.achievements.get(d.id)) for d in site.domains]
    found.append((None, site.domain_name(None), "", site.campaign_wide))
    return [(domain, name, url, achievements) for domain, name, url, achievements in found if achievements]


def task_records(site: Site, on: date) -> list[dict]:
    records = []
    for domain, name, url, achievements in _achievements(site):
        for task in achievements.tasks:
            when, stands, progress = _when(task.deadline), standing(task, on, site.campaign.period), task.progress
            records.append(
                {
                    "domain": domain,
                    "domain_name": name,
                    "id": task.id,
                    "title": task.title,
                    "kind": task.kind,
                    "unit": task.unit,
                    "status": task.status,
                    "status_as_of": _day(stands.as_of),
                    "schedule_position": stands.position,
                    "overdue": stands.overdue,
                    "deadline": task.deadline.text,
                    "deadline_kind": task.deadline.kind,
                    "start": when["start"],
                    "end": when["end"],
                    "precision": when["precision"],
                    "reading": when["reading"],
                    "progress_done": progress and progress.done,
                    "progress_total": progress and progress.total,
                    "progress_unit": progress and progress.unit,
                    "progress_as_of": progress and _day(progress.as_of),
                    "measures": task.measures,
                    "url": f"{url}#{task.id}" if domain else "#campaign-wide",
                }
            )
    return records


def figure_records(site: Site) -> list[dict]:
    return [
        {
            "domain": domain,
            "domain_name": name,
            "id": f.id,
            "parent": f.parent,
            "label": f.label,
            "value": f.value,
            "total": f.total,
            "percent": f.percent,
            "unit": f.unit,
            **_target(f.target),
            "baseline": f.baseline,
            "met": f.met,
            "as_of": _day(f.as_of),
            "source": f.source,
            "url": f"{url}#figures" if domain else "#campaign-wide",
        }
        for domain, name, url, achievements in _achievements(site)
        for f in achievements.figures
    ]


def _target(target: Target | None) -> dict:
    return {
        "target": target and target.text,
        "target_comparison": target and target.comparison,
        "target_number": target and target.number,
        "target_unit": target and target.unit,
        "target_reference": target and target.reference,
    }


def to_json(records: list[dict]) -> str:
    return json.dumps(records, ensure_ascii=False, indent=2) + "\n"


def to_csv(records: list[dict], fields: list[str]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fields, extrasaction="ignore")  # CRLF rows, as Excel expects
    writer.writeheader()
    for record in records:
        writer.writerow({k: _inert("；".join(v)) if isinstance(v, list) else _cell(v) for k, v in record.items()})
    return "\ufeff" + out.getvalue()


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    return _inert(value) if isinstance(value, str) else str(value)  # a number is never a formula


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # OWASP's list for CSV injection


def _inert(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def data_files(site: Site, on: date | None = None) -> dict[str, str]:
    """Site-relative path -> text of every open-data file; `on` is the day tasks are placed on (the build's)."""
    on = on or today()
    sets = {
        "activities": (activity_records(site), ACTIVITY_FIELDS),
        "achievements": (task_records(site, on), TASK_FIELDS),
        "figures": (figure_records(site), FIGURE_FIELDS),
        "reports": (report_records(site), REPORT_FIELDS),
        "feedback": (item_records(site.ledger, site.domain_name, ledger_pages.item_url), FEEDBACK_FIELDS),
        "feedback-totals": (totals_records(site.ledger), TOTALS_FIELDS),
        "feedback-outputs": (output_records(site.ledger), OUTPUT_FIELDS),
    }
    files = {}
    for name, (records, fields) in sets.items():
        files[f"data/{name}.json"] = to_json(records)
        files[f"data/{name}.csv"] = to_csv(records, fields)
    return files
