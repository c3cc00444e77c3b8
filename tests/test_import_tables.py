"""Tables written the ways offices write them, in every format the importer reads: each imports with the
right rows and nothing invented or leaked (names, hidden rows, totals, deleted text), or is refused with
nothing written."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import docx
import pytest

from campaign.data.load import load_site
from campaign.editors.importer import ImportProblem, import_document
from tablemaker import FORMATS, SHEETS, add_word_table, delete_row, tracked, write_table

HEADER = ["序号", "活动名称", "活动时间", "活动地点", "责任单位"]


def imported(path: Path, out: Path, **options):
    """Import into a new campaign folder: the site as loaded, and the report."""
    result = import_document(path, out, **options)
    assert result.ok, result.report
    return load_site(out), result.report


def written(out: Path) -> str:
    return "".join(p.read_text(encoding="utf-8") for p in out.rglob("*.yml"))


@pytest.mark.parametrize(
    "header",
    [
        ["序号", "活动名称", "活动时间", "活动地点", "责任单位"],
        ["序号", "活动项目", "时间安排", "地点", "承办单位"],
        ["编号", "活动主题", "开展时间", "活动地点", "牵头单位"],
        ["活动内容", "完成时间", "场所", "主办单位"],
        ["序 号", "项目名称", "计划时间", "活动场所", "实施单位"],
    ],
)
@pytest.mark.parametrize("kind", FORMATS)
def test_header_words_vary_from_office_to_office(tmp_path, header, kind):
    rows = [header, ["一、老有所养"] + [""] * (len(header) - 1)]
    offset = len(header) - 4
    rows.append([str(1)] * offset + ["重阳节敬老演出", "重阳节", "镇文化广场", "镇民政办"])
    merges = [(1, 0, 1, len(header) - 1)]
    site, _ = imported(write_table(tmp_path / f"表.{kind}", rows, merges), tmp_path / "out", year=2023)
    [show] = site.activities
    assert (show.title, show.when.text, show.where, show.organiser) == (
        "重阳节敬老演出",
        "重阳节",
        "镇文化广场",
        "镇民政办",
    )
    assert site.domain(show.domain).name == "老有所养"


SECTIONS = {  # how an office marks the domain of the rows below, as (cells, merges) of that row
    "numbered and merged across": (["一、幼有所育", "", "", "", ""], [(0, 0, 0, 4)]),
    "number kept, name merged over the rest": (["一", "幼有所育", "", "", ""], [(0, 1, 0, 4)]),
    "bracketed number, not merged": (["（一）幼有所育", "", "", "", ""], []),
    "a known domain alone": (["", "幼有所育", "", "", ""], []),
    "第一类": (["第一类：幼有所育", "", "", "", ""], [(0, 0, 0, 4)]),
    "with a count": (["一、幼有所育（2项）", "", "", "", ""], [(0, 0, 0, 4)]),
}


@pytest.mark.parametrize("section", SECTIONS)
@pytest.mark.parametrize("kind", FORMATS)
def test_section_rows_name_the_domain_and_never_become_activities(tmp_path, section, kind):
    cells, merges = SECTIONS[section]
    rows = [
        HEADER,
        cells,
        ["1", "婴幼儿照护讲座", "10月份", "卫生院", "山头卫生院"],
        ["2", "托育机构开放日", "11月份", "托育园", "社区居委会"],
        list(cells),
    ]
    rows[4] = [c.replace("一", "二").replace("幼有所育", "学有所教") for c in cells]
    rows.append(["3", "校园开放日", "12月份", "中心小学", "教育办"])
    merges = [(r, a, r, b) for r in (1, 4) for _, a, _, b in merges]
    site, _report = imported(write_table(tmp_path / f"表.{kind}", rows, merges), tmp_path / "out", year=2023)
    assert [(a.title, site.domain(a.domain).name) for a in site.activities] == [
        ("婴幼儿照护讲座", "幼有所育"),
        ("托育机构开放日", "幼有所育"),
        ("校园开放日", "学有所教"),
    ]
    assert "待分类" not in written(tmp_path / "out")


@pytest.mark.parametrize("kind", FORMATS)
@pytest.mark.parametrize("same", ["同上", "同上。", "〃"])
def test_same_as_above_takes_the_cell_above_in_every_column(tmp_path, kind, same):
    rows = [
        ["事项类别", "活动名称", "活动时间", "活动地点", "责任单位", "配合单位"],
        ["病有所医", "健康讲座", "10月份", "山头卫生院", "山头卫生院", "民政办"],
        [same, "义诊进社区", same, same, same, "同左"],
        ["", "医院开放日", "12月中旬", "区医院", "", ""],
    ]
    site, _report = imported(write_table(tmp_path / f"表.{kind}", rows), tmp_path / "out", year=2023)
    _lecture, clinic, open_day = site.activities
    assert (clinic.when.text, clinic.where, clinic.organiser) == (
        "10月份",
        "山头卫生院",
        "山头卫生院（配合：山头卫生院）",
    )
    assert site.domain(clinic.domain).name == "病有所医" and site.domain(open_day.domain).name == "病有所医"
    assert open_day.organiser == "山头卫生院（配合：山头卫生院）"  # blank unit cells carry down within the domain
    assert same not in written(tmp_path / "out") and "同左" not in written(tmp_path / "out")


@pytest.mark.parametrize("leader", ["王文科", "陈文科", "李建科", "张庆玲\n郑鹏程", "翟  震"])
@pytest.mark.parametrize("column", ["责任领导", "分管领导", "责任人"])
def test_a_leaders_name_never_becomes_the_unit(tmp_path, leader, column):
    rows = [
        ["事项类别", column, "活动内容", "活动安排", "责任单位"],
        ["老有所养", leader, "敬老院慰问", "重阳节，走访慰问老人", ""],
    ]
    site, report = imported(write_table(tmp_path / "表.docx", rows), tmp_path / "out", year=2023)
    [visit] = site.activities
    assert visit.organiser == "待填写"
    for name in leader.split():
        assert name not in written(tmp_path / "out")
    assert "待填写：配档表没有写责任单位" in report


@pytest.mark.parametrize("person", ["王文科", "陈文科", "李建科", "张科长", "宣传委员"])
def test_a_name_in_the_unit_column_is_refused_and_reported(tmp_path, person):
    rows = [
        ["事项类别", "活动内容", "活动安排", "责任单位", "配合单位"],
        ["老有所养", "敬老院慰问", "重阳节", f"镇民政办、{person}", f"{person}、派出所"],
    ]
    site, report = imported(write_table(tmp_path / "表.xlsx", rows), tmp_path / "out", year=2023)
    assert site.activities[0].organiser == "镇民政办（配合：派出所）"
    assert person not in written(tmp_path / "out")
    assert report.count(f"「{person}」像是个人姓名，没有当作单位写入") == 2
    assert "表.xlsx" in report and "工作表「Sheet」 第2行「责任单位」" in report


@pytest.mark.parametrize(
    "unit",
    [
        "民政办",
        "镇民政办",
        "城建办",
        "山头卫生院",
        "派出所",
        "区市场监管局",
        "石马村",
        "社区居委会",
        "民政办（牵头）",
        "经发科",
    ],
)
def test_units_written_in_the_leader_column_are_kept(tmp_path, unit):
    rows = [["事项类别", "责任领导", "活动内容", "活动安排"], ["老有所养", unit, "敬老院慰问", "重阳节"]]
    site, _ = imported(write_table(tmp_path / "表.docx", rows), tmp_path / "out", year=2023)
    assert site.activities[0].organiser == unit


@pytest.mark.parametrize("kind", SHEETS)
def test_hidden_rows_and_columns_are_left_out_and_listed(tmp_path, kind):
    rows = [
        ["序号", "活动名称", "原定时间", "活动时间", "活动地点", "责任单位"],
        ["一、老有所养", "", "", "", "", ""],
        ["1", "重阳节演出", "9月份", "重阳节", "文化广场", "民政办"],
        ["2", "已取消的讲座", "10月份", "10月份", "会议室", "民政办"],
        ["3", "养老政策宣讲", "9月份", "11月份", "各村", "社保所"],
    ]
    path = write_table(tmp_path / f"表.{kind}", rows, [(1, 0, 1, 5)], hidden_rows=[3], hidden_columns=[2])
    site, report = imported(path, tmp_path / "out", year=2023)
    assert [(a.title, a.when.text) for a in site.activities] == [("重阳节演出", "重阳节"), ("养老政策宣讲", "11月份")]
    assert "已取消的讲座" not in written(tmp_path / "out") and "9月份" not in written(tmp_path / "out")
    assert "C 列是隐藏列（原定时间），没有导入" in report and "第4行是隐藏行，没有导入：2｜已取消的讲座" in report


@pytest.mark.parametrize("word", ["合计", "小计", "合  计", "备注：时间可根据天气调整", "注：以上活动均免费", "总计"])
@pytest.mark.parametrize("kind", FORMATS)
def test_totals_and_notes_rows_are_left_out(tmp_path, word, kind):
    rows = [
        HEADER,
        ["一、文体服务", "", "", "", ""],
        ["1", "广场舞比赛", "10月份", "文化广场", "文化站"],
        [word, "", "2场", "", ""],
    ]
    merges = [(1, 0, 1, 4), (3, 0, 3, 1)]  # 合计 merged over 序号 and 活动名称
    site, report = imported(write_table(tmp_path / f"表.{kind}", rows, merges), tmp_path / "out", year=2023)
    assert [a.title for a in site.activities] == ["广场舞比赛"]
    assert f"第4行：「{word}」是合计或说明，不是一项，没有导入。" in report


@pytest.mark.parametrize("kind", FORMATS)
def test_rows_that_cannot_be_placed_refuse_the_import_and_write_nothing(tmp_path, kind):
    rows = [HEADER, ["1", "广场舞比赛", "10月份", "文化广场", "文化站"], ["2", "书画展", "11月份", "文化站", "文化站"]]
    out = tmp_path / "out"
    with pytest.raises(ImportProblem, match="这 2 行看不出属于哪个领域") as refused:
        import_document(write_table(tmp_path / f"表.{kind}", rows), out, year=2023)
    assert "第2行" in str(refused.value) and "第3行" in str(refused.value) and "一、老有所养" in str(refused.value)
    assert not out.exists()


# --- Word ---------------------------------------------------------------------------------------


def test_tracked_changes_are_read_as_accepted(tmp_path):
    document = docx.Document()
    rows = [
        ["事项类别", "活动内容", "活动安排", "活动地点", "责任单位"],
        ["文体服务", "广场舞比赛", "", "文化广场", "文化站"],
        ["文体服务", "书画展", "11月份", "文化站", "文化站"],
        ["文体服务", "已删除的演出", "12月份", "礼堂", "文化站"],
    ]
    table = add_word_table(document, rows)
    tracked(table.cell(1, 2), "", inserted="10月中旬，组织比赛", deleted="9月份")
    tracked(table.cell(2, 1), "书画", inserted="摄影", deleted="作品", moved_away="（移走的字）")
    delete_row(table.rows[3])
    document.save(str(tmp_path / "修订.docx"))
    site, report = imported(tmp_path / "修订.docx", tmp_path / "out", year=2023)
    assert [(a.title, a.when.text) for a in site.activities] == [("广场舞比赛", "10月中旬"), ("书画摄影", "11月份")]
    assert "9月份" not in written(tmp_path / "out") and "已删除的演出" not in written(tmp_path / "out")
    assert "移走" not in written(tmp_path / "out") and "第4行在修订中已删除" in report


@pytest.mark.parametrize("header", ["重点任务", "主要任务", "重点工作", "工作任务"])
def test_a_table_nested_in_a_layout_table_is_found(tmp_path, header):
    document = docx.Document()
    document.add_paragraph("2023年山头街道重点工作配档表")
    layout = document.add_table(rows=1, cols=2)
    layout.cell(0, 0).text = "附件1"
    add_word_table(
        layout.cell(0, 1),
        [
            ["事项类别", header, "具体措施", "完成时限", "牵头单位"],
            ["住有所居", "老旧小区改造", "1、外墙粉刷；2、管网更新", "10月底前", "城建办"],
        ],
    )
    document.save(str(tmp_path / "套表.docx"))
    site, report = imported(tmp_path / "套表.docx", tmp_path / "out")
    [task] = site.achievements["housing"].tasks
    assert (task.title, task.measures, task.deadline.text, task.unit) == (
        "老旧小区改造",
        ["外墙粉刷", "管网更新"],
        "10月底前",
        "城建办",
    )
    assert (
        task.deadline.end.year == 2023
        and "年份：2023 年，取自表1里的第1个表格的标题「2023年山头街道重点工作配档表」" in report
    )


def test_several_tables_in_one_document_each_import(tmp_path):
    document = docx.Document()
    for title, rows in [
        ("活动配档表", [["事项类别", "活动内容", "活动安排"], ["文体服务", "书画展", "11月份"]]),
        (
            "重点工作配档表",
            [["事项类别", "重点工作", "完成时限", "责任单位"], ["生态环境", "河道清理", "长期坚持", "环保所"]],
        ),
        ("另一张活动表", [["类别", "活动名称", "时间"], ["生态环境", "植树活动", "植树节"]]),
    ]:
        document.add_paragraph(title)
        add_word_table(document, rows)
    document.save(str(tmp_path / "多表.docx"))
    site, _ = imported(tmp_path / "多表.docx", tmp_path / "out", year=2023)
    assert sorted(a.title for a in site.activities) == ["书画展", "植树活动"]
    assert [t.title for t in site.achievements["environment"].tasks] == ["河道清理"]


def test_no_plan_found_lists_the_headers_seen(tmp_path):
    document = docx.Document()
    add_word_table(document, [["姓名", "电话"], ["张三", "123"]])
    document.save(str(tmp_path / "通讯录.docx"))
    with pytest.raises(ImportProblem, match="没有找到配档表") as refused:
        import_document(tmp_path / "通讯录.docx", tmp_path / "out")
    assert "表1：姓名、电话" in str(refused.value)


# --- Times and the year -----------------------------------------------------------------------------


@pytest.mark.parametrize("kind", SHEETS)
def test_excel_date_cells_keep_their_time_of_day_and_give_the_year(tmp_path, kind):
    rows = [
        ["事项类别", "活动名称", "活动时间", "活动地点"],
        ["病有所医", "义诊", datetime(2023, 5, 20, 9, 30), "卫生院"],
        ["病有所医", "健康讲座", "3月中旬", "卫生院"],
    ]
    site, report = imported(write_table(tmp_path / f"表.{kind}", rows), tmp_path / "out")
    clinic, lecture = sorted(site.activities, key=lambda a: a.title != "义诊")
    assert clinic.when.start.isoformat() == "2023-05-20" and clinic.when.time_start.isoformat() == "09:30:00"
    assert lecture.when.start.year == 2023 and site.campaign.year == 2023
    assert "年份：2023 年，取自" in report and "的日期「2023-05-20 09:30」" in report
    assert "summary" not in (tmp_path / "out/activities/healthcare.yml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "dated,title",
    [("2023.4.10", ""), ("2023年4月10日", ""), ("2023/4/10", ""), ("4月10日", "2023年“看变化”活动配档表")],
)
@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_the_year_is_read_from_the_table_before_any_default(tmp_path, dated, title, kind):
    rows = [["事项类别", "活动名称", "活动时间"], ["文体服务", "书画展", dated], ["文体服务", "演出", "3月中旬"]]
    site, report = imported(write_table(tmp_path / f"表.{kind}", rows, title=title), tmp_path / "out")
    assert [a.when.start.year for a in site.activities] == [2023, 2023]
    assert "年份：2023 年，取自" in report


def test_without_any_year_the_report_says_it_took_this_year(tmp_path):
    rows = [["事项类别", "活动名称", "活动时间"], ["文体服务", "演出", "3月中旬"]]
    _, report = imported(write_table(tmp_path / "表.xlsx", rows), tmp_path / "out")
    assert f"年份：{datetime.now().year} 年，配档表里没有写年份，按今年理解" in report


def test_the_campaigns_year_wins_and_a_different_table_year_is_said(project, tmp_path):
    rows = [["事项类别", "活动名称", "活动时间"], ["文体服务", "演出", "2023.3.10"]]
    out = project / "data"
    report = import_document(write_table(tmp_path / "表.xlsx", rows), out, force=True).report
    assert "年份：2021 年，按 campaign.yml 的 year；配档表写的是 2023 年" in report


# --- Formats ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kind,named",
    [("xlsx", "表.xls"), ("xls", "表.xlsx"), ("docx", "表.doc"), ("ods", "表.et"), ("xls", "表.et"), ("xlsx", "表")],
)
def test_a_file_is_read_by_its_content_not_its_extension(tmp_path, kind, named):
    rows = [["事项类别", "活动名称", "活动时间"], ["文体服务", "书画展", "11月份"]]
    path = write_table(tmp_path / f"真.{kind}", rows)
    path.rename(tmp_path / named)
    site, report = imported(tmp_path / named, tmp_path / "out", year=2023)
    assert [a.title for a in site.activities] == ["书画展"]
    assert (".et" in named and kind == "xls") or "内容其实是" in report


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@pytest.mark.parametrize(
    "name,content,says",
    [
        ("旧.doc", OLE + b"\0" * 504 + "WordDocument".encode("utf-16-le"), "WPS 文字中，点左上角「文件」→「另存为」"),
        ("旧.wps", OLE + b"\0" * 504 + "WordDocument".encode("utf-16-le"), "保存类型选「Word 文档(*.docx)」"),
        ("导出.xls", b"<html><body><table><tr><td>1</td></tr></table></body></html>", "网页格式的表格"),
        ("导出.xls", b"\xef\xbb\xbf<!DOCTYPE html><html>", "Microsoft Excel 文件(*.xlsx)"),
        ("文档.doc", b"{\\rtf1\\ansi hello}", "RTF 格式"),
        ("坏.xls", OLE + b"\0" * 600, "既不是 Excel/WPS 表格"),
        ("坏.docx", b"PK\x03\x04 broken", "已损坏"),
        ("图.png", b"\x89PNG\r\n", "不是 Word、Excel 或 WPS 文件"),
    ],
)
def test_files_that_cannot_be_read_are_refused_with_what_to_do(tmp_path, name, content, says):
    (tmp_path / name).write_bytes(content)
    with pytest.raises(ImportProblem, match=says.replace("(", r"\(").replace(")", r"\)").replace("*", r"\*")):
        import_document(tmp_path / name, tmp_path / "out")
    assert not (tmp_path / "out").exists()
