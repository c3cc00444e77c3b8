"""Write data files the way editors write them: two-space indents, Chinese as is, a note where useful.

PyYAML's dump would sort keys, wrap long Chinese lines and drop comments; the tools that write
data for editors (new-activity, import) use this instead, and PyYAML only to quote a scalar.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import yaml

FLOW_LIST_WIDTH = 40  # a short list stays on one line: channels: [讲座, 微信公众号]


class Noted(NamedTuple):
    """A value written with a comment after it: deadline: 长期坚持  # 原文：提升推广"""

    value: object
    note: str


def scalar(value) -> str:
    """One value as YAML that reads back as the same text (12345 and 2021-10-08 get quoted)."""
    text = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=math.inf)
    return text.removesuffix("\n").removesuffix("\n...")


def mapping(data: dict, indent: str = "", item: bool = False) -> list[str]:
    """The lines of one mapping; as a list item ("- key: …") when `item`."""
    lines = []
    inner = indent + ("  " if item else "")
    for i, (key, value) in enumerate(data.items()):
        lead = (indent + "- ") if item and i == 0 else inner
        value, note = value if isinstance(value, Noted) else (value, "")
        note = f"  # {note}" if note else ""
        if isinstance(value, dict):
            lines.append(f"{lead}{key}:{note}")
            lines += mapping(value, inner + "  ")
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            lines.append(f"{lead}{key}:{note}")
            lines += [line for entry in value for line in mapping(entry, inner + "  ", item=True)]
        elif isinstance(value, list) and (
            sum(len(str(v)) for v in value) > FLOW_LIST_WIDTH or any("，" in str(v) for v in value)
        ):  # [a，b] reads as one item or two
            lines.append(f"{lead}{key}:{note}")
            lines += [f"{inner}  - {scalar(v)}" for v in value]
        elif isinstance(value, str) and "\n" in value:
            lines.append(f"{lead}{key}: |{note}")
            lines += [f"{inner}  {line}".rstrip() for line in value.strip().splitlines()]
        else:
            lines.append(f"{lead}{key}: {scalar(value)}{note}")
    return lines
