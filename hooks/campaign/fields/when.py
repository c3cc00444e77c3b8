"""Read the vague date phrases of Chinese planning documents, honestly.

Editors write `when: 10月份`, `9—11月`, `6月底前`, `重阳节`, `每周六`… `read_when` turns such a
phrase into dates the site can sort and show, never claiming more precision than was written:
10月份 stays "2021年10月（具体日期待定）", never becomes 10月1日. What it cannot read it refuses,
with a message and a hint in Chinese, rather than guess.

Kinds of phrase: a stretch of the calendar ("range": 10月份, 9—11月, 国庆节期间), a due date ("deadline":
6月底前, 春节前), a start that runs on ("from": 三月份启动, 自9月起), a repetition ("recurring": 每两个月,
每周三上午), no end ("ongoing": 长期坚持) and no date at all ("undated": 适时, 择机, 视情况), which is never
placed on a day.
"""

import calendar
import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import date, time, timedelta

from lunar_python import Lunar

from campaign.fields.mistake import Mistake

# Finest first. "around" is near a named day without a given date: 国庆节期间, 重阳节适时举办.
_PRECISIONS = ("day", "around", "xun", "month", "quarter", "half", "year")
_UNDATED = "（具体日期待定）"
_HINT = (
    "请改用以下写法之一：10月份、12月中旬、9—11月、10月8日至10月12日、6月底前、重阳节、长期坚持、每月一次"
    "；更多写法（3月份启动、每两个月、国庆节期间、适时……）见编辑指南“时间怎么写”"
)
_HINT_VAGUE = "请写明起止日期，如：9月28日至10月7日；或写：国庆节前、国庆节"
_HINT_ORDER = "请先写开始、再写结束，如：9—11月、10月8日至10月12日；跨年请写：12月至次年1月"
_HINT_TIME = "几点钟要写在具体日期之后，如：10月8日 9:00—11:00、10月8日下午3点、每周六 9:00—11:00"
_HINT_TIMELY = "写了具体日期就不用写“适时”；日期没定，就只写月份（10月份适时开展）或只写“适时”"
_HINT_EVERY = "“每隔两个月”既可理解为每两个月，也可理解为每三个月：请直接写“每两个月”或“每三个月”（周、年同样）"
_MAX_LENGTH = 60  # characters: the longest readable phrase is half that; reading is quadratic in the length


@dataclass(frozen=True)
class When:
    text: str
    kind: str  # "range" | "deadline" | "from" | "ongoing" | "recurring" | "undated"
    start: date | None
    end: date | None  # inclusive; None when the phrase gives no end (from, ongoing, undated)
    precision: str  # "day" | "around" | "xun" | "month" | "quarter" | "half" | "year" | "none"
    time_start: time | None = None
    time_end: time | None = None
    daypart: str = ""  # 上午, 下午, 晚上 or 全天, when the phrase names no clock time
    rrule: dict | None = None  # RFC 5545, icalendar.vRecur style
    festival: str | None = None
    reading: str = ""  # how the site shows it "as understood"

    @property
    def approximate(self) -> bool:
        return self.precision != "day"


# --- Festivals --------------------------------------------------------------------------------


def _solar(solar) -> date:
    return date(solar.getYear(), solar.getMonth(), solar.getDay())


def _lunar(month: int, day: int, lunar_year_offset: int = 0):
    return lambda year: _solar(Lunar.fromYmd(year + lunar_year_offset, month, day).getSolar())


def _fixed(month: int, day: int):
    return lambda year: date(year, month, day)


# Each festival is the one falling in the given calendar year, as "2021年腊八节" means 2021-01-20:
# the twelfth lunar month belongs to the lunar year that began the previous spring.
_FESTIVALS = {
    "春节": _lunar(1, 1),
    "元宵节": _lunar(1, 15),
    "二月二": _lunar(2, 2),
    "龙抬头": _lunar(2, 2),
    "端午节": _lunar(5, 5),
    "七夕节": _lunar(7, 7),
    "中元节": _lunar(7, 15),
    "中秋节": _lunar(8, 15),
    "重阳节": _lunar(9, 9),
    "腊八节": _lunar(12, 8, -1),
    "除夕": lambda year: _lunar(1, 1)(year) - timedelta(days=1),
    "清明节": lambda year: _solar(Lunar.fromYmd(year, 1, 1).getJieQiTable()["清明"]),
    "元旦": _fixed(1, 1),
    "妇女节": _fixed(3, 8),
    "三八妇女节": _fixed(3, 8),
    "植树节": _fixed(3, 12),
    "劳动节": _fixed(5, 1),
    "五一": _fixed(5, 1),
    "五一劳动节": _fixed(5, 1),
    "青年节": _fixed(5, 4),
    "五四青年节": _fixed(5, 4),
    "儿童节": _fixed(6, 1),
    "六一": _fixed(6, 1),
    "六一儿童节": _fixed(6, 1),
    "建党节": _fixed(7, 1),
    "七一": _fixed(7, 1),
    "七一建党节": _fixed(7, 1),
    "建军节": _fixed(8, 1),
    "八一": _fixed(8, 1),
    "八一建军节": _fixed(8, 1),
    "教师节": _fixed(9, 10),
    "国庆节": _fixed(10, 1),
}
# Names commonly written without 节; "教师" or "儿童" alone is no date, so this list is short.
_SHORT = {
    name[:-1]: name
    for name in ("元宵节", "端午节", "七夕节", "中元节", "中秋节", "重阳节", "腊八节", "清明节", "国庆节")
}


# The days a festival's "期间" covers, counted from the festival: the public holidays as they usually
# fall (the State Council fixes them each year), and a few days either side for the others. The
# reading never names these days: it says 期间 and that the dates are to be fixed.
_DURING = {"春节": (-1, 6), "国庆节": (0, 6), "劳动节": (0, 4), "五一": (0, 4), "五一劳动节": (0, 4), "元旦": (0, 2)}
_DURING_OTHERS = (-2, 2)
_EVE = (-7, -1)  # 前夕: the week before
_SCHOOL = {"暑假": (7, 8), "暑期": (7, 8), "寒假": (1, 2)}  # months; each province sets the days

# --- Normalisation ----------------------------------------------------------------------------

_DIGITS = "〇一二三四五六七八九"
_TOKENS = re.compile(
    r"(?P<weekday>(?:周|星期|礼拜)[一二三四五六日天])(?!次)"  # a weekday is a name: keep it
    # Festival names first, so 二月二 is not read as a number; but 十二月二日 is a date.
    rf"|(?P<festival>{'|'.join(sorted([*_FESTIVALS, *_SHORT], key=len, reverse=True))})"
    r"(?![〇零一二三四五六七八九十廿日号])"
    r"|(?P<number>[一二三四五六七八九]?十[一二三四五六七八九]?|廿[一二三四五六七八九]?|[〇零一二三四五六七八九]+|两)"
)


def _arabic(numeral: str) -> str:
    if numeral == "两":
        return "2"
    tens, ten, units = numeral.replace("廿", "二十").replace("零", "〇").partition("十")
    if not ten:  # digit by digit, as in 二〇二一
        return "".join(str(_DIGITS.index(c)) for c in tens)
    return str(_DIGITS.index(tens or "一") * 10 + _DIGITS.index(units or "〇"))


def _token(m: re.Match) -> str:
    if m["festival"]:
        return f"〈{_SHORT.get(m['festival'], m['festival'])}〉"
    return _arabic(m["number"]) if m["number"] else m[0]


def _normalise(text: str) -> str:
    s = _TOKENS.sub(_token, unicodedata.normalize("NFKC", text))
    s = re.sub(r"(?<!\d)\s+|\s+(?!\d)", "", s)  # a space survives only between digits: 10-08 14:30
    s = re.sub(r"截至|截止(?:到|至)?", "截止", s)  # before 至 becomes a dash
    s = re.sub(r"起(?=至|到)", "", s)  # 3月起至6月 is just a range
    s = re.sub(r"[‐‑‒–—―−~〜-]+|至|到", "-", s)
    return re.sub(r"^(.+)开始,?(.+)结束$", r"\1-\2", s)  # 6月开始10月结束 is just a range


# --- Periods: one stretch of the calendar -----------------------------------------------------


@dataclass(frozen=True)
class _Span:
    start: date
    end: date
    precision: str
    rest: str  # how it reads after the year: "10月中旬", "年底"
    festival: str | None = None
    undated: str = _UNDATED  # what the reading adds when the span names no day


def _label(span: _Span) -> str:
    year = span.start.year
    return f"{year}{span.rest}" if span.rest.startswith("年") else f"{year}年{span.rest}"


_ISO = re.compile(r"(?P<year>[12]\d{3})[-/.](?P<month>\d{1,2})(?:[-/.](?P<day>\d{1,2}))?")
_PERIOD = re.compile(
    r"""
    (?:(?P<year>[12]\d{3}|次|翌|明|当|本|今)年度?)?
    (?: (?P<whole>全年|(?(year)年?|年)内)       # 年底, 年内 need their 年 unless the year gave it
      | (?(year)年?|年)(?P<yearend>底|末)
      | (?P<half>[上下前后])半年度?
      | 前(?P<quarters>\d)个?季度
      | 第?(?P<quarter>\d+)季度?(?P<qpart>初|末|底)?
      | (?P<festivals>(?:〈[^〉]+〉[、和]?)+)(?:双节|两节)?(?P<during>期间|假期|前夕)?
      | (?P<school>暑假|暑期|寒假)(?:期间)?
      | (?P<month>\d+)月份?(?:(?P<part>初|上中旬|中下旬|上旬|中旬|下旬|底|末)|(?P<day>\d+)[日号])?
      | (?P<bareday>\d+)[日号]                   # 12日, only after 10月8日至
    )?""",
    re.X,
)
# First and last day of each part of a month; 0 is the month's last day.
_XUN = {
    "初": (1, 10),
    "上旬": (1, 10),
    "中旬": (11, 20),
    "下旬": (21, 0),
    "底": (21, 0),
    "末": (21, 0),
    "上中旬": (1, 20),
    "中下旬": (11, 0),
}
_YEARS = {"次": 1, "翌": 1, "明": 1, "当": 0, "本": 0, "今": 0}  # 次年, 明年 follow the year they follow


def _months(year: int, first: int, last: int, precision: str, rest: str) -> _Span:
    end = date(year, last, calendar.monthrange(year, last)[1])
    return _Span(date(year, first, 1), end, precision, rest)


def _period(s: str, year: int, default_month: int | None = None) -> _Span | None:
    """A single year, half, quarter, month, part of a month, day or festival; None if it is not one."""
    m = _ISO.fullmatch(s) or _PERIOD.fullmatch(s)
    if not s or not m:
        return None
    g = m.groupdict()
    year = year + _YEARS[g["year"]] if g["year"] in _YEARS else int(g["year"] or year)
    if g.get("festivals"):
        return _festivals(re.findall(r"〈([^〉]+)〉", g["festivals"]), g["during"], year)
    if g.get("school"):
        first, last = _SCHOOL[g["school"]]
        span = _months(year, first, last, "month", f"{g['school']}期间")
        return replace(span, undated=f"（约{first}—{last}月，具体日期待定）")
    if g.get("whole"):
        return _months(year, 1, 12, "year", "全年" if g["whole"] == "全年" else "年内")
    if g.get("yearend"):
        return _months(year, 12, 12, "month", "年" + g["yearend"])
    if g.get("half"):
        first = 1 if g["half"] in "上前" else 7
        return _months(year, first, first + 5, "half", ("上" if first == 1 else "下") + "半年")
    if g.get("quarters"):
        count = int(g["quarters"])
        if not 1 <= count <= 4:
            raise Mistake("一年只有四个季度", _HINT)
        return _months(year, 1, 3 * count, "quarter", f"前{'一二三四'[count - 1]}季度")
    if g.get("quarter"):
        return _quarter(int(g["quarter"]), g["qpart"], year)

    day = g.get("day") or g.get("bareday")
    month = g.get("month") or (day and default_month)
    if not month:
        return None if day else _months(year, 1, 12, "year", "年")
    month = int(month)
    if not 1 <= month <= 12:
        raise Mistake(f"一年只有12个月，没有{month}月", _HINT)
    last = calendar.monthrange(year, month)[1]
    if day:
        if not 1 <= int(day) <= last:
            raise Mistake(f"{year}年没有{month}月{int(day)}日", _HINT)
        one = date(year, month, int(day))
        return _Span(one, one, "day", f"{month}月{int(day)}日")
    if part := g.get("part"):
        first, final = _XUN[part]
        return _Span(date(year, month, first), date(year, month, final or last), "xun", f"{month}月{part}")
    return _months(year, month, month, "month", f"{month}月")


def _quarter(quarter: int, part: str | None, year: int) -> _Span:
    if not 1 <= quarter <= 4:
        raise Mistake("一年只有四个季度", _HINT)
    name = f"第{'一二三四'[quarter - 1]}季度"
    if part:  # 季度末: its last month; 季度初: its first
        month = 3 * quarter if part in "末底" else 3 * quarter - 2
        return _months(year, month, month, "month", name + part)
    return _months(year, 3 * quarter - 2, 3 * quarter, "quarter", name)


def _festivals(names: list[str], during: str | None, year: int) -> _Span | None:
    """One festival's day; with 期间 or 前夕 the days around it, which the reading does not name."""
    if any(name not in _FESTIVALS for name in names) or (len(names) > 1 and during not in ("期间", "假期")):
        return None
    days = [_FESTIVALS[name](year) for name in names]
    if not during:
        (day,) = days
        return _Span(day, day, "day", f"{day.month}月{day.day}日（{names[0]}）", names[0])
    named = list(zip(names, days, strict=True))
    offsets = {name: _EVE if during == "前夕" else _DURING.get(name, _DURING_OTHERS) for name in names}
    windows = [(day + timedelta(offsets[name][0]), day + timedelta(offsets[name][1])) for name, day in named]
    said = "、".join(names) + ("前夕" if during == "前夕" else "期间")
    dates = "、".join(f"{name}是{day.month}月{day.day}日" for name, day in named)
    return _Span(
        min(w[0] for w in windows),
        max(w[1] for w in windows),
        "around",
        said,
        names[0],
        undated=f"（{dates}，具体日期待定）",
    )


# --- Ranges: two periods ----------------------------------------------------------------------

_UNIT = re.compile(r"\d+([年月日号季])\D*$")
_EXPLICIT_YEAR = re.compile(r"[12]\d{3}|[次翌明]年")


def _range(first: str, second: str, year: int, shorthand: bool) -> _Span | None:
    """From the first period to the second, which takes the first's year. With shorthand the second
    also lends the first its unit (9—11月) and borrows its month (10月8日至12日)."""
    if shorthand:
        first = _lend_unit(first, second)
    if not (a := _period(first, year)):
        return None
    month = a.end.month if shorthand else None
    if not (b := _period(second, a.end.year, month)):
        return None
    if not shorthand and "day" in (a.precision, b.precision):
        return None  # two days side by side are a list, not a range
    # 12—1月 crosses into next year; only within half a year, so 11月至9月 stays a mistake.
    if b.end < a.start and not _EXPLICIT_YEAR.match(second):
        later = _period(second, a.end.year + 1, month)
        if (later.end.year - a.start.year) * 12 + later.end.month - a.start.month < 6:
            b = later
    if b.end < a.start:
        raise Mistake(f"结束（{_label(b)}）早于开始（{_label(a)}）", _HINT_ORDER)
    second_rest = b.rest if b.start.year == a.start.year else _label(b)
    precision = max(a.precision, b.precision, key=_PRECISIONS.index)
    return _Span(a.start, b.end, precision, f"{a.rest}至{second_rest}")


def _lend_unit(first: str, second: str) -> str:
    """9 of 9—11月 is a month: the second period lends the first its unit."""
    unit = _UNIT.search(second)
    return first + unit[1] if first[-1:].isdigit() and unit else first


def _dated(s: str, year: int) -> _Span | None:
    """A period, two periods joined by a dash, or two side by side (9月底10月初); two next to each
    other joined by 、 (10、11月; 二、三季度) are one stretch too, but not two apart (9、11月)."""
    if span := _period(s, year):
        return span
    for i, c in enumerate(s):
        if c in "-/" and (span := _range(s[:i], s[i + 1 :], year, shorthand=True)):
            return span
        if c == "、" and (span := _adjacent(s[:i], s[i + 1 :], year)):
            return span
    for i in range(1, len(s)):
        if not s[i - 1].isdigit() and (span := _range(s[:i], s[i:], year, shorthand=False)):
            return span
    return None


def _adjacent(first: str, second: str, year: int) -> _Span | None:
    span = _range(first, second, year, shorthand=True)
    if not span or span.precision in ("day", "around"):
        return None
    a, b = _period(_lend_unit(first, second), year), _period(second, span.end.year)
    return span if b and b.start == a.end + timedelta(1) else None


# --- Kinds of phrase --------------------------------------------------------------------------

_ONGOING = re.compile(r"(?:长期|常态化|持续)(?:坚持|开展|推进|进行|发挥作用)?|随时|即时办理|接诉即办")
_ACTS = r"开展|举办|举行|组织|进行|安排|召开|实施|推进|发放|发布|公布|通报|更新|开放"
_UNDATED_WORDS = re.compile(
    rf"(?P<core>.*?),?(?P<said>(?:适时|择机|视情况|视情|根据(?:工作)?需要|按需|不定期|另行通知|"
    rf"(?:时间)?另定|(?:时间)?待定)(?:而定|确定|{_ACTS})?)"
)
_FROM = re.compile(rf"(?:自|从|于)?(?P<point>.+?)(?:起|开始|启动)(?:{_ACTS}|执行|运行|施行)?,?(?:{_ONGOING.pattern})?")
_DEADLINE = re.compile(
    r"(?:力争|争取|确保|于)?(?P<point>.+?)"
    r"(?:[之以]?前(?:全部|全面)?(?:完成|完工|到位|办结)?|(?:全部|全面)?(?:完成|完工|到位|办结))"
    r"|截止(?P<until>.+)"
)
_RECURRING = re.compile(
    rf"""
    (?P<bound>.*?)
    (?: 每(?P<skip>隔)?(?P<every>\d+|半)?个?(?P<unit>天|日|周|星期|礼拜|月|季度?|年)的?(?P<detail>.*?)
      | 按(?P<by>月|季度?|年)
      | (?P<village>1\D{{1,3}}1月1场)
      | (?P<workdays>(?:每个)?工作日) )
    (?:{_ACTS})?(?:1次)?(?:{_ACTS})?      # these words say nothing more about when
    """,
    re.X,
)
_BYDAY = dict(
    zip(
        "一二三四五六日天1234567",
        ("MO", "TU", "WE", "TH", "FR", "SA", "SU", "SU", "MO", "TU", "WE", "TH", "FR", "SA", "SU"),
        strict=True,
    )
)
_DAY_NAMES = dict(zip(("MO", "TU", "WE", "TH", "FR", "SA", "SU"), "一二三四五六日", strict=True))
_FREQ = {
    "天": "DAILY",
    "日": "DAILY",
    "周": "WEEKLY",
    "星期": "WEEKLY",
    "礼拜": "WEEKLY",
    "月": "MONTHLY",
    "季": "MONTHLY",
    "季度": "MONTHLY",
    "年": "YEARLY",
}
_COUNT = dict(enumerate("一两三四五六七八九十", 1)) | {11: "十一", 12: "十二"}
_WEEKDAY = r"(?:周|星期|礼拜)?[一二三四五六日天1-7]"
_WEEKDAYS = re.compile(rf"{_WEEKDAY}(?:(?:[、,和及]|-){_WEEKDAY})*")
_NTH = re.compile(
    r"第(?P<n>\d)个?(?:周|星期|礼拜)(?P<day>[一二三四五六日天])|最后1个?(?:周|星期|礼拜)(?P<last>[一二三四五六日天])"
)


def _range_when(span: _Span) -> When:
    undated = span.precision != "day" and span.rest != "全年"
    return When(
        "",
        "range",
        span.start,
        span.end,
        span.precision,
        festival=span.festival,
        reading=_label(span) + (span.undated if undated else ""),
    )


def _deadline(s: str, year: int) -> When | None:
    m = _DEADLINE.fullmatch(s)
    if m and (span := _period(m["point"] or m["until"], year)) and span.precision != "around":
        return When("", "deadline", None, span.end, span.precision, festival=span.festival, reading=_label(span) + "前")
    return None


def _from(s: str, year: int) -> When | None:
    """A start that runs on: 三月份启动, 自9月起, 10月10日起."""
    m = _FROM.fullmatch(s)
    if not m or not (span := _period(m["point"], year)):
        return None
    said = _label(span) + "起持续开展" + (span.undated if span.precision != "day" else "")
    return When("", "from", span.start, None, span.precision, festival=span.festival, reading=said)


def _undated(s: str, year: int) -> When | None:
    """适时, 择机, 视情况: no date. After a stretch (10月份适时开展), that stretch, still undated; after a
    festival (重阳节适时举办), near that day but not on it: tentative, never placed on the day."""
    m = _UNDATED_WORDS.fullmatch(s)
    if not m:
        return None
    said = m["said"]
    if not m["core"]:
        return When("", "undated", None, None, "none", reading=f"{said}（时间待定）")
    if not (span := _dated(m["core"], year)):
        return None
    if span.precision == "day" and not span.festival:
        raise Mistake(f"已写了具体日期，又写了“{said}”", _HINT_TIMELY)
    near = "前后" if span.precision == "day" else ""
    precision = "around" if span.precision == "day" else span.precision
    return When(
        "",
        "range",
        span.start,
        span.end,
        precision,
        festival=span.festival,
        reading=f"{_label(span)}{near}，{said}{_UNDATED}",
    )


def _recurring(s: str, year: int) -> When | None:
    m = _RECURRING.fullmatch(s)
    if not m:
        return None
    rule, said = _rule(m)
    if rule is None:
        return None
    precision = (
        "day"
        if ({"BYDAY", "BYMONTHDAY"} & rule.keys() and rule.get("INTERVAL", 1) == 1) or rule == {"FREQ": "DAILY"}
        else "none"
    )
    if precision == "none" and not said.endswith(_UNDATED):
        said += _UNDATED
    start = end = None
    if bound := m["bound"]:  # 9—12月每周六; 3月起每月
        if opening := _FROM.fullmatch(bound):
            if not (span := _period(opening["point"], year)):
                return None
            start, said = span.start, f"{_label(span)}起，{said}"
        elif span := _dated(bound, year):
            start, end, said = span.start, span.end, f"{_label(span)}，{said}"
        else:
            return None
    return When("", "recurring", start, end, precision, rrule=rule, reading=said)


def _rule(m: re.Match) -> tuple[dict | None, str]:
    """The RFC 5545 rule of a repetition and how it reads; (None, "") if it is not one."""
    if m["village"]:
        return {"FREQ": "MONTHLY"}, "每月一次"
    if m["workdays"]:
        return {"FREQ": "WEEKLY", "BYDAY": ["MO", "TU", "WE", "TH", "FR"]}, "每周一至周五"
    if m["by"]:
        return _rule_of(m["by"], 1, "")
    every = m["every"]
    if m["skip"]:
        if every not in (None, "1"):
            count = _COUNT.get(int(every), every) if every.isdigit() else every
            raise Mistake(f"“每隔{count}{'个' if m['unit'] == '月' else ''}{m['unit']}”含义模糊", _HINT_EVERY)
        interval = 2  # 每隔一周: every other week
    elif every == "半":
        if m["unit"] != "年":
            return None, ""
        return _with_detail({"FREQ": "MONTHLY", "INTERVAL": 6}, "每半年一次", m["detail"])
    else:
        interval = int(every or 1)
    if interval < 1:
        raise Mistake(f"“每0{m['unit']}”不是一个周期", _HINT)
    return _rule_of(m["unit"], interval, m["detail"])


def _rule_of(unit: str, interval: int, detail: str) -> tuple[dict | None, str]:
    freq = _FREQ[unit]
    months = 3 * interval if unit.startswith("季") else interval if freq == "MONTHLY" else None
    rule = {"FREQ": freq} | ({"INTERVAL": months or interval} if (months or interval) > 1 else {})
    name = {"DAILY": "天", "WEEKLY": "周", "YEARLY": "年"}.get(freq) or ("季度" if unit.startswith("季") else "月")
    count = "" if interval == 1 else _COUNT.get(interval, str(interval)) + ("个" if name == "月" else "")
    said = f"每{count}{name}"
    if unit.startswith("季"):
        return _quarterly(rule, said, interval, detail)
    once = "" if detail or rule == {"FREQ": "DAILY"} else "一次"  # 每天, but 每两天一次
    return _with_detail(rule, said + once, detail)


def _quarterly(rule: dict, said: str, interval: int, detail: str) -> tuple[dict | None, str]:
    if not detail:
        return rule, said + "一次"
    if detail in ("末", "底") and interval == 1:
        return {"FREQ": "MONTHLY", "BYMONTH": [3, 6, 9, 12], "BYMONTHDAY": [-1]}, "每季度末（3、6、9、12月的最后一天）"
    return None, ""


def _with_detail(rule: dict, said: str, detail: str) -> tuple[dict | None, str]:
    """The days a repetition gives: weekdays (每周二、四), a day of the month (每月15日, 每月底),
    a weekday of the month (每月第一个周一), a part of the month (每月上旬, no day)."""
    if not detail:
        return rule, said
    freq = rule["FREQ"]
    if freq == "WEEKLY" and _WEEKDAYS.fullmatch(detail):
        days = _weekdays(detail)
        shown = "、".join(f"周{_DAY_NAMES[d]}" for d in days)
        if days == ["MO", "TU", "WE", "TH", "FR"]:
            shown = "周一至周五"
        base = said.removesuffix("一次")
        return rule | {"BYDAY": days}, f"{base}{'的' if 'INTERVAL' in rule else ''}{shown}".replace("每周周", "每周")
    if freq == "YEARLY" and (found := re.fullmatch(r"(\d+)月份?", detail)) and "INTERVAL" not in rule:
        month = int(found[1])
        if not 1 <= month <= 12:
            raise Mistake(f"一年只有12个月，没有{month}月", _HINT)
        return rule | {"BYMONTH": [month]}, f"每年{month}月"
    if freq != "MONTHLY" or "INTERVAL" in rule:
        return None, ""
    if detail in ("底", "末", "月底", "月末"):
        return rule | {"BYMONTHDAY": [-1]}, f"每月月{detail[-1]}"
    if found := re.fullmatch(r"(\d+)[日号]", detail):
        day = int(found[1])
        if not 1 <= day <= 31:
            raise Mistake(f"每月没有{day}日", _HINT)
        return rule | {"BYMONTHDAY": [day]}, f"每月{day}日"
    if found := _NTH.fullmatch(detail):
        weekday = found["day"] or found["last"]
        n = int(found["n"]) if found["n"] else -1
        if not 1 <= abs(n) <= 5:
            raise Mistake(f"每月没有第{n}个周{weekday}", _HINT)
        nth = "最后一个" if n == -1 else f"第{_COUNT[n]}个"
        return rule | {"BYDAY": [f"{n}{_BYDAY[weekday]}"]}, f"每月{nth}周{weekday.replace('天', '日')}"
    if detail in _XUN:
        return rule, f"每月{detail}一次"
    return None, ""


def _weekdays(detail: str) -> list[str]:
    """周二、四 → TU, TH; 周一至五 → MO…FR."""
    names = re.findall(r"[一二三四五六日天1-7]", re.sub(r"周|星期|礼拜", "", detail))
    codes = [_BYDAY[n] for n in names]
    if "-" in detail and len(codes) == 2:
        order = list(_DAY_NAMES)
        first, last = order.index(codes[0]), order.index(codes[1])
        if last < first:
            raise Mistake(
                f"周{_DAY_NAMES[codes[0]]}至周{_DAY_NAMES[codes[1]]}：先写的一天在后写的一天之后",
                "一周按周一到周日算，例如：每周一至周五",
            )
        codes = order[first : last + 1]
    return list(dict.fromkeys(codes))


# --- Time of day ------------------------------------------------------------------------------

_TIMED = re.compile(r"(?P<core>.+?) ?(?P<times>(?:上午|下午|晚上|早上)?\d{1,2}[:点][\d:点半分上下午晚早-]*)")
_CLOCK = re.compile(
    r"(?P<meridiem>上午|下午|晚上|早上)?(?P<hour>\d{1,2})"
    r"(?:[:点](?P<minute>\d{1,2})分?|点(?P<half>半)?)"
)


def _clock(text: str, meridiem: str | None = None) -> tuple[time, str | None]:
    """One time of day; an end time without 上午/下午 shares the start's (下午2:30-4:00)."""
    m = _CLOCK.fullmatch(text)
    if not m:
        raise Mistake(f"看不懂时刻「{text}」", _HINT_TIME)
    meridiem = m["meridiem"] or meridiem
    hour = int(m["hour"]) + (12 if meridiem in ("下午", "晚上") and int(m["hour"]) < 12 else 0)
    minute = 30 if m["half"] else int(m["minute"] or 0)
    if hour > 23 or minute > 59:
        raise Mistake(f"没有「{text}」这个时刻", _HINT_TIME)
    return time(hour, minute), meridiem


def _with_time(when: When, times: str) -> When:
    if when.precision != "day":
        raise Mistake("只有具体到某一天，才能写几点钟", _HINT_TIME)
    parts = times.split("-")
    if len(parts) > 2:
        raise Mistake(f"看不懂时刻「{times}」", _HINT_TIME)
    start, meridiem = _clock(parts[0])
    end = _clock(parts[1], meridiem)[0] if len(parts) == 2 else None
    if end is not None and end <= start:
        raise Mistake("结束时刻早于开始时刻", _HINT_TIME)
    shown = "—".join(f"{t.hour}:{t.minute:02d}" for t in (start, end) if t is not None)
    return replace(when, time_start=start, time_end=end, reading=f"{when.reading} {shown}")


# --- Entry point ------------------------------------------------------------------------------


def read_when(text: str, year: int) -> When:
    """Read one `when` phrase; `year` is the campaign year, used where the phrase gives none."""
    shown = text.strip()
    if not shown:
        raise Mistake("未填写时间「」", _HINT)
    if len(shown) > _MAX_LENGTH:
        raise Mistake(
            f"时间写得太长（{len(shown)} 个字，最多 {_MAX_LENGTH} 个字）",
            "这里只写什么时候，例如 10月份、12月中旬；活动的具体安排写在 summary 里",
        )
    try:
        when = _read(_normalise(shown), year)
    except Mistake as e:
        raise Mistake(f"时间「{shown}」有误：{e.message}", e.hint) from None
    if when is None:
        raise Mistake(f"无法识别时间「{shown}」", _HINT)
    return replace(when, text=shown)


_DAYPART = re.compile(r"(?P<core>.+?)(?P<part>上午|下午|晚上|全天)")


def _read(s: str, year: int) -> When | None:
    if vague := re.search("前后|左右", s):
        raise Mistake(f"“{vague[0]}”含义模糊，无法确定日期", _HINT_VAGUE)
    core, times, part = s, None, ""
    if m := _TIMED.fullmatch(s):
        core, times = m["core"], m["times"]
    elif m := _DAYPART.fullmatch(s):
        core, part = m["core"], m["part"]
    if _ONGOING.fullmatch(core):
        when = When("", "ongoing", None, None, "none", reading=core)
    else:
        when = _recurring(core, year) or _undated(core, year) or _from(core, year) or _deadline(core, year)
        if not when and (span := _dated(core, year)):
            when = _range_when(span)
    if when and times:
        return _with_time(when, times)
    if when and part:
        return _with_daypart(when, part)
    return when


def _with_daypart(when: When, part: str) -> When:
    if when.precision != "day":
        raise Mistake(f"只有具体到某一天，才能写“{part}”", _HINT_TIME)
    return replace(when, daypart=part, reading=f"{when.reading}{part}")
