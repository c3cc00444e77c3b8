"""The `when` phrase reader: every phrase family, exact dates and readings, and its refusals."""

from datetime import date, time

import pytest

from campaign.fields.mistake import Mistake
from campaign.fields.when import When, read_when

YEAR = 2021
D = date


def read(text: str) -> When:
    return read_when(text, YEAR)


def dates(text: str) -> tuple:
    w = read(text)
    return w.kind, w.start, w.end, w.precision


# --- Ranges and single periods ------------------------------------------------------------


@pytest.mark.parametrize(
    "text, start, end, precision",
    [
        # single months, any spelling
        ("10月", D(2021, 10, 1), D(2021, 10, 31), "month"),
        ("10月份", D(2021, 10, 1), D(2021, 10, 31), "month"),
        ("十月份", D(2021, 10, 1), D(2021, 10, 31), "month"),
        ("三月份", D(2021, 3, 1), D(2021, 3, 31), "month"),
        ("2月", D(2021, 2, 1), D(2021, 2, 28), "month"),
        ("2021年11月", D(2021, 11, 1), D(2021, 11, 30), "month"),
        ("2021-10", D(2021, 10, 1), D(2021, 10, 31), "month"),
        ("２０２１年１０月", D(2021, 10, 1), D(2021, 10, 31), "month"),
        ("二〇二一年十月", D(2021, 10, 1), D(2021, 10, 31), "month"),
        ("二零二二年十月", D(2022, 10, 1), D(2022, 10, 31), "month"),
        ("10 月 份", D(2021, 10, 1), D(2021, 10, 31), "month"),
        # parts of a month
        ("12月初", D(2021, 12, 1), D(2021, 12, 10), "xun"),
        ("12月上旬", D(2021, 12, 1), D(2021, 12, 10), "xun"),
        ("12月中旬", D(2021, 12, 11), D(2021, 12, 20), "xun"),
        ("12月下旬", D(2021, 12, 21), D(2021, 12, 31), "xun"),
        ("9月底", D(2021, 9, 21), D(2021, 9, 30), "xun"),
        ("8月底", D(2021, 8, 21), D(2021, 8, 31), "xun"),
        ("2月末", D(2021, 2, 21), D(2021, 2, 28), "xun"),
        ("十月份下旬", D(2021, 10, 21), D(2021, 10, 31), "xun"),
        # ranges, any dash or word
        ("9—11月", D(2021, 9, 1), D(2021, 11, 30), "month"),
        ("9——11月", D(2021, 9, 1), D(2021, 11, 30), "month"),
        ("9-11月", D(2021, 9, 1), D(2021, 11, 30), "month"),
        ("9–11月", D(2021, 9, 1), D(2021, 11, 30), "month"),
        ("9~11月", D(2021, 9, 1), D(2021, 11, 30), "month"),
        ("9～11月", D(2021, 9, 1), D(2021, 11, 30), "month"),
        ("9〜11月", D(2021, 9, 1), D(2021, 11, 30), "month"),
        ("9月至11月", D(2021, 9, 1), D(2021, 11, 30), "month"),
        ("9月到11月", D(2021, 9, 1), D(2021, 11, 30), "month"),
        ("9月—11月", D(2021, 9, 1), D(2021, 11, 30), "month"),
        ("9—11月份", D(2021, 9, 1), D(2021, 11, 30), "month"),
        ("九至十一月", D(2021, 9, 1), D(2021, 11, 30), "month"),
        ("2022年9—11月", D(2022, 9, 1), D(2022, 11, 30), "month"),
        ("9月底10月初", D(2021, 9, 21), D(2021, 10, 10), "xun"),
        ("6月开始10月结束", D(2021, 6, 1), D(2021, 10, 31), "month"),
        ("9月初至12月底", D(2021, 9, 1), D(2021, 12, 31), "xun"),
        ("9月至12月底", D(2021, 9, 1), D(2021, 12, 31), "month"),
        ("9月至年底", D(2021, 9, 1), D(2021, 12, 31), "month"),
        ("10月8日至10月12日", D(2021, 10, 8), D(2021, 10, 12), "day"),
        ("10月8日至12日", D(2021, 10, 8), D(2021, 10, 12), "day"),
        ("10月8日—12日", D(2021, 10, 8), D(2021, 10, 12), "day"),
        ("10月8—12日", D(2021, 10, 8), D(2021, 10, 12), "day"),
        ("10月31日至11月2日", D(2021, 10, 31), D(2021, 11, 2), "day"),
        ("12月至次年1月", D(2021, 12, 1), D(2022, 1, 31), "month"),
        ("12—1月", D(2021, 12, 1), D(2022, 1, 31), "month"),
        ("10—3月", D(2021, 10, 1), D(2022, 3, 31), "month"),
        ("12月下旬至次年1月上旬", D(2021, 12, 21), D(2022, 1, 10), "xun"),
        ("2021年12月至2022年1月", D(2021, 12, 1), D(2022, 1, 31), "month"),
        ("第1—2季度", D(2021, 1, 1), D(2021, 6, 30), "quarter"),
        # quarters, halves, years
        ("第一季度", D(2021, 1, 1), D(2021, 3, 31), "quarter"),
        ("一季度", D(2021, 1, 1), D(2021, 3, 31), "quarter"),
        ("第二季度", D(2021, 4, 1), D(2021, 6, 30), "quarter"),
        ("三季度", D(2021, 7, 1), D(2021, 9, 30), "quarter"),
        ("第4季度", D(2021, 10, 1), D(2021, 12, 31), "quarter"),
        ("四季度", D(2021, 10, 1), D(2021, 12, 31), "quarter"),
        ("上半年", D(2021, 1, 1), D(2021, 6, 30), "half"),
        ("下半年", D(2021, 7, 1), D(2021, 12, 31), "half"),
        ("2022年上半年", D(2022, 1, 1), D(2022, 6, 30), "half"),
        ("全年", D(2021, 1, 1), D(2021, 12, 31), "year"),
        ("年内", D(2021, 1, 1), D(2021, 12, 31), "year"),
        ("2022年", D(2022, 1, 1), D(2022, 12, 31), "year"),
        ("2021—2022年", D(2021, 1, 1), D(2022, 12, 31), "year"),
        ("年底", D(2021, 12, 1), D(2021, 12, 31), "month"),
        # exact days
        ("10月8日", D(2021, 10, 8), D(2021, 10, 8), "day"),
        ("10月8号", D(2021, 10, 8), D(2021, 10, 8), "day"),
        ("十月八日", D(2021, 10, 8), D(2021, 10, 8), "day"),
        ("十二月二十一日", D(2021, 12, 21), D(2021, 12, 21), "day"),
        ("十月廿一日", D(2021, 10, 21), D(2021, 10, 21), "day"),
        ("十二月二日", D(2021, 12, 2), D(2021, 12, 2), "day"),  # not 二月二
        ("二月二十日", D(2021, 2, 20), D(2021, 2, 20), "day"),  # not 二月二 either
        ("2021年10月8日", D(2021, 10, 8), D(2021, 10, 8), "day"),
        ("2021-10-08", D(2021, 10, 8), D(2021, 10, 8), "day"),
        ("2021/10/8", D(2021, 10, 8), D(2021, 10, 8), "day"),
        ("2021.10.8", D(2021, 10, 8), D(2021, 10, 8), "day"),
        ("2024年2月29日", D(2024, 2, 29), D(2024, 2, 29), "day"),
        ("2021-10-08/2021-10-12", D(2021, 10, 8), D(2021, 10, 12), "day"),
        ("2021-10-08 至 2021-10-12", D(2021, 10, 8), D(2021, 10, 12), "day"),
    ],
)
def test_ranges(text, start, end, precision):
    assert dates(text) == ("range", start, end, precision)


@pytest.mark.parametrize(
    "text, reading",
    [
        ("10月份", "2021年10月（具体日期待定）"),
        ("十月份", "2021年10月（具体日期待定）"),
        ("2021-10", "2021年10月（具体日期待定）"),
        ("12月中旬", "2021年12月中旬（具体日期待定）"),
        ("9月底", "2021年9月底（具体日期待定）"),
        ("10月初", "2021年10月初（具体日期待定）"),
        ("10月上旬", "2021年10月上旬（具体日期待定）"),
        ("10月末", "2021年10月末（具体日期待定）"),
        ("9—11月", "2021年9月至11月（具体日期待定）"),
        ("9月底10月初", "2021年9月底至10月初（具体日期待定）"),
        ("9月至年底", "2021年9月至年底（具体日期待定）"),
        ("12—1月", "2021年12月至2022年1月（具体日期待定）"),
        ("10月8日至12日", "2021年10月8日至10月12日"),
        ("10月31日至11月2日", "2021年10月31日至11月2日"),
        ("第一季度", "2021年第一季度（具体日期待定）"),
        ("第4季度", "2021年第四季度（具体日期待定）"),
        ("上半年", "2021年上半年（具体日期待定）"),
        ("全年", "2021年全年"),
        ("年内", "2021年内（具体日期待定）"),
        ("2022年", "2022年（具体日期待定）"),
        ("年底", "2021年底（具体日期待定）"),
        ("10月8日", "2021年10月8日"),
        ("2021-10-08", "2021年10月8日"),
        ("2021-10-08/2021-10-12", "2021年10月8日至10月12日"),
        ("春节至元宵节", "2021年2月12日（春节）至2月26日（元宵节）"),
    ],
)
def test_readings_never_add_precision(text, reading):
    assert read(text).reading == reading


def test_text_is_kept_as_written_and_approximate_follows_precision():
    assert read("  10月份 ").text == "10月份"
    assert read("10月份").approximate and read("第一季度").approximate
    assert not read("10月8日").approximate


# --- Time of day --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, start, end, reading",
    [
        ("10月8日 9:00", time(9), None, "2021年10月8日 9:00"),
        ("10月8日 9:00-11:00", time(9), time(11), "2021年10月8日 9:00—11:00"),
        ("10月8日9:00—11:30", time(9), time(11, 30), "2021年10月8日 9:00—11:30"),
        ("10月8日 9：00至11：00", time(9), time(11), "2021年10月8日 9:00—11:00"),
        ("2021-10-08 14:30", time(14, 30), None, "2021年10月8日 14:30"),
        ("10月8日上午9点", time(9), None, "2021年10月8日 9:00"),
        ("10月8日上午九点", time(9), None, "2021年10月8日 9:00"),
        ("10月8日下午3点半", time(15, 30), None, "2021年10月8日 15:30"),
        ("10月8日下午3点15分", time(15, 15), None, "2021年10月8日 15:15"),
        ("10月8日下午2:30-4:00", time(14, 30), time(16), "2021年10月8日 14:30—16:00"),
        ("10月8日晚上8点", time(20), None, "2021年10月8日 20:00"),
        ("10月8日下午12:30", time(12, 30), None, "2021年10月8日 12:30"),
        ("重阳节 9:00", time(9), None, "2021年10月14日（重阳节） 9:00"),
        ("重阳节9:00", time(9), None, "2021年10月14日（重阳节） 9:00"),
        ("二月二 十点", time(10), None, "2021年3月14日（二月二） 10:00"),
        ("10月8日至12日 9:00-17:00", time(9), time(17), "2021年10月8日至10月12日 9:00—17:00"),
    ],
)
def test_time_of_day(text, start, end, reading):
    w = read(text)
    assert (w.time_start, w.time_end, w.reading) == (start, end, reading)
    assert w.precision == "day"


# --- Deadlines ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, end, precision, reading",
    [
        ("6月底前", D(2021, 6, 30), "xun", "2021年6月底前"),
        ("7月底之前", D(2021, 7, 31), "xun", "2021年7月底前"),
        ("6月底以前", D(2021, 6, 30), "xun", "2021年6月底前"),
        ("6月底前完成", D(2021, 6, 30), "xun", "2021年6月底前"),
        ("年底前", D(2021, 12, 31), "month", "2021年底前"),
        ("10月15日前", D(2021, 10, 15), "day", "2021年10月15日前"),
        ("2021年12月底前", D(2021, 12, 31), "xun", "2021年12月底前"),
        ("9月中旬前", D(2021, 9, 20), "xun", "2021年9月中旬前"),
        ("10月前", D(2021, 10, 31), "month", "2021年10月前"),
        ("重阳节前", D(2021, 10, 14), "day", "2021年10月14日（重阳节）前"),
    ],
)
def test_deadlines(text, end, precision, reading):
    w = read(text)
    assert (w.kind, w.start, w.end, w.precision, w.reading) == ("deadline", None, end, precision, reading)


# --- Festivals ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, day, festival",
    [
        ("春节", D(2021, 2, 12), "春节"),
        ("元宵节", D(2021, 2, 26), "元宵节"),
        ("元宵", D(2021, 2, 26), "元宵节"),
        ("二月二", D(2021, 3, 14), "二月二"),
        ("龙抬头", D(2021, 3, 14), "龙抬头"),
        ("端午节", D(2021, 6, 14), "端午节"),
        ("端午", D(2021, 6, 14), "端午节"),
        ("七夕", D(2021, 8, 14), "七夕节"),
        ("中元节", D(2021, 8, 22), "中元节"),
        ("中秋节", D(2021, 9, 21), "中秋节"),
        ("中秋", D(2021, 9, 21), "中秋节"),
        ("重阳节", D(2021, 10, 14), "重阳节"),
        ("重阳", D(2021, 10, 14), "重阳节"),
        ("腊八", D(2021, 1, 20), "腊八节"),  # the one before this year's 春节
        ("腊八节", D(2021, 1, 20), "腊八节"),
        ("除夕", D(2021, 2, 11), "除夕"),  # the eve of this year's 春节
        ("清明", D(2021, 4, 4), "清明节"),
        ("清明节", D(2021, 4, 4), "清明节"),
        ("元旦", D(2021, 1, 1), "元旦"),
        ("妇女节", D(2021, 3, 8), "妇女节"),
        ("三八妇女节", D(2021, 3, 8), "三八妇女节"),
        ("植树节", D(2021, 3, 12), "植树节"),
        ("劳动节", D(2021, 5, 1), "劳动节"),
        ("五一", D(2021, 5, 1), "五一"),
        ("五一劳动节", D(2021, 5, 1), "五一劳动节"),
        ("青年节", D(2021, 5, 4), "青年节"),
        ("儿童节", D(2021, 6, 1), "儿童节"),
        ("六一", D(2021, 6, 1), "六一"),
        ("建党节", D(2021, 7, 1), "建党节"),
        ("七一", D(2021, 7, 1), "七一"),
        ("建军节", D(2021, 8, 1), "建军节"),
        ("八一", D(2021, 8, 1), "八一"),
        ("教师节", D(2021, 9, 10), "教师节"),
        ("国庆节", D(2021, 10, 1), "国庆节"),
        ("国庆", D(2021, 10, 1), "国庆节"),
        ("2022年重阳节", D(2022, 10, 4), "重阳节"),
        ("2022年春节", D(2022, 2, 1), "春节"),
        ("2022年清明节", D(2022, 4, 5), "清明节"),
        ("2022年除夕", D(2022, 1, 31), "除夕"),
    ],
)
def test_festivals(text, day, festival):
    w = read(text)
    assert (w.kind, w.start, w.end, w.precision, w.festival) == ("range", day, day, "day", festival)


def test_festival_reading_names_the_festival():
    assert read("重阳节").reading == "2021年10月14日（重阳节）"


# --- Ongoing ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "长期坚持",
        "长期",
        "长期开展",
        "长期发挥作用",
        "常态化",
        "常态化开展",
        "持续开展",
        "随时",
        "即时办理",
        "接诉即办",
    ],
)
def test_ongoing(text):
    w = read(text)
    assert (w.kind, w.start, w.end, w.precision, w.reading) == ("ongoing", None, None, "none", text)


# --- Recurrences --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, rrule, precision, reading",
    [
        ("每月", {"FREQ": "MONTHLY"}, "none", "每月一次（具体日期待定）"),
        ("每月一次", {"FREQ": "MONTHLY"}, "none", "每月一次（具体日期待定）"),
        ("一村一月一场", {"FREQ": "MONTHLY"}, "none", "每月一次（具体日期待定）"),
        ("每月月底", {"FREQ": "MONTHLY", "BYMONTHDAY": [-1]}, "day", "每月月底"),
        ("每月底", {"FREQ": "MONTHLY", "BYMONTHDAY": [-1]}, "day", "每月月底"),
        ("每月月底发放", {"FREQ": "MONTHLY", "BYMONTHDAY": [-1]}, "day", "每月月底"),
        ("每月15日", {"FREQ": "MONTHLY", "BYMONTHDAY": [15]}, "day", "每月15日"),
        ("每月十五号", {"FREQ": "MONTHLY", "BYMONTHDAY": [15]}, "day", "每月15日"),
        ("每周六", {"FREQ": "WEEKLY", "BYDAY": ["SA"]}, "day", "每周六"),
        ("每周星期六", {"FREQ": "WEEKLY", "BYDAY": ["SA"]}, "day", "每周六"),
        ("每星期六", {"FREQ": "WEEKLY", "BYDAY": ["SA"]}, "day", "每周六"),
        ("每周一", {"FREQ": "WEEKLY", "BYDAY": ["MO"]}, "day", "每周一"),
        ("每周日", {"FREQ": "WEEKLY", "BYDAY": ["SU"]}, "day", "每周日"),
        ("每周一次", {"FREQ": "WEEKLY"}, "none", "每周一次（具体日期待定）"),  # once a week, not Mondays
        ("每天", {"FREQ": "DAILY"}, "day", "每天"),
        ("每日", {"FREQ": "DAILY"}, "day", "每天"),
        ("每季度", {"FREQ": "MONTHLY", "INTERVAL": 3}, "none", "每季度一次（具体日期待定）"),
        ("每年", {"FREQ": "YEARLY"}, "none", "每年一次（具体日期待定）"),
    ],
)
def test_recurrences(text, rrule, precision, reading):
    w = read(text)
    assert (w.kind, w.start, w.end, w.rrule, w.precision, w.reading) == (
        "recurring",
        None,
        None,
        rrule,
        precision,
        reading,
    )


def test_recurrence_bounded_by_a_range():
    w = read("9—12月每周六")
    assert (w.kind, w.start, w.end, w.rrule) == (
        "recurring",
        D(2021, 9, 1),
        D(2021, 12, 31),
        {"FREQ": "WEEKLY", "BYDAY": ["SA"]},
    )
    assert w.reading == "2021年9月至12月，每周六"


def test_recurrence_with_time():
    w = read("每周六 9:00-11:00")
    assert (w.rrule, w.time_start, w.time_end) == ({"FREQ": "WEEKLY", "BYDAY": ["SA"]}, time(9), time(11))
    assert w.reading == "每周六 9:00—11:00"


# --- The hint's own examples must read --------------------------------------------------


@pytest.mark.parametrize(
    "text", ["10月份", "12月中旬", "9—11月", "10月8日至10月12日", "6月底前", "重阳节", "长期坚持", "每月一次"]
)
def test_hint_examples_are_readable(text):
    read(text)


# --- Refusals -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, detail",
    [
        ("下个月吧", "无法识别"),
        ("尽快", "无法识别"),
        ("国庆节前后", "“前后”含义模糊"),
        ("10月左右", "“左右”含义模糊"),
        ("9月底，并长期坚持", "无法识别"),
        ("9月8日10月8日", "无法识别"),  # two days side by side are a list, not a range
        ("每月两次", "无法识别"),
        ("每月月底前", "无法识别"),
        ("2月30日", "2021年没有2月30日"),
        ("2月29日", "2021年没有2月29日"),
        ("10月32日", "2021年没有10月32日"),
        ("13月", "没有13月"),
        ("0月", "没有0月"),
        ("第五季度", "一年只有四个季度"),
        ("每月32日", "每月没有32日"),
        ("11月至9月", "结束（2021年9月）早于开始（2021年11月）"),
        ("9—3月", "早于开始"),  # more than half a year: a mistake, not a year crossing
        ("10月12日至10月8日", "早于开始"),
        ("2022年至2021年", "早于开始"),
        ("10月 9:00", "只有具体到某一天，才能写几点钟"),
        ("第一季度 9:00", "只有具体到某一天"),
        ("6月底前 9:00", "只有具体到某一天"),
        ("长期坚持 9:00", "只有具体到某一天"),
        ("每月 9:00", "只有具体到某一天"),
        ("10月8日 25:00", "25:00"),
        ("10月8日 11:00-9:00", "结束时刻早于开始时刻"),
        ("2021-10-08T14:30", "无法识别"),
    ],
)
def test_refusals_say_what_is_wrong(text, detail):
    with pytest.raises(Mistake) as caught:
        read(text)
    assert f"「{text}」" in caught.value.message
    assert detail in caught.value.message
    assert caught.value.hint


@pytest.mark.parametrize("text", ["", "   "])
def test_empty_is_refused(text):
    with pytest.raises(Mistake, match="未填写"):
        read(text)


def test_hints_give_concrete_examples():
    with pytest.raises(Mistake) as caught:
        read("尽快")
    for example in ("10月份", "12月中旬", "9—11月", "10月8日至10月12日", "6月底前", "重阳节", "长期坚持", "每月一次"):
        assert example in caught.value.hint
    with pytest.raises(Mistake) as caught:
        read("国庆节前后")
    assert "国庆节前" in caught.value.hint


def test_when_error_is_a_value_error():
    with pytest.raises(ValueError):
        read("尽快")


# --- Plans as other towns write them (issue 17) ---------------------------------------------


@pytest.mark.parametrize(
    "text, start, precision, reading",
    [
        ("三月份启动", D(2021, 3, 1), "month", "2021年3月起持续开展（具体日期待定）"),
        ("4月份启动", D(2021, 4, 1), "month", "2021年4月起持续开展（具体日期待定）"),
        ("3月起", D(2021, 3, 1), "month", "2021年3月起持续开展（具体日期待定）"),
        ("自3月起", D(2021, 3, 1), "month", "2021年3月起持续开展（具体日期待定）"),
        ("从三月份开始", D(2021, 3, 1), "month", "2021年3月起持续开展（具体日期待定）"),
        ("自9月10日起", D(2021, 9, 10), "day", "2021年9月10日起持续开展"),
        ("9月中旬起实施", D(2021, 9, 11), "xun", "2021年9月中旬起持续开展（具体日期待定）"),
        ("3月起长期坚持", D(2021, 3, 1), "month", "2021年3月起持续开展（具体日期待定）"),
        ("2022年1月起", D(2022, 1, 1), "month", "2022年1月起持续开展（具体日期待定）"),
    ],
)
def test_a_start_that_runs_on(text, start, precision, reading):
    w = read(text)
    assert (w.kind, w.start, w.end, w.precision, w.reading) == ("from", start, None, precision, reading)


def test_a_start_with_an_end_is_a_range():
    assert dates("3月起至6月") == ("range", D(2021, 3, 1), D(2021, 6, 30), "month")


@pytest.mark.parametrize(
    "text, rrule, precision, reading",
    [
        ("每两个月", {"FREQ": "MONTHLY", "INTERVAL": 2}, "none", "每两个月一次（具体日期待定）"),
        ("每2个月", {"FREQ": "MONTHLY", "INTERVAL": 2}, "none", "每两个月一次（具体日期待定）"),
        ("每两月一次", {"FREQ": "MONTHLY", "INTERVAL": 2}, "none", "每两个月一次（具体日期待定）"),
        ("每隔一个月", {"FREQ": "MONTHLY", "INTERVAL": 2}, "none", "每两个月一次（具体日期待定）"),
        ("每三个月召开一次", {"FREQ": "MONTHLY", "INTERVAL": 3}, "none", "每三个月一次（具体日期待定）"),
        ("每季", {"FREQ": "MONTHLY", "INTERVAL": 3}, "none", "每季度一次（具体日期待定）"),
        ("按季度", {"FREQ": "MONTHLY", "INTERVAL": 3}, "none", "每季度一次（具体日期待定）"),
        ("每个季度", {"FREQ": "MONTHLY", "INTERVAL": 3}, "none", "每季度一次（具体日期待定）"),
        (
            "每季度末",
            {"FREQ": "MONTHLY", "BYMONTH": [3, 6, 9, 12], "BYMONTHDAY": [-1]},
            "day",
            "每季度末（3、6、9、12月的最后一天）",
        ),
        ("每半年", {"FREQ": "MONTHLY", "INTERVAL": 6}, "none", "每半年一次（具体日期待定）"),
        ("每半年一次", {"FREQ": "MONTHLY", "INTERVAL": 6}, "none", "每半年一次（具体日期待定）"),
        ("每两周", {"FREQ": "WEEKLY", "INTERVAL": 2}, "none", "每两周一次（具体日期待定）"),
        ("每隔一周", {"FREQ": "WEEKLY", "INTERVAL": 2}, "none", "每两周一次（具体日期待定）"),
        ("每两周的周六", {"FREQ": "WEEKLY", "INTERVAL": 2, "BYDAY": ["SA"]}, "none", "每两周的周六（具体日期待定）"),
        ("每周三", {"FREQ": "WEEKLY", "BYDAY": ["WE"]}, "day", "每周三"),
        ("每个周六", {"FREQ": "WEEKLY", "BYDAY": ["SA"]}, "day", "每周六"),
        ("每周二、四", {"FREQ": "WEEKLY", "BYDAY": ["TU", "TH"]}, "day", "每周二、周四"),
        ("每周二和周四", {"FREQ": "WEEKLY", "BYDAY": ["TU", "TH"]}, "day", "每周二、周四"),
        ("每周一至周五", {"FREQ": "WEEKLY", "BYDAY": ["MO", "TU", "WE", "TH", "FR"]}, "day", "每周一至周五"),
        ("每周一至五", {"FREQ": "WEEKLY", "BYDAY": ["MO", "TU", "WE", "TH", "FR"]}, "day", "每周一至周五"),
        ("每个工作日", {"FREQ": "WEEKLY", "BYDAY": ["MO", "TU", "WE", "TH", "FR"]}, "day", "每周一至周五"),
        ("每月第一个周一", {"FREQ": "MONTHLY", "BYDAY": ["1MO"]}, "day", "每月第一个周一"),
        ("每月第3个星期五", {"FREQ": "MONTHLY", "BYDAY": ["3FR"]}, "day", "每月第三个周五"),
        ("每月最后一个周五", {"FREQ": "MONTHLY", "BYDAY": ["-1FR"]}, "day", "每月最后一个周五"),
        ("每月的15日", {"FREQ": "MONTHLY", "BYMONTHDAY": [15]}, "day", "每月15日"),
        ("每月上旬", {"FREQ": "MONTHLY"}, "none", "每月上旬一次（具体日期待定）"),
        ("按月发放", {"FREQ": "MONTHLY"}, "none", "每月一次（具体日期待定）"),
        ("每年9月", {"FREQ": "YEARLY", "BYMONTH": [9]}, "none", "每年9月（具体日期待定）"),
        ("每两天", {"FREQ": "DAILY", "INTERVAL": 2}, "none", "每两天一次（具体日期待定）"),
    ],
)
def test_more_recurrences(text, rrule, precision, reading):
    w = read(text)
    assert (w.kind, w.rrule, w.precision, w.reading) == ("recurring", rrule, precision, reading)


def test_a_recurrence_from_a_start():
    w = read("3月起每两个月")
    assert (w.kind, w.start, w.end, w.rrule) == ("recurring", D(2021, 3, 1), None, {"FREQ": "MONTHLY", "INTERVAL": 2})
    assert w.reading == "2021年3月起，每两个月一次（具体日期待定）"


@pytest.mark.parametrize(
    "text, daypart, reading",
    [
        ("每周三上午", "上午", "每周三上午"),
        ("每周五下午", "下午", "每周五下午"),
        ("10月8日下午", "下午", "2021年10月8日下午"),
        ("重阳节上午", "上午", "2021年10月14日（重阳节）上午"),
    ],
)
def test_part_of_a_day(text, daypart, reading):
    w = read(text)
    assert (w.daypart, w.reading, w.precision, w.time_start) == (daypart, reading, "day", None)


@pytest.mark.parametrize(
    "text, start, end, precision, reading",
    [
        ("上半年度", D(2021, 1, 1), D(2021, 6, 30), "half", "2021年上半年（具体日期待定）"),
        ("前半年", D(2021, 1, 1), D(2021, 6, 30), "half", "2021年上半年（具体日期待定）"),
        ("后半年", D(2021, 7, 1), D(2021, 12, 31), "half", "2021年下半年（具体日期待定）"),
        ("2022年下半年", D(2022, 7, 1), D(2022, 12, 31), "half", "2022年下半年（具体日期待定）"),
        ("三季度", D(2021, 7, 1), D(2021, 9, 30), "quarter", "2021年第三季度（具体日期待定）"),
        ("3季度", D(2021, 7, 1), D(2021, 9, 30), "quarter", "2021年第三季度（具体日期待定）"),
        ("二、三季度", D(2021, 4, 1), D(2021, 9, 30), "quarter", "2021年第二季度至第三季度（具体日期待定）"),
        ("二至三季度", D(2021, 4, 1), D(2021, 9, 30), "quarter", "2021年第二季度至第三季度（具体日期待定）"),
        ("三季度末", D(2021, 9, 1), D(2021, 9, 30), "month", "2021年第三季度末（具体日期待定）"),
        ("一季度初", D(2021, 1, 1), D(2021, 1, 31), "month", "2021年第一季度初（具体日期待定）"),
        ("前三季度", D(2021, 1, 1), D(2021, 9, 30), "quarter", "2021年前三季度（具体日期待定）"),
        ("10月中下旬", D(2021, 10, 11), D(2021, 10, 31), "xun", "2021年10月中下旬（具体日期待定）"),
        ("十月上中旬", D(2021, 10, 1), D(2021, 10, 20), "xun", "2021年10月上中旬（具体日期待定）"),
        ("2月中下旬", D(2021, 2, 11), D(2021, 2, 28), "xun", "2021年2月中下旬（具体日期待定）"),
        ("10、11月", D(2021, 10, 1), D(2021, 11, 30), "month", "2021年10月至11月（具体日期待定）"),
        ("9月至次年6月", D(2021, 9, 1), D(2022, 6, 30), "month", "2021年9月至2022年6月（具体日期待定）"),
        ("10月至翌年3月底", D(2021, 10, 1), D(2022, 3, 31), "month", "2021年10月至2022年3月底（具体日期待定）"),
        ("当年12月至次年2月", D(2021, 12, 1), D(2022, 2, 28), "month", "2021年12月至2022年2月（具体日期待定）"),
        ("本年度", D(2021, 1, 1), D(2021, 12, 31), "year", "2021年（具体日期待定）"),
        ("明年3月", D(2022, 3, 1), D(2022, 3, 31), "month", "2022年3月（具体日期待定）"),
        ("国庆节期间", D(2021, 10, 1), D(2021, 10, 7), "around", "2021年国庆节期间（国庆节是10月1日，具体日期待定）"),
        ("国庆期间", D(2021, 10, 1), D(2021, 10, 7), "around", "2021年国庆节期间（国庆节是10月1日，具体日期待定）"),
        ("春节期间", D(2021, 2, 11), D(2021, 2, 18), "around", "2021年春节期间（春节是2月12日，具体日期待定）"),
        ("春节假期", D(2021, 2, 11), D(2021, 2, 18), "around", "2021年春节期间（春节是2月12日，具体日期待定）"),
        ("五一期间", D(2021, 5, 1), D(2021, 5, 5), "around", "2021年五一期间（五一是5月1日，具体日期待定）"),
        (
            "中秋国庆期间",
            D(2021, 9, 19),
            D(2021, 10, 7),
            "around",
            "2021年中秋节、国庆节期间（中秋节是9月21日、国庆节是10月1日，具体日期待定）",
        ),
        (
            "中秋、国庆双节期间",
            D(2021, 9, 19),
            D(2021, 10, 7),
            "around",
            "2021年中秋节、国庆节期间（中秋节是9月21日、国庆节是10月1日，具体日期待定）",
        ),
        ("春节前夕", D(2021, 2, 5), D(2021, 2, 11), "around", "2021年春节前夕（春节是2月12日，具体日期待定）"),
        ("暑假期间", D(2021, 7, 1), D(2021, 8, 31), "month", "2021年暑假期间（约7—8月，具体日期待定）"),
        ("寒假", D(2021, 1, 1), D(2021, 2, 28), "month", "2021年寒假期间（约1—2月，具体日期待定）"),
    ],
)
def test_more_stretches(text, start, end, precision, reading):
    w = read(text)
    assert (w.kind, w.start, w.end, w.precision, w.reading) == ("range", start, end, precision, reading)


def test_a_holiday_period_is_never_placed_on_a_day():
    assert read("国庆节期间").approximate


@pytest.mark.parametrize(
    "text, end, precision, reading",
    [
        ("春节前", D(2021, 2, 12), "day", "2021年2月12日（春节）前"),
        ("次年春节前", D(2022, 2, 1), "day", "2022年2月1日（春节）前"),
        ("中秋节前完成", D(2021, 9, 21), "day", "2021年9月21日（中秋节）前"),
        ("国庆前", D(2021, 10, 1), "day", "2021年10月1日（国庆节）前"),
        ("9月底完成", D(2021, 9, 30), "xun", "2021年9月底前"),
        ("力争6月底前完成", D(2021, 6, 30), "xun", "2021年6月底前"),
        ("年底前全部完成", D(2021, 12, 31), "month", "2021年底前"),
        ("截至9月底", D(2021, 9, 30), "xun", "2021年9月底前"),
        ("截止到10月15日", D(2021, 10, 15), "day", "2021年10月15日前"),
        ("三季度末前", D(2021, 9, 30), "month", "2021年第三季度末前"),
    ],
)
def test_more_deadlines(text, end, precision, reading):
    w = read(text)
    assert (w.kind, w.start, w.end, w.precision, w.reading) == ("deadline", None, end, precision, reading)


@pytest.mark.parametrize(
    "text, reading",
    [
        ("适时", "适时（时间待定）"),
        ("适时开展", "适时开展（时间待定）"),
        ("择机", "择机（时间待定）"),
        ("择机举办", "择机举办（时间待定）"),
        ("视情况", "视情况（时间待定）"),
        ("视情况而定", "视情况而定（时间待定）"),
        ("根据工作需要", "根据工作需要（时间待定）"),
        ("不定期开展", "不定期开展（时间待定）"),
        ("另行通知", "另行通知（时间待定）"),
        ("时间另定", "时间另定（时间待定）"),
    ],
)
def test_phrases_that_give_no_date(text, reading):
    w = read(text)
    assert (w.kind, w.start, w.end, w.precision, w.reading) == ("undated", None, None, "none", reading)
    assert w.approximate


@pytest.mark.parametrize(
    "text, start, end, precision, reading",
    [
        (
            "重阳节适时举办",
            D(2021, 10, 14),
            D(2021, 10, 14),
            "around",
            "2021年10月14日（重阳节）前后，适时举办（具体日期待定）",
        ),
        (
            "中秋节，择机开展",
            D(2021, 9, 21),
            D(2021, 9, 21),
            "around",
            "2021年9月21日（中秋节）前后，择机开展（具体日期待定）",
        ),
        ("10月份适时开展", D(2021, 10, 1), D(2021, 10, 31), "month", "2021年10月，适时开展（具体日期待定）"),
        ("下半年视情况", D(2021, 7, 1), D(2021, 12, 31), "half", "2021年下半年，视情况（具体日期待定）"),
    ],
)
def test_timely_after_a_date_is_tentative(text, start, end, precision, reading):
    w = read(text)
    assert (w.kind, w.start, w.end, w.precision, w.reading) == ("range", start, end, precision, reading)
    assert w.approximate  # a festival event "适时" is not on the festival's day for certain


@pytest.mark.parametrize(
    "text, detail",
    [
        ("10月8日适时", "已写了具体日期"),
        ("2月30日起", "2021年没有2月30日"),
        ("第五季度末", "一年只有四个季度"),
        ("前五季度", "一年只有四个季度"),
        ("每月第6个周一", "每月没有第6个周一"),
        ("每年13月", "没有13月"),
        ("每隔两个月", "含义模糊"),
        ("每隔三周", "含义模糊"),
        ("每0个月", "不是一个周期"),
        ("每周五至周一", "先写的一天在后写的一天之后"),
        ("10月上午", "只有具体到某一天"),
        ("次年2月29日", "2022年没有2月29日"),
        ("2月30日前", "2021年没有2月30日"),
        ("9、11月", "无法识别"),  # two months apart are two dates, not one stretch
        ("两节期间", "无法识别"),  # 元旦春节 or 中秋国庆: the plan must say which
        ("每半月", "无法识别"),
    ],
)
def test_impossible_or_unclear_phrases_stay_errors(text, detail):
    with pytest.raises(Mistake) as caught:
        read(text)
    assert f"「{text}」" in caught.value.message and detail in caught.value.message
    assert caught.value.hint
