"""The one error a field reader or a model check raises: what is wrong and what to write instead."""

from __future__ import annotations


class Mistake(ValueError):
    """A value the editor must change. `message` says what is wrong, `hint` what to write instead, both
    in Chinese; data/validate.py reports it on the value's line, with its file."""

    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.message, self.hint = message, hint


def shown(value) -> str:
    """A value as a message quotes it: invisible characters spelt out, long text cut, no Python notation."""
    if isinstance(value, dict):
        return "一组“字段: 值”"
    if isinstance(value, list):
        return "一个列表"
    text = "" if value is None else str(value)
    visible = "".join(ch if ch.isprintable() and (ch == " " or not ch.isspace()) else repr(ch)[1:-1] for ch in text)
    return visible if len(visible) <= 60 else visible[:57] + "…"
