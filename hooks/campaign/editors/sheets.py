"""Find the 配档表 among a document's tables and read their rows the way an office reader does.

A 配档表 is a table with a header row naming at least a title column (活动内容, 重点工作 …) and two
more known columns; header words vary from office to office (COLUMNS). Under the header:
- a section row (一、幼有所育; 一 | 幼有所育 merged across; a known domain name alone) names the
  domain of the rows below; 重点工作 / 重点解决问题 as a section name the kind of the tasks below;
- 合计, 小计, 备注, 注： rows are left out, and said so;
- 同上 (〃) takes the cell above, 同左 the cell to the left; a blank domain, leader or unit cell carries
  the one above down (offices merge or leave those blank), until the domain changes; not in a table
  with a 编号 column, as `make export` writes, where every cell is written and a blank is a blank;
- a row whose domain cannot be told is "unplaced": the importer refuses rather than guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from campaign.editors.tables import Table

COLUMNS = {  # what a column holds, by the words of its header (the first word is the one export writes)
    "domain": ("事项类别", "民生领域", "领域", "类别", "分类", "板块", "事项"),
    "leader": ("责任领导", "分管领导", "包保领导", "牵头领导", "联系领导", "责任人", "负责人"),
    "contact": ("联系人", "联系电话", "联系方式", "电话", "手机"),
    "unit": (
        "责任单位",
        "牵头单位",
        "责任部门",
        "牵头部门",
        "承办单位",
        "主办单位",
        "实施单位",
        "组织单位",
        "责任科室",
    ),
    "partners": ("配合单位", "协办单位", "配合部门", "协同单位", "参与单位"),
    "title": ("活动内容", "活动名称", "活动项目", "活动主题", "项目名称", "内容"),
    "schedule": (
        "时间安排",
        "活动安排",
        "活动时间",
        "开展时间",
        "举办时间",
        "计划时间",
        "时间节点",
        "进度安排",
        "时间",
    ),
    "how": ("活动方式", "方式"),
    "channels": ("活动形式", "形式", "渠道"),
    "where": ("活动地点", "地点", "场所", "地址"),
    "audience": ("参与对象", "参加对象", "参加人员", "参与人员", "活动对象", "服务对象", "面向对象"),
    "summary": ("活动介绍", "简介"),
    "task": (
        "重点工作／重点解决问题",
        "重点工作",
        "重点解决问题",
        "重点任务",
        "主要任务",
        "工作任务",
        "具体任务",
        "工作事项",
        "任务名称",
        "工作内容",
        "任务",
    ),
    "kind": ("类型",),
    "measures": ("具体措施", "工作措施", "推进措施", "主要措施", "工作举措", "举措", "措施"),
    "deadline": ("完成时限", "完成期限", "时限", "完成时间", "截止时间", "时间要求"),
    "status": ("进展", "进展情况", "完成情况", "状态"),
    "note": ("备注", "说明"),
    "id": ("编号",),
    "number": ("序号",),  # known, so not reported as unmapped; nothing to import
}
PERSONAL = ("leader", "contact")  # people: never written to the data
CARRIED_DOWN = ("domain", "leader", "unit", "partners")  # blank means "same as above" in these columns
KINDS = ("重点工作", "重点解决问题")
_SAME_ABOVE = {"同上", "〃", "同前", "”", '"', "同上栏"}
_SAME_LEFT = {"同左", "同左栏"}
_ORDINAL = r"[(（]?[一二三四五六七八九十]+[)）]?"
_SECTION_PREFIX = re.compile(
    rf"^(?:{_ORDINAL}[、.．\s]|{_ORDINAL}(?=\S)|第[一二三四五六七八九十]+[类部分项][:：、\s]?)\s*"
)
_LEFT_OUT = re.compile(
    r"^(?:合\s*计|小\s*计|总\s*计|共\s*计|备\s*注|注\s*[:：]|说\s*明\s*[:：]|附\s*[:：]|填表说明|"
    r"填报(?:单位|人|日期)|制表|审核人)"
)


@dataclass
class Row:
    where: str  # 表2 第5行: the table's own row number
    cells: dict[str, str]
    kind: str = ""  # a 重点工作 / 重点解决问题 section above it


@dataclass
class Sheet:
    kind: str  # "activities" or "tasks"
    table: Table
    rows: list[Row]
    titles: list[str]  # rows above the header: the table's title, where a year may be written


@dataclass
class Reading:
    sheets: list[Sheet] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)  # tables, columns and rows not imported, and why
    unplaced: list[str] = field(default_factory=list)  # rows with no domain: the import is refused
    headers_seen: list[str] = field(default_factory=list)  # for the message when no 配档表 was found


def read_sheets(tables: list[Table], domain_names: set[str]) -> Reading:
    reading = Reading()
    for table in tables:
        reading.left_out += [f"{table.name}：{note}" for note in table.left_out]
        found = _header(table)
        if not found:
            if table.rows:
                seen = "、".join(dict.fromkeys(c.replace("\n", "") for c in table.rows[0] if c))[:60]
                reading.headers_seen.append(f"{table.name}：{seen or '（第一行是空的）'}")
                reading.left_out.append(f"{table.name}：不是配档表（表头没有“活动内容”或“重点工作”等栏目），没有导入。")
            continue
        at, columns, unknown = found
        reading.left_out += [f"{table.name}：「{name}」一栏没有对应的字段，没有导入。" for name in unknown]
        reading.left_out += [
            f"{table.name}：「{table.rows[at][i[0]]}」一栏是个人信息，没有导入。"
            for key, i in columns.items()
            if key == "contact"
        ]
        kind = "activities" if "title" in columns else "tasks"
        rows = _Rows(table, at, columns, domain_names, reading).read()
        titles = [table.title] + [c for row in table.rows[:at] for c in row if c]
        reading.sheets.append(Sheet(kind, table, rows, titles))
    return reading


def _header(table: Table):
    """(row index, {column: [cell indexes]}, unrecognised headers) of the first header row, or None."""
    for at, row in enumerate(table.rows[:8]):
        columns, unknown = {}, []
        for i, cell in enumerate(row):
            key = column_of(cell)
            if key:
                columns.setdefault(key, []).append(i)  # two cells under one header: their texts joined
            elif cell and cell not in unknown:
                unknown.append(cell)
        if columns.keys() & {"title", "task"} and len(columns.keys() - {"number", "note", "id"}) >= 3:
            return at, columns, unknown
    return None


def domain_name(cell: str) -> str:
    """A domain as named in a cell or section row: “幼有所育”事项 → 幼有所育, 一、老有所养（3项） → 老有所养."""
    name = _SECTION_PREFIX.sub("", re.sub(r"[“”\"'‘’\s]", "", cell))
    return re.sub(r"[（(][^)）]*[)）]$|事项$|领域$", "", name)


def column_of(header: str) -> str | None:
    """The column a header names: an exact word, else the longest word it contains (工作内容 before 内容)."""
    name = re.sub(r"[（(][^)）]*[)）]|\s", "", header)
    found = [(word == name, len(word), key) for key, words in COLUMNS.items() for word in words if word in name]
    return max(found)[2] if name and found else None


class _Rows:
    """The rows under one header, resolved: sections, 同上/同左, blanks carried down, totals left out."""

    def __init__(self, table: Table, at: int, columns: dict[str, list[int]], domains: set[str], reading: Reading):
        self.table, self.at, self.columns, self.domains, self.reading = table, at, columns, domains, reading
        self.section, self.kind, self.above, self.cells_above = "", "", {}, []

    def read(self) -> list[Row]:
        rows, header = [], self.table.rows[self.at]
        for cells, number in zip(self.table.rows[self.at + 1 :], self.table.numbers[self.at + 1 :]):
            where = f"{self.table.name} 第{number}行"
            filled = [c for c in cells if c]
            if not filled or cells == header:
                continue
            first = self._first_word(cells)
            if _LEFT_OUT.match(first):
                self.reading.left_out.append(f"{where}：「{first[:20]}」是合计或说明，不是一项，没有导入。")
                continue
            section = self._section(filled)
            if section:
                self._start_section(section)
                continue
            row = self._row(self._same(cells, where), where)
            if row:
                rows.append(row)
        return rows

    def _first_word(self, cells: list[str]) -> str:
        """The first text of the row that is not its number."""
        numbers = self.columns.get("number", [])
        return next((c for i, c in enumerate(cells) if c and not (i in numbers and re.fullmatch(r"\d+", c))), "")

    def _section(self, filled: list[str]) -> str | None:
        texts = list(dict.fromkeys(filled))
        if len(texts) == 2 and re.fullmatch(_ORDINAL + r"[、.．]?", texts[0]):
            return texts[1]  # 一 | 幼有所育 (merged over the rest)
        if len(texts) != 1:
            return None
        text = texts[0].strip()
        name = domain_name(text)
        if len(filled) > 1 or _SECTION_PREFIX.match(text) or name in self.domains or name in KINDS:
            return name
        return None

    def _start_section(self, name: str) -> None:
        name = domain_name(name)
        if name in KINDS:
            self.kind = name
        else:
            self.section, self.kind, self.above = name, "", {}

    def _row(self, cells: list[str], where: str) -> Row | None:
        row = {
            key: "\n".join(dict.fromkeys(cells[i] for i in indexes if i < len(cells) and cells[i]))
            for key, indexes in self.columns.items()
        }
        if row.get("domain") and row["domain"] != self.above.get("domain"):
            self.above = {k: v for k, v in self.above.items() if k not in CARRIED_DOWN}  # a new domain starts afresh
        for key in CARRIED_DOWN if "id" not in self.columns else ("domain",):  # an export writes every cell
            if key in self.columns or key == "domain":
                row[key] = row.get(key) or self.above.get(key, "")
        row["domain"] = row["domain"] or self.section
        self.above = dict(row)
        if not row["domain"]:
            self.reading.unplaced.append(
                f"{where}：{'｜'.join(v for k, v in row.items() if v and k not in PERSONAL)[:40]}"
            )
            return None
        return Row(where, row, self.kind)

    def _same(self, cells: list[str], where: str) -> list[str]:
        """同上 replaced by the cell above (as resolved), 同左 by the cell to its left, from left to right."""
        out = []
        for i, cell in enumerate(cells):
            said = cell.strip().rstrip("。")
            if said in _SAME_ABOVE:
                cell = self.cells_above[i] if i < len(self.cells_above) else ""
            elif said in _SAME_LEFT:
                cell = out[-1] if out else ""
            if said in _SAME_ABOVE | _SAME_LEFT and not cell:
                header = self.table.rows[self.at][i] if i < len(self.table.rows[self.at]) else ""
                self.reading.left_out.append(f"{where}：「{header}」写着“{said}”，但没有可以沿用的内容，按空白处理。")
            out.append(cell)
        self.cells_above = out
        return out
