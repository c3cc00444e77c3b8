"""Data mistakes, collected and reported together in Chinese for the editors."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake: where it is, what is wrong, and what to write instead."""

    file: str
    line: int
    message: str
    hint: str = ""

    def __str__(self) -> str:
        text = f"{self.file}:{self.line}: {self.message}"
        return f"{text}\n    怎么改：{self.hint}" if self.hint else text


class DataProblems(Exception):
    """Raised once, after every file has been read, with all the mistakes found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__(self.report())

    def report(self) -> str:
        lines = [f"数据中发现 {len(self.problems)} 处错误，网站没有生成（原来的网站保持不变）："]
        lines += [f"{n}. {p}" for n, p in enumerate(self.problems, 1)]
        lines.append("改好以上各处后重新运行 make build（只检查不生成：make check）。")
        return "\n".join(lines)
