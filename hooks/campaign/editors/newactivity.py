"""`make new-activity`: ask for (or take) the essential fields and append a valid activity to the right file.

Questions come from the model's Chinese titles and descriptions; answers are checked by the same
model as `make check`, so what is written always loads. The id is made from the domain and a
number (elderly-care-3) unless the editor gives one: titles are Chinese, ids are ASCII.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from pydantic import ValidationError

from campaign.data.kinds import label
from campaign.data.load import Site, load_site
from campaign.data.models import Activity
from campaign.data.problems import DataProblems
from campaign.data.schema import modeline, schemas_from
from campaign.data.validate import explain
from campaign.editors.check import understood
from campaign.editors.yamlwrite import mapping
from campaign.fields.mistake import Mistake
from campaign.fields.when import read_when

ASKED = ["domain", "title", "when", "where", "organiser", "audience", "channels", "summary", "id"]
REQUIRED = {"domain", "title", "when", "where", "organiser", "id"}
Ask = Callable[[str], str]
_FIELDS = Activity.model_json_schema()["properties"]  # the Chinese titles, descriptions and examples editors see


class EntryProblems(Exception):
    """Answers that cannot make a valid entry (an activity, a report): (field, message, what to write instead)."""

    def __init__(self, problems: list[tuple[str, str, str]], what: str = "活动"):
        self.problems, self.what = problems, what
        super().__init__(self.report())

    def report(self) -> str:
        lines = [f"{self.what}没有添加，有 {len(self.problems)} 处要改："]
        lines += [f"{n}. {message}\n    怎么改：{hint}" for n, (_, message, hint) in enumerate(self.problems, 1)]
        return "\n".join(lines)


def add_activity(data_dir: Path, given: dict, ask: Ask | None = None) -> tuple[str, Activity]:
    """Append one activity and return its "file:line" and the activity as loaded.

    `ask` (like `input`) is called for each field not given; without it, missing fields are errors."""
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
            raise EntryProblems(problems)
        print(EntryProblems(problems).report() + "\n请重新填写这几项：")
        for key, _, _ in problems:
            fields.pop(key, None)
    where, site = _append(data_dir, fields)
    return where, next(a for a in site.activities if a.id == fields["id"])


def _ask_missing(fields: dict, site: Site, ask: Ask) -> None:
    for key in ASKED:
        if key in fields:
            continue
        if key == "domain":
            fields[key] = _ask_domain(site, ask)
        elif key == "when":
            fields[key] = _ask_when(site, ask)
        else:
            answer = ask_text(_FIELDS, key, _default(key, fields, site), ask, key in REQUIRED)
            if answer:
                fields[key] = split_list(answer) if key == "channels" else answer


def _ask_domain(site: Site, ask: Ask) -> str:
    print("所属领域：")
    for n, domain in enumerate(site.domains, 1):
        print(f"  {n}. {domain.name}（{domain.id}）")
    while True:
        answer = ask("写序号、编号或名称：").strip()
        for n, domain in enumerate(site.domains, 1):
            if answer in (str(n), domain.id, domain.name):
                return domain.id
        print(f"没有「{answer}」这个领域，请从上面的列表里选。")


def _ask_when(site: Site, ask: Ask) -> str:
    while True:
        answer = ask_text(_FIELDS, "when", "", ask, True)
        try:
            when = read_when(answer, site.campaign.year)
        except Mistake as error:
            print(f"{error.message}。{error.hint}")
            continue
        print(f"  网站的理解：{understood(when)}")
        return answer


def ask_text(fields: dict, key: str, default: str, ask: Ask, required: bool) -> str:
    """One answer, asked with the field's Chinese title, description and examples from the schema (`fields`)."""
    field = fields[key]
    examples = "、".join(str(e) for e in field.get("examples", [])[:4] if isinstance(e, (str, int)))
    prompt = f"{field['title']}（{key}）：{field['description']}"
    prompt += f"，例如 {examples}" if examples and not default else ""
    prompt += f" [直接回车：{default}]" if default else ("" if required else "（直接回车跳过）")
    while True:
        answer = ask(prompt + "\n> ").strip() or default
        if answer or not required:
            return answer


def _default(key: str, fields: dict, site: Site) -> str:
    if key == "organiser":
        return site.domain(fields["domain"]).unit
    if key == "id":
        return free_id({a.id for a in site.activities}, fields["domain"])
    return ""


def free_id(taken: set[str], prefix: str) -> str:
    """The first of prefix-1, prefix-2, … not yet taken."""
    n = 1
    while f"{prefix}-{n}" in taken:
        n += 1
    return f"{prefix}-{n}"


def split_list(text: str) -> list[str]:
    return [part for part in re.split(r"[,，、;；\s]+", text) if part]


def _problems(fields: dict, site: Site) -> list[tuple[str, str, str]]:
    known = [d.id for d in site.domains]
    if fields.get("domain") not in known:
        return [("domain", f"没有编号为「{fields.get('domain', '')}」的领域。", f"写其中之一：{'、'.join(known)}。")]
    fields.setdefault("id", free_id({a.id for a in site.activities}, fields["domain"]))
    problems = []
    if fields["id"] in {a.id for a in site.activities}:
        problems.append(("id", f"活动编号「{fields['id']}」已经用过了。", "换一个编号，或不写编号，让程序自动编号。"))
    return problems + model_problems(Activity, fields, site.campaign.year, "make new-activity")


def model_problems(model, fields: dict, year: int, command: str) -> list[tuple[str, str, str]]:
    """What the model finds wrong in the answers, each as (field, message, what to write instead)."""
    try:
        model.model_validate(fields, context={"year": year})
    except ValidationError as errors:
        problems = []
        for error in errors.errors(include_url=False):
            key = str(error["loc"][0]) if error["loc"] else ""
            message, hint = explain(error, model)
            if error["type"] == "missing":
                hint = f"命令里加上 --{key} …；或者不带参数运行 {command}，按提示逐项填写。"
            problems.append((key, message, hint))
        return problems
    return []


def _append(data_dir: Path, fields: dict) -> tuple[str, Site]:
    """Append the entry to activities/<domain>.yml; undo it if the data no longer loads."""
    path = data_dir / "activities" / f"{fields['domain']}.yml"
    before = path.read_text(encoding="utf-8") if path.is_file() else None
    if before is None:
        path.parent.mkdir(parents=True, exist_ok=True)
        text = modeline(f"activities/{path.name}", schemas_from(data_dir)) + "\n"
    else:
        text = before if before.endswith("\n") or not before else before + "\n"
    line = text.count("\n") + 1
    entry = {key: fields[key] for key in Activity.model_fields if key in fields}
    path.write_text(text + "\n".join(mapping(entry, item=True)) + "\n", encoding="utf-8")
    try:
        site = load_site(data_dir)
    except DataProblems:
        path.write_text(before, encoding="utf-8") if before is not None else path.unlink()
        raise
    return f"{label(path, data_dir)}:{line}", site
