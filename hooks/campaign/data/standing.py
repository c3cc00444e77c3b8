"""Where a key task stands on a day: its reported status, or, with none, what its dates say, labelled so.

A status is the office's report; a task without one is not shown as 进行中 by default. Its place in the
schedule is read from its deadline on the build day instead (未到开始时间, 按计划进行中, 完成时限已过，
进展待更新), and the page says it was read from the schedule. A task past its deadline and not 已完成 is
overdue, whatever was last reported, and says so with that report and its date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from campaign.data.models import KeyTask
from campaign.data.vocabulary import SCHEDULE_STANDINGS, TASK_STATUSES
from campaign.fields.when import When

# Where the dates put a task; without a report it is shown as the matching SCHEDULE_STANDINGS label.
POSITIONS = BEFORE, ON_SCHEDULE, PAST_DUE, UNDATED = "未到开始时间", "按计划进行中", "完成时限已过", "完成时限待定"


@dataclass(frozen=True)
class Standing:
    label: str  # the reported status, or, with none, the schedule's reading
    css: str  # cc-status--<css>
    reported: bool  # the office's report, not the schedule's reading
    position: str  # where the dates put the task on the day, reported or not
    overdue: bool  # past its deadline and not 已完成
    as_of: date | None  # the date of the last report, if given


def standing(task: KeyTask, today: date, period: When) -> Standing:
    position = schedule_position(task.deadline, today, period)
    overdue = position == PAST_DUE and task.status not in ("已完成", "长期坚持")
    as_of = task.as_of or (task.progress.as_of if task.progress else None)
    if task.status:
        return Standing(task.status, TASK_STATUSES.css(task.status), True, position, overdue, as_of)
    label = SCHEDULE_STANDINGS.labels[POSITIONS.index(position)]  # 完成时限已过，进展待更新
    return Standing(label, SCHEDULE_STANDINGS.css(label), False, position, overdue, as_of)


def overdue(tasks: list[KeyTask], today: date, period: When) -> list[KeyTask]:
    return [task for task in tasks if standing(task, today, period).overdue]


def schedule_position(when: When, today: date, period: When) -> str:
    """未到开始时间, 按计划进行中, 完成时限已过 or 完成时限待定, from the dates alone. A deadline
    (6月底前) runs from the start of the campaign; a phrase with no end (长期坚持, 3月起) never passes."""
    if when.kind == "undated":
        return UNDATED
    if today < (when.start or period.start):
        return BEFORE
    return PAST_DUE if when.end and when.end < today else ON_SCHEDULE
