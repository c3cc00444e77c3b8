"""The campaign at a glance: key-task progress per domain, as numbers and as chart geometry."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from campaign.data.load import Site
from campaign.data.models import Domain
from campaign.data.vocabulary import TASK_STATUSES

STATUSES = TASK_STATUSES.ranked
BAR_WIDTH = 200  # SVG user units of the longest possible bar (a domain's task count / the largest count)


@dataclass(frozen=True)
class Segment:
    status: str
    count: int
    x: float
    width: float


@dataclass(frozen=True)
class DomainProgress:
    domain: Domain
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def segments(self, scale: float) -> list[Segment]:
        """Bar pieces in status order; `scale` is SVG units per task."""
        x, pieces = 0.0, []
        for status in STATUSES:
            width = self.counts[status] * scale
            if width:
                pieces.append(Segment(status, self.counts[status], round(x, 2), round(width, 2)))
            x += width
        return pieces


def context(site: Site) -> dict:
    """What the home page's dashboard shows: task progress per domain and overall, and the newest change."""
    rows = progress_by_domain(site)
    return {
        "progress": rows,
        "totals": status_totals(rows),
        "scale": bar_scale(rows),
        "statuses": STATUSES,
        "latest": latest_change(site),
    }


def progress_by_domain(site: Site) -> list[DomainProgress]:
    rows = []
    for domain in site.domains:
        tasks = getattr(site.achievements.get(domain.id), "tasks", [])
        rows.append(DomainProgress(domain, {s: sum(t.status == s for t in tasks) for s in STATUSES}))
    return rows


def status_totals(rows: list[DomainProgress]) -> dict[str, int]:
    return {s: sum(r.counts[s] for r in rows) for s in STATUSES}


def bar_scale(rows: list[DomainProgress]) -> float:
    # a campaign imported from an activity schedule alone has domains but no key tasks yet
    return BAR_WIDTH / (max((r.total for r in rows), default=0) or 1)


@dataclass(frozen=True)
class Change:
    """A before/after pair and the page it belongs to."""

    pair: object
    url: str


def latest_change(site: Site) -> Change | None:
    """The pair whose "after" photo is newest (undated ones count as oldest; ties keep data order)."""
    changes = [
        Change(p, f"domains/{d.id}/")
        for d in site.domains
        for p in getattr(site.achievements.get(d.id), "before_after", [])
    ]
    changes += [
        Change(p, f"domains/{d.id}/#{t.id}")
        for d in site.domains
        for t in getattr(site.achievements.get(d.id), "tasks", [])
        for p in t.before_after
    ]
    changes += [Change(p, f"activities/{a.id}/") for a in site.activities for p in a.before_after]
    taken = lambda change: change.pair.after.date.end if change.pair.after.date else date.min
    return max(changes, key=taken, default=None)
