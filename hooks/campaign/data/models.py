"""The data contract: what each YAML file may hold, field by field.

These models validate the editors' data and, later, generate the JSON Schema their editors
use for completion, so the two can never drift. Titles are the Chinese field names that
error messages show; `extra="forbid"` turns a misspelt key into an error, not a silent loss.
"""

from __future__ import annotations

import math
import re
from datetime import date
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    TypeAdapter,
    ValidationError,
    ValidationInfo,
    WithJsonSchema,
    model_validator,
)

from campaign.data.ledger import COUNTS, Sum, read_sum
from campaign.data.reserved import not_reserved
from campaign.data.vocabulary import ACTIVITY_STATUSES, LEDGER_STATUSES, TASK_STATUSES
from campaign.fields import links
from campaign.fields.amounts import Amount, read_amount
from campaign.fields.dates import read_moment
from campaign.fields.figures import Target, as_written, number, percent, read_target
from campaign.fields.mistake import Mistake, shown
from campaign.fields.photos import read_image_path, read_photo_date
from campaign.fields.text import line, markdown, paragraphs
from campaign.fields.when import When, read_when

SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
UNSTATED = "；配档表没写就不写，网站显示“未注明”"


def _read_when_field(value, info: ValidationInfo) -> When:
    if isinstance(value, When):
        return value
    if not isinstance(value, str):
        raise Mistake("时间应写成一段文字", "例如：10月份、12月中旬、6月底前、长期坚持。")
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
    WithJsonSchema(
        {"type": "string", "examples": ["≥ 90%", "98%以上", "不低于 98%", "≤ 5", "较去年下降30%", "全覆盖", "只增不减"]}
    ),
]


def _read_number(value) -> int | float:
    """A number as written (560 stays 560, 2.2 stays 2.2), from YAML's number or a quoted one."""
    if isinstance(value, str) and re.fullmatch(r"\s*-?\d+(?:\.\d+)?\s*", value):
        value = float(value)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise Mistake(f"应该是数字，现在是「{shown(value)}」", "只写阿拉伯数字，例如 8、2.2、560；单位写在 unit 里。")
    return as_written(value)


def _at_least_zero(value: int | float) -> int | float:
    if value < 0:
        raise Mistake(f"不能是负数（写的是 {number(value)}）", "写 0 或更大的数。")
    return value


def _above_zero(value: int | float) -> int | float:
    if value <= 0:
        raise Mistake(f"应大于 0（写的是 {number(value)}）", "写一个大于 0 的数：总量是 0 就不用写这一项。")
    return value


Number = Annotated[int | float, PlainValidator(_read_number), WithJsonSchema({"type": "number"})]
NonNegative = Annotated[Number, AfterValidator(_at_least_zero), WithJsonSchema({"type": "number", "minimum": 0})]
Total = Annotated[Number, AfterValidator(_above_zero), WithJsonSchema({"type": "number", "exclusiveMinimum": 0})]
ImagePath = Annotated[
    str, PlainValidator(read_image_path), WithJsonSchema({"type": "string", "examples": ["xingfuli/before.jpg"]})
]


def _read_photo_date_field(value, info: ValidationInfo) -> When:
    return (
        value
        if isinstance(value, When)
        else read_photo_date(value, (info.context or {}).get("year", date.today().year))
    )


PhotoDate = Annotated[
    When,
    PlainValidator(_read_photo_date_field),
    PlainSerializer(lambda when: when.text, return_type=str),
    WithJsonSchema({"type": "string", "examples": ["2021-09-12", "2021年9月"]}),
]
Slug = Annotated[str, Field(pattern=SLUG, min_length=2, max_length=60)]
ActivityId, DomainId, TaskId, ItemId = (
    Annotated[Slug, AfterValidator(not_reserved(kind))] for kind in ("activity", "domain", "task", "item")
)
# Longest texts, in characters: a title or name shown on one line, a few sentences, a page of Markdown.
# Far above what an office writes; they keep a pasted document or a runaway file out of every page.
LINE, PARAGRAPH, PAGE = 200, 2_000, 20_000
# Lines (names, titles, places, units: one line wherever they land) and paragraphs refuse control characters
# and personal numbers, Markdown also lists nested too deep (fields/text.py).
Line = Annotated[str, Field(max_length=LINE), AfterValidator(line)]
Text = Annotated[str, Field(min_length=1, max_length=LINE), AfterValidator(line)]  # a required line
Paragraph = Annotated[str, Field(max_length=PARAGRAPH), AfterValidator(paragraphs)]
Sentences = Annotated[
    str, Field(min_length=1, max_length=PARAGRAPH), AfterValidator(paragraphs)
]  # a required paragraph
Markdown = Annotated[str, Field(max_length=PAGE, json_schema_extra={"format": "markdown"}), AfterValidator(markdown)]


def _read_year(value) -> int:
    """A campaign's year as four digits (2023, or "2023" quoted): every date written without one depends on it."""
    if isinstance(value, str) and re.fullmatch(r"\s*\d{4}(?:\.0*)?\s*", value):
        value = int(float(value))
    elif isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not 2000 <= value <= 2100:
        raise Mistake(
            f"应该是 2000 到 2100 之间的年份，现在是「{shown(value)}」",
            "写四位阿拉伯数字的年份（不小于 2000、不大于 2100），例如 2023：不写“年”字，不用字母 O 代替数字 0。",
        )
    return value


Year = Annotated[int, PlainValidator(_read_year), WithJsonSchema({"type": "integer", "minimum": 2000, "maximum": 2100})]


def campaign_year(raw) -> int | None:
    """`raw` as a campaign year, or None when it is not one (every date of the campaign depends on it)."""
    try:
        return TypeAdapter(Year).validate_python(raw)
    except ValidationError:
        return None


# Links that land in an href and a QR code: read by links.py, which lets only web, tel and e-mail through.
WebUrl = Annotated[str, PlainValidator(links.web_url), WithJsonSchema({"type": "string", "pattern": r"^https?://\S+$"})]
FormTemplate = Annotated[
    str,
    PlainValidator(links.form_template),
    WithJsonSchema({"type": "string", "pattern": r"^https?://[^?#{]+[?#].*\{(title|url|id)\}"}),
]
Hotline = Annotated[
    str, PlainValidator(links.hotline), WithJsonSchema({"type": "string", "pattern": r"^\+?[0-9][0-9 -]{1,18}[0-9]$"})
]
SiteAddress = Annotated[
    str, PlainValidator(links.site_address), WithJsonSchema({"type": "string", "pattern": r"^https?://[^?#]+/$"})
]
EmailAddress = Annotated[
    str,
    PlainValidator(links.email),
    WithJsonSchema({"type": "string", "pattern": r"^[^@\s:/?]+@[^@\s:/?]+\.[A-Za-z]{2,}$"}),
]
# Names and places printed beside the links, on every page and poster: one line of plain text, never a link.
ChannelName = Annotated[str, PlainValidator(links.channel_name), WithJsonSchema({"type": "string", "maxLength": 30})]
ChannelPlace = Annotated[str, PlainValidator(links.channel_place), WithJsonSchema({"type": "string", "maxLength": 60})]
WeChatId = Annotated[
    str,
    PlainValidator(links.wechat_id),
    WithJsonSchema({"type": "string", "pattern": r"^[A-Za-z][-_A-Za-z0-9]{5,19}$"}),
]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True, allow_inf_nan=False)


_TEMPLATE_HELP = (
    "可不写；写了，网址里的 {title}、{url}、{id} 换成每一页的标题、网址和活动（领域）编号，"
    "表单就知道意见是看哪一页时提的。占位符只能写在问号后面"
)
_TEMPLATE_EXAMPLE = "https://wj.example.org/s/abc?title={title}&page={url}&id={id}"


class WeChat(Strict, title="微信公众号"):
    name: ChannelName = Field(title="公众号名称", description="居民在微信里搜索的名称", examples=["永安镇发布"])
    account: WeChatId | None = Field(
        None, title="微信号", description="公众号的微信号（英文字母开头），可不写", examples=["yongan_fabu"]
    )
    qr: ImagePath | None = Field(
        None,
        title="二维码图片",
        description="公众号的二维码图片，放在 data/images/ 里，写它在那里的路径；可不写",
        examples=["channels/wechat-qr.png"],
    )


class MiniProgram(Strict, title="微信小程序"):
    name: ChannelName = Field(title="小程序名称", description="居民在微信里搜索的名称", examples=["爱山东"])
    qr: ImagePath | None = Field(
        None,
        title="小程序码图片",
        description="放在 data/images/ 里，写它的路径；可不写",
        examples=["channels/mini-program.png"],
    )


class Reception(Strict, title="接待日"):
    when: WhenText = Field(title="接待时间", description="写法和活动时间一样", examples=["每周三上午", "每月15日"])
    where: ChannelPlace = Field(
        title="接待地点", description="居民当面反映意见的地方", examples=["镇便民服务中心二楼接待室"]
    )


class MoreChannels(Strict):
    """The channels besides the web form, hotline and e-mail; any of them, or none."""

    wechat: WeChat | None = Field(
        None,
        title="微信公众号",
        description="可不写；写名称（name），可加微信号和二维码图片（qr）",
        examples=[{"name": "永安镇发布", "qr": "channels/wechat-qr.png"}],
    )
    mini_program: MiniProgram | None = Field(
        None,
        title="微信小程序",
        description="可不写；写名称（name），可加小程序码图片（qr）",
        examples=[{"name": "爱山东"}],
    )
    suggestion_box: ChannelPlace | None = Field(
        None, title="意见箱", description="可不写；写意见箱放在哪里", examples=["镇政府一楼大厅"]
    )
    reception: Reception | None = Field(
        None,
        title="接待日",
        description="可不写；写什么时候（when）、在哪里（where）当面接待居民",
        examples=[{"when": "每周三上午", "where": "镇便民服务中心二楼接待室"}],
    )


class Feedback(MoreChannels, title="意见建议渠道"):
    form_url: WebUrl | None = Field(
        None,
        title="意见建议表单网址",
        description="居民在网上提意见建议的网页地址，以 https:// 开头；没有网上表单可不写",
        examples=["https://example.org/feedback"],
    )
    form_url_template: FormTemplate | None = Field(
        None, title="表单网址模板", description=_TEMPLATE_HELP, examples=[_TEMPLATE_EXAMPLE]
    )
    hotline: Hotline = Field(
        "12345",
        title="热线电话",
        description="居民打电话反映意见的号码，用英文引号括起来",
        examples=["12345", "0533-1234567"],
    )
    email: EmailAddress | None = Field(
        None, title="电子邮箱", description="接收意见建议的邮箱，可不写", examples=["yijian@example.org"]
    )
    question: Text = Field(
        "对身边的变化、民生工作有什么意见建议？",
        title="征集意见的问话",
        description="首页等页面上意见建议栏的第一句话，可不写；活动和领域的页面会问那项活动、那个领域",
        examples=["对身边的变化、民生工作有什么意见建议？", "对镇上的变化、乡村振兴有什么意见建议？"],
    )


class FeedbackOverride(MoreChannels, title="本页的意见建议渠道"):
    form_url: WebUrl | None = Field(
        None,
        title="意见建议表单网址",
        description="可不写；不写沿用上一级的表单",
        examples=["https://example.org/feedback/health"],
    )
    form_url_template: FormTemplate | None = Field(
        None, title="表单网址模板", description=_TEMPLATE_HELP, examples=[_TEMPLATE_EXAMPLE]
    )
    hotline: Hotline | None = Field(
        None, title="热线电话", description="可不写；不写沿用上一级的热线", examples=["0533-1234567"]
    )
    email: EmailAddress | None = Field(
        None, title="电子邮箱", description="可不写；不写沿用上一级的邮箱", examples=["weisheng@example.org"]
    )


class Campaign(Strict, title="活动总体信息"):
    title: Text = Field(
        title="活动名称", description="网站的标题，显示在每一页顶部", examples=["幸福家园看变化", "品质民生看高新"]
    )
    site_url: SiteAddress = Field(
        title="网站网址",
        description="网站发布后的完整网址，以 https:// 开头、以 / 结尾：日历订阅、二维码、分享链接和网站地图都用它"
        "（以前写在 mkdocs.yml 里的 site_url 移到这里）",
        examples=["https://zhen.example.gov.cn/kanbianhua/", "https://yonghu.github.io/cangku/"],
    )
    description: Line = Field(
        "",
        title="网站简介",
        description="搜索结果和聊天软件里分享链接时显示的一句话，可不写（不写就用活动名称加“活动安排、重点工作和进展”）",
        examples=["城关镇2023年“看变化、提建议”系列活动：活动安排、各民生领域的重点工作和进展。"],
    )
    share_image: ImagePath | None = Field(
        None,
        title="分享图片",
        description="聊天软件里分享链接时显示的图片，放在 data/images/ 里，写它的路径；"
        "可不写（不写就用活动名称、口号和主办单位自动生成一张）",
        examples=["share/card.jpg"],
    )
    slogan: Line = Field("", title="口号", description="首页标题下的一句话，可不写", examples=["爱家乡·看变化·提建议"])
    organiser: Text = Field(title="主办单位", description="写单位名称，不写个人姓名", examples=["街道党政办公室"])
    year: Year = Field(title="年份", description="没有写年份的日期按这一年理解", examples=[2021])
    period: WhenText = Field(
        title="活动周期",
        description="整个系列活动的起止时间，写法和活动时间一样",
        examples=["9月初至12月底", "2021年9月至12月"],
    )
    summary: Markdown = Field(
        "",
        title="活动简介",
        description="首页上的介绍，可以分段，可用简单的 Markdown",
        examples=["请居民走进学校、医院和社区，亲眼看看身边的变化。"],
    )
    feedback: Feedback = Field(
        title="意见建议渠道",
        description="表单网址、热线电话、邮箱，以及微信公众号、小程序、意见箱、接待日，有哪些写哪些",
        examples=[{"form_url": "https://example.org/feedback", "hotline": "12345"}],
    )

    @property
    def site_description(self) -> str:
        return self.description or f"{self.title}：活动安排、各民生领域的重点工作和进展。"


class Domain(Strict, title="民生领域"):
    id: DomainId = Field(
        title="领域编号",
        description="英文小写和连字符，用于网址，例如 elderly-care",
        examples=["elderly-care", "healthcare"],
    )
    name: Text = Field(title="领域名称", description="配档表“事项类别”一栏的名称", examples=["老有所养"])
    summary: Sentences = Field(
        title="一句话简介", description="领域列表里显示的一句话", examples=["养老助老服务和养老保险服务。"]
    )
    unit: Text | None = Field(
        None, title="牵头单位", description="写单位名称，不写个人姓名" + UNSTATED, examples=["民政办"]
    )
    description: Markdown = Field(
        "",
        title="详细介绍",
        description="领域页面上的介绍，可用简单的 Markdown，可不写",
        examples=["重点是规范养老机构管理，保障养老保险待遇按时足额发放。"],
    )
    feedback: FeedbackOverride | None = Field(
        None,
        title="本领域的意见建议渠道",
        description="可不写；只写和 campaign.yml 不同的几项，本领域的活动也沿用",
        examples=[{"form_url": "https://example.org/feedback/health"}],
    )


_PHOTO = {"image": "xingfuli/before.jpg", "alt": "幸福里小区3号楼，外墙灰暗脱皮，楼前堆着杂物"}
_PHOTO_AFTER = {"image": "xingfuli/after.jpg", "alt": "幸福里小区3号楼，外墙粉刷一新，楼前杂物已清走"}
_PAIR = {"title": "幸福里小区3号楼", "before": _PHOTO, "after": _PHOTO_AFTER}


class Photo(Strict, title="照片"):
    image: ImagePath = Field(
        title="图片文件",
        description="放在 data/images/ 里，写它在那里的路径；手机照片（JPEG、HEIC）直接放入即可",
        examples=["xingfuli/before.jpg"],
    )
    alt: Sentences = Field(
        title="画面描述",
        description="必填：为看不到图片的居民写清画面里有什么（读屏软件会读出）",
        examples=["幸福里小区3号楼，外墙灰暗脱皮，楼前堆着杂物"],
    )
    caption: Paragraph = Field(
        "", title="图注", description="显示在图片下面的说明，可不写", examples=["改造前的幸福里小区"]
    )
    date: PhotoDate | None = Field(
        None, title="拍摄时间", description="某一天或某个月，可不写", examples=["2021-03-15"]
    )
    credit: Line = Field("", title="摄影或来源", description="拍摄人或提供单位，可不写", examples=["城建办"])


class BeforeAfter(Strict, title="前后对比"):
    title: Line = Field("", title="对比标题", description="这组照片拍的是哪里，可不写", examples=["幸福里小区3号楼"])
    before: Photo = Field(title="之前", description="变化之前的照片", examples=[_PHOTO])
    after: Photo = Field(
        title="之后", description="变化之后的照片，最好和之前的照片从同一位置、同一角度拍", examples=[_PHOTO_AFTER]
    )


class Activity(Strict, title="活动"):
    id: ActivityId = Field(
        title="活动编号",
        description="英文小写和连字符，全站唯一，用于网址",
        examples=["health-lectures", "double-ninth-visit"],
    )
    title: Text = Field(title="活动名称", description="照配档表“活动内容”一栏写", examples=["健康知识讲座"])
    domain: Slug | None = Field(
        None,
        title="所属领域",
        description="data/domains.yml 中某个领域的 id；面向整个活动、不属于某个领域的（如每月进展通报）不写",
        examples=["healthcare"],
    )
    when: WhenText = Field(title="活动时间", description="照配档表原话写；网站不会把时间写得比原文更具体")
    where: Text | None = Field(
        None,
        title="活动地点",
        description="线上活动写明平台；配档表没写就不写，网站显示“待定”",
        examples=["镇卫生院", "线上（微信公众号）"],
    )
    organiser: Text | None = Field(
        None, title="责任单位", description="写单位名称，不写个人姓名" + UNSTATED, examples=["镇卫生院"]
    )
    audience: Line = Field("", title="参与对象", description="哪些人参加，可不写", examples=["辖区老年人"])
    channels: list[Text] = Field(
        [], title="活动形式和渠道", description="写成列表，可不写", examples=[["实地参观", "微信公众号"]]
    )
    summary: Markdown = Field(
        "",
        title="活动内容",
        description="活动页面上的介绍，可用简单的 Markdown，可不写",
        examples=["邀请群众代表走进医院，说说对医院发展的意见和建议。"],
    )
    before_after: list[BeforeAfter] = Field(
        [], title="前后对比", description="同一地点变化前后的照片，可不写", examples=[[_PAIR]]
    )
    photos: list[Photo] = Field([], title="活动照片", description="活动现场的照片，可不写", examples=[[_PHOTO_AFTER]])
    feedback: FeedbackOverride | None = Field(
        None,
        title="本活动的意见建议渠道",
        description="可不写；只写和所属领域、campaign.yml 不同的几项",
        examples=[{"form_url": "https://example.org/feedback/open-day"}],
    )
    status: Literal[ACTIVITY_STATUSES.labels] | None = Field(
        None,
        title="活动状态",
        description="照常举行不写；取消了写 已取消；改期了写 延期，把 when 改成新的时间，原来的时间写在 planned",
        examples=["延期", "已取消"],
    )
    planned: WhenText | None = Field(
        None, title="原定时间", description="延期时必填：配档表里原来的时间，写法和活动时间一样", examples=["10月份"]
    )
    status_note: Line = Field(
        "", title="取消或延期的说明", description="为什么取消或延期，可不写", examples=["因天气原因延期"]
    )

    @model_validator(mode="after")
    def _status_explained(self):
        if self.status == "延期" and self.planned is None:
            raise Mistake(
                "状态是“延期”，但没有写原定时间",
                "添加一行「planned: …」写配档表里原来的时间，when 改成新的时间（新时间还没定，就写大概的月份，如 12月份）。",
            )
        if self.planned is not None and self.status != "延期":
            raise Mistake(
                "写了原定时间（planned），但状态不是“延期”",
                "活动改期了就添加一行「status: 延期」；没有改期就删掉 planned 这一行。",
            )
        if self.planned is not None and self.planned.text == self.when.text:
            raise Mistake(
                f"延期后的时间和原定时间都是「{self.when.text}」", "when 写改期后的新时间，planned 写原来的时间。"
            )
        if self.status_note and self.status is None:
            raise Mistake(
                "写了取消或延期的说明，但没有写状态",
                "添加一行「status: 已取消」或「status: 延期」，或删掉 status_note 这一行。",
            )
        return self

    def facts(self, brief: bool = False) -> list[tuple[str, str, bool]]:
        """Where, who and for whom, as every page, calendar file and poster lists them after the time:
        (label, text, stated). A place or organiser the plan leaves out is listed as 待定 or 未注明, never
        invented; an audience not given is left out. `brief`: what an activity card has room for."""
        given = [("地点", self.where, "待定"), ("责任单位", self.organiser, "未注明")]
        if not brief and self.audience:
            given.append(("参与对象", self.audience, ""))
        return [(label, value or unstated, bool(value)) for label, value, unstated in given]


Status = Literal[TASK_STATUSES.labels]


class Milestone(Strict, title="时间节点"):
    when: WhenText = Field(title="时间", description="写法和活动时间一样", examples=["第一季度", "6月底前"])
    what: Text = Field(title="节点内容", description="到这个时间要完成什么", examples=["完成设计"])
    done: bool = Field(False, title="已完成", description="完成了写 true；没完成写 false 或不写", examples=[True])


class Progress(Strict, title="完成进度"):
    done: NonNegative | None = Field(
        None,
        title="已完成量",
        description="已经完成了多少，只写数字；还没有统计就不写，页面只显示计划总量",
        examples=[2.2],
    )
    total: Total = Field(title="总量", description="计划一共要完成多少，只写数字", examples=[8])
    unit: Line = Field("", title="单位", description="done 和 total 的单位", examples=["公里", "户", "个"])
    as_of: date | None = Field(
        None,
        title="数据截至",
        description="写了已完成量，就写截至哪一天（写成 2021-10-31 这样的日期），页面才显示进度条",
        examples=["2021-10-31"],
    )

    @model_validator(mode="after")
    def _done_within_total(self):
        if self.done is not None and self.done > self.total:
            raise Mistake(
                f"已完成量 {number(self.done)} 大于总量 {number(self.total)}",
                "核对 done 和 total：已完成的不能比总量多。",
            )
        return self

    @property
    def measured(self) -> bool:
        """A done count with its date: only then is it shown as progress (make check asks for a missing date)."""
        return self.done is not None and self.as_of is not None


class KeyTask(Strict, title="重点工作"):
    id: TaskId = Field(title="任务编号", description="英文小写和连字符，同一领域内唯一", examples=["road-repair"])
    title: Text = Field(title="重点工作或重点解决问题", description="照配档表写", examples=["医院服务态度差"])
    kind: Literal["重点工作", "重点解决问题"] = Field(
        "重点工作", title="类别", description="不写时按“重点工作”", examples=["重点解决问题"]
    )
    unit: Text | None = Field(
        None, title="责任单位", description="写单位名称，不写个人姓名" + UNSTATED, examples=["镇卫生院"]
    )
    measures: list[Sentences] = Field(
        [], title="具体措施", description="每条措施一项", examples=[["分段施工", "夜间作业减少扰民"]]
    )
    deadline: WhenText = Field(
        title="完成时限",
        description="照配档表原话写，写法和活动时间一样",
        examples=["6月底前", "2021年12月底", "长期坚持"],
    )
    status: Status | None = Field(
        None,
        title="进展",
        description="、".join(TASK_STATUSES.labels[:-1])
        + "或"
        + TASK_STATUSES.labels[-1]
        + "；还没有报告进展就不写，网站按完成时限推算并注明“按时间安排推算”",
        examples=["进行中"],
    )
    as_of: date | None = Field(
        None,
        title="进展截至",
        description="这次报告进展是哪一天，写成 2021-10-31 这样的日期，可不写",
        examples=["2021-10-31"],
    )
    progress: Progress | None = Field(
        None,
        title="完成进度",
        description="可不写；只写总量，页面显示计划量；写了已完成量和日期，页面显示进度条",
        examples=[{"done": 2.2, "total": 8, "unit": "公里", "as_of": "2021-10-31"}],
    )
    milestones: list[Milestone] = Field(
        [],
        title="时间节点",
        description="可不写；每个节点写时间、内容和是否完成",
        examples=[[{"when": "第一季度", "what": "完成设计", "done": True}]],
    )
    before_after: list[BeforeAfter] = Field(
        [], title="前后对比", description="这项工作带来的变化，前后照片各一张，可不写", examples=[[_PAIR]]
    )

    @property
    def percent(self) -> float | None:
        """Progress in percent, from the stated amounts or else the milestones done; None for a plan alone."""
        if self.progress:
            return percent(self.progress.done, self.progress.total) if self.progress.measured else None
        if self.milestones:
            return percent(sum(m.done for m in self.milestones), len(self.milestones))
        return None


class Figure(Strict, title="数据"):
    id: Slug | None = Field(
        None, title="指标编号", description="有分项的总数才需要编号，分项用 parent 指向它", examples=["projects"]
    )
    label: Text = Field(title="指标名称", description="显示在数字旁边", examples=["民生实事项目"])
    value: Number | None = Field(
        None,
        title="数值",
        description="实测的当前值或已完成数，只写数字；还没有实测就不写（只写目标或计划总量）",
        examples=[101],
    )
    total: Number | None = Field(
        None, title="总数", description="计划一共要完成多少，只写数字；只写总数，页面显示为计划", examples=[148]
    )
    unit: Line = Field("", title="单位", description="百分比写 %", examples=["个", "户", "公里", "万元", "%"])
    target: TargetText | None = Field(
        None,
        title="目标",
        description="照计划原文写；有了实测数值，页面显示是否达到",
        examples=["≥ 90%", "98%以上", "较去年下降30%", "全覆盖"],
    )
    baseline: Number | None = Field(
        None,
        title="比较基数",
        description="目标是“较去年下降30%”“只增不减”这类变化时，写去年（比较对象）的数，网站据此算出是否达到",
        examples=[120],
    )
    parent: Slug | None = Field(None, title="上级指标", description="这一项是哪个指标的分项", examples=["projects"])
    as_of: date | None = Field(
        None, title="数据截至", description="写了数值就必须写：写成 2021-09-12 这样的日期", examples=["2021-09-12"]
    )
    source: Line = Field("", title="数据来源", description="数据出自哪里，可不写", examples=["新闻发布会"])

    @model_validator(mode="after")
    def _consistent(self):
        if self.value is not None and self.total is not None and self.value > self.total:
            raise Mistake(
                f"数值 {number(self.value)} 大于总数 {number(self.total)}",
                "value 是已完成数，total 是总数：已完成的不能比总数多。",
            )
        if self.value is not None and self.as_of is None:
            raise Mistake(
                f"写了数值 {number(self.value)}，没有写数据截至哪一天",
                "添加「as_of: 2021-09-12」：网站只把有日期的实测数当作结果显示；还没有实测，就删掉 value。",
            )
        if self.baseline is not None and not (self.target and self.target.relative):
            raise Mistake(
                "写了比较基数（baseline），但目标不是和它比较的变化",
                "baseline 只配“较去年下降30%”“只增不减”这类目标用；不是这类目标就删掉 baseline。",
            )
        percents = [v for v in (self.value, self.total) if v is not None and self.unit == "%"]
        if self.target and self.target.unit == "%" and not self.target.relative:
            percents.append(self.target.number)
        if not all(0 <= v <= 100 for v in percents):
            raise Mistake("百分比要在 0 到 100 之间", "百分比写 0 到 100 之间的数，例如 92.5；不要写百分号以外的单位。")
        self._check_target_unit()
        return self

    def _check_target_unit(self) -> None:
        """A target is compared in the figure's unit, or as a percentage of its total."""
        target = self.target
        if not target or target.number is None or not target.unit or target.unit == self.unit or not self.unit:
            return
        if target.unit == "%" and (self.total is not None or target.relative):
            return  # a share of the total, or a change in percent
        if target.relative and target.unit.endswith("百分点") and self.unit == "%":
            return
        raise Mistake(
            f"目标的单位「{target.unit}」和数据的单位「{self.unit}」不一样，无法比较",
            f"把目标写成以「{self.unit}」为单位的数，例如“≥ 5{self.unit}”；目标是百分比时，写上 total（总数），网站算出比例再比较。",
        )

    @property
    def percent(self) -> float | None:
        return percent(self.value, self.total) if self.value is not None and self.total else None

    @property
    def planned(self) -> bool:
        """A plan's amount with nothing measured yet: shown as 计划, never as a result."""
        return self.value is None and self.total is not None

    @property
    def met(self) -> bool | None:
        """Whether the measured value meets the target; None with no target, no value, or no way to tell."""
        if not self.target or self.value is None:
            return None
        compared = self.value
        if self.target.unit == "%" and self.unit != "%" and not self.target.relative:
            compared = self.percent  # 覆盖率 as a share of the total
        return None if compared is None else self.target.met_by(compared, self.baseline)


class Achievements(Strict, title="重点工作和数据"):
    domain: Slug | None = Field(
        None,
        title="所属领域",
        description="data/domains.yml 中某个领域的 id；"
        "面向整个活动、不属于某个领域的重点工作和数据不写（这样的文件只能有一个）",
        examples=["healthcare"],
    )
    tasks: list[KeyTask] = Field(
        [],
        title="重点工作",
        description="配档表里这个领域的重点工作和重点解决问题",
        examples=[
            [
                {
                    "id": "road-repair",
                    "title": "新博南路整修",
                    "unit": "城建办",
                    "deadline": "2021年12月底",
                    "status": "进行中",
                }
            ]
        ],
    )
    figures: list[Figure] = Field(
        [],
        title="数据",
        description="这个领域的数字：实测值、计划总量、目标",
        examples=[
            [
                {"label": "开放床位", "value": 30, "unit": "张", "as_of": "2021-09-12"},
                {"label": "破案率", "unit": "%", "target": "≥ 90%"},
            ]
        ],
    )
    before_after: list[BeforeAfter] = Field(
        [], title="前后对比", description="这个领域整体的变化，不属于某项重点工作时写在这里，可不写", examples=[[_PAIR]]
    )


LedgerStatus = Literal[LEDGER_STATUSES.labels]
PublicText = Paragraph  # like every text: no phone, ID-card or bank-card number
Day = date  # a field named "date" would shadow the type inside its class


class FeedbackItem(Strict, title="意见建议"):
    id: ItemId = Field(
        title="编号", description="英文小写和连字符，全站唯一，用作网页上的锚点", examples=["2021-10-road-lights"]
    )
    date: Day = Field(title="收到日期", description="写成 2021-10-08 这样的日期", examples=["2021-10-08"])
    domain: Slug = Field(title="所属领域", description="data/domains.yml 中某个领域的 id", examples=["environment"])
    channel: Text = Field(
        title="反映渠道", description="从哪里收到的", examples=["12345热线", "走访", "意见表", "座谈会"]
    )
    summary: Annotated[PublicText, Field(min_length=1)] = Field(
        title="反映的问题或建议",
        description="写清反映了什么；会公开在网上，不写姓名、电话、门牌号等个人信息",
        examples=["小区南门路灯不亮，晚上出行不便"],
    )
    status: LedgerStatus = Field(
        title="办理状态",
        description="、".join(LEDGER_STATUSES.labels[:-1]) + "或" + LEDGER_STATUSES.labels[-1],
        examples=["已办结"],
    )
    reason: PublicText = Field(
        "",
        title="未采纳的原因",
        description="状态是“未采纳”时必填，说明为什么",
        examples=["该路段属市政道路，已转交区城管局"],
    )
    response: PublicText = Field(
        "",
        title="办理结果或答复",
        description="做了什么、答复了什么；“办理中”时可写进展",
        examples=["城建办已更换灯具，10月15日起恢复照明"],
    )
    links: list[Annotated[str, Field(pattern=r"^[a-z0-9-]+(?:/[a-z0-9-]+)?$", max_length=LINE)]] = Field(
        [],
        title="相关活动或重点工作",
        description="活动写编号；重点工作写“领域编号/任务编号”",
        examples=[["clinic-open-day", "healthcare/long-queues"]],
    )

    @model_validator(mode="after")
    def _explained(self):
        if self.status == "未采纳" and not self.reason:
            raise Mistake("状态是“未采纳”，但没有写原因", "添加一行「reason: …」，说明为什么没有采纳。")
        if self.status != "办理中" and not self.response:
            raise Mistake(
                f"状态是“{self.status}”，但没有写办理结果或答复", "添加一行「response: …」，写明做了什么或怎样答复的。"
            )
        return self


def _read_moment_field(value, info: ValidationInfo) -> When:
    hint = "写数字统计到哪一天或哪个月，例如 2022-07-15、2022年7月。"
    return (
        value
        if isinstance(value, When)
        else read_moment(value, (info.context or {}).get("year", date.today().year), hint)
    )


Moment = Annotated[
    When,
    PlainValidator(_read_moment_field),
    PlainSerializer(lambda when: when.text, return_type=str),
    WithJsonSchema({"type": "string", "examples": ["2022-07-15", "2022年7月"]}),
]
Count = Annotated[
    Amount,
    PlainValidator(read_amount),
    PlainSerializer(str, return_type=str),
    WithJsonSchema({"type": ["integer", "string"], "examples": [450, "500余", "约2000", "18.6万", "近万"]}),
]
SumText = Annotated[
    Sum,
    PlainValidator(read_sum),
    PlainSerializer(str, return_type=str),
    WithJsonSchema({"type": "string", "examples": ["collected = resolved + in_progress"]}),
]
CountKey = Literal[tuple(COUNTS)]


class Rate(Strict, title="比例"):
    label: Text = Field(title="比例名称", description="报道里的说法", examples=["入户率", "满意率"])
    value: Count = Field(title="比例", description="照报道写，例如 100%", examples=["100%"])

    @model_validator(mode="after")
    def _a_share(self):
        if not self.value.percent:
            raise Mistake(
                f"比例「{self.value}」要带百分号", "写成 100%、97.6% 这样的比例；条数写在 collected 等字段里。"
            )
        return self


class FeedbackTotals(Strict, title="办理情况统计"):
    id: Slug | None = Field(
        None, title="统计编号", description="有下级统计（例如各镇街）指向它时才需要", examples=["district-2022"]
    )
    parent: Slug | None = Field(
        None, title="上级统计", description="这组数字是哪个总数的一部分：写上级统计的编号", examples=["district-2022"]
    )
    complete: bool = Field(
        False,
        title="各下级相加等于总数",
        description="写 true：下级统计列全了，相加必须等于本统计；不写：相加不超过本统计",
        examples=[True],
    )
    period: Line = Field(
        "",
        title="轮次或时段",
        description="这组数字属于哪一轮、哪个时段；不同轮次的数字不会相加",
        examples=["2022年第二轮大走访"],
    )
    label: Text = Field(
        title="统计范围", description="这组数字统计的是什么", examples=["（示例）某社区大走访收集的问题"]
    )
    domain: Slug | None = Field(
        None, title="所属领域", description="属于某个领域时写它的 id，可不写", examples=["environment"]
    )
    as_of: Moment | None = Field(
        None,
        title="数据截至",
        description="写到哪一天或哪个月；报道只写“截至目前”时不写，改写 reported",
        examples=["2022-07-15", "2022年7月"],
    )
    reported: Moment | None = Field(
        None, title="报道时间", description="报道发布的日期或月份：页面显示“据…报道”", examples=["2022年7月"]
    )
    source: Text = Field(
        title="数据来源", description="数字出自哪里：只写有出处的真实数字", examples=["（示例）街道工作通报"]
    )
    unit: Line = Field("条", title="单位", description="问题的量词", examples=["条", "个", "件"])
    visited: Count | None = Field(None, title="走访户数", description="走访了多少户，可不写", examples=[120])
    collected: Count | None = Field(
        None, title="收集问题", description="一共收集到多少条问题和诉求；约数照写，例如 500余", examples=[120]
    )
    on_the_spot: Count | None = Field(None, title="当场解决", description="当场解决的，可不写", examples=[12])
    transferred: Count | None = Field(None, title="转办", description="交给责任单位办理的，可不写", examples=[108])
    resolved: Count | None = Field(None, title="已办结", description="已经办结的，可不写", examples=[96])
    in_progress: Count | None = Field(None, title="办理中", description="还在办理的，可不写", examples=[12])
    outside: list[CountKey] = Field(
        [],
        title="另外统计的数",
        description="报道说“另有”的数不算在收集问题里，写它的字段名，例如 [on_the_spot]",
        examples=[["on_the_spot"]],
    )
    sums: list[SumText] = Field(
        [],
        title="必须相等的加法",
        description="报道里能对上的加法，例如 collected = resolved + in_progress；写了就逐一核对",
        examples=[["collected = resolved + in_progress"]],
    )
    rates: list[Rate] = Field(
        [],
        title="比例",
        description="报道只给了比例时写这里，例如入户率 100%",
        examples=[[{"label": "入户率", "value": "100%"}]],
    )

    @model_validator(mode="after")
    def _some_figure(self):
        for key in ("visited", *COUNTS):
            if getattr(self, key) is not None and getattr(self, key).percent:
                raise Mistake(
                    f"{key} 要写条数或户数，不能写比例「{getattr(self, key)}」",
                    "比例写进 rates，例如 rates: [{label: 入户率, value: 100%}]。",
                )
        if not any(getattr(self, key) is not None for key in ("visited", *COUNTS)) and not self.rates:
            raise Mistake(
                "这组统计没有任何数字",
                "至少写一个：collected（收集问题）、resolved（已办结）、visited（走访户数）或 rates（比例）。",
            )
        return self


class Output(Strict, title="工作量"):
    label: Text = Field(title="名称", description="做了什么", examples=["建立微信群", "发放明白纸", "推送政策信息"])
    value: Count = Field(title="数量", description="照报道写：642、25.2万、约2000", examples=["25.2万"])
    unit: Line = Field("", title="单位", description="数量的量词", examples=["个", "份", "条"])
    domain: Slug | None = Field(
        None, title="所属领域", description="属于某个领域时写它的 id，可不写", examples=["healthcare"]
    )
    as_of: Moment | None = Field(
        None, title="数据截至", description="写到哪一天或哪个月，可不写", examples=["2022年7月"]
    )
    reported: Moment | None = Field(
        None, title="报道时间", description="报道发布的日期或月份，可不写", examples=["2022年7月"]
    )
    source: Text = Field(title="数据来源", description="数字出自哪里", examples=["（示例）区委办工作简报"])


class FeedbackLedger(Strict, title="你说我办"):
    intro: Markdown = Field(
        "",
        title="说明",
        description="“你说我办”页面开头的话：意见建议从哪些渠道来、怎样办理；"
        "不写时按意见建议的渠道自动生成。全部文件里只能有一处写",
        examples=["居民通过12345热线和入户走访提出的问题，由责任单位限期办理。"],
    )
    items: list[FeedbackItem] = Field(
        [],
        title="意见建议",
        description="收到的意见建议，每条一项",
        examples=[
            [
                {
                    "id": "2021-10-road-lights",
                    "date": "2021-10-08",
                    "domain": "environment",
                    "channel": "12345热线",
                    "summary": "（示例）小区南门路灯不亮",
                    "status": "已办结",
                    "response": "已更换灯具",
                }
            ]
        ],
    )
    totals: list[FeedbackTotals] = Field(
        [],
        title="办理情况统计",
        description="只知道总数时写这里：收集、转办、办结等条数",
        examples=[
            [
                {
                    "label": "（示例）某社区大走访收集的问题",
                    "source": "（示例）社区工作通报",
                    "collected": 120,
                    "resolved": 96,
                    "in_progress": 24,
                    "sums": ["collected = resolved + in_progress"],
                }
            ]
        ],
    )
    outputs: list[Output] = Field(
        [],
        title="工作量",
        description="宣传和走访做了多少：建群、发放材料、推送信息等",
        examples=[[{"label": "发放明白纸", "value": "1.2万", "unit": "份", "source": "（示例）街道工作简报"}]],
    )


def _read_held_field(value, info: ValidationInfo) -> When:
    """The days an activity actually took place: one day or a run of days, never a vague phrase."""
    hint = "写活动实际举办的日期，例如 2021-09-18、9月18日、9月18日至20日。"
    when = _read_when_field(value, info)
    if when.kind != "range" or when.precision != "day":
        raise Mistake(f"「{when.text}」不是具体的日期：回顾要写活动实际举办的那一天（或那几天）", hint)
    return when


HeldDates = Annotated[
    When,
    PlainValidator(_read_held_field),
    PlainSerializer(lambda when: when.text, return_type=str),
    WithJsonSchema({"type": "string", "examples": ["2021-09-18", "9月18日", "9月18日至20日"]}),
]


class Report(Strict, title="活动回顾"):
    activity: Slug = Field(
        title="活动编号", description="回顾的是哪一项活动：data/activities/ 里它的 id", examples=["campus-open-day"]
    )
    held: HeldDates = Field(
        title="实际举办日期",
        description="活动实际举办的那一天或那几天，不写模糊的时间",
        examples=["2021-09-18", "9月18日至20日"],
    )
    attendance: Count | None = Field(
        None, title="参加人数", description="来了多少人，可不写；约数照写，例如 约200", examples=[46]
    )
    attendees: Line = Field(
        "",
        title="参加的群体和单位",
        description="哪些人和单位参加了，写单位和群体，不写个人姓名",
        examples=["区人大代表、学生家长代表"],
    )
    suggestions: Count | None = Field(
        None, title="收集意见建议", description="活动上收集到多少条意见建议，可不写；约数照写", examples=[12]
    )
    items: list[Slug] = Field(
        [],
        title="“你说我办”条目",
        description="活动上提出、已记入“你说我办”的意见建议编号，可不写",
        examples=[["2021-12-hospital-queue"]],
    )
    summary: Annotated[Markdown, Field(min_length=1)] = Field(
        title="回顾正文",
        description="活动办得怎么样：做了什么、大家说了什么、接下来怎么办；可分段，可用简单的 Markdown",
        examples=["区人大代表和家长代表走进镇中心学校，看了新建的操场和功能教室。"],
    )
    photos: list[Photo] = Field(
        [], title="现场照片", description="每张照片都要写画面描述（alt）", examples=[[_PHOTO_AFTER]]
    )
    article: WebUrl | None = Field(
        None,
        title="公众号文章网址",
        description="微信公众号上的报道，可不写；网页上会注明“将离开本站”",
        examples=["https://mp.weixin.qq.com/s/abcdef"],
    )
    article_title: Line = Field(
        "", title="文章标题", description="公众号文章的标题，可不写", examples=["家长代表走进镇中心学校"]
    )

    @model_validator(mode="after")
    def _items_within_suggestions(self):
        if self.suggestions is not None and self.suggestions.exact and len(self.items) > self.suggestions.value:
            raise Mistake(
                f"列出了 {len(self.items)} 条“你说我办”，比收集的意见建议 {self.suggestions} 条还多",
                "items 里的每一条都是活动上收集的意见建议：核对 suggestions 的数字。",
            )
        if self.article_title and not self.article:
            raise Mistake("写了文章标题，但没有写文章网址", "添加一行「article: https://…」，或删掉 article_title。")
        return self


ActivityList = list[Activity]
DomainList = list[Domain]
