"""Read the tables of an office document (.docx or .xlsx) as rows of text, merged cells filled in.

配档表 merge a domain's or a leader's cell over several rows. python-docx already repeats a
vertically merged cell's text on every row it covers; openpyxl keeps it in the top-left cell
only, so merged ranges are filled here. Cells left blank to mean "same as above" are the
importer's business: only it knows which columns carry on.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path


class DocumentError(Exception):
    """A file that cannot be read as an office document: the message is Chinese, for the editor."""


@dataclass
class Table:
    name: str  # how the report names it: 表2, 工作表「活动安排」
    rows: list[list[str]]


def read_document(path: Path) -> tuple[list[Table], str]:
    """The document's tables, and all its text (where the importer looks for the year)."""
    path = Path(path)
    readers = {".docx": _docx, ".xlsx": _xlsx}
    if path.suffix.lower() not in readers:
        raise DocumentError(f"不能导入「{path.name}」：只能导入 .docx（Word）或 .xlsx（Excel）文件。"
                            "旧版的 .doc、.xls 请先用 Word 或 Excel 另存为新格式。")
    if not path.is_file():
        raise DocumentError(f"找不到文件「{path}」。请检查路径和文件名。")
    try:
        return readers[path.suffix.lower()](path)
    except Exception as error:  # a damaged or mislabelled file: say so, without a traceback
        raise DocumentError(f"「{path.name}」打不开：文件可能已损坏，"
                            "或者不是真正的 Word/Excel 文件。请用 Word 或 Excel 打开后重新保存一次。") from error


def _docx(path: Path) -> tuple[list[Table], str]:
    import docx

    document = docx.Document(str(path))
    tables = [Table(f"表{n}", [[cell.text.strip() for cell in row.cells] for row in table.rows])
              for n, table in enumerate(document.tables, 1)]
    text = "\n".join(p.text for p in document.paragraphs)
    return tables, text + "\n" + "\n".join(c for t in tables for row in t.rows for c in row)


def _xlsx(path: Path) -> tuple[list[Table], str]:
    import openpyxl

    book = openpyxl.load_workbook(str(path), data_only=True)
    tables = [Table(f"工作表「{sheet.title}」", _sheet_rows(sheet)) for sheet in book.worksheets]
    return tables, "\n".join(c for t in tables for row in t.rows for c in row)


def _sheet_rows(sheet) -> list[list[str]]:
    rows = [[_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    for merged in sheet.merged_cells.ranges:
        value = rows[merged.min_row - 1][merged.min_col - 1]
        for r in range(merged.min_row - 1, merged.max_row):
            for c in range(merged.min_col - 1, merged.max_col):
                rows[r][c] = value
    return rows


def _text(value) -> str:
    """A cell as the office typed it: dates as 2021-10-08 (which `when` reads), 8.0 as 8."""
    if isinstance(value, datetime | date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value).strip()
