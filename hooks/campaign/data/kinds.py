"""The layout of a data folder, in one list: which files hold which kind of data.

Like Eleventy's `_data` folder, the layout is the contract. Loading, `make check` and the JSON Schemas
all go through `KINDS`: a new kind of data file is one line here and its model.
"""

from __future__ import annotations

import typing
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from campaign.data.models import Achievements, Activity, Campaign, Domain, FeedbackLedger, Report


@dataclass(frozen=True)
class Kind:
    name: str  # schemas/<name>.schema.json
    pattern: str  # data files of this kind, relative to the data folder
    shape: object  # the model of a file, or a list of models (validated item by item)
    title: str
    description: str

    @property
    def model(self) -> type:
        return typing.get_args(self.shape)[0] if self.is_list else self.shape

    @property
    def is_list(self) -> bool:
        return typing.get_origin(self.shape) is list

    @property
    def required(self) -> bool:
        """A single named file must exist; a folder of files may be empty or missing."""
        return "*" not in self.pattern

    def paths(self, data_dir: Path) -> list[Path]:
        if self.required:
            return [data_dir / self.pattern]
        folder = data_dir / PurePosixPath(self.pattern).parent
        return sorted(p for p in folder.glob("*") if p.suffix in {".yml", ".yaml"} and p.is_file())


KINDS = [
    Kind(
        "campaign",
        "campaign.yml",
        Campaign,
        "活动总体信息",
        "data/campaign.yml：活动名称、口号、主办单位、年份、活动周期和意见建议渠道。",
    ),
    Kind(
        "domains",
        "domains.yml",
        list[Domain],
        "民生领域列表",
        "data/domains.yml：每个领域一项，写编号、名称、一句话简介和牵头单位。",
    ),
    Kind(
        "activities",
        "activities/*.yml",
        list[Activity],
        "活动安排",
        "data/activities/*.yml：配档表里的活动，每项以“- id:”开头。",
    ),
    Kind(
        "achievements",
        "achievements/*.yml",
        Achievements,
        "重点工作和数据",
        "data/achievements/<领域编号>.yml：一个领域的重点工作（重点解决问题）和数据。",
    ),
    Kind(
        "feedback",
        "feedback/*.yml",
        FeedbackLedger,
        "你说我办",
        "data/feedback/*.yml：收到的意见建议和办理结果（items），只知道总数时写办理情况统计（totals）。",
    ),
    Kind(
        "reports",
        "reports/*.yml",
        Report,
        "活动回顾",
        "data/reports/*.yml：活动结束后的回顾，一个文件写一项活动：实际日期、参加人数、意见建议、正文和照片。",
    ),
]
KIND = {kind.name: kind for kind in KINDS}


def kind_of(relative: str) -> Kind | None:
    """The kind of a data file, from its path relative to the data folder."""
    path = PurePosixPath(relative)
    return next(
        (
            kind
            for kind in KINDS
            if path.match(kind.pattern) and len(path.parts) == len(PurePosixPath(kind.pattern).parts)
        ),
        None,
    )


def label(path: Path, data_dir: Path) -> str:
    """How messages name a file: from the working directory when inside it, else from data/'s parent."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.resolve().relative_to(data_dir.resolve().parent).as_posix()
