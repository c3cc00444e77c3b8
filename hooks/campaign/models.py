"""The data contract: what each YAML file may hold, field by field.

These models validate the editors' data and, later, generate the JSON Schema their editors
use for completion, so the two can never drift. Titles are the Chinese field names that
error messages show; `extra="forbid"` turns a misspelt key into an error, not a silent loss.
"""
from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, PlainValidator, ValidationInfo
from pydantic import WithJsonSchema

from .when import When, WhenError, read_when

SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


class WhenInvalid(ValueError):
    """A `when` phrase the reader refused; carries the reader's Chinese hint."""

    def __init__(self, error: WhenError):
        super().__init__(error.message)
        self.hint = error.hint


def _read_when_field(value, info: ValidationInfo) -> When:
    if isinstance(value, When):
        return value
    if not isinstance(value, str):
        raise WhenInvalid(WhenError("时间应写成一段文字。", "例如：10月份、12月中旬、6月底前、长期坚持。"))
    try:
        return read_when(value, (info.context or {}).get("year", date.today().year))
    except WhenError as error:
        raise WhenInvalid(error) from None


WhenText = Annotated[
    When,
    PlainValidator(_read_when_field),
    PlainSerializer(lambda when: when.text, return_type=str),
    WithJsonSchema({"type": "string", "examples": ["10月份", "12月中旬", "9—11月", "6月底前", "重阳节", "长期坚持"]}),
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


class KeyTask(Strict):
    id: Slug = Field(title="任务编号", description="英文小写和连字符，同一领域内唯一")
    title: Text = Field(title="重点工作或重点解决问题")
    kind: Literal["重点工作", "重点解决问题"] = Field("重点工作", title="类别")
    unit: Text = Field(title="责任单位")
    measures: list[Text] = Field([], title="具体措施")
    deadline: WhenText = Field(title="完成时限")
    status: Status = Field(title="进展")


class Figure(Strict):
    label: Text = Field(title="指标名称")
    value: float = Field(title="数值")
    unit: str = Field("", title="单位")
    as_of: date = Field(title="数据截至", description="写成 2021-09-12 这样的日期")
    source: str = Field("", title="数据来源")


class Achievements(Strict):
    domain: Slug = Field(title="所属领域")
    tasks: list[KeyTask] = Field([], title="重点工作")
    figures: list[Figure] = Field([], title="数据")


ActivityList = list[Activity]
DomainList = list[Domain]
