"""你说我办: the suggestions received and what became of them, and the counts an office reports.

Everything here is published, so texts are checked for what looks like a phone or ID number; counts
must add up (parts never exceed their whole) and every percentage is computed from them, never typed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from campaign.fields.figures import percent
from campaign.data.problems import Problem
from campaign.data.vocabulary import LEDGER_STATUSES
from campaign.fields.mistake import Mistake

COUNTS = {"collected": "收集问题", "on_the_spot": "当场解决", "transferred": "转办",
          "resolved": "已办结", "in_progress": "办理中"}
# (parts, their whole): the parts are shares of the whole and together never exceed it.
RULES = [(("on_the_spot", "transferred"), "collected"), (("resolved", "in_progress"), "transferred")]
WHOLE_OF = {part: whole for parts, whole in RULES for part in parts}
_PERSONAL = re.compile(r"(?<!\d)(?:1[3-9]\d{9}|\d{17}[\dXx])(?!\d)")  # mobile or ID-card number




def public_text(value: str) -> str:
    """Text that will be published: refuse what looks like a mobile or ID-card number."""
    if _PERSONAL.search(value or ""):
        raise Mistake("这段文字里好像有手机号码或身份证号码",
                          "“你说我办”会公开在网上：删掉姓名、电话、证件号、门牌号等个人信息，只写反映的问题和办理情况。")
    return value


def _whole(totals, part: str) -> str:
    """The count `part` is a share of: its rule's whole when stated, else the number collected."""
    whole = WHOLE_OF[part]
    return whole if getattr(totals, whole) is not None else "collected"


def count_problems(totals) -> list[tuple[str, str, str]]:
    """(key, message, hint) for every group of parts that adds up to more than its whole."""
    problems = []
    for parts, _ in RULES:
        given = [(key, getattr(totals, key)) for key in parts if getattr(totals, key) is not None]
        whole_key = _whole(totals, parts[0])
        limit = getattr(totals, whole_key)
        if given and sum(v for _, v in given) > limit:
            added = " + ".join(f"{COUNTS[k]} {v}" for k, v in given)
            total = f" = {sum(v for _, v in given)}" if len(given) > 1 else ""
            problems.append((given[-1][0], f"{added}{total}，比{COUNTS[whole_key]}的 {limit} 还多",
                             f"{'、'.join(COUNTS[k] for k in parts)}都是{COUNTS[whole_key]}的一部分，合计不能超过它；"
                             "照原始材料核对这几个数字。"))
    return problems


@dataclass(frozen=True)
class Share:
    """One count of a totals entry, with its share of the count it is part of."""

    key: str
    label: str
    count: int
    of_label: str = ""
    percent: float | None = None


def _shares(totals) -> list[Share]:
    """The stated counts in reading order, each part with its computed percentage of its whole."""
    found = []
    for key, label in COUNTS.items():
        count = getattr(totals, key)
        if count is None:
            continue
        if key not in WHOLE_OF:
            found.append(Share(key, label, count))
            continue
        whole = _whole(totals, key)
        base = getattr(totals, whole)
        found.append(Share(key, label, count, COUNTS[whole], percent(count, base) if base else None))
    return found


@dataclass(frozen=True)
class StatusCount:
    status: str
    count: int
    percent: float


@dataclass
class Ledger:
    """All ledger files together: items newest first, and the reported totals."""

    items: list = field(default_factory=list)
    totals: list = field(default_factory=list)

    # Every domain page asks for its part: grouped once, so a city-sized ledger stays linear.
    def items_of(self, domain_id: str) -> list:
        return self._items_by_domain.get(domain_id, [])

    def totals_of(self, domain_id: str) -> list:
        return self._totals_by_domain.get(domain_id, [])

    @cached_property
    def _items_by_domain(self) -> dict[str, list]:
        return _by_domain(self.items)

    @cached_property
    def _totals_by_domain(self) -> dict[str, list]:
        return _by_domain(self.totals)

    def counts(self, domain_id: str | None = None) -> list[StatusCount]:
        """How many items (of one domain, or all) are in each status, and their share."""
        items = self.items_of(domain_id) if domain_id else self.items
        return [StatusCount(s, n, percent(n, len(items))) for s in LEDGER_STATUSES.labels
                if (n := sum(item.status == s for item in items))]

    shares = staticmethod(_shares)  # for the templates: site.ledger.shares(totals)


def _by_domain(entries: list) -> dict[str, list]:
    grouped: dict[str, list] = {}
    for entry in entries:
        grouped.setdefault(entry.domain, []).append(entry)
    return grouped


def merged(files: list) -> Ledger:
    """One ledger from every file: items newest first."""
    items = [item for f in files for item in f.items]
    return Ledger(sorted(items, key=lambda item: (item.date, item.id), reverse=True), [t for f in files for t in f.totals])


def ledger_problems(files, domain_ids: set[str] | None, targets: set[str] | None) -> list[Problem]:
    """Cross-file mistakes in (ledger, source, loc) files: duplicate ids, unknown domains and links, counts
    that do not add up. `targets` are the activity ids and "domain/task" ids a link may name; it and
    `domain_ids` are None when the files they come from are broken, so nothing is checked against them."""
    problems, first = [], {}
    domain_hint = f"写成 data/domains.yml 里已有的领域编号之一：{'、'.join(sorted(domain_ids or []))}。"
    for ledger, source, loc in files:
        for i, item in enumerate(ledger.items):
            at = loc + ("items", i)
            if item.id in first:
                problems.append(source.problem(at + ("id",), f"意见建议编号「{item.id}」重复了，{first[item.id]} 已经用过。",
                                               "改成一个没有用过的编号（例如在后面加 -2）。"))
            first.setdefault(item.id, f"{source.label}:{source.line_of(at)}")
            if domain_ids is not None and item.domain not in domain_ids:
                problems.append(source.problem(at + ("domain",), f"没有编号为「{item.domain}」的领域。", domain_hint))
            problems += [source.problem(at + ("links", j), f"没有编号为「{ref}」的{'重点工作' if '/' in ref else '活动'}。",
                                        "活动写它的编号（例如 hospital-open-day）；重点工作写“领域编号/任务编号”"
                                        "（例如 healthcare/long-queues）。")
                         for j, ref in enumerate(item.links) if targets is not None and ref not in targets]
        for i, totals in enumerate(ledger.totals):
            at = loc + ("totals", i)
            if totals.domain and domain_ids is not None and totals.domain not in domain_ids:
                problems.append(source.problem(at + ("domain",), f"没有编号为「{totals.domain}」的领域。", domain_hint))
            problems += [source.problem(at + (key,), message, hint) for key, message, hint in count_problems(totals)]
    return problems


FEEDBACK_FIELDS = ["id", "date", "domain", "domain_name", "channel", "summary", "status", "reason", "response",
                   "links", "url"]
TOTALS_FIELDS = ["label", "domain", "as_of", "source", "unit", "visited", *COUNTS, *(f"{k}_percent" for k in WHOLE_OF)]


def item_records(ledger: Ledger, domain_name, page_url) -> list[dict]:
    """The items as open data; `page_url(position)` is the ledger page that lists the item at that position."""
    return [{"id": i.id, "date": i.date.isoformat(), "domain": i.domain, "domain_name": domain_name(i.domain),
             "channel": i.channel, "summary": i.summary, "status": i.status, "reason": i.reason,
             "response": i.response, "links": list(i.links), "url": f"{page_url(n)}#{i.id}"}
            for n, i in enumerate(ledger.items)]


def totals_records(ledger: Ledger) -> list[dict]:
    records = []
    for t in ledger.totals:
        record = {"label": t.label, "domain": t.domain, "as_of": t.as_of and t.as_of.isoformat(), "source": t.source,
                  "unit": t.unit, "visited": t.visited, **{key: getattr(t, key) for key in COUNTS}}
        shares = {s.key: s.percent for s in _shares(t)}
        record.update({f"{key}_percent": shares.get(key) for key in WHOLE_OF})
        records.append(record)
    return records

