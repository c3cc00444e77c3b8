"""Import the office's 配档表 (.docx or .xlsx) into data files, with a report of what it could not map.

Two tables are recognised by their headers: the activity schedule (事项类别, 责任领导, 活动内容,
活动安排) and the key tasks (事项类别, 责任领导, 重点工作／重点解决问题, 具体措施, 完成时限). A domain or
leader cell that spans several rows, merged or left blank, carries down; without a 事项类别 column, a
row merged across (一、老有所养) names the domain of the rows below. Decisions, also in the guide:

- ids are ASCII, since titles are Chinese: activities <domain>-1, -2 … (unique site-wide), key tasks
  task-1, task-2 … within their domain; domains by name from domains.yml, or the common eleven.
- 责任领导 holds people's names, which the site never publishes: they are dropped (listed only in the
  report, next to the source document, with keep_names). A 责任单位 column, or a leader cell that
  names a unit (民政办), gives organiser/unit; otherwise the value is 待填写, listed in the report
  and warned about by `make check` until an editor fills it.
- when: the time phrase an item starts with (9—11月，…) or a clause starts with; a cell numbered
  1. 2. 3. becomes one activity per item; no phrase → the campaign period, noted in the file.
- deadline: the whole 完成时限 cell, else its first readable clause, else 长期坚持; the original text
  is kept as a comment beside it. status follows: 长期坚持 for ongoing deadlines, else 进行中; kind is
  重点解决问题 when the title names a problem (…不到位, 看病难), else 重点工作. Both are guesses, so
  the report asks the editor to check them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from campaign.editors.check import PLACEHOLDER
from campaign.data.kinds import label
from campaign.data.load import load_site
from campaign.data.models import campaign_year
from campaign.editors.newactivity import free_id
from campaign.data.problems import DataProblems
from campaign.data.schema import modeline, schemas_from
from campaign.editors.tables import DocumentError, Table, read_document
from campaign.fields.when import read_when
from campaign.data.yamlsource import Source
from campaign.editors.yamlwrite import Noted, mapping

COLUMNS = {  # what a column holds, by the words of its header
    "domain": ("事项类别", "领域", "类别", "事项"),
    "leader": ("责任领导", "分管领导", "责任人", "负责人"),
    "unit": ("责任单位", "牵头单位", "责任部门", "承办单位"),
    "title": ("活动内容", "活动名称", "活动项目", "活动主题", "内容"),
    "schedule": ("活动安排", "时间安排", "活动时间", "活动方式", "时间", "方式"),
    "where": ("活动地点", "地点"),
    "audience": ("参与对象", "参加对象", "参加人员", "活动对象"),
    "task": ("重点工作", "重点解决问题", "工作任务", "工作内容"),
    "measures": ("具体措施", "工作措施", "措施"),
    "deadline": ("完成时限", "时限", "完成时间"),
    "note": ("备注",),
    "number": ("序号",),  # known, so not reported as unmapped; nothing to import
}
CARRIED_DOWN = ("domain", "leader", "unit")  # blank means "same as above" in these columns only
UNSORTED = "待分类"  # the domain of rows in a table with neither a 事项类别 column nor section rows
COMMON_DOMAINS = {
    "幼有所育": "childcare", "学有所教": "education", "病有所医": "healthcare", "老有所养": "elderly-care",
    "弱有所扶": "social-assistance", "文体服务": "culture-sports", "生态环境": "environment",
    "劳有所得": "employment", "住有所居": "housing", "优军服务保障": "veterans", "社会治安": "public-safety",
}
_UNIT = re.compile(r"..+(?:办公室|办|中心|所|院|站|局|大队|中队|队|委|学校|校|部|科|社区|街道|公司|馆)$")
_PROBLEM = re.compile(r"不到位|不足|不及时|不规范|不经常|不合理|被挤占|问题|欠薪|纠纷|污染|乱|差|难|贵|(?<!低)低(?!保)|长$|拖延")
_ITEM = re.compile(r"(?:^|(?<=[\n。；;]))\s*(\d{1,2})\s*[.、．]\s*")
_MEASURE = re.compile(r"(?:^|(?<=[\n。；;]))\s*(?:(\d{1,2})\s*[.、．\s]|([一二三四五六七八九])是)\s*")
_CHANNELS = re.compile("|".join(sorted(["微信公众号", "微信", "微博", "抖音", "快手", "短视频", "小视频", "视频", "图片",
                                        "新闻稿", "公益广告", "讲座", "宣讲会", "明白纸", "政策手册", "演出", "展览",
                                        "座谈", "开放日", "实地参观", "实地观摩"], key=len, reverse=True)))
ONGOING = "长期坚持"
_NO_TIME = "配档表没有写时间，暂按活动周期"


class ImportProblem(Exception):
    """The import cannot go ahead: a Chinese message for the editor, nothing written."""


@dataclass
class Row:
    where: str  # 表2 第5行
    cells: dict[str, str]


@dataclass
class Entry:
    """One activity or key task to write, where it came from, and what the editor must look at."""

    source: Row
    data: dict
    issues: list[str] = field(default_factory=list)
    names: str = ""


@dataclass
class Result:
    report: str
    ok: bool


def import_document(source: Path, out: Path, year: int | None = None, force: bool = False,
                    keep_names: bool = False) -> Result:
    """Read `source`, write data files into `out`, and return the report (also saved beside `source`)."""
    source, out = Path(source), Path(out)
    try:
        tables, text = read_document(source)
    except DocumentError as error:
        raise ImportProblem(str(error)) from None
    campaign = _existing(out / "campaign.yml")
    if year is not None and campaign_year(year) is None:
        raise ImportProblem(f"年份 {year} 不对：写 2000 到 2100 之间的年份，例如 --year 2021。")
    year = year or campaign_year(campaign.get("year")) or _year_in(text) or date.today().year
    sheets, skipped = _sheets(tables)
    if not sheets:
        raise ImportProblem(f"「{source.name}」里没有找到配档表：需要有“事项类别”和“活动内容”（或“重点工作”）这几栏的表格。")
    plan = _Plan(out, year, campaign.get("period") or "", _known_domains(out))
    for kind, rows in sheets:
        for row in rows:
            (plan.activities if kind == "activities" else plan.tasks)(row)
    return plan.write(source, force, keep_names, skipped)


# --- Tables ------------------------------------------------------------------------------------


def _sheets(tables: list[Table]) -> tuple[list[tuple[str, list[Row]]], list[str]]:
    """Each 配档表 with its rows as {column: text}; and a note for each table or column left out."""
    sheets, skipped = [], []
    for table in tables:
        found = _header(table)
        if not found:
            skipped.append(f"{table.name}：不是配档表（没有“事项类别”和“活动内容”或“重点工作”这几栏），没有导入。")
            continue
        at, columns, unknown = found
        skipped += [f"{table.name}：「{name}」一栏没有对应的字段，没有导入。" for name in unknown]
        kind = "activities" if "title" in columns else "tasks"
        sheets.append((kind, _rows(table, at, columns)))
    return sheets, skipped


def _header(table: Table):
    """(row index, {column: [cell indexes]}, unrecognised headers) of the first header row, or None."""
    for at, row in enumerate(table.rows[:6]):
        columns, unknown = {}, []
        for i, cell in enumerate(row):
            key = _column(cell)
            if key:
                columns.setdefault(key, []).append(i)
            elif cell and cell not in unknown:
                unknown.append(cell)
        if columns.keys() & {"title", "task"} and len(columns.keys() - {"number", "note"}) >= 3:
            return at, columns, unknown
    return None


def _column(header: str) -> str | None:
    """The column a header names: an exact synonym, else the longest one it contains (工作内容 before 内容)."""
    name = re.sub(r"[（(].*?[)）]|\s", "", header)
    found = [(word == name, len(word), key) for key, words in COLUMNS.items() for word in words if word in name]
    return max(found)[2] if name and found else None


def _rows(table: Table, at: int, columns: dict[str, list[int]]) -> list[Row]:
    """The rows under the header; a row of one text (merged across, or alone in a table without a
    事项类别 column) is a section heading naming the domain of the rows below it: 一、幼有所育."""
    header = table.rows[at]
    rows, above, section = [], {}, UNSORTED
    for number, cells in enumerate(table.rows[at + 1:], at + 2):
        filled = [cell for cell in cells if cell]
        if not filled or cells == header:
            continue
        if len(set(filled)) == 1 and (len(filled) > 1 or "domain" not in columns):
            section = re.sub(r"^[(（]?[一二三四五六七八九十\d]+[)）]?[、.．]?\s*", "", filled[0])
            continue
        row = {key: "\n".join(dict.fromkeys(cells[i] for i in indexes if i < len(cells) and cells[i]))
               for key, indexes in columns.items()}
        row.setdefault("domain", section)
        if row.get("domain") and row["domain"] != above.get("domain"):
            above = {}  # a new domain: its leader and unit start afresh
        for key in CARRIED_DOWN:
            row[key] = row.get(key) or above.get(key, "")
        above = {key: row[key] for key in CARRIED_DOWN}
        rows.append(Row(f"{table.name} 第{number}行", row))
    return rows


# --- From rows to entries ------------------------------------------------------------------------


class _Plan:
    """The files an import will write, built row by row."""

    def __init__(self, out: Path, year: int, period: str, domains: dict[str, dict]):
        self.out, self.year, self.period = out, year, period
        self.domains = domains  # name -> {"id", "name", ...}; new ones gain "new": True
        self.entries: dict[str, list[Entry]] = {}  # relative file -> entries
        self.dropped: list[str] = []  # rows that could not become an entry
        self.names = 0  # leader cells dropped
        self.missing = {"where": 0, "unit": 0}  # placeholders written, by what is missing

    def activities(self, row: Row) -> None:
        domain, title = self._domain(row), _clean(row.cells.get("title", ""))
        if not self._usable(row, domain, title, "活动内容"):
            return
        items, names = _items(row.cells.get("schedule", "")), self._names(row)
        for n, item in enumerate(items, 1):
            entry = Entry(row, {}, names=names)
            phrase = leading_when(item, self.year)
            entry.data = {
                "id": None,  # numbered when written: see write()
                "title": f"{title}（{n}）" if len(items) > 1 else title,
                "domain": domain["id"],
                "when": phrase or Noted(None, _NO_TIME),  # the campaign period, once known
                "where": _clean(row.cells.get("where", "")) or self._placeholder("where"),
                "organiser": self._unit(row),
                "audience": _clean(row.cells.get("audience", "")),
                "channels": list(dict.fromkeys(_CHANNELS.findall(item))),
                "summary": item,
            }
            entry.issues += [] if phrase else ["没有写时间，when 暂按活动周期"]
            if len(items) > 1:
                entry.issues.append(f"活动安排分 {len(items)} 条，拆成了 {len(items)} 项活动，请给每项起个简短的名称")
            self._add(f"activities/{domain['id']}.yml", entry, row)

    def tasks(self, row: Row) -> None:
        domain, title = self._domain(row), _clean(row.cells.get("task", ""))
        if not self._usable(row, domain, title, "重点工作"):
            return
        entry = Entry(row, {}, names=self._names(row))
        deadline, status = self._deadline(row.cells.get("deadline", ""), entry)
        file = f"achievements/{domain['id']}.yml"
        entry.data = {
            "id": f"task-{len(self.entries.get(file, [])) + 1}",
            "title": title,
            "kind": "重点解决问题" if _PROBLEM.search(title) else "重点工作",
            "unit": self._unit(row),
            "measures": measures(row.cells.get("measures", "")),
            "deadline": deadline,
            "status": status,
        }
        self._add(file, entry, row)

    def _usable(self, row: Row, domain: dict | None, title: str, column: str) -> bool:
        if domain and title:
            return True
        missing = "事项类别" if title else column
        self.dropped.append(f"{row.where}：没有「{missing}」，这一行没有导入：{_clean(' '.join(row.cells.values()))[:40]}")
        return False

    def _add(self, file: str, entry: Entry, row: Row) -> None:
        if row.cells.get("note"):
            entry.issues.append(f"「备注」没有对应的字段，没有导入：{_clean(row.cells['note'])}")
        entry.data = {key: value for key, value in entry.data.items() if value not in ([], "")}
        self.entries.setdefault(file, []).append(entry)

    def _domain(self, row: Row) -> dict | None:
        name = re.sub(r"[“”\"'‘’\s]|事项$|领域$", "", row.cells.get("domain", ""))
        if not name:
            return None
        if name not in self.domains:
            known = COMMON_DOMAINS.get(name)
            ids = {d["id"] for d in self.domains.values()}
            self.domains[name] = {"id": known if known and known not in ids else free_id(ids, "domain"),
                                  "name": name, "new": True, "row": row.where}
        return self.domains[name]

    def _names(self, row: Row) -> str:
        people = [part for part in _parts(row.cells.get("leader", "")) if not _UNIT.fullmatch(part)]
        self.names += bool(people)
        return "、".join(people)

    def _unit(self, row: Row) -> str:
        units = _parts(row.cells.get("unit", "")) or [p for p in _parts(row.cells.get("leader", "")) if _UNIT.fullmatch(p)]
        if units:
            return "、".join(units)
        return self._placeholder("unit")

    def _placeholder(self, what: str) -> str:
        self.missing[what] += 1
        return PLACEHOLDER

    def _deadline(self, text: str, entry: Entry) -> tuple[object, str]:
        written = re.sub(r"\s+", " ", text).strip()
        phrase = leading_when(written, self.year, whole=True)
        if phrase == written:
            value = written
        elif phrase:
            value = Noted(phrase, f"原文：{written}")
            entry.issues.append(f"完成时限「{written}」只取了「{phrase}」，请核对")
        else:
            value = Noted(ONGOING, f"原文：{written}" if written else "配档表没有写完成时限")
            entry.issues.append(f"看不懂完成时限「{written}」，暂写为「{ONGOING}」，请改成能读懂的写法")
        kind = read_when(value.value if isinstance(value, Noted) else value, self.year).kind
        return value, (ONGOING if kind in ("ongoing", "recurring") else "进行中")

    def write(self, source: Path, force: bool, keep_names: bool, skipped: list[str]) -> Result:
        self._complete()
        files = {name: self._render(name, entries) for name, entries in self.entries.items()}
        clash = [name for name in files if (self.out / name).exists()]
        if clash and not force:
            raise ImportProblem("没有导入：这些文件已经存在，导入会覆盖它们："
                                + "、".join(label(self.out / name, self.out) for name in clash)
                                + "。请换一个输出目录（OUT=…），或确认覆盖（FORCE=1）。")
        notes = self._write_domains() + self._write_campaign()
        for name, (text, _) in files.items():
            (self.out / name).parent.mkdir(parents=True, exist_ok=True)
            (self.out / name).write_text(text, encoding="utf-8")
        lines = {name: starts for name, (_, starts) in files.items()}
        report = _report(self, source, lines, notes, skipped + self.dropped, keep_names)
        ok, checked = self._check()
        report += "\n\n" + checked
        source.with_name(source.name + ".导入报告.txt").write_text(report + "\n", encoding="utf-8")
        return Result(report, ok)

    def _complete(self) -> None:
        """Activity ids, unique beside the files kept, and the campaign period where no time was written."""
        activities = {name: es for name, es in self.entries.items() if name.startswith("activities/")}
        taken = _existing_ids(self.out, keep_out=set(activities))
        self.period = self.period or _span(activities, self.year)
        for entry in (e for es in activities.values() for e in es):
            entry.data["id"] = free_id(taken, entry.data["domain"])
            taken.add(entry.data["id"])
            if isinstance(entry.data["when"], Noted):
                entry.data["when"] = Noted(self.period, entry.data["when"].note)

    def _render(self, name: str, entries: list[Entry]) -> tuple[str, list[int]]:
        """A file's text, and the line each entry starts on."""
        lines = [modeline(name, schemas_from(self.out))]
        indent = ""
        if name.startswith("achievements/"):
            lines += [f"domain: {Path(name).stem}", "tasks:"]
            indent = "  "
        starts = []
        for entry in entries:
            starts.append(len(lines) + 1)
            lines += mapping(entry.data, indent, item=True)
        return "\n".join(lines) + "\n", starts

    def _write_domains(self) -> list[str]:
        new = [d for d in self.domains.values() if d.get("new")]
        if not new:
            return []
        path = self.out / "domains.yml"
        text = path.read_text(encoding="utf-8") if path.is_file() else modeline("domains.yml", schemas_from(self.out)) + "\n"
        entries = [{"id": d["id"], "name": d["name"], "summary": PLACEHOLDER, "unit": PLACEHOLDER} for d in new]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text.rstrip("\n") + "\n" + "\n".join(l for e in entries for l in mapping(e, item=True)) + "\n",
                        encoding="utf-8")
        return [f"{label(path, self.out)}：新增领域「{d['name']}」（编号 {d['id']}，{d['row']}）"
                + ("" if d["id"] in COMMON_DOMAINS.values() else "，编号是临时的，可改成有意义的英文")
                + "，请填写一句话简介（summary）和牵头单位（unit）" for d in new]

    def _write_campaign(self) -> list[str]:
        path = self.out / "campaign.yml"
        if path.is_file():
            return []
        starter = {
            "title": Noted("市民看城市变化提意见建议", "请核对活动名称"),
            "organiser": PLACEHOLDER,
            "year": self.year,
            "period": Noted(self.period, "按各项活动的时间推断，请核对"),
            "feedback": {"form_url": Noted("https://example.org/feedback", "占位地址，上线前换成真实的意见征集表"),
                         "hotline": "12345"},
        }
        path.write_text(modeline("campaign.yml", schemas_from(self.out)) + "\n" + "\n".join(mapping(starter)) + "\n",
                        encoding="utf-8")
        return [f"{label(path, self.out)}：新建了活动总体信息，请填写主办单位（organiser），"
                "把意见征集表的网址（form_url）换成真实的，核对名称和活动周期"]

    def _check(self) -> tuple[bool, str]:
        try:
            site = load_site(self.out)
        except DataProblems as problems:
            return False, "导入后的检查没有通过：\n" + problems.report()
        return True, (f"导入后的检查通过：{len(site.activities)} 项活动，"
                      f"{sum(len(a.tasks) for a in site.achievements.values())} 项重点工作。"
                      f"请按上面的清单补充“{PLACEHOLDER}”的内容，再运行 make check。")


# --- Text ----------------------------------------------------------------------------------------


def leading_when(text: str, year: int, whole: bool = False) -> str | None:
    """The time phrase that starts the text or one of its clauses: 9—11月，通过… → 9—11月.

    With `whole`, the text itself first (a 完成时限 cell that is one phrase)."""
    candidates = [text] if whole else []
    candidates += [re.sub(r"^\d{1,2}\s*[.、．]\s*", "", c.strip()) for c in re.split(r"[，,。；;：:\n]", text)]
    for clause in candidates:
        for end in range(min(len(clause), 24), 1, -1):
            try:
                read_when(clause[:end], year)
            except ValueError:
                continue
            return clause[:end].strip()
    return None


def _items(text: str) -> list[str]:
    """A cell numbered 1. 2. 3. as its items; any other cell as one item."""
    return [_clean(item) for item in _numbered(text, _ITEM)] or [_clean(text)]


def measures(text: str) -> list[str]:
    """具体措施 as a list: split on 1、2、 or 一是、二是, else on ；; otherwise the whole text."""
    items = _numbered(text, _MEASURE) or re.split(r"[；;]", text)
    return [item for item in (_clean(i).rstrip("。；;，,") for i in items) if item]


def _numbered(text: str, marker: re.Pattern) -> list[str]:
    """The items of a text numbered from 1 (a repeated number is a typo, not a new list), or []."""
    found = list(marker.finditer(text))
    numbers = [int(m[1]) if m[1] else "一二三四五六七八九".index(m[2]) + 1 for m in found]
    if len(found) < 2 or numbers[0] != 1 or any(b not in (a, a + 1) for a, b in zip(numbers, numbers[1:])):
        return []
    if text[:found[0].start()].strip():
        return []  # text before the first number: not a numbered list
    bounds = [m.end() for m in found]
    return [text[start:(found[i + 1].start() if i + 1 < len(found) else len(text))]
            for i, start in enumerate(bounds)]


def _clean(text: str) -> str:
    lines = [re.sub(r"[ \t\u3000]+", " ", line).strip() for line in text.strip().splitlines()]
    return "\n".join(line for line in lines if line).rstrip("。")


def _parts(cell: str) -> list[str]:
    """A leader or unit cell's names: 张庆玲、郑鹏程 or one per line; 翟  震 is one name, padded."""
    return [re.sub(r"\s+", "", p) for p in re.split(r"[\n、，,;；/]+", cell) if p.strip()]


def _span(activities: dict[str, list[Entry]], year: int) -> str:
    """The months the activities cover, for a new campaign.yml: 9月至12月."""
    whens = [read_when(e.data["when"], year) for es in activities.values() for e in es if isinstance(e.data["when"], str)]
    dated = [w for w in whens if w.start and w.end]
    if not dated:
        return "全年"
    first, last = min(w.start for w in dated), max(w.end for w in dated)
    if first.year != last.year:
        return f"{first.year}年{first.month}月至{last.year}年{last.month}月"
    return f"{first.month}月份" if first.month == last.month else f"{first.month}月至{last.month}月"


# --- What is there already -------------------------------------------------------------------------


def _existing(path: Path) -> dict:
    data = Source(path, path.name).data if path.is_file() else None
    return data if isinstance(data, dict) else {}


def _known_domains(out: Path) -> dict[str, dict]:
    path = out / "domains.yml"
    data = Source(path, path.name).data if path.is_file() else None
    return {d["name"]: d for d in data or [] if isinstance(d, dict) and d.get("name") and d.get("id")}


def _existing_ids(out: Path, keep_out: set[str]) -> set[str]:
    """Activity ids in the files an import does not replace."""
    ids = set()
    for path in (out / "activities").glob("*.yml"):
        if f"activities/{path.name}" in keep_out:
            continue
        data = Source(path, path.name).data
        ids |= {a.get("id") for a in data or [] if isinstance(a, dict)}
    return ids


def _year_in(text: str) -> int | None:
    found = re.search(r"(20\d\d)\s*年", text)
    return int(found[1]) if found else None


# --- The report --------------------------------------------------------------------------------


def _report(plan: _Plan, source: Path, lines: dict[str, list[int]], notes: list[str], skipped: list[str],
            keep_names: bool) -> str:
    report = [f"导入报告：{source.name} → {label(plan.out, plan.out)}/（年份按 {plan.year} 年理解）", "", "写入的文件："]
    for name, entries in plan.entries.items():
        what = "项活动" if name.startswith("activities/") else "项重点工作"
        report.append(f"  {label(plan.out / name, plan.out)}：{len(entries)} {what}")
    todo = notes + _todo(plan, lines)
    report += ["", f"需要补充或核对的地方（{len(todo)} 处；make check 会列出每个「{PLACEHOLDER}」的文件和行号）："]
    report += [f"{n}. {t}" for n, t in enumerate(todo, 1)]
    if skipped:
        report += ["", "没有导入的内容："] + [f"  {s}" for s in skipped]
    if plan.names:
        report += ["", f"个人姓名：「责任领导」一栏（{plan.names} 行）是个人姓名，网站只写单位，所以没有导入。"
                   "其他栏目里如果写了个人姓名（例如“某某工作室”），请在数据里改写。"]
    if keep_names:
        report += ["责任领导（只记在本报告里，不写入数据）："]
        report += [f"  {e.data['id']}「{e.data['title']}」：{e.names}" for es in plan.entries.values() for e in es if e.names]
    return "\n".join(report)


def _todo(plan: _Plan, lines: dict[str, list[int]]) -> list[str]:
    """What the editor must fill in or check: placeholders and guesses in general, then entry by entry."""
    todo = [f"{PLACEHOLDER}：配档表没有写活动地点，{plan.missing['where']} 项活动的 where 要填写。"] * bool(plan.missing["where"])
    todo += [f"{PLACEHOLDER}：配档表只有责任领导（个人姓名，不导入），{plan.missing['unit']} 项的责任单位"
             "（organiser、unit）要填写。"] * bool(plan.missing["unit"])
    todo += ["重点工作的类别（kind）按标题推断：写的是问题的（“……不到位”“看病难”）记为“重点解决问题”；进展（status）"
             "按完成时限推断：长期的记“长期坚持”，其余记“进行中”。请逐项核对。"] * any(
        name.startswith("achievements/") for name in plan.entries)
    return todo + [f"{label(plan.out / name, plan.out)}:{line}（{e.source.where}「{e.data['title']}」）：{'；'.join(e.issues)}"
                   for name, entries in plan.entries.items() for e, line in zip(entries, lines[name]) if e.issues]
