"""Open data: the schedule and the key tasks as JSON and as CSV that Excel opens (UTF-8 with BOM).

A CSV cell of text that a spreadsheet would read as a formula (=HYPERLINK(…), +cmd|…, @SUM(…)) is
neutralised as OWASP recommends, with a leading single quote; the JSON files keep every value as written.
"""

from __future__ import annotations

import csv
import io
import json

from campaign.data.ledger import (
    FEEDBACK_FIELDS,
    OUTPUT_FIELDS,
    TOTALS_FIELDS,
    item_records,
    output_records,
    totals_records,
)
from campaign.data.load import Site
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
TASK_FIELDS = [
    "domain",
    "domain_name",
    "id",
    "title",
    "kind",
    "unit",
    "status",
    "deadline",
    "deadline_kind",
    "start",
    "end",
    "reading",
    "measures",
    "url",
]
FIGURE_FIELDS = ["domain", "domain_name", "label", "value", "unit", "as_of", "source", "url"]


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


def activity_records(site: Site) -> list[dict]:
    return [
        {
            "id": a.id,
            "title": a.title,
            "domain": a.domain,
            "domain_name": site.domain(a.domain).name,
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
                "domain_name": site.domain(activity.domain).name,
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


def task_records(site: Site) -> list[dict]:
    records = []
    for domain in site.domains:
        for task in getattr(site.achievements.get(domain.id), "tasks", []):
            when = _when(task.deadline)
            records.append(
                {
                    "domain": domain.id,
                    "domain_name": domain.name,
                    "id": task.id,
                    "title": task.title,
                    "kind": task.kind,
                    "unit": task.unit,
                    "status": task.status,
                    "deadline": task.deadline.text,
                    "deadline_kind": task.deadline.kind,
                    "start": when["start"],
                    "end": when["end"],
                    "reading": when["reading"],
                    "measures": task.measures,
                    "url": f"domains/{domain.id}/#{task.id}",
                }
            )
    return records


def figure_records(site: Site) -> list[dict]:
    return [
        {
            "domain": d.id,
            "domain_name": d.name,
            "label": f.label,
            "value": f.value,
            "unit": f.unit,
            "as_of": f.as_of.isoformat(),
            "source": f.source,
            "url": f"domains/{d.id}/#figures",
        }
        for d in site.domains
        for f in getattr(site.achievements.get(d.id), "figures", [])
    ]


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


def data_files(site: Site) -> dict[str, str]:
    """Site-relative path -> text of every open-data file."""
    sets = {
        "activities": (activity_records(site), ACTIVITY_FIELDS),
        "achievements": (task_records(site), TASK_FIELDS),
        "figures": (figure_records(site), FIGURE_FIELDS),
        "reports": (report_records(site), REPORT_FIELDS),
        "feedback": (item_records(site.ledger, lambda d: site.domain(d).name), FEEDBACK_FIELDS),
        "feedback-totals": (totals_records(site.ledger), TOTALS_FIELDS),
        "feedback-outputs": (output_records(site.ledger), OUTPUT_FIELDS),
    }
    files = {}
    for name, (records, fields) in sets.items():
        files[f"data/{name}.json"] = to_json(records)
        files[f"data/{name}.csv"] = to_csv(records, fields)
    return files
