"""`make check` once the data is valid: how the site understood it, and what looks wrong though legal.

Editors trust a check that shows its reading: each `when` phrase with the dates it became, the
counts per domain, and warnings (past activities with no report, overdue tasks, placeholders left
by the importer, images without alt text) that do not stop the build but deserve a look.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from campaign.data.kinds import KIND, KINDS, kind_of, label
from campaign.data.load import Site
from campaign.data.models import Activity
from campaign.data.problems import Problem
from campaign.data.vocabulary import TASK_STATUSES
from campaign.data.yamlsource import Source
from campaign.fields.when import When

PLACEHOLDER = "待填写"  # written by the importer where the office's table says nothing
_NO_ALT = re.compile(r"!\[\s*\]\(|<img\b(?![^>]*\balt=\"[^\"]+)[^>]*>")


def report(site: Site, data_dir: Path, content_dir: Path, on: date) -> str:
    """The full explanation printed by `make check` for valid data."""
    tasks = sum(len(a.tasks) for a in site.achievements.values())
    lines = [
        f"数据检查通过：{len(site.domains)} 个领域，{len(site.activities)} 项活动，{tasks} 项重点工作。"
        f"（按 {on.isoformat()} 判断活动是否已结束）",
        "",
        "活动时间（网站这样理解，请核对）：",
    ]
    for activity in sorted(site.activities, key=lambda a: _file_line(site.origin[a.id])):
        lines.append(
            f"  {site.origin[activity.id]}  {activity.title}：{activity.when.text} → {understood(activity.when)}"
        )
    lines += ["", "各领域："] + [f"  {line}" for line in _counts(site)]
    found = warnings(site, data_dir, content_dir, on)
    if found:
        lines += ["", f"提醒 {len(found)} 条（不影响生成网站，请逐条看一看）："]
        lines += [f"{n}. {w}" for n, w in enumerate(found, 1)]
    return "\n".join(lines)


def understood(when: When) -> str:
    """The dates a phrase became, never more precise than written: 9月底10月初 → 2021-09-21 至 2021-10-10，日期待定."""
    if when.kind == "ongoing":
        return "长期开展，没有起止日期"
    if when.kind == "deadline":
        return f"{when.end.isoformat()} 之前"
    span = when.start.isoformat() if when.start else ""
    if when.end and when.end != when.start:
        span += f" 至 {when.end.isoformat()}"
    if when.kind == "recurring":
        repeat = when.reading.split("，")[-1]
        return f"{span}，{repeat}" if span else repeat
    clock = "—".join(f"{t.hour}:{t.minute:02d}" for t in (when.time_start, when.time_end) if t)
    return span + ("，日期待定" if when.approximate else "") + (f" {clock}" if clock else "")


def _counts(site: Site) -> list[str]:
    lines = []
    for domain in site.domains:
        achievements = site.achievements.get(domain.id)
        tasks = achievements.tasks if achievements else []
        counts = [(status, sum(t.status == status for t in tasks)) for status in TASK_STATUSES.labels]
        by_status = "、".join(f"{status} {count}" for status, count in counts if count)
        figures = len(achievements.figures) if achievements else 0
        lines.append(
            f"{domain.name}（{domain.id}）：活动 {len(site.activities_of(domain.id))} 项，"
            f"重点工作 {len(tasks)} 项" + (f"（{by_status}）" if by_status else "") + f"，数据 {figures} 项"
        )
    return lines


def warnings(site: Site, data_dir: Path, content_dir: Path, on: date) -> list[Problem]:
    """What is legal but suspicious, each with file:line and what to do."""
    data_dir = Path(data_dir)
    sources = [Source(path, label(path, data_dir)) for kind in KINDS for path in kind.paths(data_dir)]
    found = [_unreported(site, a, content_dir, on) for a in site.activities]
    found += _unread_files(data_dir)
    found += [w for s in sources for w in _overdue(s, site, on)]
    found += [w for s in sources for w in _placeholders(s)]
    found += [w for s in sources for w in _data_images_without_alt(s)]
    found += _content_images_without_alt(content_dir)
    found += _orphan_pages(site, content_dir)
    found += _reports_ahead(site, data_dir, on)
    return sorted(w for w in found if w)


def _unread_files(data_dir: Path) -> list[Problem]:
    """YAML files in the data folder that no kind of data is read from: a typo in a folder or file name
    (data/activity/, campaign.yaml) would otherwise leave their content silently unpublished."""
    kinds = "、".join(kind.pattern for kind in KINDS)
    return [
        Problem(
            label(path, data_dir),
            1,
            "网站不读这个文件，里面的内容不会发布。",
            f"数据文件只能放在这些位置：{kinds}；检查文件夹和文件名的拼写。",
        )
        for path in sorted(data_dir.rglob("*.y*ml"))
        if kind_of(path.relative_to(data_dir).as_posix()) is None
    ]


def _orphan_pages(site: Site, content_dir: Path) -> list[Problem]:
    """Hand-written pages meant to be merged into an activity's or domain's page that the data lacks:
    they are published on their own, outside the navigation (an id renamed or removed in the data?)."""
    known = {"activities": {a.id for a in site.activities}, "domains": {d.id for d in site.domains}}
    what = {"activities": "活动", "domains": "领域"}
    return [
        Problem(
            f"content/{folder}/{page.name}",
            1,
            f"数据里没有编号为「{page.stem}」的{what[folder]}，这一页会单独发布。",
            f"把文件名改成{what[folder]}的编号（.md 前面的部分），或删掉这个文件。",
        )
        for folder, ids in known.items()
        for page in sorted((content_dir / folder).glob("*.md"))
        if page.stem != "index" and page.stem not in ids
    ]


def _unreported(site: Site, activity: Activity, content_dir: Path, on: date) -> Problem | None:
    end = activity.when.end
    reported = (
        site.report(activity.id)
        or activity.photos
        or activity.before_after
        or (content_dir / "activities" / f"{activity.id}.md").is_file()
    )
    if not end or end >= on or reported or activity.status == "已取消":
        return None
    file, line = _file_line(site.origin[activity.id])
    return Problem(
        file,
        line,
        f"活动「{activity.title}」已于 {end.isoformat()} 结束，还没有回顾。",
        f"用 make new-report 写一篇回顾（实际日期、参加人数、意见建议和照片），存在 data/reports/{activity.id}.yml；"
        "活动改期了，就写 status: 延期，把 when 改成新的时间、原来的时间写在 planned；没有办，就写 status: 已取消。",
    )


def _reports_ahead(site: Site, data_dir: Path, on: date) -> list[Problem]:
    """A report dated after the build day: a typo in the year or month, most likely."""
    found = []
    for path in KIND["reports"].paths(data_dir):
        source = Source(path, label(path, data_dir))
        report = site.report(source.data.get("activity")) if isinstance(source.data, dict) else None
        if report and report.held.start > on:
            found.append(
                source.problem(
                    ("held",),
                    f"回顾的举办日期 {report.held.start.isoformat()} 还没到（今天是 {on.isoformat()}）。",
                    "写活动实际举办的日期；年份或月份写错了吗？",
                )
            )
    return found


def _overdue(source: Source, site: Site, on: date) -> list[Problem]:
    """Key tasks and milestones whose time has passed but that are not marked done."""
    data = source.data if isinstance(source.data, dict) else {}
    achievements = site.achievements.get(data.get("domain"))
    if not achievements or "tasks" not in data:
        return []
    found = []
    for i, task in enumerate(achievements.tasks):
        if _passed(task.deadline, on) and task.status in ("未开始", "进行中"):
            found.append(
                source.problem(
                    ("tasks", i, "status"),
                    f"「{task.title}」的完成时限（{task.deadline.text}）已过，进展还是「{task.status}」。",
                    "完成了就把 status 改成 已完成；推迟了就把 deadline 改成新的时限。",
                )
            )
        found += [
            source.problem(
                ("tasks", i, "milestones", j, "done"),
                f"「{task.title}」的时间节点「{m.what}」（{m.when.text}）已过，还没有标为完成。",
                "完成了就写 done: true；推迟了就改这个节点的 when。",
            )
            for j, m in enumerate(task.milestones)
            if _passed(m.when, on) and not m.done
        ]
    return found


def _passed(when: When, on: date) -> bool:
    return when.kind in ("range", "deadline") and when.end is not None and when.end < on


def _placeholders(source: Source) -> list[Problem]:
    return [
        source.problem(
            loc,
            f"「{_key(loc)}」还是「{PLACEHOLDER}」。",
            "导入时配档表里没有这一项，请照实际情况填写"
            + ("（写单位，不写个人姓名）。" if _key(loc) in ("unit", "organiser") else "。"),
        )
        for loc, value in _strings(source.data, ())
        if PLACEHOLDER in value
    ]


def _data_images_without_alt(source: Source) -> list[Problem]:
    """Markdown images with no alt text, and photos whose alt says nothing (图片, or the file's name)."""
    strings = list(_strings(source.data, ()))
    images = {loc[:-1]: value for loc, value in strings if loc[-1] == "image"}
    return [source.problem(loc, "图片没有替代文字。", _ALT_HINT) for loc, value in strings if _NO_ALT.search(value)] + [
        source.problem(loc, f"画面描述「{value}」没有说出画面里有什么。", _PHOTO_ALT_HINT)
        for loc, value in strings
        if loc[-1] == "alt" and (value in _EMPTY_ALT or value == Path(images.get(loc[:-1], "")).stem)
    ]


def _content_images_without_alt(content_dir: Path) -> list[Problem]:
    found = []
    for path in sorted(Path(content_dir).rglob("*.md")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if _NO_ALT.search(line):
                found.append(Problem(label(path, content_dir), number, "图片没有替代文字。", _ALT_HINT))
    return found


_PHOTO_ALT_HINT = "alt 写一句画面里有什么，例如“秋泉小区3号楼，外墙粉刷一新”：看不见图片的读者靠它了解内容。"
_EMPTY_ALT = {"图片", "照片", "图", "相片", "无", "image", "photo"}
_ALT_HINT = "在方括号里写一句图片内容，例如 ![居民代表参观卫生院导医台](photo.jpg)：看不见图片的读者靠它了解内容。"


def _strings(value, loc: tuple):
    """Every text value in a document, with where it is."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, loc + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _strings(item, loc + (i,))
    elif isinstance(value, str) and loc:
        yield loc, value


def _key(loc: tuple) -> str:
    return next(k for k in reversed(loc) if isinstance(k, str))


def _file_line(origin: str) -> tuple[str, int]:
    file, _, line = origin.rpartition(":")
    return file, int(line)
