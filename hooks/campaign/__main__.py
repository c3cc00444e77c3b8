"""`python -m campaign <command>`: the editors' tools, run through make.

check <data> [--strict]  validate without building, show how the data was understood, list what must be
                  replaced before publishing, warn (make check); --strict fails on those (make check STRICT=1)
schemas <folder>  write the JSON Schema of each kind of data file (make schemas)
new-activity <data> [--title …]  add one activity, asking for each field when none is given (make new-activity)
new-report <data> [--activity …]  write an activity's closing report, asking for each field (make new-report)
import <file> --out <data>  turn the office's 配档表 (.docx, .xlsx, .xls, .et, .ods) into data files, or
                  update the entries an exported workbook's 编号 names (make import FILE=…)
export <data> --out <stem>  the campaign as a 配档表: <stem>.xlsx and <stem>.docx (make export)
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

from campaign.data.load import load_site
from campaign.data.problems import DataProblems
from campaign.data.schema import schema_files
from campaign.editors import newreport
from campaign.editors.check import checklist, report, strict_failures, understood
from campaign.editors.importer import ImportProblem, import_document
from campaign.editors.newactivity import ASKED, EntryProblems, add_activity, split_list
from campaign.fields.dates import ClockError, today

USAGE = """用法：
  python -m campaign check <数据目录> [--strict]   检查数据（make check）；--strict：发布前检查（make check STRICT=1）
  python -m campaign schemas <目录>          生成 JSON Schema（make schemas）
  python -m campaign new-activity <数据目录> [--domain 领域编号 --title 名称 --when 时间 --where 地点 --organiser 单位
      --audience 对象 --channels 形式 --summary 介绍 --id 编号]   添加一项活动；不带 -- 参数时逐项提问（make new-activity）
  python -m campaign new-report <数据目录> [--activity 活动编号 --held 实际日期 --attendance 人数 --attendees 参加的群体
      --suggestions 意见建议条数 --items 你说我办编号 --summary 正文 --article 公众号网址 --article_title 标题
      --photo "图片路径|画面描述|图注"]   写一项活动的回顾；不带 -- 参数时逐项提问（make new-report）
  python -m campaign import <配档表.docx|.xlsx|.xls|.et|.ods> --out <数据目录> [--year 年份] [--force] [--keep-names]
      从配档表导入活动和重点工作；导出后改过的表格按编号更新（make import FILE=…）
  python -m campaign export <数据目录> --out <文件名（不带扩展名）>
      把活动和重点工作导出成配档表：.xlsx 和 .docx（make export）"""


_ARGPARSE = [  # argparse's English messages, said in Chinese
    (r"unrecognized arguments: (.+)", "不认识的参数 {0}（参数名写错了？）"),
    (r"the following arguments are required: (.+)", "缺少参数 {0}"),
    (r"argument (\S+): expected one argument", "{0} 后面要写一个值"),
    (r"argument (\S+): invalid int value: (.+)", "{0} 后面要写数字，现在是 {1}"),
    (r"argument command: invalid choice: (\S+).*", "没有 {0} 这个命令"),
]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):
        said = next(
            (
                chinese.format(*found.groups())
                for pattern, chinese in _ARGPARSE
                if (found := re.fullmatch(pattern, message))
            ),
            "请对照上面的用法检查",
        )
        self.exit(2, f"{USAGE}\n命令写法不对：{said}\n")


def check(args) -> int:
    data_dir = Path(args.data)
    try:
        site = load_site(data_dir)
        on = today()
    except DataProblems as problems:
        print(problems.report(), file=sys.stderr)
        return 1
    except ClockError as error:
        print(error, file=sys.stderr)
        return 1
    content_dir = Path(args.content or data_dir.parent / "content")
    print(report(site, data_dir, content_dir, on))
    if not args.strict:
        return 0
    allowed = os.environ.get("ALLOW_PLACEHOLDERS") == "1"  # a demo site: the sample, published as it is
    failures = strict_failures(site, data_dir, content_dir, allowed)
    if allowed and checklist(site, data_dir, content_dir):
        print("\nALLOW_PLACEHOLDERS=1：这是演示网站，发布前检查清单里的示例内容照样发布。")
    if failures:
        print(
            f"\n发布前检查没有通过：上面的发布前检查清单和提醒里还有 {len(failures)} 处要改（随日期出现的提醒除外），"
            "改好才能发布。",
            file=sys.stderr,
        )
        return 1
    return 0


def schemas(args) -> int:
    for name, text in schema_files().items():
        path = Path(args.folder) / Path(name).name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    print(f"已生成 {len(schema_files())} 个 JSON Schema：{args.folder}/")
    return 0


def _entered(add, then: str):
    """What `add` returns, or None once its mistakes (the entry's, or the data's it reads) are printed."""
    try:
        return add()
    except DataProblems as problems:
        print(f"先改好数据中的错误，再{then}。\n" + problems.report(), file=sys.stderr)
    except EntryProblems as problems:
        print(problems.report(), file=sys.stderr)
    return None


def new_activity(args) -> int:
    given = {key: getattr(args, key) for key in ASKED}
    given["channels"] = split_list(given["channels"] or "")
    ask = None if any(given.values()) else input  # with nothing given on the command line, ask for each field
    added = _entered(lambda: add_activity(Path(args.data), given, ask=ask), "添加活动")
    if added is None:
        return 1
    where, activity = added
    print(
        f"已添加活动「{activity.title}」（编号 {activity.id}）：{where}\n"
        f"时间：{activity.when.text} → {understood(activity.when)}\n用 make serve 预览，make check 检查。"
    )
    return 0


def new_report(args) -> int:
    given = {key: getattr(args, key) for key in newreport.ASKED}
    given["items"] = split_list(given["items"] or "")
    given["photos"] = [
        dict(zip(("image", "alt", "caption"), (part.strip() for part in photo.split("|")))) for photo in args.photo
    ]
    ask = None if any(given.values()) else input  # with nothing given on the command line, ask for each field
    added = _entered(lambda: newreport.add_report(Path(args.data), given, ask=ask), "写回顾")
    if added is None:
        return 1
    where, report = added
    print(
        f"已写好活动「{report.activity}」的回顾：{where}\n举办日期：{report.held.reading}"
        f"，照片 {len(report.photos)} 张。\n用 make serve 预览，make check 检查。"
    )
    return 0


def import_(args) -> int:
    try:
        result = import_document(Path(args.file), Path(args.out), args.year, args.force, args.keep_names)
    except ImportProblem as problem:
        print(problem, file=sys.stderr)
        return 1
    print(result.report)
    print(f"\n这份报告也保存在：{args.file}.导入报告.txt")
    return 0 if result.ok else 1


def export(args) -> int:
    from campaign.editors.exporter import export_document, export_workbook

    try:
        site = load_site(Path(args.data))
    except DataProblems as problems:
        print("先改好数据中的错误，再导出。\n" + problems.report(), file=sys.stderr)
        return 1
    stem = Path(args.out)
    book = export_workbook(site, stem.with_name(stem.name + ".xlsx"))
    document = export_document(site, stem.with_name(stem.name + ".docx"))
    print(
        f"已导出配档表：{book}（Excel/WPS 表格，可以修改后用 make import FILE={book} 导回）\n"
        f"          {document}（Word/WPS 文字，A4 横向，可作为公文附件）"
    )
    return 0


def main(argv: list[str]) -> int:
    parser = _Parser(prog="python -m campaign", add_help=False)
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    checking = commands.add_parser("check", add_help=False)
    checking.add_argument("data")
    checking.add_argument("--content", help="手写页面的目录，默认是数据目录旁边的 content")
    checking.add_argument("--strict", action="store_true", help="发布前检查：清单里还有示例或占位内容时失败")
    commands.add_parser("schemas", add_help=False).add_argument("folder")
    adding = commands.add_parser("new-activity", add_help=False)
    adding.add_argument("data")
    for key in ASKED:
        adding.add_argument(f"--{key}")
    reporting = commands.add_parser("new-report", add_help=False)
    reporting.add_argument("data")
    for key in newreport.ASKED:
        reporting.add_argument(f"--{key}")
    reporting.add_argument("--photo", action="append", default=[])
    importing = commands.add_parser("import", add_help=False)
    importing.add_argument("file")
    importing.add_argument("--out", required=True)
    importing.add_argument("--year", type=int)
    importing.add_argument("--force", action="store_true", help="覆盖已有的活动和重点工作文件")
    importing.add_argument("--keep-names", action="store_true", help="把责任领导的姓名记在导入报告里（不写入数据）")
    exporting = commands.add_parser("export", add_help=False)
    exporting.add_argument("data")
    exporting.add_argument("--out", required=True)
    args = parser.parse_args(argv)
    commands = {
        "check": check,
        "schemas": schemas,
        "new-activity": new_activity,
        "new-report": new_report,
        "import": import_,
        "export": export,
    }
    return commands[args.command](args)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
