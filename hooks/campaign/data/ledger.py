"""你说我办: the suggestions received and what became of them, and the counts an office reports.

Everything here is published (its texts, like every text, refuse phone, ID-card and bank-card numbers:
fields/personal.py). Counts are
shown as reports write them (500余 stays 500余); the arithmetic an office declares (收集 = 已办结 + 办理中)
is checked exactly, and otherwise parts never exceed their whole; every percentage is computed, never
typed, from exact counts only. A total may belong to a larger one (a town's beneath its district's) and
to a round (`period`): the site never adds up totals, and shows each round apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from campaign.data.problems import Problem
from campaign.data.vocabulary import LEDGER_STATUSES
from campaign.fields.amounts import wan
from campaign.fields.dates import moment_cn
from campaign.fields.figures import number, percent
from campaign.fields.mistake import Mistake

COUNTS = {
    "collected": "收集问题",
    "on_the_spot": "当场解决",
    "transferred": "转办",
    "resolved": "已办结",
    "in_progress": "办理中",
}
# Unless an office declares otherwise: (parts, their whole), the parts shares of the whole, never more than it.
RULES = [(("on_the_spot", "transferred"), "collected"), (("resolved", "in_progress"), "transferred")]
WHOLE_OF = {part: whole for parts, whole in RULES for part in parts}
_KEYS = {**{key: key for key in COUNTS}, **{label: key for key, label in COUNTS.items()}}


@dataclass(frozen=True)
class Sum:
    """A sum an office declares: `whole = part + part` (exactly) or `whole ≥ part + part` (not more than)."""

    whole: str
    parts: tuple[str, ...]
    exact: bool

    def __str__(self) -> str:
        return f"{self.whole} {'=' if self.exact else '≥'} {' + '.join(self.parts)}"


def read_sum(value) -> Sum:
    if isinstance(value, Sum):
        return value
    hint = (
        "写成“收集问题 = 已办结 + 办理中”或“collected = resolved + in_progress”；只知道不超过时用 ≥。"
        f"能写的数：{'、'.join(f'{label}（{key}）' for key, label in COUNTS.items())}。"
    )
    match = re.fullmatch(r"\s*([^=≥>]+?)\s*(=|＝|≥|>=)\s*(.+?)\s*", str(value))
    if not match:
        raise Mistake(f"看不懂加法「{value}」", hint)
    names = [match[1], *re.split(r"\s*[+＋]\s*", match[3])]
    unknown = [name for name in names if name not in _KEYS]
    if unknown:
        raise Mistake(f"加法「{value}」里的「{'、'.join(unknown)}」不是统计的数", hint)
    keys = [_KEYS[name] for name in names]
    if len(keys) < 2 or len(set(keys)) != len(keys) or (len(keys) == 2 and match[2] in "=＝"):
        raise Mistake(f"加法「{value}」要有一个总数和至少两个不同的分项", hint)
    return Sum(keys[0], tuple(keys[1:]), match[2] in "=＝")


def rules(totals) -> list[Sum]:
    """The office's declared sums, then the default ones for every part they leave out (and not `outside`)."""
    declared = list(totals.sums)
    covered = {part for s in declared for part in s.parts} | set(totals.outside)
    defaults = []
    for parts, whole in RULES:
        left = tuple(p for p in parts if p not in covered and getattr(totals, p) is not None)
        if left:
            whole = whole if getattr(totals, whole) is not None else "collected"
            if whole not in left:
                defaults.append(Sum(whole, left, exact=False))
    return declared + defaults


def count_problems(totals) -> list[tuple[str, str, str]]:
    """(key, message, hint) for every sum that does not hold, with the numbers added up."""
    problems = []
    for rule in rules(totals):
        values = {key: getattr(totals, key) for key in (rule.whole, *rule.parts)}
        if rule.exact:
            missing = [COUNTS[key] for key, amount in values.items() if amount is None]
            rough = [f"{COUNTS[key]} {amount}" for key, amount in values.items() if amount and not amount.exact]
            if missing or rough:
                problems.append(
                    (
                        "sums",
                        f"加法「{_spoken(rule)}」没法核对："
                        + (f"没有写{'、'.join(missing)}" if missing else f"{'、'.join(rough)} 是约数"),
                        "写上每一项的确切数字；报道只给了约数时，删掉这条加法。",
                    )
                )
                continue
        parts = [(key, values[key]) for key in rule.parts if values[key] is not None and values[key].exact]
        whole = values[rule.whole]
        if not parts or whole is None or not whole.exact:
            continue
        added = sum(amount.value for _, amount in parts)
        shown = " + ".join(f"{COUNTS[key]} {amount}" for key, amount in parts) + (
            f" = {number(added)}" if len(parts) > 1 else ""
        )
        if rule.exact and added != whole.value:
            problems.append(
                (
                    rule.parts[-1],
                    f"{shown}，和{COUNTS[rule.whole]}的 {whole} 对不上（差 {number(abs(whole.value - added))}）",
                    f"照原始材料核对这几个数字：声明了“{_spoken(rule)}”，就必须正好相等。",
                )
            )
        elif added > whole.value:
            problems.append(
                (
                    parts[-1][0],
                    f"{shown}，比{COUNTS[rule.whole]}的 {whole} 还多",
                    f"{'、'.join(COUNTS[k] for k in rule.parts)}都是{COUNTS[rule.whole]}的一部分，合计不能超过它；"
                    "照原始材料核对这几个数字。报道说“另有”的数，写进 outside。",
                )
            )
    return problems


def _spoken(rule: Sum) -> str:
    return f"{COUNTS[rule.whole]} {'=' if rule.exact else '≥'} {' + '.join(COUNTS[p] for p in rule.parts)}"


@dataclass(frozen=True)
class Share:
    """One count of a totals entry, with its share of the count it is part of."""

    key: str
    label: str
    count: object  # the Amount, shown as written
    of_key: str = ""
    of_label: str = ""
    percent: float | None = None
    outside: bool = False  # reported beside the whole ("另有"), not a part of it


def shares(totals) -> list[Share]:
    """The stated counts in reading order, each part with its computed share of its whole (exact counts only)."""
    whole_of = {part: rule.whole for rule in rules(totals) for part in rule.parts}
    found = []
    for key, label in COUNTS.items():
        amount = getattr(totals, key)
        if amount is None:
            continue
        whole = getattr(totals, whole_of[key]) if key in whole_of else None
        if whole is None:
            found.append(Share(key, label, amount, outside=key in totals.outside))
            continue
        share = percent(amount.value, whole.value) if amount.exact and whole.exact and whole.value else None
        found.append(Share(key, label, amount, whole_of[key], COUNTS[whole_of[key]], share))
    return found


@dataclass(frozen=True)
class Headline:
    """The one share a total is read by at a glance: a stated rate (入户率 100%) or the computed 办结率."""

    label: str
    percent: float
    text: str  # as shown: "97.6%"
    base: str  # what it is a share of, in words: "占转办 450 条"


def headline(totals) -> Headline | None:
    if totals.rates:
        rate = totals.rates[0]
        return Headline(rate.label, rate.value.value, rate.value.text, "据报道")
    done = next((s for s in shares(totals) if s.key == "resolved" and s.percent is not None), None)
    if done is None:
        return None
    whole = getattr(totals, done.of_key)
    return Headline("办结率", done.percent, f"{number(done.percent)}%", f"占{done.of_label} {whole} {totals.unit}")


def big(amount) -> str:
    """A count at headline size: exact large ones in 万 (186276 → 18.6万), approximate ones as written."""
    return wan(amount.value) if amount.exact else amount.text


def when_reported(entry) -> str:
    """数据截至 2022年7月15日, or 据2022年7月报道 when the report gives no date of its own, or ""."""
    if entry.as_of:
        return f"数据截至 {moment_cn(entry.as_of)}"
    return f"据{moment_cn(entry.reported)}报道" if entry.reported else ""


@dataclass(frozen=True)
class StatusCount:
    status: str
    count: int
    percent: float


@dataclass
class Ledger:
    """All ledger files together: items newest first, the reported totals, their roll-ups, the outputs."""

    items: list = field(default_factory=list)
    totals: list = field(default_factory=list)
    outputs: list = field(default_factory=list)
    intro: str = ""

    # Every domain page asks for its part: grouped once, so a city-sized ledger stays linear.
    def items_of(self, domain_id: str) -> list:
        return self._items_by_domain.get(domain_id, [])

    def totals_of(self, domain_id: str) -> list:
        return self._totals_by_domain.get(domain_id, [])

    def children(self, totals) -> list:
        return self._children.get(totals.id, []) if totals.id else []

    @cached_property
    def top_level(self) -> list:
        """Totals that are part of no other, grouped by round in the order the rounds first appear."""
        return [t for t in self.totals if not t.parent]

    @cached_property
    def periods(self) -> list[tuple[str, list]]:
        grouped: dict[str, list] = {}
        for totals in self.top_level:
            grouped.setdefault(totals.period, []).append(totals)
        return list(grouped.items())

    @cached_property
    def channels(self) -> list[str]:
        """The channels suggestions came through, the most used first: what the page says of them."""
        counted: dict[str, int] = {}
        for item in self.items:
            counted[item.channel] = counted.get(item.channel, 0) + 1
        return sorted(counted, key=lambda channel: -counted[channel])

    @cached_property
    def _items_by_domain(self) -> dict[str, list]:
        return _by_domain(self.items)

    @cached_property
    def _totals_by_domain(self) -> dict[str, list]:
        return _by_domain(self.totals)

    @cached_property
    def _children(self) -> dict[str, list]:
        grouped: dict[str, list] = {}
        for totals in self.totals:
            if totals.parent:
                grouped.setdefault(totals.parent, []).append(totals)
        return grouped

    def counts(self, domain_id: str | None = None) -> list[StatusCount]:
        """How many items (of one domain, or all) are in each status, and their share."""
        items = self.items_of(domain_id) if domain_id else self.items
        return [
            StatusCount(s, n, percent(n, len(items)))
            for s in LEDGER_STATUSES.labels
            if (n := sum(item.status == s for item in items))
        ]

    # For the templates: site.ledger.shares(totals) and the like.
    shares = staticmethod(shares)
    headline = staticmethod(headline)
    big = staticmethod(big)
    when_reported = staticmethod(when_reported)


def _by_domain(entries: list) -> dict[str, list]:
    grouped: dict[str, list] = {}
    for entry in entries:
        grouped.setdefault(entry.domain, []).append(entry)
    return grouped


def merged(files: list) -> Ledger:
    """One ledger from every file: items newest first."""
    items = [item for f in files for item in f.items]
    return Ledger(
        sorted(items, key=lambda item: (item.date, item.id), reverse=True),
        [t for f in files for t in f.totals],
        [o for f in files for o in f.outputs],
        next((f.intro for f in files if f.intro), ""),
    )


def ledger_problems(files, domain_ids: set[str] | None, targets: set[str] | None) -> list[Problem]:
    """Cross-file mistakes in (ledger, source, loc) files: duplicate ids, unknown domains and links, counts
    that do not add up, roll-ups that do not fit. `targets` are the activity ids and "domain/task" ids a link
    may name; it and `domain_ids` are None when the files they come from are broken, so nothing is checked
    against them."""
    problems, first = [], {}
    domain_hint = f"写成 data/domains.yml 里已有的领域编号之一：{'、'.join(sorted(domain_ids or []))}。"
    for ledger, source, loc in files:
        for i, item in enumerate(ledger.items):
            at = loc + ("items", i)
            if item.id in first:
                problems.append(
                    source.problem(
                        at + ("id",),
                        f"意见建议编号「{item.id}」重复了，{first[item.id]} 已经用过。",
                        "改成一个没有用过的编号（例如在后面加 -2）。",
                    )
                )
            first.setdefault(item.id, f"{source.label}:{source.line_of(at)}")
            if domain_ids is not None and item.domain not in domain_ids:
                problems.append(source.problem(at + ("domain",), f"没有编号为「{item.domain}」的领域。", domain_hint))
            problems += [
                source.problem(
                    at + ("links", j),
                    f"没有编号为「{ref}」的{'重点工作' if '/' in ref else '活动'}。",
                    "活动写它的编号（例如 hospital-open-day）；重点工作写“领域编号/任务编号”"
                    "（例如 healthcare/long-queues）。",
                )
                for j, ref in enumerate(item.links)
                if targets is not None and ref not in targets
            ]
        for i, totals in enumerate(ledger.totals):
            at = loc + ("totals", i)
            if totals.domain and domain_ids is not None and totals.domain not in domain_ids:
                problems.append(source.problem(at + ("domain",), f"没有编号为「{totals.domain}」的领域。", domain_hint))
            problems += [source.problem(at + (key,), message, hint) for key, message, hint in count_problems(totals)]
        for i, output in enumerate(ledger.outputs):
            if output.domain and domain_ids is not None and output.domain not in domain_ids:
                problems.append(
                    source.problem(
                        loc + ("outputs", i, "domain"), f"没有编号为「{output.domain}」的领域。", domain_hint
                    )
                )
    return problems + _roll_up_problems(files) + _intro_problems(files)


def _roll_up_problems(files) -> list[Problem]:
    """Each `parent` names a total of the same round, and its parts add up to no more than it (exactly
    when it says it is `complete`)."""
    found = [
        (totals, source, loc + ("totals", i)) for ledger, source, loc in files for i, totals in enumerate(ledger.totals)
    ]
    by_id, problems = {}, []
    for totals, source, at in found:
        if not totals.id:
            continue
        if totals.id in by_id:
            problems.append(
                source.problem(at + ("id",), f"统计编号「{totals.id}」重复了。", "改成一个没有用过的编号。")
            )
        by_id.setdefault(totals.id, (totals, source, at))
    ids = "、".join(sorted(i for i in by_id if i)) or "（先给上级统计写 id）"
    for totals, source, at in found:
        if totals.parent and totals.parent not in by_id:
            problems.append(
                source.problem(
                    at + ("parent",), f"没有编号为「{totals.parent}」的统计。", f"parent 写上级统计的 id：{ids}。"
                )
            )
        elif totals.parent:
            parent = by_id[totals.parent][0]
            if totals.period != parent.period:
                problems.append(
                    source.problem(
                        at + ("period",),
                        f"「{totals.label}」的轮次「{totals.period or '未写'}」和上级"
                        f"「{parent.label}」的「{parent.period or '未写'}」不同，不同轮次的数字不能汇总。",
                        "把 period 写成和上级一样，或删掉 parent。",
                    )
                )
    for parent, source, at in by_id.values():
        parts = [t for t, _, _ in found if parent.id and t.parent == parent.id and t.period == parent.period]
        for key in COUNTS if parts else ():
            whole = getattr(parent, key)
            values = [getattr(t, key) for t in parts]
            if whole is None or not whole.exact or any(v is None or not v.exact for v in values):
                continue
            added = sum(v.value for v in values)
            if added > whole.value or (parent.complete and added != whole.value):
                problems.append(
                    source.problem(
                        at + (key,),
                        f"「{parent.label}」的{COUNTS[key]}是 {whole}，各下级相加是 "
                        f"{' + '.join(str(v) for v in values)} = {number(added)}",
                        "核对总数和各下级的数字"
                        + (
                            "；写了 complete: true，就必须正好相等。"
                            if parent.complete
                            else "：各下级相加不能超过总数。"
                        ),
                    )
                )
    return problems


def _intro_problems(files) -> list[Problem]:
    written = [(source, loc) for ledger, source, loc in files if ledger.intro]
    return [
        source.problem(
            loc + ("intro",),
            "“你说我办”的说明写了不止一处。",
            f"只在一个文件里写 intro（{written[0][0].label} 已经写了）。",
        )
        for source, loc in written[1:]
    ]


FEEDBACK_FIELDS = [
    "id",
    "date",
    "domain",
    "domain_name",
    "channel",
    "summary",
    "status",
    "reason",
    "response",
    "links",
    "url",
]
TOTALS_FIELDS = [
    "id",
    "parent",
    "period",
    "label",
    "domain",
    "as_of",
    "reported",
    "source",
    "unit",
    "visited",
    *COUNTS,
    *(f"{k}_exact" for k in COUNTS),
    *(f"{k}_percent" for k in COUNTS),
    *(f"{k}_percent_of" for k in COUNTS),
    "outside",
    "sums",
    "rates",
]
OUTPUT_FIELDS = ["label", "value", "value_exact", "unit", "domain", "as_of", "reported", "source"]


def item_records(ledger: Ledger, domain_name) -> list[dict]:
    return [
        {
            "id": i.id,
            "date": i.date.isoformat(),
            "domain": i.domain,
            "domain_name": domain_name(i.domain),
            "channel": i.channel,
            "summary": i.summary,
            "status": i.status,
            "reason": i.reason,
            "response": i.response,
            "links": list(i.links),
            "url": f"ledger/#{i.id}",
        }
        for i in ledger.items
    ]


def totals_records(ledger: Ledger) -> list[dict]:
    """Counts as written (500余 stays text; exact ones are numbers), each share with the count it is of."""
    records = []
    for t in ledger.totals:
        record = {
            "id": t.id,
            "parent": t.parent,
            "period": t.period,
            "label": t.label,
            "domain": t.domain,
            "as_of": t.as_of and t.as_of.text,
            "reported": t.reported and t.reported.text,
            "source": t.source,
            "unit": t.unit,
            "visited": _written(t.visited),
        }
        record.update({key: _written(getattr(t, key)) for key in COUNTS})
        record.update({f"{key}_exact": getattr(t, key).exact if getattr(t, key) else None for key in COUNTS})
        found = {s.key: s for s in shares(t)}
        record.update({f"{key}_percent": found[key].percent if key in found else None for key in COUNTS})
        record.update({f"{key}_percent_of": found[key].of_key or None if key in found else None for key in COUNTS})
        record.update(
            {
                "outside": list(t.outside),
                "sums": [str(s) for s in t.sums],
                "rates": [f"{r.label} {r.value}" for r in t.rates],
            }
        )
        records.append(record)
    return records


def output_records(ledger: Ledger) -> list[dict]:
    return [
        {
            "label": o.label,
            "value": _written(o.value),
            "value_exact": o.value.exact,
            "unit": o.unit,
            "domain": o.domain,
            "as_of": o.as_of and o.as_of.text,
            "reported": o.reported and o.reported.text,
            "source": o.source,
        }
        for o in ledger.outputs
    ]


def _written(amount):
    """An exact count as a number, an approximate one as written."""
    if amount is None:
        return None
    return (int(amount.value) if amount.value.is_integer() else amount.value) if amount.exact else amount.text
