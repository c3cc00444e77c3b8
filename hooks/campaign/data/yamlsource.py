"""Read YAML so that every value keeps the line it came from, and explain every mistake in Chinese.

Scalars stay strings (the models convert them), which avoids YAML 1.1 surprises an editor
cannot see: `9:30` read as the number 570, `no` as False, `2021-9-1` as text but
`2021-09-01` as a date. Duplicate keys, which PyYAML silently accepts, are reported.

The document is built from the parser's events, not from composed nodes: anchors and aliases
(`&a`, `*a`), which the data never needs and which make a 500-byte file expand to gigabytes, are
refused at the event that names them, before anything is expanded; so is nesting deeper than any
data file has, which would exhaust the C composer's stack. A file larger than any campaign's data
is refused before it is read.

PyYAML's own messages are English and often point past the mistake (a full-width colon is
reported on the next line, an unclosed quote at the end of the file): `_syntax_problem` looks at
the raw lines around PyYAML's marks and says in Chinese what is wrong, where, and what to write.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from campaign.data.problems import Problem

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_BYTES = 2_000_000  # 30 times the sample campaign; a city's activities fit in a few such files
MAX_DEPTH = 20  # the deepest data (a photo in a before/after pair of a key task) is 6 levels

Path_ = tuple  # a location inside a document: keys and list indexes


class Source:
    """One parsed YAML file: its data, and the line of every key and list item."""

    def __init__(self, path: Path | None, label: str, text: str | None = None):
        """The file at `path`, or `text` read as that file's (front matter: blank lines before it keep its lines)."""
        self.label = label
        self.lines: dict[Path_, int] = {}
        self.problems: list[Problem] = []
        text = self._text(Path(path)) if text is None else text
        self.data = self._parse(text) if text is not None else None

    def line_of(self, loc: Path_) -> int:
        """The line of `loc`, or of its nearest enclosing item that has one."""
        loc = tuple(loc)
        while loc not in self.lines and loc:
            loc = loc[:-1]
        return self.lines.get(loc, 1)

    def problem(self, loc: Path_, message: str, hint: str = "") -> Problem:
        return Problem(self.label, self.line_of(loc), message, hint)

    def _text(self, path: Path) -> str | None:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return self._refuse(
                1,
                f"文件太大（{size / 1e6:.1f} MB），一个数据文件最多 {MAX_BYTES // 1_000_000} MB。",
                "数据文件里只写文字，照片放进 data/images/；活动很多时分成几个文件"
                "（activities/ 下可以有任意多个 .yml 文件）。",
            )
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            return self._refuse(
                raw.count(b"\n", 0, error.start) + 1,
                "这一行有不是 UTF-8 编码的字符（文件可能是 GBK 编码）。",
                "用记事本或 VS Code 把文件“另存为”UTF-8 编码；只有这一行乱码时，删掉这几个字重新输入。",
            )
        return text

    def _parse(self, text: str):
        self.lines[()] = 1
        try:
            return _Builder(self).build(text)
        except _Refused as refused:
            return self._refuse(refused.line, refused.message, refused.hint)
        except yaml.MarkedYAMLError as error:
            return self._refuse(*_syntax_problem(text.splitlines(), error))
        except yaml.reader.ReaderError as error:  # a control character: PyYAML gives its position
            code = f"U+{error.character:04X}" if isinstance(error.character, int) else "控制字符"
            line = text.encode("utf-8").count(b"\n", 0, error.position) + 1  # libyaml counts in bytes
            return self._refuse(
                line,
                f"这一行有一个看不见的控制字符（{code}）。",
                "常见于从网页、微信或 Word 复制来的文字：删掉这一行里看不见的字符（或整行重新输入）。",
            )

    def _refuse(self, line: int, message: str, hint: str) -> None:
        self.problems.append(Problem(self.label, line, message, hint))
        return None


# --- Building the document from events -----------------------------------------------------------


@dataclass
class _Refused(Exception):
    """A construct the data never needs, refused at the event that starts it."""

    line: int
    message: str
    hint: str


@dataclass
class _Open:
    """A mapping or list being built; `loc` is None inside a duplicate key's value, which is dropped."""

    value: dict | list
    loc: Path_ | None
    flow: bool
    key: str | None = None  # a mapping's key waiting for its value
    keep: bool = True  # False when that key was written twice


_ALIAS_HINT = (
    "网站的数据不用 YAML 的锚点和引用：要重复的内容请照原样再写一遍，删掉“&名字”和“*名字”；"
    '文字本身以“&”或“*”开头时，把整段文字用英文双引号括起来，例如 title: "*重点*"。'
)


@dataclass
class _Builder:
    source: Source
    stack: list[_Open] = field(default_factory=list)
    documents: int = 0
    result: object = None

    def build(self, text: str):
        for event in yaml.parse(text, Loader=_Loader):
            line = event.start_mark.line + 1
            if isinstance(event, yaml.DocumentStartEvent):
                self.documents += 1
                if self.documents > 1:
                    raise _Refused(
                        line,
                        "文件里出现了第二份数据（“---”之后）。",
                        "一个文件只写一份数据：删掉这一行的“---”，或把后面的内容移到另一个文件。",
                    )
            elif isinstance(event, yaml.AliasEvent):
                raise _Refused(line, f"这一行的“*{event.anchor}”是 YAML 的引用。", _ALIAS_HINT)
            elif getattr(event, "anchor", None):
                raise _Refused(line, f"这一行的“&{event.anchor}”是 YAML 的锚点。", _ALIAS_HINT)
            elif getattr(event, "tag", None):
                raise _Refused(
                    line,
                    "这一行的“!”是 YAML 的类型标记。",
                    "网站的数据不用类型标记：删掉“!”和紧跟它的字；文字本身以“!”开头时，把整段文字用英文双引号括起来。",
                )
            elif isinstance(event, yaml.ScalarEvent):
                self._scalar(event, line)
            elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                self._open(event, line)
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                self._attach(self.stack.pop().value)
        return self.result

    def _scalar(self, event, line: int) -> None:
        top = self.stack[-1] if self.stack else None
        if top and isinstance(top.value, dict) and top.key is None:
            self._key(top, event.value, line)
            return
        if top and top.flow and isinstance(top.value, list) and not event.style and _separates(event.value):
            self.source.problems.append(
                Problem(
                    self.source.label,
                    line,
                    f"方括号里的「{event.value}」用了中文逗号“，”。",
                    "各项之间用英文逗号加空格隔开，例如 [讲座, 座谈]；某一项本身含逗号时，给这一项加上英文引号。",
                )
            )
        self._record(line)
        self._attach(event.value)

    def _open(self, event, line: int) -> None:
        top = self.stack[-1] if self.stack else None
        if top and isinstance(top.value, dict) and top.key is None:
            raise _Refused(
                line,
                "这一行的字段名写成了列表或“字段: 值”。",
                "字段名只写英文字母，后面跟英文冒号和空格，例如 title: 健康讲座；"
                "文字以“[”“{”或“?”开头时，把整段文字用英文双引号括起来。",
            )
        if len(self.stack) >= MAX_DEPTH:
            raise _Refused(
                line,
                f"数据的层次太深（超过 {MAX_DEPTH} 层）。",
                "数据文件最多只有六七层：检查这一行附近是不是多写了“- ”或方括号。",
            )
        loc = self._record(line)
        value = {} if isinstance(event, yaml.MappingStartEvent) else []
        self.stack.append(_Open(value, loc, bool(event.flow_style)))

    def _key(self, top: _Open, key: str, line: int) -> None:
        top.key, top.keep = key, key not in top.value
        if not top.keep:
            self.source.problems.append(
                Problem(
                    self.source.label,
                    line,
                    f"字段「{key}」在同一处写了两次。",
                    f"删掉多余的一个（第 {self.source.lines[top.loc + (key,)]} 行已有「{key}」）。",
                )
            )
        elif top.loc is not None:
            self.source.lines[top.loc + (key,)] = line

    def _record(self, line: int) -> Path_ | None:
        """The location of the value starting now, its line remembered."""
        if not self.stack:
            loc = ()
        else:
            top = self.stack[-1]
            inner = top.key if isinstance(top.value, dict) else len(top.value)
            loc = None if top.loc is None or not top.keep else top.loc + (inner,)
        if loc is not None:
            self.source.lines.setdefault(loc, line)
        return loc

    def _attach(self, value) -> None:
        if not self.stack:
            self.result = value
            return
        top = self.stack[-1]
        if isinstance(top.value, list):
            top.value.append(value)
            return
        if top.keep:
            top.value[top.key] = value
        top.key, top.keep = None, True


def _separates(item: str) -> bool:
    """A full-width comma between short words ([讲座，座谈]) meant to separate items; in a sentence it is punctuation."""
    parts = item.split("，")
    return len(parts) > 1 and all(len(part.strip()) <= 8 for part in parts)


# --- Explaining syntax errors -------------------------------------------------------------------

_KEY = r"^[ \t\u3000]*(?:-[ \t]+)?(?P<key>[A-Za-z_][\w-]*)"
_DETECTORS = [  # (pattern on a raw line, message, hint); {key} is the key the line starts with
    (
        re.compile(r"^ *\t"),
        "这一行用 Tab 键缩进了。",
        "YAML 只能用空格缩进：把行首的 Tab 删掉，改成空格，和同一级的其他行对齐（每级两个空格）。",
    ),
    (
        re.compile(r"^[ \t]*\u3000"),
        "这一行开头有中文全角空格。",
        "缩进只能用英文半角空格：删掉行首的全角空格“　”，改成半角空格。",
    ),
    (
        re.compile(r"^[ \t]*[－—–‐]"),
        "列表项前的“－”是中文的横线。",
        "列表项以英文减号加空格“- ”开头，例如 - id: health-talk。",
    ),
    (re.compile(r"^[ \t]*-(?=[^\s-])"), "列表项的“-”后面没有空格。", "在“-”后面加一个空格，例如 - id: health-talk。"),
    (
        re.compile(_KEY + r"[ \t]*："),
        "「{key}」后面的冒号是中文冒号“：”。",
        "字段名后面要用英文冒号加一个空格，例如 {key}: …",
    ),
    (re.compile(_KEY + r":\u3000"), "「{key}:」后面是中文全角空格。", "冒号后面要用英文半角空格，例如 {key}: …"),
    (re.compile(_KEY + r":(?=[^\s:])"), "「{key}」的冒号后面没有空格。", "在英文冒号后面加一个空格，例如 {key}: …"),
]
_NOT_A_KEY = (
    "这一行不是“字段: 值”的形式。",
    "字段名后面加英文冒号和空格，例如 title: 健康讲座；如果这是上一行文字的接续，把它接到上一行末尾，"
    "或者用“|”写多行文字（“|”后换行，每行比字段名多缩进两格）。",
)
_GENERIC = (
    "这一行的 YAML 格式不对。",
    "对照示例文件检查这一行和上一行：缩进只用空格并上下对齐，字段名后是英文冒号加空格，引号成对。",
)


def _syntax_problem(lines: list[str], error: yaml.MarkedYAMLError) -> tuple[int, str, str]:
    """(line, message, hint) for PyYAML's error: the line the editor must change, in Chinese."""
    mark = error.problem_mark or error.context_mark
    start = error.context_mark or mark  # where what PyYAML was reading began
    problem, reading = error.problem or "", error.context or ""
    chars = {_char(lines, error.problem_mark), _char(lines, error.context_mark)}
    if "tab" in problem or "\t" in chars:
        return (mark.line + 1, *_DETECTORS[0][1:])
    if "quoted scalar" in reading and "end of stream" in problem:
        return (
            start.line + 1,
            "这一行开始的引号没有配对：文字后面缺少结尾的引号。",
            "在文字末尾补上同样的英文引号（开头是 \" 就补 \"，是 ' 就补 '），或者删掉开头的引号。",
        )
    if "escape" in problem:
        return (
            mark.line + 1,
            "双引号里的反斜杠“\\”有特殊含义。",
            "把双引号改成单引号，例如 'C:\\资料'；或者把“\\”写成两个“\\\\”。",
        )
    if "simple key" in reading:
        return _detect(lines, start.line) or (start.line + 1, *_not_a_key(lines, start.line))
    if "mapping values" in problem:
        return _colon_in_value(lines, mark)
    if (quoted := _unclosed_before(lines, mark)) is not None:
        return (
            quoted + 1,
            "这一行开始的引号没有配对，后面几行都被当成了引号里的文字。",
            "在这一行的文字末尾补上结尾的英文引号；文字里本身有引号时，外面改用另一种引号（' 或 \"）。",
        )
    if "flow sequence" in reading or "flow mapping" in reading:
        opening, closing = ("[", "]") if "sequence" in reading else ("{", "}")
        return (
            start.line + 1,
            f"这一行的“{opening}”没有配对的“{closing}”。",
            "一行写完的列表写成 [讲座, 座谈]：英文方括号、英文逗号；"
            f"文字本身以“{opening}”开头时，把整段文字用英文双引号括起来。",
        )
    if "block scalar" in reading:
        return (
            mark.line + 1,
            "“|”或“>”后面不能接着写文字。",
            "“|”单独留在行尾，文字从下一行开始写，每行比字段名多缩进两格。",
        )
    if special := next((c for c in "@`%&*!?|>" if c in chars or ("directive" in reading and c == "%")), None):
        return (
            mark.line + 1,
            f"以“{special}”开头的文字要用英文引号括起来。",
            f'“{special}”在 YAML 里有特殊含义：把整段文字用英文双引号括起来，例如 title: "{special}…"。',
        )
    if "expected key" in problem or "'-' indicator" in problem:
        return _detect(lines, mark.line) or _misaligned(lines, mark)
    return (mark.line + 1, *_GENERIC)


def _detect(lines: list[str], index: int) -> tuple[int, str, str] | None:
    text = lines[index] if 0 <= index < len(lines) else ""
    for pattern, message, hint in _DETECTORS:
        if match := pattern.match(text):
            key = match.groupdict().get("key") or ""
            return index + 1, message.format(key=key), hint.format(key=key)
    return None


def _char(lines: list[str], mark) -> str:
    text = lines[mark.line] if mark and mark.line < len(lines) else ""
    return text[mark.column] if mark and mark.column < len(text) else ""


def _unclosed_before(lines: list[str], mark) -> int | None:
    """The line where a quoted text opened that ran on over later lines up to the error, if one did."""
    if not mark or mark.line >= len(lines):
        return None
    before = lines[mark.line][: mark.column].rstrip()
    if not before.endswith(('"', "'")) or before.count(before[-1]) % 2 == 0:
        return None  # the quote that ends just before the error opened on an earlier line
    quote = before[-1]
    for index in range(mark.line - 1, -1, -1):
        if lines[index].count(quote) % 2:
            return index
    return None


def _not_a_key(lines: list[str], index: int) -> tuple[str, str]:
    previous = next((lines[i] for i in range(index - 1, -1, -1) if lines[i].strip()), "")
    if re.search(r":\s*[|>][-+]?\s*$", previous):
        return "多行文字没有缩进。", "“|”下面的每一行文字都要比字段名多缩进两格（只用空格）。"
    return _NOT_A_KEY


def _colon_in_value(lines: list[str], mark) -> tuple[int, str, str]:
    """PyYAML found ": " where it does not belong: in a value, or because this line is indented too far."""
    text = lines[mark.line] if mark.line < len(lines) else ""
    if re.match(r"^\s*(?:-\s+)?[^:\s][^:]*:\s", text[: mark.column]):
        quotes = "，把中文引号“”换成英文引号" if re.search("[“”‘’]", text) else ""
        return (
            mark.line + 1,
            "这一行的文字里有“: ”（英文冒号加空格），YAML 会把它当成字段。",
            f'把文字里的冒号改成中文冒号“：”；或者把整段文字用英文双引号括起来{quotes}，例如 title: "讲座: 健康"。',
        )
    previous = next((i for i in range(mark.line - 1, -1, -1) if lines[i].strip()), None)
    if previous is None:
        return (mark.line + 1, *_GENERIC)
    if found := _detect(lines, previous):
        return found
    key = re.match(r"^[ -]*", lines[previous]).end()  # where the previous line's key starts, after any "- "
    return (
        mark.line + 1,
        "这一行比上一行多缩进了。",
        f"同一级的字段要上下对齐：这一行缩进 {key} 个空格，和第 {previous + 1} 行的字段名对齐。",
    )


def _misaligned(lines: list[str], mark) -> tuple[int, str, str]:
    """A line that is neither the next key nor the next item of the block it follows."""
    text = lines[mark.line] if mark.line < len(lines) else ""
    indent = len(text) - len(text.lstrip(" "))
    if mark.column > indent:  # something after a finished value on the same line
        return (
            mark.line + 1,
            "引号或方括号结束以后，这一行后面还有文字。",
            '把整段文字都放进引号里，例如 title: "“健康”讲座"；或者去掉引号。',
        )
    item = text.lstrip().startswith("-")
    for index in range(mark.line - 1, -1, -1):
        other = lines[index]
        if other.strip() and not other.lstrip().startswith("#") and other.lstrip().startswith("-") == item:
            expected = len(other) - len(other.lstrip(" "))
            if expected != indent and abs(expected - indent) <= 2:
                return (
                    mark.line + 1,
                    "这一行的缩进和上面同一级的行对不齐。",
                    f"这一行缩进 {expected} 个空格（现在是 {indent} 个），和第 {index + 1} 行对齐。",
                )
    return (
        mark.line + 1,
        "这一行的缩进和上面同一级的行对不齐。",
        "列表项的“- ”要和上面的“- ”上下对齐，字段名要和上面的字段名上下对齐（只用空格）。",
    )
