"""Read YAML so that every value keeps the line it came from.

Scalars stay strings (the models convert them), which avoids YAML 1.1 surprises an editor
cannot see: `9:30` read as the number 570, `no` as False, `2021-9-1` as text but
`2021-09-01` as a date. Duplicate keys, which PyYAML silently accepts, are reported.
"""
from __future__ import annotations

from pathlib import Path

import yaml

from campaign.data.problems import Problem

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_NULLS = {"", "~", "null", "Null", "NULL"}

Path_ = tuple  # a location inside a document: keys and list indexes


class Source:
    """One parsed YAML file: its data, and the line of every key and list item."""

    def __init__(self, path: Path, label: str):
        self.path, self.label = Path(path), label
        self.lines: dict[Path_, int] = {}
        self.problems: list[Problem] = []
        self.data = self._read(path)

    def line_of(self, loc: Path_) -> int:
        """The line of `loc`, or of its nearest enclosing item that has one."""
        loc = tuple(loc)
        while loc not in self.lines and loc:
            loc = loc[:-1]
        return self.lines.get(loc, 1)

    def problem(self, loc: Path_, message: str, hint: str = "") -> Problem:
        return Problem(self.label, self.line_of(loc), message, hint)

    def _read(self, path: Path):
        try:
            node = yaml.compose(path.read_text(encoding="utf-8"), Loader=_Loader)
        except UnicodeDecodeError:
            self.problems.append(Problem(self.label, 1, "文件不是 UTF-8 编码。",
                                         "用文本编辑器另存为“UTF-8”编码。"))
            return None
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            self.problems.append(Problem(self.label, mark.line + 1 if mark else 1,
                                         f"YAML 格式错误：{error.problem or error}",
                                         _syntax_hint(error)))
            return None
        self.lines[()] = 1
        return self._value(node, ()) if node is not None else None

    def _value(self, node, loc: Path_):
        self.lines.setdefault(loc, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, loc)
        if isinstance(node, yaml.SequenceNode):
            return [self._value(item, loc + (i,)) for i, item in enumerate(node.value)]
        if node.style is None and node.value in _NULLS:
            return None
        return node.value

    def _mapping(self, node, loc: Path_) -> dict:
        result = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
            line = key_node.start_mark.line + 1
            if key in result:
                self.problems.append(Problem(
                    self.label, line, f"字段「{key}」在同一处写了两次。",
                    f"删掉多余的一个（第 {self.lines[loc + (key,)]} 行已有「{key}」）。"))
                continue
            self.lines[loc + (key,)] = line
            result[key] = self._value(value_node, loc + (key,))
        return result


def _syntax_hint(error: yaml.MarkedYAMLError) -> str:
    text = str(error.problem or "")
    if "tab" in text:
        return "YAML 不能用 Tab 键缩进，请全部改为空格（每级两个空格）。"
    if "mapping values" in text:
        return "冒号后面要有一个空格；文字里本身有“: ”时，请把整段文字用英文双引号括起来。"
    if "expected" in text or "block" in text:
        return "检查这一行和上一行的缩进是否对齐，列表项以“- ”开头。"
    return "对照示例文件检查这一行附近的缩进、冒号和引号。"
