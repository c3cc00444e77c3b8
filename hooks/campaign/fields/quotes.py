"""Quotation marks around a name from the data, which may already bring its own: a plan titles an
activity “一村一月一场电影” with the marks, and 对“{title}”这项活动 must not print them twice."""

from __future__ import annotations

_PAIRS = {"“": "”", "「": "」", "『": "』", "‘": "’", '"': '"', "'": "'"}
_NESTED = {"“”": "‘’", "「」": "『』"}  # quotation marks inside quotation marks, as Chinese prints them


def quoted(text: str, marks: str = "“”") -> str:
    """`text` inside `marks` once: its own outer pair gives way to them, and marks like them inside it
    become the nested kind (“‘我和我的祖国’快闪”)."""
    inner = text.strip()
    while len(inner) > 1 and _PAIRS.get(inner[0]) == inner[-1] and not {inner[0], inner[-1]} & set(inner[1:-1]):
        inner = inner[1:-1].strip()
    nested = _NESTED[marks]
    inner = inner.replace(marks[0], nested[0]).replace(marks[1], nested[1])
    return f"{marks[0]}{inner}{marks[1]}"
