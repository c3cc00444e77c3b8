"""Read the tables of an office document as rows of text, the way the office sees them on screen.

The file is read by what it contains, not by its extension (offices rename files, and web systems
save HTML as .xls): Word .docx by python-docx, Excel .xlsx by openpyxl, the old .xls and WPS's .et by
xlrd (both know hidden rows and columns and merged cells, which python-calamine does not report), and
OpenDocument .ods by python-calamine. Old Word (.doc) and WPS 文字 (.wps) files are refused with the
steps to re-save them.

What the reader settles, so the importer sees only what a reader of the table sees:
- merged cells repeat their text on every row and column they cover;
- Word's tracked changes (修订): insertions are kept, deletions (text and rows) left out, as if
  every change had been accepted; hidden text is left out;
- hidden rows, columns and sheets are left out, and listed in `Table.left_out`;
- tables nested in a layout table are tables of their own;
- Excel dates keep their time of day (2023-05-20 09:30); a date formatted without a day is a month.
Rows keep the table's own numbers (Excel's row number, the row's place in a Word table), so the
report points where the editor looks.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from xml.etree import ElementTree

WORD_STEPS = (
    "请先另存为 .docx：在 WPS 文字中，点左上角「文件」→「另存为」，文件类型选「Microsoft Word 文件(*.docx)」；"
    "在 Microsoft Word 中，点「文件」→「另存为」，保存类型选「Word 文档(*.docx)」。保存后导入新的 .docx 文件。"
)
SHEET_STEPS = (
    "请先另存为 .xlsx：在 WPS 表格中，点左上角「文件」→「另存为」，文件类型选「Microsoft Excel 文件(*.xlsx)」；"
    "在 Microsoft Excel 中，点「文件」→「另存为」，保存类型选「Excel 工作簿(*.xlsx)」。保存后导入新的 .xlsx 文件。"
)
FORMATS = {"docx": "Word 文档", "xlsx": "Excel 工作簿", "xls": "旧版 Excel 或 WPS 表格", "ods": "OpenDocument 表格"}


class DocumentError(Exception):
    """A file that cannot be read as an office document: the message is Chinese, for the editor."""


@dataclass
class Table:
    name: str  # how the report names it: 表2, 表1里的第1个表格, 工作表「活动安排」
    rows: list[list[str]]
    numbers: list[int]  # each row's own number in the table or sheet
    title: str = ""  # the paragraph just above a Word table
    left_out: list[str] = field(default_factory=list)  # hidden or deleted rows and columns


@dataclass
class Document:
    tables: list[Table]
    format: str  # a key of FORMATS: what the content turned out to be
    notes: list[str] = field(default_factory=list)  # e.g. an extension that did not match the content


def read_document(path: Path) -> Document:
    path = Path(path)
    if not path.is_file():
        raise DocumentError(f"找不到文件「{path}」。请检查路径和文件名。")
    kind = sniff(path)
    readers = {"docx": _docx, "xlsx": _xlsx, "xls": _xls, "ods": _ods}
    try:
        tables = readers[kind](path)
    except DocumentError:
        raise
    except Exception as error:  # a damaged file: say so, without a traceback
        if kind == "xls":  # an OLE2 file that is not a workbook after all
            raise DocumentError(
                f"「{path.name}」打不开：它既不是 Excel/WPS 表格，也不是能直接导入的 Word 文件。"
                f"如果是表格，{SHEET_STEPS}如果是文档，{WORD_STEPS}"
            ) from error
        raise DocumentError(
            f"「{path.name}」打不开：文件可能已损坏。请用 WPS 或 Office 打开它，确认内容完整后重新保存一次再导入。"
        ) from error
    notes = []
    expected = {".docx": "docx", ".xlsx": "xlsx", ".xls": "xls", ".et": "xls", ".ods": "ods"}.get(path.suffix.lower())
    if expected != kind:
        notes.append(f"文件扩展名是「{path.suffix or '（无）'}」，内容其实是{FORMATS[kind]}，已按{FORMATS[kind]}读取。")
    return Document(tables, kind, notes)


def sniff(path: Path) -> str:
    """What the file is, by its first bytes (and, for a zip, the parts inside); refused with what to do."""
    head = path.read_bytes()  # an OLE2 file's directory can lie anywhere in it
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(path)
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):  # OLE2: old Excel, WPS 表格, old Word or WPS 文字
        if "WordDocument".encode("utf-16-le") in head:
            raise DocumentError(
                f"不能直接导入「{path.name}」：这是旧版 Word（.doc）或 WPS 文字（.wps）文件。{WORD_STEPS}"
            )
        return "xls"
    start = head.lstrip()[:400].lower()
    if start.startswith(b"{\\rtf"):
        raise DocumentError(f"不能直接导入「{path.name}」：这是 RTF 格式的文档。{WORD_STEPS}")
    if start.startswith((b"<html", b"<!doctype", b"<?xml", b"<table")) or b"<html" in start:
        raise DocumentError(
            f"不能直接导入「{path.name}」：这是网页格式的表格（很多系统导出的 .xls 其实是网页）。{SHEET_STEPS}"
        )
    raise DocumentError(
        f"不能导入「{path.name}」：它不是 Word、Excel 或 WPS 文件。请导入 .docx、.xlsx、.xls、.et 或 .ods 文件。"
    )


def _zip_kind(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            mimetype = archive.read("mimetype").decode("ascii", "replace") if "mimetype" in names else ""
    except zipfile.BadZipFile:
        raise DocumentError(
            f"「{path.name}」打不开：文件不完整或已损坏。请用 WPS 或 Office 打开后重新保存一次。"
        ) from None
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if mimetype.endswith("opendocument.spreadsheet"):
        return "ods"
    if mimetype.endswith("opendocument.text"):
        raise DocumentError(f"不能直接导入「{path.name}」：这是 OpenDocument 文字文件（.odt）。{WORD_STEPS}")
    raise DocumentError(
        f"不能导入「{path.name}」：它不是 Word、Excel 或 WPS 文件。请导入 .docx、.xlsx、.xls、.et 或 .ods 文件。"
    )


# --- Word --------------------------------------------------------------------------------------


def _docx(path: Path) -> list[Table]:
    import docx
    from docx.table import Table as WordTable

    document = docx.Document(str(path))
    tables, title, count = [], "", 0
    for element in document.element.body.iterchildren():
        if element.tag == _w("p"):
            title = _word_text(element) or title
        elif element.tag == _w("tbl"):
            count += 1
            _word_table(WordTable(element, document), f"表{count}", title, tables)
            title = ""
    return tables


def _word_table(table, name: str, title: str, found: list[Table]) -> None:
    """`table` as a Table, and each table nested in its cells after it."""
    rows, numbers, left_out, nested = [], [], [], []
    for number, row in enumerate(table.rows, 1):
        properties = row._tr.trPr
        if properties is not None and properties.find(_w("del")) is not None:
            left_out.append(f"第{number}行在修订中已删除，没有导入。")
            continue
        if properties is not None and properties.find(_w("hidden")) is not None:
            left_out.append(f"第{number}行是隐藏行，没有导入。")
            continue
        cells = [""] * row.grid_cols_before
        for cell in row.cells:
            cells.append(_word_text(cell._tc))
            nested += [t for t in cell.tables if t._tbl not in (n._tbl for n in nested)]
        rows.append(cells)
        numbers.append(number)
    width = max(map(len, rows), default=0)
    found.append(Table(name, [r + [""] * (width - len(r)) for r in rows], numbers, title, left_out))
    for n, inner in enumerate(nested, 1):
        _word_table(inner, f"{name}里的第{n}个表格", title, found)  # the title above the layout table


def _word_text(element) -> str:
    """The visible text of a paragraph or cell with tracked changes accepted: inserted text kept,
    deleted and moved-away text and hidden text left out; nested tables are not part of it."""
    lines = []
    for paragraph in element.iter(_w("p")):
        if _inside_nested_table(paragraph, element):
            continue
        text = []
        for node in paragraph.iter(_w("t"), _w("tab"), _w("br"), _w("cr")):
            run = node.getparent()
            if _ancestor(node, _w("moveFrom"), paragraph) or _vanished(run):
                continue
            text.append(node.text or "" if node.tag == _w("t") else ("\t" if node.tag == _w("tab") else "\n"))
        lines.append("".join(text))
    return "\n".join(lines).strip()


def _inside_nested_table(paragraph, top) -> bool:
    node = paragraph.getparent()
    while node is not None and node is not top:
        if node.tag == _w("tbl"):
            return True
        node = node.getparent()
    return False


def _ancestor(node, tag: str, stop) -> bool:
    while node is not None and node is not stop:
        if node.tag == tag:
            return True
        node = node.getparent()
    return False


def _vanished(run) -> bool:
    vanish = run.find(f"{_w('rPr')}/{_w('vanish')}") if run is not None else None
    return vanish is not None and vanish.get(_w("val"), "true") not in ("false", "0", "off")


def _w(tag: str) -> str:
    return "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}" + tag


# --- Excel (.xlsx) -------------------------------------------------------------------------------


def _xlsx(path: Path) -> list[Table]:
    import openpyxl

    with path.open("rb") as file:  # a file, so openpyxl does not judge it by its extension
        book = openpyxl.load_workbook(file, data_only=True)
    tables = []
    for sheet in book.worksheets:
        name = f"工作表「{sheet.title}」"
        if sheet.sheet_state != "visible":
            tables.append(Table(name, [], [], left_out=["这个工作表是隐藏的，没有导入。"]))
            continue
        tables.append(_sheet(sheet, name))
    return tables


def _sheet(sheet, name: str) -> Table:
    from openpyxl.utils import get_column_letter

    grid = [[_cell_text(cell.value, cell.number_format) for cell in row] for row in sheet.iter_rows()]
    for merged in sheet.merged_cells.ranges:
        _fill(grid, merged.min_row - 1, merged.min_col - 1, merged.max_row - 1, merged.max_col - 1)
    hidden_columns = sorted({c for d in sheet.column_dimensions.values() if d.hidden for c in range(d.min, d.max + 1)})
    hidden_rows = {r for r, d in sheet.row_dimensions.items() if d.hidden}
    return _visible(grid, name, hidden_rows, hidden_columns, get_column_letter)


def _visible(grid, name, hidden_rows: set[int], hidden_columns: list[int], letter) -> Table:
    """The grid less its hidden rows and columns (1-based numbers), each one listed."""
    left_out = []
    for column in hidden_columns:
        label = next((row[column - 1] for row in grid[:8] if len(row) >= column and row[column - 1]), "")
        if any(len(row) >= column and row[column - 1] for row in grid):
            left_out.append(f"{letter(column)} 列是隐藏列{f'（{label}）' if label else ''}，没有导入。")
    rows, numbers = [], []
    for number, row in enumerate(grid, 1):
        if number in hidden_rows:
            if any(row):
                left_out.append(f"第{number}行是隐藏行，没有导入：{'｜'.join(c for c in row if c)[:40]}")
            continue
        rows.append([c for i, c in enumerate(row, 1) if i not in hidden_columns])
        numbers.append(number)
    return Table(name, rows, numbers, left_out=left_out)


def _fill(grid: list[list[str]], top: int, left: int, bottom: int, right: int) -> None:
    """A merged range: its top-left text on every cell it covers."""
    if top >= len(grid) or left >= len(grid[top]):
        return
    value = grid[top][left]
    for r in range(top, min(bottom + 1, len(grid))):
        for c in range(left, min(right + 1, len(grid[r]))):
            grid[r][c] = value


def _cell_text(value, number_format: str = "") -> str:
    """A cell as the office sees it: 2023-05-20, 2023-05-20 09:30, 2023年5月 (no day shown), 8.0 as 8."""
    if isinstance(value, datetime) and value.time() != time(0):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime | date):
        if number_format and "d" not in number_format.lower() and "y" in number_format.lower():
            return f"{value.year}年{value.month}月"
        return value.strftime("%Y-%m-%d")
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, timedelta):  # calamine reads a time-only cell as a duration
        minutes = int(value.total_seconds()) // 60
        return f"{minutes // 60:02d}:{minutes % 60:02d}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, bool):
        return "是" if value else "否"
    return "" if value is None else str(value).strip()


# --- .xls, .et ---------------------------------------------------------------------------------


def _xls(path: Path) -> list[Table]:
    """Old Excel and WPS 表格 files (BIFF) by xlrd, which reports hidden rows and columns (calamine does not)."""
    import xlrd
    from openpyxl.utils import get_column_letter

    book = xlrd.open_workbook(file_contents=path.read_bytes(), formatting_info=True)
    tables = []
    for sheet in book.sheets():
        name = f"工作表「{sheet.name}」"
        if sheet.visibility:
            tables.append(Table(name, [], [], left_out=["这个工作表是隐藏的，没有导入。"]))
            continue
        grid = [[_xls_text(sheet.cell(r, c), book) for c in range(sheet.ncols)] for r in range(sheet.nrows)]
        for top, bottom, left, right in sheet.merged_cells:
            _fill(grid, top, left, bottom - 1, right - 1)
        hidden_rows = {r + 1 for r, info in sheet.rowinfo_map.items() if info.hidden}
        hidden_columns = sorted(c + 1 for c, info in sheet.colinfo_map.items() if info.hidden)
        tables.append(_visible(grid, name, hidden_rows, hidden_columns, get_column_letter))
    return tables


def _xls_text(cell, book) -> str:
    import xlrd

    if cell.ctype == xlrd.XL_CELL_DATE:
        value = xlrd.xldate.xldate_as_datetime(cell.value, book.datemode)
        return _cell_text(
            value.time() if cell.value < 1 else value,
            book.format_map[book.xf_list[cell.xf_index].format_key].format_str,
        )
    return _cell_text(cell.value)


# --- .ods --------------------------------------------------------------------------------------


def _ods(path: Path) -> list[Table]:
    """OpenDocument sheets (LibreOffice, WPS) by python-calamine; hidden rows and columns and merged
    cells, which calamine does not report for .ods, from the sheet's XML."""
    from openpyxl.utils import get_column_letter
    from python_calamine import CalamineWorkbook, SheetVisibleEnum

    hidden = _ods_layout(path)
    tables = []
    with path.open("rb") as file, CalamineWorkbook.from_filelike(file) as book:
        for meta in book.sheets_metadata:
            name = f"工作表「{meta.name}」"
            if meta.visible != SheetVisibleEnum.Visible:
                tables.append(Table(name, [], [], left_out=["这个工作表是隐藏的，没有导入。"]))
                continue
            grid = [
                [_cell_text(v) for v in row]
                for row in book.get_sheet_by_name(meta.name).to_python(skip_empty_area=False)
            ]
            rows, columns, merges = hidden.get(meta.name, (set(), [], []))
            for (top, left), (bottom, right) in merges:
                _fill(grid, top, left, bottom, right)
            tables.append(_visible(grid, name, rows, columns, get_column_letter))
    return tables


_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"


def _ods_layout(path: Path) -> dict[str, tuple[set[int], list[int], list]]:
    """For each sheet of an .ods, its hidden rows and columns (1-based) and merged ranges (0-based)."""
    with zipfile.ZipFile(path) as archive:
        root = ElementTree.fromstring(archive.read("content.xml"))
    found = {}
    for sheet in root.iter(_t("table")):
        rows, columns, merges, column, row = set(), [], [], 1, 1
        for node in sheet.iter(_t("table-column")):
            repeat = min(int(node.get(_t("number-columns-repeated"), 1)), 1024)
            if node.get(_t("visibility"), "visible") != "visible":
                columns += range(column, column + repeat)
            column += repeat
        for node in sheet.iter(_t("table-row")):
            repeat = min(int(node.get(_t("number-rows-repeated"), 1)), 1 << 16)
            if node.get(_t("visibility"), "visible") != "visible":
                rows.update(range(row, row + repeat))
            _ods_merges(node, row - 1, merges)
            row += repeat
        found[sheet.get(_t("name"))] = (rows, columns, merges)
    return found


def _ods_merges(row, index: int, merges: list) -> None:
    column = 0
    for cell in row:
        spans = (int(cell.get(_t("number-rows-spanned"), 1)), int(cell.get(_t("number-columns-spanned"), 1)))
        if spans != (1, 1):
            merges.append(((index, column), (index + spans[0] - 1, column + spans[1] - 1)))
        column += int(cell.get(_t("number-columns-repeated"), 1))


def _t(name: str) -> str:
    return f"{{{_TABLE}}}{name}"
