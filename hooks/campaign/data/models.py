"""The data contract: what each YAML file may hold, field by field.

These models validate the editors' data and, later, generate the JSON Schema their editors
use for completion, so the two can never drift. Titles are the Chinese field names that
error messages show; `extra="forbid"` turns a misspelt key into an error, not a silent loss.
"""
from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, PlainSerializer, PlainValidator, ValidationInfo
from pydantic import WithJsonSchema, model_validator

from campaign.fields import links
from campaign.fields.figures import FigureError, Target, number, percent, read_target
from campaign.data.ledger import LedgerError, public_text
from campaign.fields.photos import read_image_path, read_photo_date
from campaign.fields.when import When, WhenError, read_when

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
ImagePath = Annotated[str, PlainValidator(read_image_path), WithJsonSchema({"type": "string", "examples": ["xingfuli/before.jpg"]})]
def _read_photo_date_field(value, info: ValidationInfo) -> When:
    return value if isinstance(value, When) else read_photo_date(value, (info.context or {}).get("year", date.today().year))


PhotoDate = Annotated[
    When,
    PlainValidator(_read_photo_date_field),
    PlainSerializer(lambda when: when.text, return_type=str),
    WithJsonSchema({"type": "string", "examples": ["2021-09-12", "2021年9月"]}),
]
Slug = Annotated[str, Field(pattern=SLUG, min_length=2, max_length=60)]
Text = Annotated[str, Field(min_length=1)]
Markdown = Annotated[str, Field(json_schema_extra={"format": "markdown"})]
# Links that land in an href and a QR code: read by links.py, which lets only web, tel and e-mail through.
WebUrl = Annotated[str, PlainValidator(links.web_url), WithJsonSchema({"type": "string", "pattern": r"^https?://\S+$"})]
FormTemplate = Annotated[str, PlainValidator(links.form_template),
                         WithJsonSchema({"type": "string", "pattern": r"^https?://[^?#{]+[?#].*\{(title|url|id)\}"})]
Hotline = Annotated[str, PlainValidator(links.hotline), WithJsonSchema({"type": "string", "pattern": r"^\+?[0-9][0-9 -]{1,18}[0-9]$"})]
SiteAddress = Annotated[str, PlainValidator(links.site_address), WithJsonSchema({"type": "string", "pattern": r"^https?://[^?#]+/$"})]
EmailAddress = Annotated[str, PlainValidator(links.email), WithJsonSchema({"type": "string", "pattern": r"^[^@\s:/?]+@[^@\s:/?]+\.[A-Za-z]{2,}$"})]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


_TEMPLATE_HELP = ("可不写；写了，网址里的 {title}、{url}、{id} 换成每一页的标题、网址和活动（领域）编号，"
                  "表单就知道意见是看哪一页时提的。占位符只能写在问号后面")
_TEMPLATE_EXAMPLE = "https://wj.example.org/s/abc?title={title}&page={url}&id={id}"


class Feedback(Strict, title="意见建议渠道"):
    form_url: WebUrl = Field(title="意见建议表单网址",
                             description="居民在网上提意见建议的网页地址，以 https:// 开头",
                             examples=["https://example.org/feedback"])
    form_url_template: FormTemplate | None = Field(None, title="表单网址模板", description=_TEMPLATE_HELP,
                                                   examples=[_TEMPLATE_EXAMPLE])
    hotline: Hotline = Field("12345", title="热线电话",
                             description="居民打电话反映意见的号码，用英文引号括起来", examples=["12345", "0533-1234567"])
    email: EmailAddress | None = Field(None, title="电子邮箱",
                                       description="接收意见建议的邮箱，可不写", examples=["yijian@example.org"])
    question: Text = Field("对身边的变化、民生工作有什么意见建议？", title="征集意见的问话",
                           description="首页等页面上意见建议栏的第一句话，可不写；活动和领域的页面会问那项活动、那个领域",
                           examples=["对身边的变化、民生工作有什么意见建议？", "对镇上的变化、乡村振兴有什么意见建议？"])


class FeedbackOverride(Strict, title="本页的意见建议渠道"):
    form_url: WebUrl | None = Field(None, title="意见建议表单网址", description="可不写；不写沿用上一级的表单",
                                    examples=["https://example.org/feedback/health"])
    form_url_template: FormTemplate | None = Field(None, title="表单网址模板", description=_TEMPLATE_HELP,
                                                   examples=[_TEMPLATE_EXAMPLE])
    hotline: Hotline | None = Field(None, title="热线电话", description="可不写；不写沿用上一级的热线",
                                    examples=["0533-1234567"])
    email: EmailAddress | None = Field(None, title="电子邮箱", description="可不写；不写沿用上一级的邮箱",
                                       examples=["weisheng@example.org"])


class Campaign(Strict, title="活动总体信息"):
    title: Text = Field(title="活动名称", description="网站的标题，显示在每一页顶部",
                        examples=["幸福家园看变化", "品质民生看高新"])
    site_url: SiteAddress = Field(title="网站网址",
                                  description="网站发布后的完整网址，以 https:// 开头、以 / 结尾：日历订阅、二维码、分享链接和网站地图都用它",
                                  examples=["https://zhen.example.gov.cn/kanbianhua/", "https://yonghu.github.io/cangku/"])
    description: str = Field("", title="网站简介",
                             description="搜索结果和聊天软件里分享链接时显示的一句话，可不写（不写就用活动名称加“活动安排、重点工作和进展”）",
                             examples=["城关镇2023年“看变化、提建议”系列活动：活动安排、各民生领域的重点工作和进展。"])
    share_image: ImagePath | None = Field(None, title="分享图片",
                                          description="聊天软件里分享链接时显示的图片，放在 data/images/ 里，写它的路径；"
                                                      "可不写（不写就用活动名称、口号和主办单位自动生成一张）",
                                          examples=["share/card.jpg"])
    slogan: str = Field("", title="口号", description="首页标题下的一句话，可不写", examples=["爱家乡·看变化·提建议"])
    organiser: Text = Field(title="主办单位", description="写单位名称，不写个人姓名", examples=["街道党政办公室"])
    year: int = Field(title="年份", ge=2000, le=2100,
                      description="没有写年份的日期按这一年理解", examples=[2021])
    period: WhenText = Field(title="活动周期", description="整个系列活动的起止时间，写法和活动时间一样",
                             examples=["9月初至12月底", "2021年9月至12月"])
    summary: Markdown = Field("", title="活动简介", description="首页上的介绍，可以分段，可用简单的 Markdown",
                              examples=["请居民走进学校、医院和社区，亲眼看看身边的变化。"])
    feedback: Feedback = Field(title="意见建议渠道", description="表单网址（必填）、热线电话和邮箱",
                               examples=[{"form_url": "https://example.org/feedback", "hotline": "12345"}])

    @property
    def site_description(self) -> str:
        return self.description or f"{self.title}：活动安排、各民生领域的重点工作和进展。"


class Domain(Strict, title="民生领域"):
    id: Slug = Field(title="领域编号", description="英文小写和连字符，用于网址，例如 elderly-care",
                     examples=["elderly-care", "healthcare"])
    name: Text = Field(title="领域名称", description="配档表“事项类别”一栏的名称", examples=["老有所养"])
    summary: Text = Field(title="一句话简介", description="领域列表里显示的一句话", examples=["养老助老服务和养老保险服务。"])
    unit: Text = Field(title="牵头单位", description="写单位名称，不写个人姓名", examples=["民政办"])
    description: Markdown = Field("", title="详细介绍", description="领域页面上的介绍，可用简单的 Markdown，可不写",
                                  examples=["重点是规范养老机构管理，保障养老保险待遇按时足额发放。"])
    feedback: FeedbackOverride | None = Field(None, title="本领域的意见建议渠道",
                                              description="可不写；只写和 campaign.yml 不同的几项，本领域的活动也沿用",
                                              examples=[{"form_url": "https://example.org/feedback/health"}])


_PHOTO = {"image": "xingfuli/before.jpg", "alt": "幸福里小区3号楼，外墙灰暗脱皮，楼前堆着杂物"}
_PHOTO_AFTER = {"image": "xingfuli/after.jpg", "alt": "幸福里小区3号楼，外墙粉刷一新，楼前杂物已清走"}
_PAIR = {"title": "幸福里小区3号楼", "before": _PHOTO, "after": _PHOTO_AFTER}


class Photo(Strict, title="照片"):
    image: ImagePath = Field(title="图片文件", description="放在 data/images/ 里，写它在那里的路径；手机照片（JPEG、HEIC）直接放入即可",
                             examples=["xingfuli/before.jpg"])
    alt: Text = Field(title="画面描述", description="必填：为看不到图片的居民写清画面里有什么（读屏软件会读出）",
                      examples=["幸福里小区3号楼，外墙灰暗脱皮，楼前堆着杂物"])
    caption: str = Field("", title="图注", description="显示在图片下面的说明，可不写", examples=["改造前的幸福里小区"])
    date: PhotoDate | None = Field(None, title="拍摄时间", description="某一天或某个月，可不写", examples=["2021-03-15"])
    credit: str = Field("", title="摄影或来源", description="拍摄人或提供单位，可不写", examples=["城建办"])


class BeforeAfter(Strict, title="前后对比"):
    title: str = Field("", title="对比标题", description="这组照片拍的是哪里，可不写", examples=["幸福里小区3号楼"])
    before: Photo = Field(title="之前", description="变化之前的照片", examples=[_PHOTO])
    after: Photo = Field(title="之后", description="变化之后的照片，最好和之前的照片从同一位置、同一角度拍",
                         examples=[_PHOTO_AFTER])


class Activity(Strict, title="活动"):
    id: Slug = Field(title="活动编号", description="英文小写和连字符，全站唯一，用于网址",
                     examples=["health-lectures", "double-ninth-visit"])
    title: Text = Field(title="活动名称", description="照配档表“活动内容”一栏写", examples=["健康知识讲座"])
    domain: Slug = Field(title="所属领域", description="data/domains.yml 中某个领域的 id", examples=["healthcare"])
    when: WhenText = Field(title="活动时间", description="照配档表原话写；网站不会把时间写得比原文更具体")
    where: Text = Field(title="活动地点", description="线上活动写明平台", examples=["镇卫生院", "线上（微信公众号）"])
    organiser: Text = Field(title="责任单位", description="写单位名称，不写个人姓名", examples=["镇卫生院"])
    audience: str = Field("", title="参与对象", description="哪些人参加，可不写", examples=["辖区老年人"])
    channels: list[Text] = Field([], title="活动形式和渠道", description="写成列表，可不写",
                                 examples=[["实地参观", "微信公众号"]])
    summary: Markdown = Field("", title="活动内容", description="活动页面上的介绍，可用简单的 Markdown，可不写",
                              examples=["邀请群众代表走进医院，说说对医院发展的意见和建议。"])
    before_after: list[BeforeAfter] = Field([], title="前后对比", description="同一地点变化前后的照片，可不写",
                                            examples=[[_PAIR]])
    photos: list[Photo] = Field([], title="活动照片", description="活动现场的照片，可不写", examples=[[_PHOTO_AFTER]])
    feedback: FeedbackOverride | None = Field(None, title="本活动的意见建议渠道",
                                              description="可不写；只写和所属领域、campaign.yml 不同的几项",
                                              examples=[{"form_url": "https://example.org/feedback/open-day"}])


Status = Literal["未开始", "进行中", "已完成", "长期坚持"]


class Milestone(Strict, title="时间节点"):
    when: WhenText = Field(title="时间", description="写法和活动时间一样", examples=["第一季度", "6月底前"])
    what: Text = Field(title="节点内容", description="到这个时间要完成什么", examples=["完成设计"])
    done: bool = Field(False, title="已完成", description="完成了写 true；没完成写 false 或不写", examples=[True])


class Progress(Strict, title="完成进度"):
    done: float = Field(title="已完成量", ge=0, description="已经完成了多少，只写数字", examples=[2.2])
    total: float = Field(title="总量", gt=0, description="一共要完成多少，只写数字", examples=[8])
    unit: str = Field("", title="单位", description="done 和 total 的单位", examples=["公里", "户", "个"])
    as_of: date | None = Field(None, title="数据截至", description="写成 2021-10-31 这样的日期，可不写",
                               examples=["2021-10-31"])

    @model_validator(mode="after")
    def _done_within_total(self):
        if self.done > self.total:
            raise FigureError(f"已完成量 {number(self.done)} 大于总量 {number(self.total)}", "核对 done 和 total：已完成的不能比总量多。")
        return self


class KeyTask(Strict, title="重点工作"):
    id: Slug = Field(title="任务编号", description="英文小写和连字符，同一领域内唯一", examples=["road-repair"])
    title: Text = Field(title="重点工作或重点解决问题", description="照配档表写", examples=["医院服务态度差"])
    kind: Literal["重点工作", "重点解决问题"] = Field("重点工作", title="类别", description="不写时按“重点工作”",
                                                    examples=["重点解决问题"])
    unit: Text = Field(title="责任单位", description="写单位名称，不写个人姓名", examples=["镇卫生院"])
    measures: list[Text] = Field([], title="具体措施", description="每条措施一项", examples=[["分段施工", "夜间作业减少扰民"]])
    deadline: WhenText = Field(title="完成时限", description="照配档表原话写，写法和活动时间一样",
                               examples=["6月底前", "2021年12月底", "长期坚持"])
    status: Status = Field(title="进展", description="未开始、进行中、已完成或长期坚持", examples=["进行中"])
    progress: Progress | None = Field(None, title="完成进度", description="可不写；写了已完成量和总量，页面显示进度条",
                                      examples=[{"done": 2.2, "total": 8, "unit": "公里", "as_of": "2021-10-31"}])
    milestones: list[Milestone] = Field([], title="时间节点", description="可不写；每个节点写时间、内容和是否完成",
                                        examples=[[{"when": "第一季度", "what": "完成设计", "done": True}]])
    before_after: list[BeforeAfter] = Field([], title="前后对比", description="这项工作带来的变化，前后照片各一张，可不写",
                                            examples=[[_PAIR]])

    @property
    def percent(self) -> float | None:
        """Progress in percent, from the stated amounts or else the milestones done."""
        if self.progress:
            return percent(self.progress.done, self.progress.total)
        if self.milestones:
            return percent(sum(m.done for m in self.milestones), len(self.milestones))
        return None


class Figure(Strict, title="数据"):
    id: Slug | None = Field(None, title="指标编号", description="有分项的总数才需要编号，分项用 parent 指向它",
                            examples=["projects"])
    label: Text = Field(title="指标名称", description="显示在数字旁边", examples=["民生实事项目"])
    value: float | None = Field(None, title="数值", description="当前值或已完成数，只写数字", examples=[101])
    total: float | None = Field(None, title="总数", description="有总数时显示完成进度，只写数字", examples=[148])
    unit: str = Field("", title="单位", description="百分比写 %", examples=["个", "户", "公里", "万元", "%"])
    target: TargetText | None = Field(None, title="目标", description="比较符号加数字，页面显示是否达到",
                                      examples=["≥ 90%", "不低于 98%"])
    parent: Slug | None = Field(None, title="上级指标", description="这一项是哪个指标的分项", examples=["projects"])
    as_of: date = Field(title="数据截至", description="写成 2021-09-12 这样的日期", examples=["2021-09-12"])
    source: str = Field("", title="数据来源", description="数据出自哪里，可不写", examples=["新闻发布会"])

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


class Achievements(Strict, title="重点工作和数据"):
    domain: Slug = Field(title="所属领域", description="data/domains.yml 中某个领域的 id", examples=["healthcare"])
    tasks: list[KeyTask] = Field([], title="重点工作", description="配档表里这个领域的重点工作和重点解决问题",
                                 examples=[[{"id": "road-repair", "title": "新博南路整修", "unit": "城建办",
                                             "deadline": "2021年12月底", "status": "进行中"}]])
    figures: list[Figure] = Field([], title="数据", description="这个领域的数字：完成数、总数、比例",
                                  examples=[[{"label": "开放床位", "value": 30, "unit": "张", "as_of": "2021-09-12"}]])
    before_after: list[BeforeAfter] = Field([], title="前后对比", description="这个领域整体的变化，不属于某项重点工作时写在这里，可不写",
                                            examples=[[_PAIR]])


LedgerStatus = Literal["已办结", "办理中", "已答复", "未采纳"]
PublicText = Annotated[str, AfterValidator(public_text)]
Day = date  # a field named "date" would shadow the type inside its class


class FeedbackItem(Strict, title="意见建议"):
    id: Slug = Field(title="编号", description="英文小写和连字符，全站唯一，用作网页上的锚点", examples=["2021-10-road-lights"])
    date: Day = Field(title="收到日期", description="写成 2021-10-08 这样的日期", examples=["2021-10-08"])
    domain: Slug = Field(title="所属领域", description="data/domains.yml 中某个领域的 id", examples=["environment"])
    channel: Text = Field(title="反映渠道", description="从哪里收到的", examples=["12345热线", "走访", "意见表", "座谈会"])
    summary: Annotated[PublicText, Field(min_length=1)] = Field(
        title="反映的问题或建议", description="写清反映了什么；会公开在网上，不写姓名、电话、门牌号等个人信息",
        examples=["小区南门路灯不亮，晚上出行不便"])
    status: LedgerStatus = Field(title="办理状态", description="已办结、办理中、已答复或未采纳", examples=["已办结"])
    reason: PublicText = Field("", title="未采纳的原因", description="状态是“未采纳”时必填，说明为什么", examples=["该路段属市政道路，已转交区城管局"])
    response: PublicText = Field("", title="办理结果或答复", description="做了什么、答复了什么；“办理中”时可写进展",
                                 examples=["城建办已更换灯具，10月15日起恢复照明"])
    links: list[Annotated[str, Field(pattern=r"^[a-z0-9-]+(?:/[a-z0-9-]+)?$")]] = Field(
        [], title="相关活动或重点工作", description="活动写编号；重点工作写“领域编号/任务编号”",
        examples=[["clinic-open-day", "healthcare/long-queues"]])

    @model_validator(mode="after")
    def _explained(self):
        if self.status == "未采纳" and not self.reason:
            raise LedgerError("状态是“未采纳”，但没有写原因", "添加一行「reason: …」，说明为什么没有采纳。")
        if self.status != "办理中" and not self.response:
            raise LedgerError(f"状态是“{self.status}”，但没有写办理结果或答复", "添加一行「response: …」，写明做了什么或怎样答复的。")
        return self


Count = Annotated[int, Field(ge=0)]


class FeedbackTotals(Strict, title="办理情况统计"):
    label: Text = Field(title="统计范围", description="这组数字统计的是什么", examples=["大走访收集的问题"])
    domain: Slug | None = Field(None, title="所属领域", description="属于某个领域时写它的 id，可不写", examples=["environment"])
    as_of: date | None = Field(None, title="数据截至", description="写成 2021-09-12 这样的日期；原始材料没写日期时可不写",
                               examples=["2021-11-30"])
    source: Text = Field(title="数据来源", description="数字出自哪里：只写有出处的真实数字", examples=["街道党政办工作通报"])
    unit: str = Field("条", title="单位", description="问题的量词", examples=["条", "个", "件"])
    visited: Count | None = Field(None, title="走访户数", description="走访了多少户，可不写", examples=[6761])
    collected: Count = Field(title="收集问题", description="一共收集到多少条问题和诉求", examples=[450])
    on_the_spot: Count | None = Field(None, title="当场解决", description="收集时当场解决的，可不写", examples=[12])
    transferred: Count | None = Field(None, title="转办", description="交给责任单位办理的，可不写", examples=[450])
    resolved: Count | None = Field(None, title="已办结", description="转办的问题中已经办结的，可不写", examples=[439])
    in_progress: Count | None = Field(None, title="办理中", description="转办的问题中还在办理的，可不写", examples=[11])


class FeedbackLedger(Strict, title="你说我办"):
    items: list[FeedbackItem] = Field([], title="意见建议", description="收到的意见建议，每条一项",
                                      examples=[[{"id": "2021-10-road-lights", "date": "2021-10-08", "domain": "environment",
                                                  "channel": "12345热线", "summary": "小区南门路灯不亮",
                                                  "status": "已办结", "response": "已更换灯具"}]])
    totals: list[FeedbackTotals] = Field([], title="办理情况统计", description="只知道总数时写这里：收集、转办、办结等条数",
                                         examples=[[{"label": "大走访收集的问题", "as_of": "2021-11-30", "source": "工作通报",
                                                     "collected": 450, "transferred": 450, "resolved": 439}]])


ActivityList = list[Activity]
DomainList = list[Domain]
