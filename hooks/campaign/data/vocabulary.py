"""The words a status may be, each with the CSS class that shows it and its place in charts and counts.

One table per vocabulary: the models accept exactly its labels, the templates style them by it, and the
dashboard orders them by it, so a new status is one line here.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    label: str  # as editors write it and residents read it
    css: str  # the component class's modifier: cc-status--done


class Vocabulary(tuple):
    """Terms in the order editors are told them; `ranked` is the order charts and counts use."""

    def __new__(cls, terms: list[Term], ranked: tuple[str, ...] | None = None):
        vocabulary = super().__new__(cls, terms)
        vocabulary.ranked = ranked or vocabulary.labels
        return vocabulary

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(term.label for term in self)

    def css(self, label: str) -> str:
        return next(term.css for term in self if term.label == label)


TASK_STATUSES = Vocabulary(
    [Term("未开始", "todo"), Term("进行中", "doing"), Term("已完成", "done"), Term("长期坚持", "ongoing")],
    ranked=("已完成", "进行中", "长期坚持", "未开始"),
)  # finished work first
LEDGER_STATUSES = Vocabulary(
    [Term("已办结", "done"), Term("办理中", "doing"), Term("已答复", "answered"), Term("未采纳", "declined")]
)
# An activity that goes ahead as planned has no status; only a change of plan is written.
ACTIVITY_STATUSES = Vocabulary([Term("已取消", "cancelled"), Term("延期", "postponed")])
