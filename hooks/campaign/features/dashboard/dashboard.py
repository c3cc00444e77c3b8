"""The campaign at a glance: key-task progress per domain (and for the whole campaign), as numbers and as
chart geometry; a task with no reported status is counted as 未报进展, never as 进行中."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from campaign.data.load import Site
from campaign.data.standing import overdue
from campaign.data.vocabulary import CAMPAIGN_WIDE, TASK_STATUSES, UNREPORTED

STATUSES = (*TASK_STATUSES.ranked, UNREPORTED)
BAR_WIDTH = 200  # SVG user units of the longest possible bar (a domain's task count / the largest count)
CHART_ROWS = 12  # domains the chart draws: a city's thousand are on the domains index instead


@dataclass(frozen=True)
class Segment:
    status: str
    count: int
    x: float
    width: float


@dataclass(frozen=True)
class DomainProgress:
    name: str  # the domain's, or 全局 for the whole campaign's tasks
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


def context(site: Site, on: date) -> dict:
    """What the home page's dashboard shows: task progress overall and for the first CHART_ROWS domains
    (the chart would otherwise grow with the campaign), how many tasks are past their deadline, the
    newest change, and the items of the whole campaign."""
    rows = progress_by_domain(site)
    shown = rows[:CHART_ROWS]
    tasks = [t for a in [*site.achievements.values(), site.campaign_wide] if a for t in a.tasks]
    totals = status_totals(rows)
    return {
        "progress": shown,
        "totals": totals,
        "scale": bar_scale(shown),
        "statuses": tuple(
            s for s in STATUSES if s != UNREPORTED or totals[s]
        ),  # 未报进展 only when there are such tasks
        "overdue": len(overdue(tasks, on, site.campaign.period)),
        "latest": latest_change(site),
        "whole": site.campaign_wide,
        "whole_activities": site.campaign_activities,
    }


def progress_by_domain(site: Site) -> list[DomainProgress]:
    groups = [(d.name, getattr(site.achievements.get(d.id), "tasks", [])) for d in site.domains]
    if site.campaign_wide and site.campaign_wide.tasks:
        groups.append((CAMPAIGN_WIDE, site.campaign_wide.tasks))
    return [
        DomainProgress(name, {s: sum((t.status or UNREPORTED) == s for t in tasks) for s in STATUSES})
        for name, tasks in groups
    ]


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
