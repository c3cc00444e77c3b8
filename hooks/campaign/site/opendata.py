"""Open data: the schedule and the key tasks as JSON and as CSV that Excel opens (UTF-8 with BOM)."""
from __future__ import annotations

import csv
import io
import json

from campaign.data.ledger import FEEDBACK_FIELDS, TOTALS_FIELDS, item_records, totals_records
from campaign.data.load import Site
from campaign.features.ledger import pages as ledger_pages
from campaign.fields.when import When

ACTIVITY_FIELDS = ["id", "title", "domain", "domain_name", "when", "kind", "start", "end", "precision",
                   "approximate", "time_start", "time_end", "reading", "where", "organiser", "audience", "url"]
TASK_FIELDS = ["domain", "domain_name", "id", "title", "kind", "unit", "status", "deadline", "deadline_kind",
               "start", "end", "reading", "measures", "url"]
FIGURE_FIELDS = ["domain", "domain_name", "label", "value", "unit", "as_of", "source", "url"]


def _when(when: When) -> dict:
    iso = lambda value: value.isoformat(timespec="minutes") if hasattr(value, "hour") else value.isoformat()  # noqa: E731
    return {"start": when.start and when.start.isoformat(), "end": when.end and when.end.isoformat(),
            "precision": when.precision, "approximate": when.approximate, "reading": when.reading,
            "time_start": when.time_start and iso(when.time_start), "time_end": when.time_end and iso(when.time_end)}


def activity_records(site: Site) -> list[dict]:
    return [{"id": a.id, "title": a.title, "domain": a.domain, "domain_name": site.domain(a.domain).name,
             "when": a.when.text, "kind": a.when.kind, **_when(a.when), "where": a.where,
             "organiser": a.organiser, "audience": a.audience, "url": f"activities/{a.id}/"}
            for a in site.activities]


def task_records(site: Site) -> list[dict]:
    records = []
    for domain in site.domains:
        for task in getattr(site.achievements.get(domain.id), "tasks", []):
            when = _when(task.deadline)
            records.append({"domain": domain.id, "domain_name": domain.name, "id": task.id, "title": task.title,
                            "kind": task.kind, "unit": task.unit, "status": task.status,
                            "deadline": task.deadline.text, "deadline_kind": task.deadline.kind,
                            "start": when["start"], "end": when["end"], "reading": when["reading"],
                            "measures": task.measures, "url": f"domains/{domain.id}/#{task.id}"})
    return records


def figure_records(site: Site) -> list[dict]:
    return [{"domain": d.id, "domain_name": d.name, "label": f.label, "value": f.value, "unit": f.unit,
             "as_of": f.as_of.isoformat(), "source": f.source, "url": f"domains/{d.id}/#figures"}
            for d in site.domains for f in getattr(site.achievements.get(d.id), "figures", [])]


def to_json(records: list[dict]) -> str:
    return json.dumps(records, ensure_ascii=False, indent=2) + "\n"


def to_csv(records: list[dict], fields: list[str]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fields, extrasaction="ignore")  # CRLF rows, as Excel expects
    writer.writeheader()
    for record in records:
        writer.writerow({k: "；".join(v) if isinstance(v, list) else _cell(v) for k, v in record.items()})
    return "\ufeff" + out.getvalue()


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)


def data_files(site: Site) -> dict[str, str]:
    """Site-relative path -> text of every open-data file."""
    sets = {"activities": (activity_records(site), ACTIVITY_FIELDS),
            "achievements": (task_records(site), TASK_FIELDS),
            "figures": (figure_records(site), FIGURE_FIELDS),
            "feedback": (item_records(site.ledger, lambda d: site.domain(d).name, ledger_pages.item_url), FEEDBACK_FIELDS),
            "feedback-totals": (totals_records(site.ledger), TOTALS_FIELDS)}
    files = {}
    for name, (records, fields) in sets.items():
        files[f"data/{name}.json"] = to_json(records)
        files[f"data/{name}.csv"] = to_csv(records, fields)
    return files
