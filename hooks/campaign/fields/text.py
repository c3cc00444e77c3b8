"""Plain text from the data: what may be in a one-line name and in a text of several paragraphs.

A title, name, unit or place is one line wherever it lands (a page heading, a calendar's NAME, a CSV
cell, a QR code's title), so a line break in it is a mistake on its line, not something each output
must guess how to show. Control characters are invisible in an editor and mean nothing on a page:
refused everywhere but tabs and the line breaks (LF) of a text that may have paragraphs. Every text
is published: a phone, ID-card or bank-card number in one is refused too (personal.py).
"""
from __future__ import annotations

import re

from campaign.fields.personal import personal_number

# A line break as Unicode knows one (CR alone included); the control characters no text needs.
_BREAK = re.compile(r"[\n\r\x0b\x0c\x85\u2028\u2029]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # all of C0 and C1 but tab and LF
_ONE_LINE = "写成一行：几行的内容用“，”或空格连起来；需要分段的介绍写在 summary（简介、内容）里。"
_PRIVATE = ("网站上的内容都会公开：删掉个人的电话、身份证号、银行卡号，只写事情本身；居民联系的渠道写在 campaign.yml "
            "的 feedback 里（热线电话写在 hotline，12345 这样的热线号码在文字里也可以照写）。")
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
    if kind := personal_number(value):
        raise TextError(f"这段文字里好像有{kind}", _PRIVATE)
    return value
