"""Import from the office's 配档表: seed 000's two tables, as a Word file with merged cells and as an Excel
file, become data that loads and builds; names of people are dropped; every cell not mapped is reported."""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import openpyxl
import pytest

from campaign.data.load import load_site
from campaign.editors.importer import ImportProblem, import_document, leading_when, measures
from conftest import ROOT, SAMPLE_DOMAINS, mkdocs_build
from test_schema import schema_errors

SEED = ROOT / "tests/fixtures/seed000-tables.txt"
LEADERS = ["张庆玲", "郑鹏程", "郑晓梅", "赵文擎", "许乐意", "吴宁宁", "韩云飞", "刘持久", "范文生", "翟  震"]


def seed_tables() -> dict[str, list[list[str]]]:
    """Seed 000's tables: a tab starts a cell, a line without one continues it, a blank line ends the header."""
    tables = {}
    for block in SEED.read_text(encoding="utf-8").split("=== ")[1:]:
        title, _, body = block.partition("\n")
        lines = body.lstrip("\n").splitlines()
        width = sum(line.startswith("\t") for line in lines[: lines.index("")])
        cells = []
        for line in lines:
            if line.startswith("\t"):
                cells.append(line[1:])
            elif line.strip():
                cells[-1] += "\n" + line
        assert len(cells) % width == 0
        tables[title] = [cells[i : i + width] for i in range(0, len(cells), width)]
    return tables


def blank_runs(rows: list[list[str]], column: int):
    """(first, last) rows of each cell with the blank cells below it: what Word shows as one merged cell."""
    starts = [r for r in range(1, len(rows)) if rows[r][column]] + [len(rows)]
    return [(a, b - 1) for a, b in itertools.pairwise(starts)]


def make_docx(path: Path, tables: dict[str, list[list[str]]]) -> Path:
    """Each table under its title; domain cells vertically merged, leader cells left blank below, as offices do."""
    document = docx.Document()
    for title, rows in tables.items():
        document.add_paragraph(title)
        table = document.add_table(rows=len(rows), cols=len(rows[0]))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                if text:
                    table.cell(r, c).text = text
        for first, last in blank_runs(rows, 0):
            if last > first:
                table.cell(first, 0).merge(table.cell(last, 0))
    document.save(str(path))
    return path


def make_xlsx(path: Path, title: str, rows: list[list[str]]) -> Path:
    """One sheet: a title row merged across, then the table with domain and leader cells merged downwards."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([title])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(rows[0]))
    for row in rows:
        sheet.append(row)
    for column in (0, 1):
        for first, last in blank_runs(rows, column):
            if last > first:
                sheet.merge_cells(start_row=first + 2, start_column=column + 1, end_row=last + 2, end_column=column + 1)
    book.save(str(path))
    return path


@pytest.fixture
def emptied(project: Path) -> Path:
    """The project with only campaign.yml left in data/: the import writes the rest."""
    for path in (project / "data").iterdir():
        if path.name != "campaign.yml":
            shutil.rmtree(path) if path.is_dir() else path.unlink()
    shutil.rmtree(project / "content/activities")  # hand-written pages about the sample's activities
    return project


def test_seed_tables_from_word_import_into_data_that_builds(emptied, tmp_path):
    source = make_docx(tmp_path / "配档表.docx", seed_tables())
    result = import_document(source, emptied / "data")
    assert result.ok, result.report
    site = load_site(emptied / "data")
    assert [d.name for d in site.domains] == SAMPLE_DOMAINS
    assert sum(len(a.tasks) for a in site.achievements.values()) == 54
    by_title = {a.title: a for a in site.activities}
    assert by_title["健康知识讲座"].when.text == "10月份" and by_title["健康知识讲座"].domain == "healthcare"
    assert by_title["医院开放日-让您更懂我，让我更懂您"].when.text == "12月中旬"
    numbered = [by_title[f"“颜神古镇 美丽山头”文化惠民主题活动（{n}）"] for n in range(1, 5)]
    assert [a.when.text for a in numbered] == ["9月份", "9月份", "9月底10月初", "10月份"]
    assert by_title["家庭教育宣讲会"].when.text == site.campaign.period.text  # no time written: the period
    tasks = {t.title: t for t in site.achievements["employment"].tasks}
    assert len(tasks["职业技能培训、创业就业介绍指导"].measures) == 3
    assert tasks["企业恶意欠薪"].kind == "重点解决问题" and tasks["失业工伤保险"].kind == "重点工作"
    ids = [a.id for a in site.activities]
    assert len(ids) == len(set(ids)) == 23 and "culture-sports-4" in ids
    written = "".join(p.read_text(encoding="utf-8") for p in (emptied / "data").rglob("*.yml"))
    for leader in LEADERS:
        assert leader not in written and leader.replace(" ", "") not in written
    for path in (emptied / "data").rglob("*.yml"):
        assert schema_errors(path, emptied / "data") == [], path
    build = mkdocs_build(emptied, tmp_path / "site")
    assert build.returncode == 0, build.stderr
    assert (tmp_path / "site/activities/culture-sports-3/index.html").is_file()


def test_report_names_every_cell_it_could_not_map(emptied, tmp_path):
    tables = seed_tables()
    schedule = tables["“市民看城市变化提意见建议”系列活动配档表"]
    schedule[0].append("经费预算")  # a column the data contract has no field for
    for row in schedule[1:]:
        row.append("")
    schedule[5][4] = "与区人大联系"  # 备注 of 校园开放日
    schedule[8][0] = "便民服务"  # a domain outside the common eleven
    source = make_docx(tmp_path / "配档表.docx", tables)
    report = import_document(source, emptied / "data").report
    data = emptied / "data"
    unreadable = next(line for line in report.splitlines() if "提升推广" in line)
    file, line = unreadable.split(". ", 1)[1].split("（")[0].rsplit(":", 1)
    entry = (emptied / file).read_text(encoding="utf-8").splitlines()[int(line) - 1 :]
    assert entry[0] == "  - id: task-2" and "    deadline: 长期坚持  # 原文：提升推广" in entry
    assert "「经费预算」一栏没有对应的字段" in report
    assert "与区人大联系" in report and "「备注」" in report
    assert "新增领域「便民服务」（编号 domain-1" in report
    assert "表2 第3行「家庭教育宣讲会」）：没有写时间" in report
    assert "23 项活动的 where 要填写" in report
    assert (tmp_path / "配档表.docx.导入报告.txt").read_text(encoding="utf-8").strip() == report.strip()
    assert load_site(data).domain("domain-1").name == "便民服务"


def test_excel_with_merged_cells_imports_into_a_new_campaign_folder(tmp_path):
    title = "“市民看城市变化提意见建议”系列活动配档表"
    rows = seed_tables()[title]
    rows[10][1] = "民政办"  # a unit written where a leader's name usually is
    out = tmp_path / "newtown"
    result = import_document(make_xlsx(tmp_path / "配档表.xlsx", title, rows), out, year=2022)
    assert result.ok, result.report
    site = load_site(out)
    assert site.campaign.year == 2022 and site.campaign.period.text == "9月至12月"
    by_title = {a.title: a for a in site.activities}
    assert by_title["“我看幼儿园、学校变化”活动"].domain == "education"  # merged domain cell carried down
    assert by_title["社会救助服务在身边"].organiser == "民政办" and by_title["健康知识讲座"].organiser == "待填写"
    assert "campaign.yml：新建了活动总体信息" in result.report and not site.achievements


def test_names_are_kept_only_in_the_report_when_asked(tmp_path):
    source = make_docx(tmp_path / "配档表.docx", seed_tables())
    report = import_document(source, tmp_path / "data", keep_names=True).report
    assert "childcare-1「“婴幼儿照护服务”活动」：郑鹏程" in report
    written = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "data").rglob("*.yml"))
    assert "郑鹏程" not in written


def test_existing_files_are_not_overwritten_unless_forced_and_a_forced_import_is_the_same(tmp_path):
    source = make_docx(tmp_path / "配档表.docx", seed_tables())
    data = tmp_path / "data"
    import_document(source, data)
    (data / "activities/healthcare.yml").write_text("# 编辑改过\n", encoding="utf-8")
    before = {p: p.read_text(encoding="utf-8") for p in data.rglob("*.yml")}
    with pytest.raises(ImportProblem, match="activities/healthcare.yml"):
        import_document(source, data)
    assert {p: p.read_text(encoding="utf-8") for p in data.rglob("*.yml")} == before
    assert import_document(source, data, force=True).ok
    again = {p: p.read_text(encoding="utf-8") for p in data.rglob("*.yml")}
    assert again[data / "activities/healthcare.yml"].count("- id: healthcare-") == 4
    assert {p: t for p, t in again.items() if "healthcare" not in p.name} == {
        p: t for p, t in before.items() if "healthcare" not in p.name
    }  # the same ids and text again


@pytest.mark.parametrize(
    "text,phrase",
    [
        ("9—11月，通过微信公众号宣传", "9—11月"),
        ("12月中旬邀请群众代表、出院病患走进医院", "12月中旬"),
        ("扩大宣传力度，9月份将通过网络和媒体宣传", "9月份"),
        ("举办书画展。9月底10月初，组织书画爱好者", "9月底10月初"),
        ("1.10月份，组织居民代表到颜神古镇", "10月份"),
        ("通过微信公众号、小视频等形式宣传", None),
        ("在各村社区组织文化惠民演出30余场", None),
    ],
)
def test_leading_time_phrase(text, phrase):
    assert leading_when(text, 2021) == phrase


def test_measures_split_on_numbers_and_semicolons():
    assert measures("一是加强管理；二是严厉打击；三是加大巡查") == ["加强管理", "严厉打击", "加大巡查"]
    assert measures("1、异味治理。2、扬尘治理。3、噪声治理。4.水污染治理。") == [
        "异味治理",
        "扬尘治理",
        "噪声治理",
        "水污染治理",
    ]
    assert measures("做好案件查处；加大宣传力度") == ["做好案件查处", "加大宣传力度"]
    assert measures("根据专业评估结果，进行坡道改造。") == ["根据专业评估结果，进行坡道改造"]


def test_command_line_prints_the_report_or_a_chinese_error(tmp_path):
    source = make_docx(tmp_path / "配档表.docx", seed_tables())
    env = {**os.environ, "PYTHONPATH": str(ROOT / "hooks")}
    run = lambda *args: subprocess.run(
        [sys.executable, "-m", "campaign", "import", *args], capture_output=True, text=True, cwd=tmp_path, env=env
    )
    done = run(str(source), "--out", "town")
    assert done.returncode == 0, done.stderr
    assert (
        "导入后的检查通过：23 项活动，54 项重点工作" in done.stdout and "town/activities/healthcare.yml" in done.stdout
    )
    refused = run(str(source), "--out", "town")
    assert refused.returncode == 1 and "已经存在" in refused.stderr and "Traceback" not in refused.stderr


def test_another_towns_plan_with_section_rows_places_and_units_builds(project, tmp_path):
    """No 事项类别 column: domains come from rows merged across (一、老有所养); places and units have columns."""
    book = openpyxl.Workbook()
    sheet = book.active
    rows = [
        ["永安镇“看变化·提建议”活动安排表"],
        ["序号", "活动名称", "活动时间", "活动地点", "责任单位", "参加人员"],
        ["一、老有所养"],
        [1, "重阳节敬老文艺演出", "重阳节", "镇文化广场", "镇民政办", "辖区老年人"],
        [2, "养老政策进村宣讲", "10月份", "各村", "民政办、社保所", ""],
        ["二、平安建设"],
        [3, "反诈宣传进社区", "每月15日", "各社区", "派出所", ""],
    ]
    for number, row in enumerate(rows, 1):
        sheet.append(row)
        if len(row) == 1:
            sheet.merge_cells(start_row=number, start_column=1, end_row=number, end_column=6)
    book.save(str(tmp_path / "永安镇.xlsx"))
    shutil.rmtree(project / "data")
    shutil.rmtree(project / "content/activities")
    out = project / "data"  # a new campaign: campaign.yml and domains.yml are started by the import
    result = import_document(tmp_path / "永安镇.xlsx", out, year=2022)
    assert result.ok, result.report
    site = load_site(out)
    by_title = {a.title: a for a in site.activities}
    show = by_title["重阳节敬老文艺演出"]
    assert (show.domain, show.where, show.organiser, show.audience) == (
        "elderly-care",
        "镇文化广场",
        "镇民政办",
        "辖区老年人",
    )
    assert show.when.start.isoformat() == "2022-10-04"
    fraud = by_title["反诈宣传进社区"]
    assert site.domain(fraud.domain).name == "平安建设" and fraud.when.rrule["BYMONTHDAY"] == [15]
    assert "where 要填写" not in result.report and "责任单位" not in result.report.split("没有导入的内容")[0]
    build = mkdocs_build(project, tmp_path / "site")
    assert build.returncode == 0, build.stderr
