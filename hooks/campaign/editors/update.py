"""A reviewed 配档表 back into the data: rows whose 编号 is in the data update those entries in place.

Only what the table shows can change, and only cells whose text differs from what `make export` would
write for the data today (exporter.cells); every other field, comment and line of the files stays as
it was, so importing an unchanged export changes nothing, byte for byte. Each change is listed with
file:line. A changed cell that cannot be used (an unreadable time, a person's name for a unit, a
required field emptied) is reported and left as it was; rows the data does not have, and entries the
table left out, are listed and never added or deleted here. If the changed data would not load,
nothing is written.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from campaign.data.kinds import label
from campaign.data.load import Site, load_site
from campaign.data.problems import DataProblems
from campaign.data.yamlsource import Source
from campaign.editors.exporter import cells
from campaign.editors.importer import KINDS, STATUSES, Result, measures, save_report
from campaign.editors.people import is_unit, split_names
from campaign.editors.sheets import Reading, Row
from campaign.editors.yamlwrite import mapping
from campaign.fields.when import read_when

# header -> (field, required); 责任单位 and 配合单位 make one field together
ACTIVITY_FIELDS = {
    "活动内容": ("title", True),
    "时间安排": ("when", True),
    "活动地点": ("where", True),
    "责任单位": ("organiser", True),
    "参与对象": ("audience", False),
    "活动形式": ("channels", False),
    "活动介绍": ("summary", False),
}
TASK_FIELDS = {
    "重点工作／重点解决问题": ("title", True),
    "类型": ("kind", False),
    "具体措施": ("measures", False),
    "完成时限": ("deadline", True),
    "责任单位": ("unit", True),
    "进展": ("status", True),
}
_KEYS = {
    "title": "title",
    "schedule": "when",
    "where": "where",
    "unit": "organiser",
    "audience": "audience",
    "channels": "channels",
    "summary": "summary",
    "task": "title",
    "kind": "kind",
    "measures": "measures",
    "deadline": "deadline",
    "status": "status",
    "domain": "domain",
}


def update_by_id(source: Path, out: Path, reading: Reading, year: int, opening: list[str]) -> Result | None:
    """Update the entries a table's 编号 column names, or None when no row's id is in the data."""
    ids = [(sheet.kind, row, row.cells.get("id", "").strip()) for sheet in reading.sheets for row in sheet.rows]
    if not any(i for _, _, i in ids) or not (out / "campaign.yml").is_file():
        return None
    try:
        site = load_site(out)
    except DataProblems:
        return None  # the fresh import reports on data that does not load
    known = [(kind, row, i) for kind, row, i in ids if _find(site, kind, i)]
    if not known:
        return None
    return _Update(site, out, year).apply(source, ids, reading, opening)


def _find(site: Site, kind: str, given: str):
    if kind == "activities":
        activity = site.activity(given)
        return (activity, activity.domain) if activity else None
    domain, _, task_id = given.partition("/")
    tasks = site.achievements.get(domain)
    task = next((t for t in tasks.tasks if t.id == task_id), None) if tasks else None
    return (task, domain) if task else None


class _Update:
    def __init__(self, site: Site, out: Path, year: int):
        self.site, self.out, self.year = site, out, year
        self.edits: dict[Path, list[tuple[str, str, object]]] = {}  # file -> (entry id, field, new value)
        self.changes: list[str] = []
        self.refused: list[str] = []

    def apply(self, source: Path, ids, reading: Reading, opening: list[str]) -> Result:
        seen, unknown = set(), []
        for kind, row, given in ids:
            found = _find(self.site, kind, given) if given else None
            if not found:
                unknown.append(
                    f"{row.where}：{'编号「' + given + '」数据里没有' if given else '没有编号'}，没有导入"
                    f"「{row.cells.get('title') or row.cells.get('task', '')}」（新的活动请用 make new-activity 添加）"
                )
                continue
            seen.add((kind, given))
            self._row(kind, row, *found)
        files = self._write()
        report = [
            f"导入报告：{source.name} → {label(self.out, self.out)}/（按编号更新已有的活动和重点工作）",
            *opening,
            "",
        ]
        report += [f"改动 {len(self.changes)} 处：" if self.changes else "没有改动：表格和数据一致，没有改写任何文件。"]
        report += [f"  {c}" for c in self.changes]
        if self.refused:
            report += ["", "没有采用的修改（数据保持原样）："] + [f"  {r}" for r in self.refused]
        missing = self._missing(seen, {kind for kind, _, _ in ids})
        if missing:
            report += ["", "数据里有、表格里没有的（没有删除；要删除请直接改数据文件）："] + [f"  {m}" for m in missing]
        left = unknown + reading.left_out
        if left:
            report += ["", "没有导入的内容："] + [f"  {line}" for line in left]
        ok, checked = self._check(files)
        return save_report(source, "\n".join(report) + "\n\n" + checked, ok)

    def _row(self, kind: str, row: Row, item, domain: str) -> None:
        shown = cells(self.site, kind, item, domain)
        given = {header: _text(row.cells.get(key, "")) for key, header in _headers(kind).items() if key in row.cells}
        if "事项类别" in given and given["事项类别"] != shown["事项类别"]:
            self.refused.append(
                f"{row.where} {shown['编号']}：事项类别从「{shown['事项类别']}」改成「{given['事项类别']}」"
                "，要移到另一个领域，请在数据文件里移动这一项"
            )
        lead, partners = given.get("责任单位", shown["责任单位"]), given.get("配合单位", shown["配合单位"])
        unchanged = (lead, partners) == (shown["责任单位"], shown["配合单位"])
        shown["责任单位"] = _joined(shown)  # one field, organiser or unit: 镇民政办（配合：派出所）
        if not unchanged:
            given["责任单位"] = self._unit(row, lead, partners, shown)
        fields = ACTIVITY_FIELDS if kind == "activities" else TASK_FIELDS
        for header, (name, required) in fields.items():
            if given.get(header, shown[header]) == shown[header]:
                continue
            value = self._value(name, given[header], required, row, shown)
            if value is not None:
                self._edit(
                    kind, item, domain, name, value, f"{_shown(shown[header])} → {_shown(given[header])}", header, row
                )

    def _unit(self, row: Row, lead: str, partners: str, shown: dict) -> str:
        names, helpers = split_names(lead), split_names(partners)
        people = [n for n in names + helpers if not is_unit(n)]
        if people:
            self.refused += [f"{row.where} {shown['编号']}：「{n}」像是个人姓名，没有当作单位写入" for n in people]
            return shown["责任单位"]
        text = "、".join(names)
        return text + (f"（配合：{'、'.join(helpers)}）" if helpers and text else "")

    def _value(self, name: str, text: str, required: bool, row: Row, shown: dict):
        """The new value of a field from its cell, or None (reported) when it cannot be used."""
        problem = ""
        if not text and required:
            problem = "必须填写，不能清空"
        elif name in ("when", "deadline"):
            try:
                read_when(text, self.year)
            except ValueError as error:
                problem = f"看不懂：{error}"
        elif name == "kind" and text not in KINDS:
            problem = f"只能写{'或'.join(KINDS)}"
        elif name == "status" and text not in STATUSES:
            problem = f"只能写{'、'.join(STATUSES)}"
        if problem:
            self.refused.append(f"{row.where} {shown['编号']}：「{text}」{problem}")
            return None
        return {"channels": split_names, "measures": measures}.get(name, str)(text)

    def _edit(self, kind, item, domain, name, value, change, header, row) -> None:
        file = self._activity_file(item.id) if kind == "activities" else self.out / "achievements" / f"{domain}.yml"
        self.edits.setdefault(file, []).append((item.id, name, value))
        self.changes.append(f"{label(file, self.out)} {item.id}「{item.title}」{header}：{change}（{row.where}）")

    def _activity_file(self, activity_id: str) -> Path:
        for path in sorted((self.out / "activities").glob("*.yml")):
            if any(isinstance(a, dict) and a.get("id") == activity_id for a in Source(path, path.name).data or []):
                return path
        raise LookupError(activity_id)  # load_site found it in one of these files

    def _write(self) -> dict[Path, str]:
        """Apply the edits; the files' former text, to put back if the result does not load."""
        before = {}
        for file, edits in self.edits.items():
            before[file] = file.read_text(encoding="utf-8")
            file.write_text(edit_yaml(before[file], edits), encoding="utf-8")
        return before

    def _check(self, before: dict[Path, str]) -> tuple[bool, str]:
        try:
            site = load_site(self.out)
        except DataProblems as problems:
            for file, text in before.items():
                file.write_text(text, encoding="utf-8")
            return False, "改动后的数据没有通过检查，所以没有写入任何改动：\n" + problems.report()
        return (
            True,
            f"检查通过：{len(site.activities)} 项活动，{sum(len(a.tasks) for a in site.achievements.values())} 项重点工作。",
        )

    def _missing(self, seen: set, kinds: set) -> list[str]:
        missing = [
            f"{a.id}「{a.title}」"
            for a in self.site.activities
            if "activities" in kinds and ("activities", a.id) not in seen
        ]
        missing += [
            f"{d}/{t.id}「{t.title}」"
            for d, a in self.site.achievements.items()
            for t in a.tasks
            if "tasks" in kinds and ("tasks", f"{d}/{t.id}") not in seen
        ]
        return missing


def _headers(kind: str) -> dict[str, str]:
    """Row keys (sheets.COLUMNS) -> the export's headers, for the columns this kind shows."""
    names = {"domain": "事项类别", "unit": "责任单位", "partners": "配合单位"}
    fields = ACTIVITY_FIELDS if kind == "activities" else TASK_FIELDS
    by_field = {name: header for header, (name, _) in fields.items()}
    return names | {key: by_field[_KEYS[key]] for key in _KEYS if _KEYS[key] in by_field and key not in names}


def _joined(shown: dict) -> str:
    return shown["责任单位"] + (f"（配合：{shown['配合单位']}）" if shown["配合单位"] else "")


def _shown(text: str) -> str:
    return text.replace("\n", " / ") or "（空）"


def _text(cell: str) -> str:
    return "\n".join(line.strip() for line in cell.strip().splitlines())


def edit_yaml(text: str, edits: list[tuple[str, str, object]]) -> str:
    """`text` with each (entry id, field, value) set, the rest of the file as it was."""
    lines = text.splitlines(keepends=True)
    root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    entries = (
        root.value
        if isinstance(root, yaml.SequenceNode)
        else dict((k.value, v) for k, v in root.value).get("tasks").value
    )  # activities: a list; achievements: tasks
    ids = [next((v.value for k, v in e.value if k.value == "id"), None) for e in entries]
    spans = []
    for entry_id, name, value in edits:
        n = ids.index(entry_id)
        end = entries[n + 1].start_mark.line if n + 1 < len(entries) else len(lines)
        spans.append(_span(lines, entries[n], end, name, value))
    for first, last, new in sorted(spans, reverse=True):
        lines[first:last] = new
    return "".join(lines)


def _span(lines: list[str], entry, entry_end: int, name: str, value) -> tuple[int, int, list[str]]:
    """The lines [first, last) holding `name` in `entry` (which ends before line `entry_end`), and the
    lines to put there; a missing field goes after the entry's last one."""
    keys = [key for key, _ in entry.value]
    starts = [key.start_mark.line for key in keys] + [entry_end]
    new = (
        [line + "\n" for line in mapping({name: value}, " " * keys[0].start_mark.column)]
        if value not in ("", [])
        else []
    )
    at = next((i for i, key in enumerate(keys) if key.value == name), None)
    first, last = (starts[at], starts[at + 1]) if at is not None else (None, entry_end)
    while last - 1 > (first if first is not None else starts[-2]) and re.match(r"\s*(#|$)", lines[last - 1]):
        last -= 1  # blank and comment lines after a field belong to what follows
    return (last if first is None else first), last, new
