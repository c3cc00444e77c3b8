"""`make new-report`: write an activity's closing report (回顾) into data/reports/<activity id>.yml.

Like `make new-activity`: each field is asked for with the schema's Chinese title, description and
examples (or given on the command line), answers are checked by the same model as `make check`, and
the file is removed again if the data no longer loads, so what is written always loads.
"""

from __future__ import annotations

from pathlib import Path

from campaign.data.kinds import label
from campaign.data.load import Site, load_site
from campaign.data.models import Report
from campaign.data.problems import DataProblems
from campaign.data.schema import modeline, schemas_from
from campaign.editors.newactivity import Ask, EntryProblems, ask_text, model_problems, split_list
from campaign.editors.yamlwrite import mapping

ASKED = ["activity", "held", "attendance", "attendees", "suggestions", "items", "summary", "article", "article_title"]
REQUIRED = {"activity", "held", "summary"}
COUNTS = {"attendance", "suggestions"}
_FIELDS = Report.model_json_schema()["properties"]


def add_report(data_dir: Path, given: dict, ask: Ask | None = None) -> tuple[str, Report]:
    """Write one report and return its file and the report as loaded. `given` may hold `photos`, a list
    of {image, alt, caption}; `ask` (like `input`) is called for each field not given."""
    data_dir = Path(data_dir)
    site = load_site(data_dir)  # the data must be valid before anything is added to it
    fields = {key: value for key, value in given.items() if value}
    while True:
        if ask:
            try:
                _ask_missing(fields, site, ask)
            except EOFError:  # no one to answer: report what is missing instead
                ask = None
        problems = _problems(fields, site)
        if not problems:
            break
        if not ask:
            raise EntryProblems(problems, "回顾")
        print(EntryProblems(problems, "回顾").report() + "\n请重新填写这几项：")
        for key, _, _ in problems:
            fields.pop(key, None)
    return _write(data_dir, fields)


def _ask_missing(fields: dict, site: Site, ask: Ask) -> None:
    for key in ASKED:
        if key in fields:
            continue
        if key == "activity":
            fields[key] = _ask_activity(site, ask)
        elif key == "summary":
            fields[key] = _ask_paragraphs(ask)
        elif key == "items":
            _show_items(site, fields["activity"])
            fields[key] = split_list(ask_text(_FIELDS, key, "", ask, False))
        else:
            answer = _ask_checked(key, site, ask)
            if answer:
                fields[key] = answer
    if "photos" not in fields:
        fields["photos"] = _ask_photos(ask)


def _ask_checked(key: str, site: Site, ask: Ask) -> str:
    """An answer, asked again at once while the field alone is wrong (an unreadable date, a count in words)."""
    while True:
        answer = ask_text(_FIELDS, key, "", ask, key in REQUIRED)
        wrong = (
            [
                message + hint
                for field, message, hint in model_problems(Report, {key: answer}, site.campaign.year, "")
                if field == key
            ]
            if answer
            else []
        )
        if not wrong:
            return answer
        print(wrong[0])


def _ask_activity(site: Site, ask: Ask) -> str:
    waiting = [a for a in site.activities if not site.report(a.id) and a.status != "已取消"]
    print("回顾哪一项活动（还没有回顾的）：")
    for n, activity in enumerate(waiting, 1):
        print(f"  {n}. {activity.title}（{activity.id}，{activity.when.reading}）")
    while True:
        answer = ask("写序号或活动编号：").strip()
        for n, activity in enumerate(waiting, 1):
            if answer in (str(n), activity.id):
                return activity.id
        print(f"没有「{answer}」这一项，请从上面的列表里选。")


def _show_items(site: Site, activity_id: str) -> None:
    linked = [item for item in site.ledger.items if activity_id in item.links]
    if linked:
        print("“你说我办”里和这项活动有关的意见建议：")
        for item in linked:
            print(f"  {item.id}：{item.summary}（{item.status}）")


def _ask_paragraphs(ask: Ask) -> str:
    field = _FIELDS["summary"]
    print(f"{field['title']}（summary）：{field['description']}。一段写完按回车，再写下一段；空行结束。")
    paragraphs = []
    while not paragraphs or paragraphs[-1]:
        paragraphs.append(ask("> ").strip())
    return "\n\n".join(paragraphs[:-1]) + "\n" if len(paragraphs) > 1 else ""


def _ask_photos(ask: Ask) -> list[dict]:
    photos = []
    while image := ask("现场照片：先把照片放进 data/images/，再写它在那里的路径（直接回车结束）\n> ").strip():
        alt = ""
        while not alt:
            alt = ask("画面描述（alt，必填）：为看不到图片的居民写清画面里有什么\n> ").strip()
        caption = ask("图注：显示在照片下面的一句话（直接回车跳过）\n> ").strip()
        photos.append({"image": image, "alt": alt, **({"caption": caption} if caption else {})})
    return photos


def _problems(fields: dict, site: Site) -> list[tuple[str, str, str]]:
    for key in COUNTS & fields.keys():
        if isinstance(fields[key], str) and fields[key].isdigit():
            fields[key] = int(fields[key])
    activity = site.activity(fields.get("activity", ""))
    if activity is None:
        return [
            ("activity", f"没有编号为「{fields.get('activity', '')}」的活动。", "写 data/activities/ 里这项活动的 id。")
        ]
    if site.report(activity.id):
        return [
            ("activity", f"活动「{activity.title}」已经有回顾了。", "直接修改 data/reports/ 里它的文件；或换一项活动。")
        ]
    known = {item.id for item in site.ledger.items}
    problems = [
        ("items", f"“你说我办”里没有编号为「{ref}」的意见建议。", "先在 data/feedback/ 里记下它，或不写这一项。")
        for ref in fields.get("items", [])
        if ref not in known
    ]
    return problems + model_problems(Report, fields, site.campaign.year, "make new-report")


def _write(data_dir: Path, fields: dict) -> tuple[str, Report]:
    """Write reports/<activity id>.yml; remove it again if the data no longer loads."""
    path = data_dir / "reports" / f"{fields['activity']}.yml"
    if path.exists():  # another activity's report under this name: never overwritten
        raise EntryProblems(
            [
                (
                    "activity",
                    f"{label(path, data_dir)} 已经存在。",
                    "把那个文件改名（改成它所写活动的编号），再重新运行。",
                )
            ],
            "回顾",
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    entry = {key: fields[key] for key in Report.model_fields if fields.get(key)}
    text = modeline(f"reports/{path.name}", schemas_from(data_dir)) + "\n" + "\n".join(mapping(entry)) + "\n"
    path.write_text(text, encoding="utf-8")
    try:
        site = load_site(data_dir)
    except DataProblems:
        path.unlink()
        raise
    return label(path, data_dir), site.report(fields["activity"])
