"""Import the office's 配档表 into data files, with a report an editor can trust.

tables.py reads the document (any of .docx, .xlsx, .xls, .et, .ods, by content), sheets.py finds the
配档表 and resolves their rows (sections, 同上, merged and blank cells, totals); this module turns rows
into activities and key tasks and writes them. Decisions, also in the guide:

- A row whose domain cannot be told refuses the whole import (nothing written) rather than land in
  an invented domain; so does a table with none of the expected headers, listing the headers seen.
- ids are ASCII, since titles are Chinese: activities <domain>-1, -2 … (unique site-wide), key tasks
  task-1, task-2 … within their domain; domains by name from domains.yml, or the common eleven. A
  编号 column (as `make export` writes) gives the ids, and a workbook whose ids are in the data
  updates those entries instead (update.py).
- People never reach the data: 责任领导/责任人/分管领导 and 联系人 columns are dropped (their names
  listed only in the report, with keep_names); a unit cell is used only if people.py reads it as a
  unit, and each cell refused as a person is listed. 配合单位 joins the unit: 镇民政办（配合：派出所）.
  No unit → 待填写, listed in the report and warned about by `make check` until an editor fills it.
- The year: --year, else campaign.yml's, else the table's own (its title, else its full dates),
  else this year with a warning; the report says which.
- when: the time phrase an item starts with (9—11月，…) or a clause starts with; a cell numbered
  1. 2. 3. becomes one activity per item; no phrase → the campaign period, noted in the file.
- deadline: the whole 完成时限 cell, else its first readable clause, else 长期坚持; the original text
  is kept as a comment beside it. status follows: 长期坚持 for ongoing deadlines, else 进行中; kind is
  重点解决问题 under such a section row or when the title names a problem (…不到位, 看病难), else
  重点工作. Guesses are listed in the report.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from campaign.data.kinds import label
from campaign.data.load import load_site
from campaign.data.models import SLUG, campaign_year
from campaign.data.problems import DataProblems
from campaign.data.schema import modeline, schemas_from
from campaign.data.yamlsource import Source
from campaign.editors.check import PLACEHOLDER
from campaign.editors.newactivity import free_id
from campaign.editors.people import is_unit, split_names
from campaign.editors.sheets import KINDS, Reading, Row, domain_name, read_sheets
from campaign.editors.tables import FORMATS, DocumentError, read_document
from campaign.editors.yamlwrite import Noted, mapping
from campaign.fields.when import read_when

COMMON_DOMAINS = {
    "幼有所育": "childcare",
    "学有所教": "education",
    "病有所医": "healthcare",
    "老有所养": "elderly-care",
    "弱有所扶": "social-assistance",
    "文体服务": "culture-sports",
    "生态环境": "environment",
    "劳有所得": "employment",
    "住有所居": "housing",
    "优军服务保障": "veterans",
    "社会治安": "public-safety",
}
STATUSES = ("未开始", "进行中", "已完成", "长期坚持")
PARTNERS = re.compile(r"^(?P<lead>.*?)（配合：(?P<partners>[^（）]+)）$")  # 镇民政办（配合：派出所、社保所）
_PROBLEM = re.compile(
    r"不到位|不足|不及时|不规范|不经常|不合理|被挤占|问题|欠薪|纠纷|污染|乱|差|难|贵|(?<!低)低(?!保)|长$|拖延"
)
_ITEM = re.compile(r"(?:^|(?<=[\n。；;]))\s*(\d{1,2})\s*[.、．]\s*")
_MEASURE = re.compile(r"(?:^|(?<=[\n。；;]))\s*(?:(\d{1,2})\s*[.、．\s]|([一二三四五六七八九])是)\s*")
_CHANNELS = re.compile(
    "|".join(
        sorted(
            [
                "微信公众号",
                "微信",
                "微博",
                "抖音",
                "快手",
                "短视频",
                "小视频",
                "视频",
                "图片",
                "新闻稿",
                "公益广告",
                "讲座",
                "宣讲会",
                "明白纸",
                "政策手册",
                "演出",
                "展览",
                "座谈",
                "开放日",
                "实地参观",
                "实地观摩",
            ],
            key=len,
            reverse=True,
        )
    )
)
_TITLE_YEAR = re.compile(r"((?:19|20)\d\d)\s*年")
_DATE_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*[-./年]\s*\d{1,2}(?!\d)")
ONGOING = "长期坚持"
_NO_TIME = "配档表没有写时间，暂按活动周期"


class ImportProblem(Exception):
    """The import cannot go ahead: a Chinese message for the editor, nothing written."""


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


def import_document(
    source: Path, out: Path, year: int | None = None, force: bool = False, keep_names: bool = False
) -> Result:
    """Read `source`, write data files into `out`, and return the report (also saved beside `source`)."""
    source, out = Path(source), Path(out)
    try:
        document = read_document(source)
    except DocumentError as error:
        raise ImportProblem(str(error)) from None
    domains = _known_domains(out)
    reading = read_sheets(document.tables, set(domains) | set(COMMON_DOMAINS))
    _refuse_unless_placed(source, reading)
    campaign = _existing(out / "campaign.yml")
    if year is not None and campaign_year(year) is None:
        raise ImportProblem(f"年份 {year} 不对：写 2000 到 2100 之间的年份，例如 --year 2021。")
    year, year_note = _year(year, campaign_year(campaign.get("year")), reading)
    opening = [f"读取：{source.name}（{FORMATS[document.format]}）", *document.notes, f"年份：{year} 年，{year_note}"]
    from campaign.editors.update import update_by_id  # update.py reads rows with this module's helpers

    updated = update_by_id(source, out, reading, year, opening)
    if updated:
        return updated
    plan = _Plan(out, year, campaign.get("period") or "", domains)
    for sheet in reading.sheets:
        for row in sheet.rows:
            (plan.activities if sheet.kind == "activities" else plan.tasks)(row)
    return plan.write(source, force, keep_names, opening, reading.left_out)


def _refuse_unless_placed(source: Path, reading: Reading) -> None:
    if not reading.sheets:
        seen = "".join(f"\n  {h}" for h in reading.headers_seen) or "（文件里没有表格）"
        raise ImportProblem(
            f"「{source.name}」里没有找到配档表：需要有“活动内容”（或“活动名称”“重点工作”“重点任务”）"
            f"和“事项类别”“时间安排”“责任单位”等栏目的表头。看到的表格和表头：{seen}"
        )
    if reading.unplaced:
        raise ImportProblem(
            f"没有导入（什么也没有写）：这 {len(reading.unplaced)} 行看不出属于哪个领域：\n"
            + "\n".join(f"  {line}" for line in reading.unplaced)
            + "\n请在表格里加一栏“事项类别”写上领域，或在这些行上面加一行分类标题"
            "（例如“一、老有所养”），再导入。"
        )


def _year(given: int | None, campaign: int | None, reading: Reading) -> tuple[int, str]:
    """The year undated phrases belong to, and where it came from."""
    found = _table_year(reading)
    differs = (
        f"；配档表写的是 {found[0]} 年（{found[1]}），如果这是新一年的配档表，请导入到新的目录（OUT=…）"
        if found and found[0] != (given or campaign)
        else ""
    )
    if given:
        return given, "按命令行指定" + differs
    if campaign:
        return campaign, "按 campaign.yml 的 year" + differs
    if found:
        return found[0], f"取自{found[1]}"
    this_year = date.today().year
    return this_year, "配档表里没有写年份，按今年理解：不对的话请用 --year 指定，或改 campaign.yml 的 year"


def _table_year(reading: Reading) -> tuple[int, str] | None:
    """The year a table states: in its title, else the most common year of its full dates (2023.4.10)."""
    for sheet in reading.sheets:
        for title in sheet.titles:
            found = _TITLE_YEAR.search(title)
            if found:
                return int(found[1]), f"{sheet.table.name}的标题「{title[:30]}」"
    dated = [
        (int(m[1]), row.where, text)
        for sheet in reading.sheets
        for row in sheet.rows
        for text in row.cells.values()
        for m in _DATE_YEAR.finditer(text)
    ]
    if not dated:
        return None
    year = Counter(y for y, _, _ in dated).most_common(1)[0][0]
    where, text = next((w, t) for y, w, t in dated if y == year)
    return year, f"{where}的日期「{text[:20]}」"


class _Plan:
    """The files an import will write, built row by row."""

    def __init__(self, out: Path, year: int, period: str, domains: dict[str, dict]):
        self.out, self.year, self.period = out, year, period
        self.domains = domains  # name -> {"id", "name", ...}; new ones gain "new": True
        self.entries: dict[str, list[Entry]] = {}  # relative file -> entries
        self.dropped: list[str] = []  # rows that could not become an entry
        self.people: list[str] = []  # unit cells refused as people's names
        self.names = 0  # rows whose leader names were dropped
        self.missing = {"where": 0, "unit": 0}  # placeholders written, by what is missing

    def activities(self, row: Row) -> None:
        domain, title = self._domain(row), _line(row.cells.get("title", ""))
        if not self._usable(row, title, "活动内容"):
            return
        verbatim = "summary" in row.cells  # a table with its own 活动介绍 column: 时间安排 is the time alone
        schedule = row.cells.get("schedule") or row.cells.get("deadline", "")
        items = [_clean(schedule)] if verbatim else _items(schedule)
        names, organiser = self._names(row), self._unit(row)
        for n, item in enumerate(items, 1):
            entry = Entry(row, {}, names=names)
            phrase = (item or None) if verbatim else leading_when(item, self.year)
            told = _clean(row.cells.get("summary", "")) if verbatim else _told(item, phrase)
            entry.data = {
                "id": _given_id(row),  # else numbered when written: see _complete()
                "title": f"{title}（{n}）" if len(items) > 1 else title,
                "domain": domain["id"],
                "when": phrase or Noted(None, _NO_TIME),  # the campaign period, once known
                "where": _line(row.cells.get("where", "")) or self._placeholder("where"),
                "organiser": organiser,
                "audience": _line(row.cells.get("audience", "")),
                "channels": _channels(row, item),
                "summary": "\n\n".join(t for t in (told, _clean(row.cells.get("how", ""))) if t),
            }
            entry.issues += [] if phrase else ["没有写时间，when 暂按活动周期"]
            if len(items) > 1:
                entry.issues.append(f"活动安排分 {len(items)} 条，拆成了 {len(items)} 项活动，请给每项起个简短的名称")
            self._add(f"activities/{domain['id']}.yml", entry, row)

    def tasks(self, row: Row) -> None:
        domain, title = self._domain(row), _line(row.cells.get("task", ""))
        if not self._usable(row, title, "重点工作"):
            return
        entry = Entry(row, {}, names=self._names(row))
        deadline, status = self._deadline(row.cells.get("deadline", ""), entry)
        given = row.cells.get("status", "").strip()
        if given and given not in STATUSES:
            entry.issues.append(f"「进展」写的是「{given}」，不是{'、'.join(STATUSES)}之一，没有用")
        kind = row.cells.get("kind", "").strip()
        file = f"achievements/{domain['id']}.yml"
        entry.data = {
            "id": (_given_id(row) or "").rpartition("/")[2] or f"task-{len(self.entries.get(file, [])) + 1}",
            "title": title,
            "kind": kind if kind in KINDS else row.kind or ("重点解决问题" if _PROBLEM.search(title) else "重点工作"),
            "unit": self._unit(row),
            "measures": measures(row.cells.get("measures", "")),
            "deadline": deadline,
            "status": given if given in STATUSES else status,
        }
        self._add(file, entry, row)

    def _usable(self, row: Row, title: str, column: str) -> bool:
        if title:
            return True
        shown = _clean(" ".join(v for k, v in row.cells.items() if k not in ("leader", "contact", "domain")))
        self.dropped.append(f"{row.where}：没有「{column}」，这一行没有导入" + (f"：{shown[:40]}" if shown else ""))
        return False

    def _add(self, file: str, entry: Entry, row: Row) -> None:
        if row.cells.get("note"):
            entry.issues.append(f"「备注」没有对应的字段，没有导入：{_clean(row.cells['note'])}")
        entry.data = {key: value for key, value in entry.data.items() if value not in ([], "")}
        self.entries.setdefault(file, []).append(entry)

    def _domain(self, row: Row) -> dict:
        name = domain_name(row.cells["domain"])
        if name not in self.domains:
            known = COMMON_DOMAINS.get(name)
            ids = {d["id"] for d in self.domains.values()}
            self.domains[name] = {
                "id": known if known and known not in ids else free_id(ids, "domain"),
                "name": name,
                "new": True,
                "row": row.where,
            }
        return self.domains[name]

    def _names(self, row: Row) -> str:
        people = [name for name in split_names(row.cells.get("leader", "")) if not is_unit(name)]
        self.names += bool(people)
        return "、".join(people)

    def _unit(self, row: Row) -> str:
        """The responsible units a row names, 配合单位 in brackets; cells that read as people are refused."""
        lead, partners = self._units(row, "unit")
        if not lead:
            lead = [name for name in split_names(row.cells.get("leader", "")) if is_unit(name)]
        partners += self._units(row, "partners")[0]
        text = "、".join(lead) or self._placeholder("unit")
        return text + (f"（配合：{'、'.join(dict.fromkeys(partners))}）" if partners else "")

    def _units(self, row: Row, key: str) -> tuple[list[str], list[str]]:
        """The units of a unit column, and those of its （配合：…） part; a name that is not a unit is listed."""
        cell = row.cells.get(key, "")
        found = PARTNERS.match(re.sub(r"\s+", "", cell))
        names = split_names(found["lead"]) if found else split_names(cell)
        partners = split_names(found["partners"]) if found else []
        header = {"unit": "责任单位", "partners": "配合单位"}[key]
        self.people += [
            f"{row.where}「{header}」：「{name}」像是个人姓名，没有当作单位写入"
            for name in names + partners
            if not is_unit(name)
        ]
        return [n for n in names if is_unit(n)], [n for n in partners if is_unit(n)]

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

    def write(self, source: Path, force: bool, keep_names: bool, opening: list[str], skipped: list[str]) -> Result:
        self._complete()
        files = {name: self._render(name, entries) for name, entries in self.entries.items()}
        clash = [name for name in files if (self.out / name).exists()]
        if clash and not force:
            raise ImportProblem(
                "没有导入：这些文件已经存在，导入会覆盖它们："
                + "、".join(label(self.out / name, self.out) for name in clash)
                + "。请换一个输出目录（OUT=…），或确认覆盖（FORCE=1）。"
            )
        notes = self._write_domains() + self._write_campaign()
        for name, (text, _) in files.items():
            (self.out / name).parent.mkdir(parents=True, exist_ok=True)
            (self.out / name).write_text(text, encoding="utf-8")
        lines = {name: starts for name, (_, starts) in files.items()}
        report = _report(self, source, lines, opening, notes, skipped + self.dropped, keep_names)
        ok, checked = self._check()
        return save_report(source, report + "\n\n" + checked, ok)

    def _complete(self) -> None:
        """Activity ids, unique beside the files kept, and the campaign period where no time was written."""
        activities = {name: es for name, es in self.entries.items() if name.startswith("activities/")}
        taken = _existing_ids(self.out, keep_out=set(activities))
        self.period = self.period or _span(activities, self.year)
        entries = [e for es in activities.values() for e in es]
        for entry in entries:  # ids the table gives first, so that a numbered one cannot take them
            given = entry.data["id"]
            entry.data["id"] = given if given and given not in taken else None
            taken.add(entry.data["id"])
        for entry in entries:
            entry.data["id"] = entry.data["id"] or free_id(taken, entry.data["domain"])
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
        text = (
            path.read_text(encoding="utf-8")
            if path.is_file()
            else modeline("domains.yml", schemas_from(self.out)) + "\n"
        )
        entries = [{"id": d["id"], "name": d["name"], "summary": PLACEHOLDER, "unit": PLACEHOLDER} for d in new]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            text.rstrip("\n") + "\n" + "\n".join(line for e in entries for line in mapping(e, item=True)) + "\n",
            encoding="utf-8",
        )
        return [
            f"{label(path, self.out)}：新增领域「{d['name']}」（编号 {d['id']}，{d['row']}）"
            + ("" if d["id"] in COMMON_DOMAINS.values() else "，编号是临时的，可改成有意义的英文")
            + "，请填写一句话简介（summary）和牵头单位（unit）"
            for d in new
        ]

    def _write_campaign(self) -> list[str]:
        path = self.out / "campaign.yml"
        if path.is_file():
            return []
        starter = {
            "title": Noted("市民看城市变化提意见建议", "请核对活动名称"),
            "organiser": PLACEHOLDER,
            "year": self.year,
            "period": Noted(self.period, "按各项活动的时间推断，请核对"),
            "feedback": {
                "form_url": Noted("https://example.org/feedback", "占位地址，上线前换成真实的意见征集表"),
                "hotline": "12345",
            },
        }
        path.write_text(
            modeline("campaign.yml", schemas_from(self.out)) + "\n" + "\n".join(mapping(starter)) + "\n",
            encoding="utf-8",
        )
        return [
            f"{label(path, self.out)}：新建了活动总体信息，请填写主办单位（organiser），"
            "把意见征集表的网址（form_url）换成真实的，核对名称和活动周期"
        ]

    def _check(self) -> tuple[bool, str]:
        try:
            site = load_site(self.out)
        except DataProblems as problems:
            return False, "导入后的检查没有通过：\n" + problems.report()
        return True, (
            f"导入后的检查通过：{len(site.activities)} 项活动，"
            f"{sum(len(a.tasks) for a in site.achievements.values())} 项重点工作。"
            f"请按上面的清单补充“{PLACEHOLDER}”的内容，再运行 make check。"
        )


# --- Text ----------------------------------------------------------------------------------------


def leading_when(text: str, year: int, whole: bool = False) -> str | None:
    """The time phrase that starts the text or one of its clauses: 9—11月，通过… → 9—11月.

    With `whole`, the text itself first (a 完成时限 cell that is one phrase)."""
    candidates = [text] if whole else []
    clauses = re.split(r"[，,。；;\n]|[：:](?!\d)", text)  # 9:30 is a time, not a clause
    candidates += [re.sub(r"^\d{1,2}\s*[.、．]\s*", "", c.strip()) for c in clauses]
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
    return [item for item in (_line(i).rstrip("。；;，,") for i in items) if item]


def _numbered(text: str, marker: re.Pattern) -> list[str]:
    """The items of a text numbered from 1 (a repeated number is a typo, not a new list), or []."""
    found = list(marker.finditer(text))
    numbers = [int(m[1]) if m[1] else "一二三四五六七八九".index(m[2]) + 1 for m in found]
    if len(found) < 2 or numbers[0] != 1 or any(b not in (a, a + 1) for a, b in itertools.pairwise(numbers)):
        return []
    if text[: found[0].start()].strip():
        return []  # text before the first number: not a numbered list
    bounds = [m.end() for m in found]
    return [text[start : (found[i + 1].start() if i + 1 < len(found) else len(text))] for i, start in enumerate(bounds)]


def _clean(text: str) -> str:
    lines = [re.sub(r"[ \t\u3000]+", " ", line).strip() for line in text.strip().splitlines()]
    return "\n".join(line for line in lines if line).rstrip("。")


def _line(text: str) -> str:
    """A one-line field (title, place, audience, measure): a cell's paragraphs joined by a space."""
    return " ".join(_clean(text).splitlines())


def _told(item: str, phrase: str | None) -> str:
    """What an item says beyond its time: nothing when it is only the time (10月份。)."""
    return "" if phrase and re.sub(r"[\s，,。；;]", "", item) == re.sub(r"\s", "", phrase) else item


def _channels(row: Row, item: str) -> list[str]:
    """A 活动形式 column as its list (讲座、微信公众号), else the channels an item names."""
    if "channels" in row.cells:
        return split_names(row.cells["channels"])
    return list(dict.fromkeys(_CHANNELS.findall(item + row.cells.get("how", ""))))


def _given_id(row: Row) -> str | None:
    """A 编号 cell that is an id (childcare-1, healthcare/task-2), not a running number."""
    given = row.cells.get("id", "").strip()
    slug = SLUG[1:-1]
    return given if re.fullmatch(rf"{slug}(?:/{slug})?", given) and not given.isdigit() else None


def _span(activities: dict[str, list[Entry]], year: int) -> str:
    """The months the activities cover, for a new campaign.yml: 9月至12月."""
    whens = [
        read_when(e.data["when"], year) for es in activities.values() for e in es if isinstance(e.data["when"], str)
    ]
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


# --- The report --------------------------------------------------------------------------------


def _report(
    plan: _Plan,
    source: Path,
    lines: dict[str, list[int]],
    opening: list[str],
    notes: list[str],
    skipped: list[str],
    keep_names: bool,
) -> str:
    report = [f"导入报告：{source.name} → {label(plan.out, plan.out)}/", *opening, "", "写入的文件："]
    for name, entries in plan.entries.items():
        what = "项活动" if name.startswith("activities/") else "项重点工作"
        report.append(f"  {label(plan.out / name, plan.out)}：{len(entries)} {what}")
    todo = notes + _todo(plan, lines)
    report += ["", f"需要补充或核对的地方（{len(todo)} 处；make check 会列出每个「{PLACEHOLDER}」的文件和行号）："]
    report += [f"{n}. {t}" for n, t in enumerate(todo, 1)]
    if skipped:
        report += ["", "没有导入的内容："] + [f"  {s}" for s in skipped]
    if plan.people:
        report += [
            "",
            "像是个人姓名、没有当作单位写入的单元格（网站只写单位；如果其实是单位，请写全称，如“××镇民政办”）：",
        ]
        report += [f"  {p}" for p in plan.people]
    if plan.names:
        report += [
            "",
            f"个人姓名：「责任领导」「责任人」等栏目（{plan.names} 行）是个人姓名，网站只写单位，所以没有导入。",
        ]
    if keep_names:
        report += ["责任领导（只记在本报告里，不写入数据）："]
        report += [
            f"  {e.data['id']}「{e.data['title']}」：{e.names}" for es in plan.entries.values() for e in es if e.names
        ]
    report += ["", "逐行对照（配档表的行 → 数据文件的行）："]
    report += [
        f"  {e.source.where} → {label(plan.out / name, plan.out)}:{line} {e.data['id']}「{e.data['title']}」"
        for name, entries in plan.entries.items()
        for e, line in zip(entries, lines[name])
    ]
    return "\n".join(report)


def save_report(source: Path, report: str, ok: bool) -> Result:
    """The report, also saved beside the table it is about."""
    source.with_name(source.name + ".导入报告.txt").write_text(report + "\n", encoding="utf-8")
    return Result(report, ok)


def _todo(plan: _Plan, lines: dict[str, list[int]]) -> list[str]:
    """What the editor must fill in or check: placeholders and guesses in general, then entry by entry."""
    todo = [f"{PLACEHOLDER}：配档表没有写活动地点，{plan.missing['where']} 项活动的 where 要填写。"] * bool(
        plan.missing["where"]
    )
    todo += [
        f"{PLACEHOLDER}：配档表没有写责任单位（个人姓名不导入），{plan.missing['unit']} 项的责任单位"
        "（organiser、unit）要填写。"
    ] * bool(plan.missing["unit"])
    todo += [
        "重点工作的类别（kind）没有写明的按标题推断：写的是问题的（“……不到位”“看病难”）记为“重点解决问题”；"
        "进展（status）没有写明的按完成时限推断：长期的记“长期坚持”，其余记“进行中”。请逐项核对。"
    ] * any(name.startswith("achievements/") for name in plan.entries)
    return todo + [
        f"{label(plan.out / name, plan.out)}:{line}（{e.source.where}「{e.data['title']}」）：{'；'.join(e.issues)}"
        for name, entries in plan.entries.items()
        for e, line in zip(entries, lines[name])
        if e.issues
    ]
