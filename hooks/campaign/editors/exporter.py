"""The campaign back out as a 配档表: a workbook to review in Excel or WPS, a Word table to attach to an
official document (`make export`).

The workbook (openpyxl) has one sheet of activities and one of key tasks, in the plan's columns with
Chinese headers, each domain's cells merged down as offices do, and a 编号 column: importing the
workbook again matches its rows to the data by that id (update.py), so a reviewed table flows back.
Each column's text is made here, in one place (`cells`), for the export and for update.py to tell a
changed cell from an unchanged one. The Word table (python-docx) is A4 landscape in 仿宋, headers in
黑体, the fonts of official documents; without them, Word and WPS substitute their own.
"""

from __future__ import annotations

from pathlib import Path

from campaign.data.load import Site
from campaign.editors.importer import PARTNERS

ACTIVITY_COLUMNS = (
    "序号",
    "事项类别",
    "活动内容",
    "时间安排",
    "活动地点",
    "责任单位",
    "配合单位",
    "参与对象",
    "活动形式",
    "活动介绍",
    "编号",
)
TASK_COLUMNS = (
    "序号",
    "事项类别",
    "重点工作／重点解决问题",
    "类型",
    "具体措施",
    "完成时限",
    "责任单位",
    "配合单位",
    "进展",
    "编号",
)
WIDTHS = {
    "序号": 6,
    "事项类别": 12,
    "活动内容": 24,
    "重点工作／重点解决问题": 24,
    "时间安排": 14,
    "完成时限": 14,
    "活动地点": 16,
    "责任单位": 16,
    "配合单位": 14,
    "参与对象": 14,
    "活动形式": 14,
    "活动介绍": 40,
    "具体措施": 44,
    "类型": 12,
    "进展": 10,
    "编号": 18,
}
BODY_FONT, HEADING_FONT = "仿宋", "黑体"


def cells(site: Site, kind: str, item, domain: str) -> dict[str, str]:
    """One activity's or key task's row: {header: text}. The text update.py compares each cell with."""
    unit = item.organiser if kind == "activities" else item.unit
    found = PARTNERS.match(unit)
    row = {
        "事项类别": site.domain(domain).name,
        "责任单位": found["lead"] if found else unit,
        "配合单位": found["partners"] if found else "",
    }
    if kind == "activities":
        return row | {
            "活动内容": item.title,
            "时间安排": item.when.text,
            "活动地点": item.where,
            "参与对象": item.audience,
            "活动形式": "、".join(item.channels),
            "活动介绍": item.summary.strip(),
            "编号": item.id,
        }
    numbered = [f"{n}. {m}" for n, m in enumerate(item.measures, 1)] if len(item.measures) > 1 else item.measures
    return row | {
        "重点工作／重点解决问题": item.title,
        "类型": item.kind,
        "具体措施": "\n".join(numbered),
        "完成时限": item.deadline.text,
        "进展": item.status,
        "编号": f"{domain}/{item.id}",
    }


def rows(site: Site, kind: str) -> list[dict[str, str]]:
    """Every activity or key task in domain order, as cells."""
    order = {d.id: n for n, d in enumerate(site.domains)}
    if kind == "activities":
        items = sorted(site.activities, key=lambda a: order[a.domain])  # stable: file order within a domain
        return [cells(site, kind, a, a.domain) for a in items]
    return [
        cells(site, kind, t, d) for d in sorted(site.achievements, key=order.get) for t in site.achievements[d].tasks
    ]


def title(site: Site, kind: str) -> str:
    what = "活动安排" if kind == "activities" else "重点工作和重点解决问题"
    return f"{site.campaign.year}年“{site.campaign.title}”{what}配档表"


SHEETS = (("activities", "活动安排", ACTIVITY_COLUMNS), ("tasks", "重点工作", TASK_COLUMNS))


def export_workbook(site: Site, path: Path) -> Path:
    import openpyxl
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    book = openpyxl.Workbook()
    book.remove(book.active)
    line = Side(style="thin")
    for kind, name, columns in SHEETS:
        sheet = book.create_sheet(name)
        sheet.append([title(site, kind)])
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(columns))
        sheet["A1"].font = Font(name=HEADING_FONT, size=16)
        sheet["A1"].alignment = Alignment(horizontal="center")
        sheet.append(list(columns))
        table = rows(site, kind)
        for n, row in enumerate(table, 1):
            sheet.append([str(n) if c == "序号" else row[c] for c in columns])
        for r, row in enumerate(sheet.iter_rows(min_row=2), 2):
            for cell in row:
                cell.font = Font(name=HEADING_FONT if r == 2 else BODY_FONT, size=11, bold=False)
                cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center" if r == 2 else None)
                cell.border = Border(left=line, right=line, top=line, bottom=line)
        for first, last in _runs([row["事项类别"] for row in table]):
            sheet.merge_cells(start_row=first + 3, start_column=2, end_row=last + 3, end_column=2)
        for c, header in enumerate(columns, 1):
            sheet.column_dimensions[get_column_letter(c)].width = WIDTHS[header]
        for r, row in enumerate(sheet.iter_rows(min_row=3), 3):  # Calc and WPS do not grow wrapped rows on opening
            sheet.row_dimensions[r].height = 15 * max(
                _lines(cell.value or "", WIDTHS[h]) for cell, h in zip(row, columns)
            )
        sheet.freeze_panes = "C3"
        sheet.print_title_rows = "2:2"
        sheet.page_setup.orientation, sheet.page_setup.paperSize = "landscape", sheet.PAPERSIZE_A4
        sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(str(path))
    return path


def export_document(site: Site, path: Path) -> Path:
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    document = docx.Document()
    section = document.sections[0]
    section.orientation, section.page_width, section.page_height = WD_ORIENT.LANDSCAPE, Cm(29.7), Cm(21)
    section.left_margin = section.right_margin = Cm(2)
    section.top_margin = section.bottom_margin = Cm(2)
    _font(document.styles["Normal"].element, BODY_FONT)
    document.styles["Normal"].font.size = Pt(11)
    for n, (kind, _, columns) in enumerate(SHEETS):
        if n:
            document.add_page_break()
        heading = document.add_paragraph()
        heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _font(heading.add_run(title(site, kind)), HEADING_FONT, Pt(16))
        shown = [c for c in columns if c != "编号"]  # an attachment for approval: ids are for the workbook
        table_rows = rows(site, kind)
        table = document.add_table(rows=1 + len(table_rows), cols=len(shown))
        table.style, table.autofit = "Table Grid", False
        scale = 25.7 / sum(WIDTHS[h] for h in shown)  # the columns share the landscape page's 25.7 cm
        for c, header in enumerate(shown):
            width = Cm(WIDTHS[header] * scale)
            table.columns[c].width = width  # the grid, which LibreOffice and WPS follow
            for cell in table.columns[c].cells:
                cell.width = width  # each cell, which Word follows
            _cell(table.cell(0, c), header, HEADING_FONT)
        _repeat_header(table.rows[0])
        for r, row in enumerate(table_rows, 1):
            for c, header in enumerate(shown):
                _cell(table.cell(r, c), str(r) if header == "序号" else row[header], BODY_FONT)
        for first, last in _runs([row["事项类别"] for row in table_rows]):
            merged = table.cell(first + 1, 1).merge(table.cell(last + 1, 1))
            _cell(merged, table_rows[first]["事项类别"], BODY_FONT)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


def _cell(cell, text: str, font: str) -> None:
    cell.text = ""
    paragraph = cell.paragraphs[0]
    for n, line in enumerate(text.split("\n")):
        run = paragraph.add_run(line)
        _font(run, font)
        if n < text.count("\n"):
            run.add_break()


def _font(target, name: str, size=None) -> None:
    """A run's or style's font, East Asian text included (Word reads w:eastAsia for Chinese)."""
    from docx.oxml.ns import qn

    element = getattr(target, "_element", target)
    properties = element.get_or_add_rPr()
    fonts = properties.find(qn("w:rFonts"))
    if fonts is None:
        fonts = properties.makeelement(qn("w:rFonts"), {})
        properties.insert(0, fonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia"):
        fonts.set(qn(attribute), name)
    if size is not None:
        target.font.size = size


def _repeat_header(row) -> None:
    """The header row repeats on every page of a long table."""
    from docx.oxml import OxmlElement

    row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))


def _lines(text: str, width: int) -> int:
    """How many lines a wrapped cell takes: a Chinese character is two of Excel's width units."""
    return sum(
        -(-sum(2 if ord(ch) > 0x2E7F else 1 for ch in line) // max(width - 1, 1)) or 1 for line in str(text).split("\n")
    )


def _runs(values: list[str]) -> list[tuple[int, int]]:
    """(first, last) index of each run of two or more equal values."""
    runs = []
    for i, value in enumerate(values):
        if runs and values[runs[-1][0]] == value:
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
    return [run for run in runs if run[1] > run[0]]
