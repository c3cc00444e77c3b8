"""The feedback channels' links: only web forms, telephone numbers and e-mail addresses get through.

A link from the data lands in an `href` on every page and in every QR code, so a value such as
`javascript:…`, `data:…` or `vbscript:…` must never reach it, however it is disguised (" javascript:",
"JaVaScRiPt:", "java\tscript:"). We accept what we can read, not reject what we recognise: a value is
parsed with urllib after stripping, and only http(s) with a host, digits for a hotline, and a plain
address for e-mail pass; everything else is a mistake on its line, with what to write instead.
"""

from __future__ import annotations

import re
import string
import unicodedata
from urllib.parse import quote, urlsplit

from campaign.fields.mistake import Mistake, shown

PLACEHOLDERS = {"title": "页面标题", "url": "页面网址", "id": "活动或领域的编号"}
_HOTLINE = re.compile(r"^\+?[0-9](?:[0-9 -]{1,18}[0-9])$")
_EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")
MAX_LENGTH = 500  # characters: a longer address makes a QR code too dense to scan from a poster
_FORM_HINT = (
    "写完整的网页地址，以 https:// 开头，例如 https://wj.example.org/s/abc；不能写 javascript:、data: 之类的链接。"
)


def web_url(value) -> str:
    """An http(s) address with a host, as written (stripped)."""
    text = _text(value, _FORM_HINT)
    parts = urlsplit(text)
    if parts.scheme.lower() not in {"http", "https"} or not parts.hostname:
        raise Mistake(f"「{shown(text)}」不是网页地址", _FORM_HINT)
    return text


def hotline(value) -> str:
    """A telephone number: digits, spaces and hyphens, an optional leading +."""
    text = _text(value, '只写号码，例如 "12345" 或 "0533-1234567"，用英文引号括起来。', spaces=True)
    if not _HOTLINE.match(text):
        raise Mistake(
            f"「{shown(text)}」不是电话号码",
            '只写号码（数字和连字符），例如 "12345" 或 "0533-1234567"；不要写 tel: 或其他文字。',
        )
    return text


def email(value) -> str:
    """A plain address; the page makes the mailto: link itself."""
    text = _text(value, "写成 name@example.org 这样的邮箱地址。")
    if not _EMAIL.match(text):
        raise Mistake(
            f"「{shown(text)}」不是邮箱地址", "只写邮箱地址，例如 shantou@example.org；不要写 mailto: 或其他文字。"
        )
    return text


def form_template(value) -> str:
    """A form address with {title}, {url} or {id} after its "?" or "#", filled in per page."""
    text = web_url(value)
    fields = []
    try:
        parsed = list(string.Formatter().parse(text.replace("{{", "").replace("}}", "")))
    except ValueError:  # a lone { or }
        raise Mistake(
            "网址模板里的花括号“{ }”没有配对", "占位符写成 {title}、{url} 或 {id}，左右花括号都要有。"
        ) from None
    for _literal, name, spec, conversion in parsed:
        if name is None:
            continue
        if name not in PLACEHOLDERS or spec or conversion:
            raise Mistake(
                f"不认识的占位符「{{{name}{'!' + conversion if conversion else ''}{':' + spec if spec else ''}}}」",
                "只能用 " + "、".join(f"{{{k}}}（{v}）" for k, v in PLACEHOLDERS.items()) + "。",
            )
        fields.append(name)
    if not fields:
        raise Mistake(
            "网址模板里没有占位符",
            "写 {title}、{url} 或 {id}，例如 https://wj.example.org/s/abc?title={title}&page={url}；不需要时改用 form_url。",
        )
    if "{" in re.split(r"[?#]", text.replace("{{", ""), maxsplit=1)[0]:
        raise Mistake(
            "占位符只能写在网址的问号“?”后面", "例如 https://wj.example.org/s/abc?title={title}&page={url}&id={id}。"
        )
    return text


def fill(template: str, **values: str) -> str:
    """The template with each placeholder replaced by its URL-encoded value."""
    return template.format(**{key: quote(values.get(key, ""), safe="") for key in PLACEHOLDERS})


def tel_href(number: str) -> str:
    return "tel:" + re.sub(r"[ -]", "", number)


def _text(value, hint: str, spaces: bool = False) -> str:
    if not isinstance(value, str):
        raise Mistake("应该是一段文字", hint)
    text = value.strip()
    if not text:
        raise Mistake("不能为空", hint)
    if len(text) > MAX_LENGTH:
        raise Mistake(f"「{shown(text)}」太长了（{len(text)} 个字符，最多 {MAX_LENGTH} 个）", hint)
    if any((ch.isspace() and not (spaces and ch == " ")) or unicodedata.category(ch).startswith("C") for ch in text):
        raise Mistake(f"「{shown(text)}」中间有空格、Tab 或看不见的字符", hint)
    return text
