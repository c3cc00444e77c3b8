"""The data contract: what each YAML file may hold, field by field.

These models validate the editors' data and, later, generate the JSON Schema their editors
use for completion, so the two can never drift. Titles are the Chinese field names that
error messages show; `extra="forbid"` turns a misspelt key into an error, not a silent loss.
"""
from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, PlainValidator, ValidationInfo
from pydantic import WithJsonSchema, model_validator

from .figures import FigureError, Target, number, percent, read_target
from .when import When, WhenError, read_when

SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


def _read_when_field(value, info: ValidationInfo) -> When:
    if isinstance(value, When):
        return value
    if not isinstance(value, str):
        raise WhenError("时间应写成一段文字", "例如：10月份、12月中旬、6月底前、长期坚持。")
    return read_when(value, (info.context or {}).get("year", date.today().year))


WhenText = Annotated[
    When,
    PlainValidator(_read_when_field),
    PlainSerializer(lambda when: when.text, return_type=str),
    WithJsonSchema({"type": "string", "examples": ["10月份", "12月中旬", "9—11月", "6月底前", "重阳节", "长期坚持"]}),
]
def _read_target_field(value) -> Target:
    return value if isinstance(value, Target) else read_target(value)


TargetText = Annotated[
    Target,
    PlainValidator(_read_target_field),
    PlainSerializer(str, return_type=str),
    WithJsonSchema({"type": "string", "examples": ["≥ 90%", "≤ 5", "不低于 98%"]}),
]
Slug = Annotated[str, Field(pattern=SLUG, min_length=2, max_length=60)]
Text = Annotated[str, Field(min_length=1)]
Markdown = Annotated[str, Field(json_schema_extra={"format": "markdown"})]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


class Feedback(Strict):
    form_url: str = Field(title="意见建议表单网址", pattern=r"^https?://\S+$",
                          examples=["https://example.org/feedback"])
    hotline: str = Field("12345", title="热线电话", pattern=r"^\+?[0-9][0-9 -]{2,19}$")
    email: str | None = Field(None, title="电子邮箱", pattern=r"^[^@\s:/]+@[^@\s:/]+\.[^@\s:/]+$")


class Campaign(Strict):
    title: Text = Field(title="活动名称")
    slogan: str = Field("", title="口号")
    organiser: Text = Field(title="主办单位")
    year: int = Field(title="年份", ge=2000, le=2100,
                      description="没有写年份的日期按这一年理解")
    period: WhenText = Field(title="活动周期")
    summary: Markdown = Field("", title="活动简介")
    feedback: Feedback = Field(title="意见建议渠道")


class Domain(Strict):
    id: Slug = Field(title="领域编号", description="英文小写和连字符，用于网址，例如 elderly-care")
    name: Text = Field(title="领域名称", examples=["老有所养"])
    summary: Text = Field(title="一句话简介")
    unit: Text = Field(title="牵头单位")
    description: Markdown = Field("", title="详细介绍")


class Activity(Strict):
    id: Slug = Field(title="活动编号", description="英文小写和连字符，全站唯一，用于网址")
    title: Text = Field(title="活动名称")
    domain: Slug = Field(title="所属领域", description="data/domains.yml 中某个领域的 id")
    when: WhenText = Field(title="活动时间")
    where: Text = Field(title="活动地点")
    organiser: Text = Field(title="责任单位")
    audience: str = Field("", title="参与对象")
    channels: list[Text] = Field([], title="活动形式和渠道")
    summary: Markdown = Field("", title="活动内容")


Status = Literal["未开始", "进行中", "已完成", "长期坚持"]


class Milestone(Strict):
    when: WhenText = Field(title="时间", examples=["第一季度", "6月底前"])
    what: Text = Field(title="节点内容")
    done: bool = Field(False, title="已完成")


class Progress(Strict):
    done: float = Field(title="已完成量", ge=0)
    total: float = Field(title="总量", gt=0)
    unit: str = Field("", title="单位", examples=["公里", "户", "个"])
    as_of: date | None = Field(None, title="数据截至")

    @model_validator(mode="after")
    def _done_within_total(self):
        if self.done > self.total:
            raise FigureError(f"已完成量 {number(self.done)} 大于总量 {number(self.total)}", "核对 done 和 total：已完成的不能比总量多。")
        return self


class KeyTask(Strict):
    id: Slug = Field(title="任务编号", description="英文小写和连字符，同一领域内唯一")
    title: Text = Field(title="重点工作或重点解决问题")
    kind: Literal["重点工作", "重点解决问题"] = Field("重点工作", title="类别")
    unit: Text = Field(title="责任单位")
    measures: list[Text] = Field([], title="具体措施")
    deadline: WhenText = Field(title="完成时限")
    status: Status = Field(title="进展")
    progress: Progress | None = Field(None, title="完成进度")
    milestones: list[Milestone] = Field([], title="时间节点")

    @property
    def percent(self) -> float | None:
        """Progress in percent, from the stated amounts or else the milestones done."""
        if self.progress:
            return percent(self.progress.done, self.progress.total)
        if self.milestones:
            return percent(sum(m.done for m in self.milestones), len(self.milestones))
        return None


class Figure(Strict):
    id: Slug | None = Field(None, title="指标编号", description="分项用 parent 指向它")
    label: Text = Field(title="指标名称")
    value: float | None = Field(None, title="数值", description="当前值或已完成数")
    total: float | None = Field(None, title="总数", description="有总数时显示完成进度")
    unit: str = Field("", title="单位", examples=["个", "户", "公里", "万元", "%"])
    target: TargetText | None = Field(None, title="目标")
    parent: Slug | None = Field(None, title="上级指标", description="这一项是哪个指标的分项")
    as_of: date = Field(title="数据截至", description="写成 2021-09-12 这样的日期")
    source: str = Field("", title="数据来源")

    @model_validator(mode="after")
    def _consistent(self):
        if self.value is not None and self.total is not None and self.value > self.total:
            raise FigureError(f"数值 {number(self.value)} 大于总数 {number(self.total)}",
                              "value 是已完成数，total 是总数：已完成的不能比总数多。")
        percents = [v for v in (self.value, self.total) if v is not None and self.unit == "%"]
        if self.target and self.target.unit == "%":
            percents.append(self.target.value)
        if not all(0 <= v <= 100 for v in percents):
            raise FigureError("百分比要在 0 到 100 之间", "百分比写 0 到 100 之间的数，例如 92.5；不要写百分号以外的单位。")
        return self

    @property
    def percent(self) -> float | None:
        return percent(self.value, self.total) if self.value is not None and self.total else None


class Achievements(Strict):
    domain: Slug = Field(title="所属领域")
    tasks: list[KeyTask] = Field([], title="重点工作")
    figures: list[Figure] = Field([], title="数据")


ActivityList = list[Activity]
DomainList = list[Domain]
