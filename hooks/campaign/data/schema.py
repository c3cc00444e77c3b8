"""JSON Schema for each kind of data file, generated from the models that validate the data.

Editors' YAML plugins (VS Code's YAML extension and others that speak yaml-language-server) read
these to complete keys and explain them in Chinese. They come from the same pydantic models as
the validator, and a test compares the committed copies in schemas/ with a fresh generation, so
the two cannot drift. The schema checks form (keys, types, formats); meaning, such as whether a
`when` phrase can be read or a domain exists, is left to `make check`.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from pydantic import TypeAdapter

from campaign.data.models import Achievements, Activity, Campaign, Domain, FeedbackLedger

# Draft 7: what yaml-language-server (VS Code's YAML extension) supports; pydantic's output keeps to it.
DIALECT = "http://json-schema.org/draft-07/schema#"
SCHEMAS = Path(__file__).resolve().parents[3] / "schemas"  # committed in the repo, beside data/


@dataclass(frozen=True)
class Kind:
    name: str  # schemas/<name>.schema.json
    pattern: str  # data files of this kind, relative to the data folder
    shape: object  # the model, or a list of models
    title: str
    description: str


KINDS = [
    Kind("campaign", "campaign.yml", Campaign, "活动总体信息",
         "data/campaign.yml：活动名称、口号、主办单位、年份、活动周期和意见建议渠道。"),
    Kind("domains", "domains.yml", list[Domain], "民生领域列表",
         "data/domains.yml：每个领域一项，写编号、名称、一句话简介和牵头单位。"),
    Kind("activities", "activities/*.yml", list[Activity], "活动安排",
         "data/activities/*.yml：配档表里的活动，每项以“- id:”开头。"),
    Kind("achievements", "achievements/*.yml", Achievements, "重点工作和数据",
         "data/achievements/<领域编号>.yml：一个领域的重点工作（重点解决问题）和数据。"),
    Kind("feedback", "feedback/*.yml", FeedbackLedger, "你说我办",
         "data/feedback/*.yml：收到的意见建议和办理结果（items），只知道总数时写办理情况统计（totals）。"),
]


def schema(kind: Kind) -> dict:
    generated = TypeAdapter(kind.shape).json_schema()
    return {"$schema": DIALECT, "title": kind.title, "description": kind.description, **generated}


def schema_files() -> dict[str, str]:
    """schemas/<kind>.schema.json → its text, as committed in the repo and published on the site."""
    return {f"schemas/{kind.name}.schema.json": json.dumps(schema(kind), ensure_ascii=False, indent=2) + "\n"
            for kind in KINDS}


def kind_of(relative: str) -> Kind | None:
    """The kind of a data file, from its path relative to the data folder."""
    path = PurePosixPath(relative)
    return next((kind for kind in KINDS if path.match(kind.pattern) and
                 len(path.parts) == len(PurePosixPath(kind.pattern).parts)), None)


def modeline(relative: str, schemas_from_data: str = "../schemas") -> str:
    """The first line of a data file: tells the editor's YAML plugin which schema applies.

    `schemas_from_data` is where schemas/ is, seen from the data folder."""
    kind = kind_of(relative)
    up = "../" * (len(PurePosixPath(relative).parts) - 1)
    return f"# yaml-language-server: $schema={up}{schemas_from_data}/{kind.name}.schema.json"


def schemas_from(data_dir: Path) -> str:
    """Where the repo's schemas/ is, seen from a data folder: what `modeline` needs."""
    return Path(os.path.relpath(SCHEMAS, Path(data_dir).resolve())).as_posix()
