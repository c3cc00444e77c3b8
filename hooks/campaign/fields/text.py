"""Plain text from the data: what may be in a one-line name and in a text of several paragraphs.

A title, name, unit or place is one line wherever it lands (a page heading, a calendar's NAME, a CSV
cell, a QR code's title), so a line break in it is a mistake on its line, not something each output
must guess how to show. Control characters are invisible in an editor and mean nothing on a page:
refused everywhere but tabs and the line breaks (LF) of a text that may have paragraphs.
"""
from __future__ import annotations

import re

# A line break as Unicode knows one (CR alone included); the control characters no text needs.
_BREAK = re.compile(r"[\n\r\x0b\x0c\x85\u2028\u2029]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # all of C0 and C1 but tab and LF
_ONE_LINE = "写成一行：几行的内容用“，”或空格连起来；需要分段的介绍写在 summary（简介、内容）里。"
_INVISIBLE = "删掉这个看不见的字符：重新输入这段文字，不要写 \\r、\\0 这样的转义。"


class TextError(ValueError):
    def __init__(self, message: str, hint: str):
        super().__init__(message)
        self.hint = hint


def line(value: str) -> str:
    """One line of text: no line break, no control character."""
    if _BREAK.search(value):
        raise TextError("只能写一行，不能换行", _ONE_LINE)
    return paragraphs(value)


def paragraphs(value: str) -> str:
    """Text that may have paragraphs: line breaks (LF) and tabs, and no other control character."""
    if _CONTROL.search(value):
        raise TextError("含有看不见的控制字符", _INVISIBLE)
    return value
