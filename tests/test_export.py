"""make export: the campaign as a 配档表 workbook and Word table; the workbook imported onto the same data
changes nothing, byte for byte; an edited workbook updates the entries its 编号 names, and nothing else."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import openpyxl
import pytest

from campaign.data.load import load_site
from campaign.editors.exporter import export_document, export_workbook
from campaign.editors.importer import import_document
from conftest import SAMPLE_DATA, SIBAOSHAN

CAMPAIGNS = {"sample": SAMPLE_DATA, "sibaoshan": SIBAOSHAN}


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def exported_sample(tmp_path: Path):
    """A copy of the sample's data, its files as they were, and the workbook exported from it, opened."""
    data = tmp_path / "data"
    shutil.copytree(SAMPLE_DATA, data)
    before = files(data)
    book_path = export_workbook(load_site(data), tmp_path / "配档表.xlsx")
    return data, before, book_path, openpyxl.load_workbook(book_path)


@pytest.fixture(params=CAMPAIGNS)
def campaign(request, tmp_path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(CAMPAIGNS[request.param], copy)
    return copy


def test_an_exported_workbook_imports_onto_the_same_data_as_no_change(campaign, tmp_path):
    before = files(campaign)
    book = export_workbook(load_site(campaign), tmp_path / "配档表.xlsx")
    result = import_document(book, campaign)
    assert result.ok and "没有改动：表格和数据一致" in result.report, result.report
    assert files(campaign) == before


def test_the_workbook_has_the_plans_columns_and_every_entry(campaign, tmp_path):
    site = load_site(campaign)
    book = openpyxl.load_workbook(export_workbook(site, tmp_path / "配档表.xlsx"))
    activities, tasks = book["活动安排"], book["重点工作"]
    assert [c.value for c in activities[2]][:6] == ["序号", "事项类别", "活动内容", "时间安排", "活动地点", "责任单位"]
    assert [c.value for c in tasks[2]][:3] == ["序号", "事项类别", "重点工作／重点解决问题"]
    assert str(site.campaign.year) in activities["A1"].value
    ids = [row[-1] for row in activities.iter_rows(min_row=3, values_only=True)]
    assert ids == [a.id for d in site.domains for a in site.activities if a.domain == d.id]
    assert len(list(tasks.iter_rows(min_row=3))) == sum(len(a.tasks) for a in site.achievements.values())
    merged = [r for r in activities.merged_cells.ranges if r.min_col == 2]
    for domain in site.domains:  # a domain with several activities is one merged cell
        count = len(site.activities_of(domain.id))
        if count > 1:
            assert any(r.size["rows"] == count and activities.cell(r.min_row, 2).value == domain.name for r in merged)


def test_the_word_table_is_a4_landscape_in_official_fonts(tmp_path):
    site = load_site(SAMPLE_DATA)
    document = docx.Document(str(export_document(site, tmp_path / "配档表.docx")))
    section = document.sections[0]
    assert section.page_width > section.page_height and round(section.page_width.cm, 1) == 29.7
    activities, tasks = document.tables
    assert [c.text for c in activities.rows[0].cells][:3] == ["序号", "事项类别", "活动内容"]
    assert len(activities.rows) == len(site.activities) + 1
    assert len(tasks.rows) == sum(len(a.tasks) for a in site.achievements.values()) + 1
    xml = document.element.xml
    assert 'w:eastAsia="仿宋"' in xml and 'w:eastAsia="黑体"' in xml and "编号" not in activities.rows[0].cells[-1].text
    assert activities.cell(1, 1)._tc is activities.cell(2, 1)._tc  # the first domain's cell merged down


def test_the_word_table_imports_into_a_new_folder_as_the_same_activities(tmp_path):
    site = load_site(SAMPLE_DATA)
    export_document(site, tmp_path / "配档表.docx")
    result = import_document(tmp_path / "配档表.docx", tmp_path / "new", year=site.campaign.year)
    assert result.ok, result.report
    again = load_site(tmp_path / "new")
    assert sorted((a.title, a.when.text, a.where) for a in again.activities) == sorted(
        (a.title, a.when.text, a.where) for a in site.activities
    )


EDITS = {  # header, new text, the line the data file then has
    "时间安排": ("11月中旬", "  when: 11月中旬"),
    "活动地点": ("镇文化广场", "  where: 镇文化广场"),
    "活动内容": ("新的名称", "  title: 新的名称"),
    "配合单位": ("派出所", "  organiser: 街道妇联（配合：派出所）"),
    "活动形式": ("讲座、微信公众号", "  channels: [讲座, 微信公众号]"),
}


@pytest.mark.parametrize("header", EDITS)
def test_an_edited_cell_updates_that_field_only_and_is_reported(tmp_path, header):
    data, before, book_path, book = exported_sample(tmp_path)
    sheet = book["活动安排"]
    headers = [c.value for c in sheet[2]]
    row = next(r for r in range(3, sheet.max_row + 1) if sheet.cell(r, len(headers)).value == "family-education-talks")
    old = sheet.cell(row, headers.index(header) + 1).value
    sheet.cell(row, headers.index(header) + 1).value = EDITS[header][0]
    book.save(book_path)
    result = import_document(book_path, data)
    assert result.ok, result.report
    field = "责任单位" if header == "配合单位" else header  # 责任单位 and 配合单位 are one field
    assert f"family-education-talks「家庭教育宣讲会」{field}：" in result.report
    assert f"（工作表「活动安排」 第{row}行）" in result.report and "改动 1 处" in result.report
    after = files(data)
    assert {k for k in after if after[k] != before[k]} == {"activities/childcare.yml"}
    changed = [
        line
        for line in after["activities/childcare.yml"].decode().splitlines()
        if line not in before["activities/childcare.yml"].decode().splitlines()
    ]
    assert changed == [EDITS[header][1]], (old, changed)


@pytest.mark.parametrize(
    "header,text,says",
    [
        ("时间安排", "看情况", "看不懂"),
        ("责任单位", "王文科", "像是个人姓名"),
        ("活动地点", "", "必须填写"),
        ("事项类别", "老有所养", "请在数据文件里移动这一项"),
    ],
)
def test_an_edit_that_cannot_be_used_is_reported_and_changes_nothing(tmp_path, header, text, says):
    data, before, book_path, book = exported_sample(tmp_path)
    sheet = book["活动安排"]
    column = [c.value for c in sheet[2]].index(header) + 1
    for merged in list(sheet.merged_cells.ranges):
        sheet.unmerge_cells(str(merged))  # so that one domain cell can change
    sheet.cell(3, column).value = text
    book.save(book_path)
    result = import_document(book_path, data)
    assert says in result.report.split("没有采用的修改")[1]
    assert files(data) == before


def test_rows_without_an_id_and_entries_left_out_are_listed_never_added_or_deleted(tmp_path):
    data, before, book_path, book = exported_sample(tmp_path)
    sheet = book["活动安排"]
    sheet.cell(3, 11).value = None  # the first row's 编号 cleared
    sheet.append(["99", "幼有所育", "新增的活动", "10月份", "礼堂", "妇联", "", "", "", "", ""])
    book.save(book_path)
    report = import_document(book_path, data).report
    assert "没有编号，没有导入「家庭教育宣讲会」" in report and "没有编号，没有导入「新增的活动」" in report
    assert "数据里有、表格里没有的" in report and "family-education-talks「家庭教育宣讲会」" in report
    assert files(data) == before
