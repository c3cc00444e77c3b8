"""Read the vague date phrases of Chinese planning documents, honestly.

Editors write `when: 10月份`, `9—11月`, `6月底前`, `重阳节`, `每周六`… `read_when` turns such a
phrase into dates the site can sort and show, never claiming more precision than was written:
10月份 stays "2021年10月（具体日期待定）", never becomes 10月1日. What it cannot read it refuses,
with a message and a hint in Chinese, rather than guess.
"""

import calendar
import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import date, time, timedelta

from lunar_python import Lunar

from campaign.fields.mistake import Mistake

_PRECISIONS = ("day", "xun", "month", "quarter", "half", "year")  # finest first
_UNDATED = "（具体日期待定）"
_HINT = "请改用以下写法之一：10月份、12月中旬、9—11月、10月8日至10月12日、6月底前、重阳节、长期坚持、每月一次"
_HINT_VAGUE = "请写明起止日期，如：9月28日至10月7日；或写：国庆节前、国庆节"
_HINT_ORDER = "请先写开始、再写结束，如：9—11月、10月8日至10月12日；跨年请写：12月至次年1月"
_HINT_TIME = "几点钟要写在具体日期之后，如：10月8日 9:00—11:00、10月8日下午3点、每周六 9:00—11:00"
_MAX_LENGTH = 60  # characters: the longest readable phrase is half that; reading is quadratic in the length


@dataclass(frozen=True)
class When:
    text: str
    kind: str  # "range" | "deadline" | "ongoing" | "recurring"
    start: date | None
    end: date | None  # inclusive
    precision: str  # "day" | "xun" | "month" | "quarter" | "half" | "year" | "none"
    time_start: time | None = None
    time_end: time | None = None
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


# --- Normalisation ----------------------------------------------------------------------------

_DIGITS = "〇一二三四五六七八九"
_TOKENS = re.compile(
    r"(?P<weekday>(?:周|星期|礼拜)[一二三四五六日天])(?!次)"  # a weekday is a name: keep it
    # Festival names first, so 二月二 is not read as a number; but 十二月二日 is a date.
    rf"|(?P<festival>{'|'.join(sorted([*_FESTIVALS, *_SHORT], key=len, reverse=True))})"
    r"(?![〇零一二三四五六七八九十廿日号])"
    r"|(?P<number>[一二三四五六七八九]?十[一二三四五六七八九]?|廿[一二三四五六七八九]?|[〇零一二三四五六七八九]+)"
)


def _arabic(numeral: str) -> str:
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


def _label(span: _Span) -> str:
    year = span.start.year
    return f"{year}{span.rest}" if span.rest.startswith("年") else f"{year}年{span.rest}"


_ISO = re.compile(r"(?P<year>[12]\d{3})[-/.](?P<month>\d{1,2})(?:[-/.](?P<day>\d{1,2}))?")
_PERIOD = re.compile(
    r"""
    (?:(?P<year>[12]\d{3}|次|翌)年)?
    (?: (?P<whole>全年|(?(year)年?|年)内)       # 年底, 年内 need their 年 unless the year gave it
      | (?(year)年?|年)(?P<yearend>底|末)
      | (?P<half>[上下])半年
      | 第?(?P<quarter>\d+)季度?
      | 〈(?P<festival>[^〉]+)〉
      | (?P<month>\d+)月份?(?:(?P<part>初|上旬|中旬|下旬|底|末)|(?P<day>\d+)[日号])?
      | (?P<bareday>\d+)[日号]                   # 12日, only after 10月8日至
    )?""",
    re.X,
)
# First and last day of each part of a month; 0 is the month's last day.
_XUN = {"初": (1, 10), "上旬": (1, 10), "中旬": (11, 20), "下旬": (21, 0), "底": (21, 0), "末": (21, 0)}


def _months(year: int, first: int, last: int, precision: str, rest: str) -> _Span:
    end = date(year, last, calendar.monthrange(year, last)[1])
    return _Span(date(year, first, 1), end, precision, rest)


def _period(s: str, year: int, default_month: int | None = None) -> _Span | None:
    """A single year, half, quarter, month, part of a month, day or festival; None if it is not one."""
    m = _ISO.fullmatch(s) or _PERIOD.fullmatch(s)
    if not s or not m:
        return None
    g = m.groupdict()
    year = year + 1 if g["year"] in ("次", "翌") else int(g["year"] or year)
    if g.get("festival"):
        name = g["festival"]
        if name not in _FESTIVALS:
            return None
        day = _FESTIVALS[name](year)
        return _Span(day, day, "day", f"{day.month}月{day.day}日（{name}）", name)
    if g.get("whole"):
        return _months(year, 1, 12, "year", "全年" if g["whole"] == "全年" else "年内")
    if g.get("yearend"):
        return _months(year, 12, 12, "month", "年" + g["yearend"])
    if g.get("half"):
        first = 1 if g["half"] == "上" else 7
        return _months(year, first, first + 5, "half", g["half"] + "半年")
    if g.get("quarter"):
        quarter = int(g["quarter"])
        if not 1 <= quarter <= 4:
            raise Mistake("一年只有四个季度", _HINT)
        return _months(year, 3 * quarter - 2, 3 * quarter, "quarter", f"第{'一二三四'[quarter - 1]}季度")

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


# --- Ranges: two periods ----------------------------------------------------------------------

_UNIT = re.compile(r"\d+([年月日号季])\D*$")
_EXPLICIT_YEAR = re.compile(r"[12]\d{3}|[次翌]年")


def _range(first: str, second: str, year: int, shorthand: bool) -> _Span | None:
    """From the first period to the second, which takes the first's year. With shorthand the second
    also lends the first its unit (9—11月) and borrows its month (10月8日至12日)."""
    if shorthand and first[-1:].isdigit() and (unit := _UNIT.search(second)):
        first += unit[1]
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


def _dated(s: str, year: int) -> _Span | None:
    """A period, two periods joined by a dash, or two side by side (9月底10月初)."""
    if span := _period(s, year):
        return span
    for i, c in enumerate(s):
        if c in "-/" and (span := _range(s[:i], s[i + 1 :], year, shorthand=True)):
            return span
    for i in range(1, len(s)):
        if not s[i - 1].isdigit() and (span := _range(s[:i], s[i:], year, shorthand=False)):
            return span
    return None


# --- Kinds of phrase --------------------------------------------------------------------------

_ONGOING = re.compile(r"(?:长期|常态化|持续)(?:坚持|开展|推进|进行|发挥作用)?|随时|即时办理|接诉即办")
_DEADLINE = re.compile(r"(?P<point>.+?)[之以]?前(?:完成)?")
_RECURRING = re.compile(
    r"""
    (?P<bound>.*?)
    (?: (?P<daily>每[天日])
      | (?P<weekly>每(?:周|星期|礼拜)(?:星期)?(?P<weekday>[一二三四五六日天])?)
      | (?P<monthly>每月(?:月?(?P<monthend>底|末)|(?P<monthday>\d+)[日号])?|1\D{1,3}1月1场)
      | (?P<quarterly>每季度?)
      | (?P<yearly>每年) )
    (?:1次)?(?:发放|开展|举办|举行|进行)?      # these words say nothing more about when
    """,
    re.X,
)
_BYDAY = dict(zip("一二三四五六日天", ("MO", "TU", "WE", "TH", "FR", "SA", "SU", "SU")))


def _range_when(span: _Span) -> When:
    undated = span.precision != "day" and span.rest != "全年"
    return When(
        "",
        "range",
        span.start,
        span.end,
        span.precision,
        festival=span.festival,
        reading=_label(span) + (_UNDATED if undated else ""),
    )


def _deadline(s: str, year: int) -> When | None:
    m = _DEADLINE.fullmatch(s)
    if m and (span := _period(m["point"], year)):
        return When("", "deadline", None, span.end, span.precision, festival=span.festival, reading=_label(span) + "前")
    return None


def _recurring(s: str, year: int) -> When | None:
    m = _RECURRING.fullmatch(s)
    if not m:
        return None
    if m["daily"]:
        rule, said = {"FREQ": "DAILY"}, "每天"
    elif m["weekly"] and m["weekday"]:
        weekday = m["weekday"].replace("天", "日")
        rule, said = {"FREQ": "WEEKLY", "BYDAY": [_BYDAY[weekday]]}, f"每周{weekday}"
    elif m["weekly"]:
        rule, said = {"FREQ": "WEEKLY"}, "每周一次" + _UNDATED
    elif m["monthend"]:
        rule, said = {"FREQ": "MONTHLY", "BYMONTHDAY": [-1]}, f"每月月{m['monthend']}"
    elif m["monthday"]:
        day = int(m["monthday"])
        if not 1 <= day <= 31:
            raise Mistake(f"每月没有{day}日", _HINT)
        rule, said = {"FREQ": "MONTHLY", "BYMONTHDAY": [day]}, f"每月{day}日"
    elif m["monthly"]:
        rule, said = {"FREQ": "MONTHLY"}, "每月一次" + _UNDATED
    elif m["quarterly"]:
        rule, said = {"FREQ": "MONTHLY", "INTERVAL": 3}, "每季度一次" + _UNDATED
    else:
        rule, said = {"FREQ": "YEARLY"}, "每年一次" + _UNDATED
    precision = "day" if {"BYDAY", "BYMONTHDAY"} & rule.keys() or rule["FREQ"] == "DAILY" else "none"
    start = end = None
    if m["bound"]:  # 9—12月每周六
        if not (span := _dated(m["bound"], year)):
            return None
        start, end, said = span.start, span.end, f"{_label(span)}，{said}"
    return When("", "recurring", start, end, precision, rrule=rule, reading=said)


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


def _read(s: str, year: int) -> When | None:
    if vague := re.search("前后|左右", s):
        raise Mistake(f"“{vague[0]}”含义模糊，无法确定日期", _HINT_VAGUE)
    core, times = s, None
    if m := _TIMED.fullmatch(s):
        core, times = m["core"], m["times"]
    if _ONGOING.fullmatch(core):
        when = When("", "ongoing", None, None, "none", reading=core)
    else:
        when = _recurring(core, year) or _deadline(core, year)
        if not when and (span := _dated(core, year)):
            when = _range_when(span)
    if when and times:
        return _with_time(when, times)
    return when
