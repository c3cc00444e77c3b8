"""Plain text from the data: what may be in a one-line name and in a text of several paragraphs.

A title, name, unit or place is one line wherever it lands (a page heading, a calendar's NAME, a CSV
cell, a QR code's title), so a line break in it is a mistake on its line, not something each output
must guess how to show. Control characters are invisible in an editor and mean nothing on a page:
refused everywhere but tabs and the line breaks (LF) of a text that may have paragraphs. Every text
is published: a phone, ID-card or bank-card number in one is refused too (personal.py).
"""

from __future__ import annotations

import re

from campaign.fields.mistake import Mistake
from campaign.fields.personal import personal_number

# A line break as Unicode knows one (CR alone included); the control characters no text needs.
_BREAK = re.compile(r"[\n\r\x0b\x0c\x85\u2028\u2029]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # all of C0 and C1 but tab and LF
_ONE_LINE = "写成一行：几行的内容用“，”或空格连起来；需要分段的介绍写在 summary（简介、内容）里。"
_PRIVATE = (
    "网站上的内容都会公开：删掉个人的电话、身份证号、银行卡号，只写事情本身；居民联系的渠道写在 campaign.yml "
    "的 feedback 里（热线电话写在 hotline，12345 这样的热线号码在文字里也可以照写）。"
)
MAX_NESTING = 20  # list and quote levels in Markdown: Python-Markdown recurses once per level, and gives up near 250
_CONTAINERS = re.compile(r"(?:[-*+]|\d{1,9}[.)])[ \t]+|>[ \t]*")
_INVISIBLE = "删掉这个看不见的字符：重新输入这段文字，不要写 \\r、\\0 这样的转义。"


def line(value: str) -> str:
    """One line of text: no line break, no control character."""
    if _BREAK.search(value):
        raise Mistake("只能写一行，不能换行", _ONE_LINE)
    return paragraphs(value)


def paragraphs(value: str) -> str:
    """Text that may have paragraphs: line breaks (LF) and tabs, and no other control character."""
    if _CONTROL.search(value):
        raise Mistake("含有看不见的控制字符", _INVISIBLE)
    if kind := personal_number(value):
        raise Mistake(f"这段文字里好像有{kind}", _PRIVATE)
    return value


def markdown(value: str) -> str:
    """Paragraphs that are Markdown: no list or quote nested deeper than MAX_NESTING."""
    if too_deep(value):
        raise Mistake(
            f"列表或引用套了太多层（超过 {MAX_NESTING} 层）",
            "把层层缩进的列表改成一层或两层，每项单独一行，以“- ”开头。",
        )
    return paragraphs(value)


def too_deep(text: str) -> int | None:
    """The first line (from 1) of Markdown `text` nested deeper than MAX_NESTING, or None. Counted
    generously: two columns of indent, and each list or quote marker a line starts with, are a level."""
    for number, row in enumerate(text.splitlines(), 1):
        body = row.lstrip(" \t")
        indent = len(row[: len(row) - len(body)].expandtabs(4))
        levels = indent // 2
        while levels <= MAX_NESTING and (marker := _CONTAINERS.match(body)):
            body, levels = body[marker.end() :], levels + 1
        if levels > MAX_NESTING:
            return number
    return None
