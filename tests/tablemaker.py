"""Write one table as an office would, in any format the importer reads: .docx (python-docx), .xlsx
(openpyxl), .xls (xlwt) and .ods (its XML, as LibreOffice writes it), with merged cells and hidden rows
and columns. Rows are lists of text (or datetime); merges are (first row, first column, last row,
last column), 0-based and inclusive."""

from __future__ import annotations

import zipfile
from datetime import datetime
from pathlib import Path
from xml.sax.saxutils import escape

import docx
import openpyxl
import xlwt
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

FORMATS = ("docx", "xlsx", "xls", "ods")
SHEETS = ("xlsx", "xls", "ods")  # the formats with hidden rows and columns


def write_table(path: Path, rows: list[list], merges=(), hidden_rows=(), hidden_columns=(), title: str = "") -> Path:
    """`rows` in the format named by the path's suffix; a title above it (a paragraph, or a first row merged across)."""
    kind = path.suffix[1:]
    if title and kind != "docx":
        width = max(map(len, rows))
        rows = [[title] + [""] * (width - 1)] + rows
        merges = [(0, 0, 0, width - 1)] + [(a + 1, b, c + 1, d) for a, b, c, d in merges]
        hidden_rows = [r + 1 for r in hidden_rows]
    {"docx": _docx, "xlsx": _xlsx, "xls": _xls, "ods": _ods}[kind](
        path, rows, merges, set(hidden_rows), set(hidden_columns), title
    )
    return path


def _docx(path, rows, merges, hidden_rows, hidden_columns, title):
    assert not hidden_rows and not hidden_columns, "Word has no hidden columns"
    document = docx.Document()
    if title:
        document.add_paragraph(title)
    add_word_table(document, rows, merges)
    document.save(str(path))


def add_word_table(container, rows, merges=()):
    width = max(map(len, rows))
    table = container.add_table(rows=len(rows), cols=width)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text != "" and not _covered(r, c, merges):
                table.cell(r, c).text = str(text)
    for top, left, bottom, right in merges:
        table.cell(top, left).merge(table.cell(bottom, right))
    return table


def _covered(r, c, merges) -> bool:
    return any(
        top <= r <= bottom and left <= c <= right and (r, c) != (top, left) for top, left, bottom, right in merges
    )


def _xlsx(path, rows, merges, hidden_rows, hidden_columns, title):
    book = openpyxl.Workbook()
    sheet = book.active
    for r, row in enumerate(rows, 1):
        for c, value in enumerate(row, 1):
            if value != "" and not _covered(r - 1, c - 1, merges):
                sheet.cell(r, c, value)
                if isinstance(value, datetime):
                    sheet.cell(r, c).number_format = "yyyy-mm-dd hh:mm"
    for top, left, bottom, right in merges:
        sheet.merge_cells(start_row=top + 1, start_column=left + 1, end_row=bottom + 1, end_column=right + 1)
    for r in hidden_rows:
        sheet.row_dimensions[r + 1].hidden = True
    for c in hidden_columns:
        sheet.column_dimensions[openpyxl.utils.get_column_letter(c + 1)].hidden = True
    book.save(str(path))


def _xls(path, rows, merges, hidden_rows, hidden_columns, title):
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("配档表")
    dated = xlwt.easyxf(num_format_str="yyyy-mm-dd hh:mm")
    for top, left, bottom, right in merges:
        sheet.write_merge(top, bottom, left, right, rows[top][left])
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value != "" and not any(t <= r <= b and lft <= c <= rgt for t, lft, b, rgt in merges):
                sheet.write(r, c, value, dated) if isinstance(value, datetime) else sheet.write(r, c, value)
        sheet.row(r).hidden = r in hidden_rows
    for c in hidden_columns:
        sheet.col(c).hidden = True
    book.save(str(path))


_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
)


def _ods(path, rows, merges, hidden_rows, hidden_columns, title):
    width = max(map(len, rows))
    collapse = ' table:visibility="collapse"'
    body = [f"<table:table-column{collapse if c in hidden_columns else ''}/>" for c in range(width)]
    for r, row in enumerate(rows):
        cells = []
        for c in range(width):
            value = row[c] if c < len(row) else ""
            span = next(((b - t + 1, rg - lf + 1) for t, lf, b, rg in merges if (t, lf) == (r, c)), None)
            if _covered(r, c, merges):
                cells.append("<table:covered-table-cell/>")
                continue
            spanned = f' table:number-rows-spanned="{span[0]}" table:number-columns-spanned="{span[1]}"' if span else ""
            if isinstance(value, datetime):
                cells.append(
                    f'<table:table-cell office:value-type="date" office:date-value="{value.isoformat()}"'
                    f"{spanned}><text:p>{value}</text:p></table:table-cell>"
                )
            elif value == "":
                cells.append(f"<table:table-cell{spanned}/>")
            else:
                paragraphs = "".join(f"<text:p>{escape(line)}</text:p>" for line in str(value).split("\n"))
                kind = "float" if isinstance(value, int) else "string"
                number = f' office:value="{value}"' if kind == "float" else ""
                cells.append(
                    f'<table:table-cell office:value-type="{kind}"{number}{spanned}>{paragraphs}</table:table-cell>'
                )
        body.append(f"<table:table-row{collapse if r in hidden_rows else ''}>{''.join(cells)}</table:table-row>")
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_NS} office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="配档表">{"".join(body)}'
        "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)


# --- Word's tracked changes -----------------------------------------------------------------------


def tracked(cell, kept: str, inserted: str = "", deleted: str = "", moved_away: str = "") -> None:
    """A cell's text as Word writes it under 修订: runs inside <w:ins>, <w:del> (w:delText) and <w:moveFrom>."""
    paragraph = cell.paragraphs[0]._p
    for child in list(paragraph):
        if child.tag == qn("w:r"):
            paragraph.remove(child)
    paragraph.append(_run(kept))
    for tag, text in (("w:ins", inserted), ("w:del", deleted), ("w:moveFrom", moved_away)):
        if text:
            change = OxmlElement(tag)
            change.set(qn("w:id"), "1")
            change.set(qn("w:author"), "审核人")
            change.append(_run(text, deleted=tag == "w:del"))
            paragraph.append(change)


def _run(text: str, deleted: bool = False):
    run, node = OxmlElement("w:r"), OxmlElement("w:delText" if deleted else "w:t")
    node.text = text
    node.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    run.append(node)
    return run


def delete_row(row) -> None:
    """Mark a table row deleted under 修订 (<w:trPr><w:del/>), its text moved into w:delText."""
    properties = row._tr.get_or_add_trPr()
    change = OxmlElement("w:del")
    change.set(qn("w:id"), "2")
    change.set(qn("w:author"), "审核人")
    properties.append(change)
    for node in row._tr.iter(qn("w:t")):
        node.tag = qn("w:delText")
