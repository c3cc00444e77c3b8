"""Read every data file, validate it, check references across files: one `Site`, or all mistakes.

The files are found through data/kinds.py, the one list of the data folder's layout.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path

from campaign.data.kinds import KIND, Kind, label
from campaign.data.ledger import Ledger, ledger_problems, merged
from campaign.data.models import Achievements, Activity, Campaign, Domain, Photo, Report, campaign_year
from campaign.data.problems import DataProblems, Problem
from campaign.data.validate import LIST_HINT, validate
from campaign.data.yamlsource import Source
from campaign.fields.figures import roll_up
from campaign.fields.photos import image_uses


@dataclass
class Site:
    """Everything the pages are made from, validated and cross-checked."""

    campaign: Campaign
    domains: list[Domain]
    activities: list[Activity]
    achievements: dict[str, Achievements]
    origin: dict[str, str] = field(default_factory=dict)  # activity id -> "file:line"
    images: dict[str, list[str]] = field(default_factory=dict)  # image path -> "file:line" of each use
    pictures: dict = field(default_factory=dict)  # image path -> images.Picture, once processed
    ledger: Ledger = field(default_factory=Ledger)  # 你说我办: data/feedback/*.yml
    reports: dict[str, Report] = field(default_factory=dict)  # activity id -> its 回顾: data/reports/*.yml

    # Looked up once per page or per item: dictionaries, so a city-sized campaign stays linear.
    def domain(self, domain_id: str) -> Domain:
        return self.domains_by_id[domain_id]

    def activity(self, activity_id: str) -> Activity | None:
        return self._activities.get(activity_id)

    def activities_of(self, domain_id: str) -> list[Activity]:
        return self._by_domain.get(domain_id, [])

    def report(self, activity_id: str) -> Report | None:
        return self.reports.get(activity_id)

    @cached_property
    def newest_reports(self) -> list[Report]:
        """Latest held first."""
        return sorted(self.reports.values(), key=lambda r: (r.held.end, r.activity), reverse=True)

    @cached_property
    def domains_by_id(self) -> dict[str, Domain]:
        return {d.id: d for d in self.domains}

    @cached_property
    def _activities(self) -> dict[str, Activity]:
        return {a.id: a for a in self.activities}

    @cached_property
    def _by_domain(self) -> dict[str, list[Activity]]:
        grouped: dict[str, list[Activity]] = {}
        for activity in self.activities:
            grouped.setdefault(activity.domain, []).append(activity)
        return grouped


@dataclass
class _Found:
    """A validated item and where it was written."""

    item: object
    source: Source
    loc: tuple

    def problem(self, key: str, message: str, hint: str) -> Problem:
        return self.source.problem(self.loc + (key,), message, hint)

    @property
    def where(self) -> str:
        return f"{self.source.label}:{self.source.line_of(self.loc)}"


def load_site(data_dir: Path) -> Site:
    """Load `data_dir`; raise DataProblems listing every mistake in every file."""
    data_dir = Path(data_dir)
    sources: list[Source] = []
    missing: list[Problem] = []

    def open_(path: Path) -> Source:
        sources.append(Source(path, label(path, data_dir)))
        return sources[-1]

    def required(kind: Kind) -> Source | None:
        (path,) = kind.paths(data_dir)
        if path.is_file():
            return open_(path)
        missing.append(
            Problem(label(path, data_dir), 1, f"找不到文件 {kind.pattern}。", "从示例项目复制一份，再按本地情况修改。")
        )
        return None

    def every(kind: Kind) -> list[_Found]:
        return [f for path in kind.paths(data_dir) for f in _validate_all(kind, open_(path), year)]

    campaign_source = required(KIND["campaign"])
    year = _campaign_year(campaign_source)
    campaign = _validate_all(KIND["campaign"], campaign_source, year)
    domains_source = required(KIND["domains"])
    domains = _validate_all(KIND["domains"], domains_source, year)
    activities = every(KIND["activities"])
    achievements = [_rolled_up(f) for f in every(KIND["achievements"])]
    # The ledger's links are checked only once the files they point into are clean (no echo of their errors).
    refs_ok = not any(s.problems for s in sources)
    feedback = every(KIND["feedback"])
    ledger_ok = not any(s.problems for s in sources)  # reports name activities and 你说我办 items
    reports = every(KIND["reports"])

    # Unknown-domain errors would only repeat a broken domains.yml once per activity.
    domains_ok = domains_source is not None and not domains_source.problems
    cross = _check_references(domains, activities, achievements, domains_ok)
    targets = {f.item.id for f in activities} | {f"{f.item.domain}/{t.id}" for f in achievements for t in f.item.tasks}
    cross += ledger_problems(
        [(f.item, f.source, f.loc) for f in feedback],
        {f.item.id for f in domains} if domains_ok else None,
        targets if refs_ok else None,
    )
    if ledger_ok:
        cross += _report_problems(reports, activities, {item.id for f in feedback for item in f.item.items})
    problems = missing + cross + [p for s in sources for p in s.problems]
    if problems:
        raise DataProblems(problems)
    return Site(
        campaign=campaign[0].item,
        domains=[f.item for f in domains],
        activities=sorted((f.item for f in activities), key=_chronological),
        achievements={f.item.domain: f.item for f in achievements},
        origin={f.item.id: f.where for f in activities},
        images=image_uses(((f.item, f.source, f.loc) for f in activities + achievements + reports), Photo),
        ledger=merged([f.item for f in feedback]),
        reports={f.item.activity: f.item for f in reports},
    )


def _campaign_year(source: Source | None) -> int:
    """The campaign year, read first because every other date depends on it; this year if it is wrong
    (campaign.yml's own problem then says so, once, instead of every date failing with it)."""
    raw = source.data.get("year") if source and isinstance(source.data, dict) else None
    return campaign_year(raw) or date.today().year


def _validate_all(kind: Kind, source: Source | None, year: int) -> list[_Found]:
    """Validate the document, or each item of the list it holds."""
    if source is None or (source.data is None and source.problems):
        return []
    model = kind.model
    if not kind.is_list:
        item = validate(model, source.data, source, (), year)
        return [_Found(item, source, ())] if item is not None else []
    if not isinstance(source.data, list):
        source.problems.append(source.problem((), "这个文件应该是一个列表。", LIST_HINT))
        return []
    found = [_Found(validate(model, raw, source, (i,), year), source, (i,)) for i, raw in enumerate(source.data)]
    return [f for f in found if f.item is not None]


def _rolled_up(found: _Found) -> _Found:
    """Parts summed into their wholes; a stated whole that disagrees is a problem on its line."""
    figures, problems = roll_up(found.item.figures)
    for p in problems:
        found.source.problems.append(found.source.problem(("figures", p.index, p.key), p.message, p.hint))
    found.item = found.item.model_copy(update={"figures": figures})
    return found


def _check_references(
    domains: list[_Found], activities: list[_Found], achievements: list[_Found], domains_ok: bool
) -> list[Problem]:
    problems = _duplicates(domains, "领域编号", "id")
    problems += _duplicates(activities, "活动编号", "id")
    problems += _duplicates(achievements, "成效文件的领域", "domain")
    known = [f.item.id for f in domains]
    hint = f"写成 data/domains.yml 里已有的领域编号之一：{'、'.join(known)}。"
    for found in activities + achievements if domains_ok else []:
        if found.item.domain not in known:
            problems.append(found.problem("domain", f"没有编号为「{found.item.domain}」的领域。", hint))
    for found in achievements:
        problems += _duplicates(
            [_Found(t, found.source, ("tasks", i)) for i, t in enumerate(found.item.tasks)], "任务编号", "id"
        )
    return problems


def _report_problems(reports: list[_Found], activities: list[_Found], items: set[str]) -> list[Problem]:
    """Each report names an activity that exists, is not cancelled and has no other report, and 你说我办 items that exist."""
    problems = _duplicates(reports, "回顾的活动", "activity", "一项活动只写一篇回顾：把两篇合成一篇，删掉另一个文件。")
    by_id = {f.item.id: f.item for f in activities}
    for found in reports:
        activity = by_id.get(found.item.activity)
        if activity is None:
            problems.append(
                found.problem(
                    "activity",
                    f"没有编号为「{found.item.activity}」的活动。",
                    "写 data/activities/ 里这项活动的 id（活动页面网址 activities/ 后面的那一段）。",
                )
            )
        elif activity.status == "已取消":
            problems.append(
                found.problem(
                    "activity",
                    f"活动「{activity.title}」已取消，不能有回顾。",
                    "活动其实办了，就删掉它的「status: 已取消」；否则删掉这个回顾文件。",
                )
            )
        problems += [
            found.source.problem(
                found.loc + ("items", i),
                f"“你说我办”里没有编号为「{ref}」的意见建议。",
                "先在 data/feedback/ 里记下这条意见建议，再把它的 id 写在这里。",
            )
            for i, ref in enumerate(found.item.items)
            if ref not in items
        ]
    return problems


_RENAME = "改成一个没有用过的编号（例如在后面加 -2），或删除重复的一项。"


def _duplicates(found: list[_Found], what: str, key: str, hint: str = _RENAME) -> list[Problem]:
    first: dict[str, _Found] = {}
    problems = []
    for f in found:
        value = getattr(f.item, key)
        if value in first:
            problems.append(f.problem(key, f"{what}「{value}」重复了，{first[value].where} 已经用过。", hint))
        first.setdefault(value, f)
    return problems


def _chronological(activity: Activity):
    when = activity.when
    return (when.start or when.end or date.max, activity.id)
