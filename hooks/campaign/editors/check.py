"""`make check` once the data is valid: how the site understood it, what must still be replaced before
it goes online, and what looks wrong though legal.

Editors trust a check that shows its reading: each `when` phrase with the dates it became, the
counts per domain; then the pre-publication checklist (example addresses, items marked （示例）, the
sample's photos and hand-written pages, 待填写 left by the importer) and the reminders (past
activities with no report, overdue tasks, images without alt text). `--strict` (CI, make publish)
fails on the checklist and on every reminder that does not come with the date: a deadline that
passes overnight must not stop the daily rebuild that keeps "upcoming" true.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from PIL import Image

from campaign.data.kinds import KIND, KINDS, kind_of, label
from campaign.data.load import Site
from campaign.data.models import Activity
from campaign.data.problems import Problem
from campaign.data.standing import standing
from campaign.data.vocabulary import TASK_STATUSES, UNREPORTED
from campaign.data.yamlsource import Source
from campaign.features.share.share import NO_FONT, font_file
from campaign.fields.figures import number
from campaign.fields.quotes import quoted
from campaign.fields.when import When

PLACEHOLDER = "待填写"  # written by the importer where the office's table says nothing
# （示例）, （示例图片）, and 示例图片 in a drawn photo's alt text and credit: the sample's own items and pages
SAMPLE_MARK = re.compile(r"[（(]示例[^）)]{0,8}[）)]|示例图片")
SAMPLE_PHOTO = b"campaign-sample-photo"  # the JPEG comment tools/sample_photos.py gives the sample's drawn photos
EXAMPLE_ADDRESS = re.compile(r"\b(?:[a-z0-9-]+\.)*example\.(?:org|com|net)\b", re.I)  # RFC 2606: never a real site
_ADDRESS_HINTS = {
    "site_url": "写网站发布后的真实网址（以 https:// 开头、以 / 结尾）：日历订阅、二维码和分享链接都用它。",
    "form_url": "换成本单位真实的网上意见表网址。",
    "form_url_template": "换成本单位真实的意见表网址模板，或删掉这一行。",
    "email": "换成本单位接收意见建议的邮箱，或删掉这一行。",
}
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
    todo = checklist(site, data_dir, content_dir)
    if todo:
        lines += ["", f"发布前检查清单：还有 {len(todo)} 处示例或占位的内容，换成自己的才能发布："]
        lines += [f"{n}. {w}" for n, w in enumerate(todo, 1)]
    found = warnings(site, data_dir, content_dir, on)
    if found:
        lines += ["", f"提醒 {len(found)} 条（不影响生成网站，请逐条看一看）："]
        lines += [f"{n}. {w}" for n, w in enumerate(found, 1)]
    return "\n".join(lines)


def understood(when: When) -> str:
    """The dates a phrase became, never more precise than written: 9月底10月初 → 2021-09-21 至 2021-10-10，日期待定."""
    if when.kind == "ongoing":
        return "长期开展，没有起止日期"
    if when.kind == "undated":
        return "没有日期，不排进日历的任何一天"
    if when.kind == "deadline":
        return f"{when.end.isoformat()} 之前"
    if when.kind == "from":
        return f"{when.start.isoformat()} 起，没有结束日期" + ("（开始日期待定）" if when.approximate else "")
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
        counts = [
            (status, sum((t.status or UNREPORTED) == status for t in tasks))
            for status in (*TASK_STATUSES.labels, UNREPORTED)
        ]
        by_status = "、".join(f"{status} {count}" for status, count in counts if count)
        figures = len(achievements.figures) if achievements else 0
        lines.append(
            f"{domain.name}（{domain.id}）：活动 {len(site.activities_of(domain.id))} 项，"
            f"重点工作 {len(tasks)} 项" + (f"（{by_status}）" if by_status else "") + f"，数据 {figures} 项"
        )
    return lines


def strict_failures(site: Site, data_dir: Path, content_dir: Path, allow_placeholders: bool = False) -> list[Problem]:
    """What `--strict` refuses to publish: the checklist (unless this is a demo site) and the reminders
    that do not come with the date (dated ones would stop the nightly rebuild the day a deadline passed)."""
    return sorted(
        ([] if allow_placeholders else checklist(site, data_dir, content_dir)) + _lasting(site, data_dir, content_dir)
    )


def checklist(site: Site, data_dir: Path, content_dir: Path) -> list[Problem]:
    """What stands in for the office's own: none of it may be online. Each with file:line and what to do."""
    sources = _sources(data_dir)
    found = [w for s in sources for w in _placeholders(s)]
    found += _sample_photos(site, data_dir)
    found += _sample_pages(content_dir)
    found += _card_without_font(site, data_dir)
    return sorted(found)


def warnings(site: Site, data_dir: Path, content_dir: Path, on: date) -> list[Problem]:
    """What is legal but suspicious, each with file:line and what to do."""
    sources = _sources(data_dir)
    found = [_unreported(site, a, content_dir, on) for a in site.activities]
    found += [w for s in sources for w in _overdue(s, site, on)]
    found += [w for s in sources for w in _before_the_campaign(s, site)]
    found += _reports_ahead(site, data_dir, on)
    return sorted([w for w in found if w] + _lasting(site, data_dir, content_dir))


def _lasting(site: Site, data_dir: Path, content_dir: Path) -> list[Problem]:
    """The reminders that stay until someone edits the data, whatever the date."""
    found = [w for s in _sources(data_dir) for w in _data_images_without_alt(s)]
    return (
        found
        + _unread_files(Path(data_dir))
        + _content_images_without_alt(content_dir)
        + _orphan_pages(site, content_dir)
    )


def _sources(data_dir: Path) -> list[Source]:
    data_dir = Path(data_dir)
    return [Source(path, label(path, data_dir)) for kind in KINDS for path in kind.paths(data_dir)]


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
        f"活动{quoted(activity.title, '「」')}已于 {end.isoformat()} 结束，还没有回顾。",
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
    """Key tasks past their deadline and not done (their pages say so too), and milestones past but not done."""
    achievements = _achievements_in(source, site)
    found = []
    for i, task in enumerate(achievements.tasks if achievements else []):
        if standing(task, on, site.campaign.period).overdue:
            found.append(_overdue_task(source, i, task))
        if task.progress and task.progress.done is not None and not task.progress.as_of:
            found.append(
                source.problem(
                    ("tasks", i, "progress"),
                    f"{quoted(task.title, '「」')}写了已完成量 {number(task.progress.done)}，没有写截至哪一天；"
                    "网站上不显示进度条，只写“未注明统计日期”。",
                    "在 progress 里加上 as_of: 2021-10-31（统计到哪一天）。",
                )
            )
        found += [
            source.problem(
                ("tasks", i, "milestones", j, "done"),
                f"{quoted(task.title, '「」')}的时间节点{quoted(m.what, '「」')}（{m.when.text}）已过，还没有标为完成。",
                "完成了就写 done: true；推迟了就改这个节点的 when。",
            )
            for j, m in enumerate(task.milestones)
            if _passed(m.when, on) and not m.done
        ]
    return found


def _overdue_task(source: Source, index: int, task) -> Problem:
    if task.status:
        return source.problem(
            ("tasks", index, "status"),
            f"{quoted(task.title, '「」')}的完成时限（{task.deadline.text}）已过，进展还是「{task.status}」；"
            "网站上显示“完成时限已过”和这次报告的进展。",
            "完成了就把 status 改成 已完成；还在做就写上最新进展和日期（as_of）；推迟了就把 deadline 改成新的时限。",
        )
    return source.problem(
        ("tasks", index, "deadline"),
        f"{quoted(task.title, '「」')}的完成时限（{task.deadline.text}）已过，还没有报告进展；网站上显示“完成时限已过，进展待更新”。",
        "添加 status（已完成、进行中……）和 as_of（报告日期）；推迟了就把 deadline 改成新的时限。",
    )


def _achievements_in(source: Source, site: Site):
    """The validated achievements of an achievements file: a domain's, or the whole campaign's (no domain)."""
    data = source.data if isinstance(source.data, dict) else {}
    if "tasks" not in data:
        return None
    return site.achievements.get(data["domain"]) if data.get("domain") else site.campaign_wide


def _before_the_campaign(source: Source, site: Site) -> list[Problem]:
    """Festival dates before the campaign starts: 春节前 in a plan for the year is often the next 春节."""
    period = site.campaign.period
    if isinstance(source.data, list):  # an activities file
        items = [site.activity(raw.get("id")) if isinstance(raw, dict) else None for raw in source.data]
        dated = [((i, "when"), a.title, a.when) for i, a in enumerate(items) if a]
    else:
        achievements = _achievements_in(source, site)
        dated = [
            (("tasks", i, "deadline"), t.title, t.deadline)
            for i, t in enumerate(achievements.tasks if achievements else [])
        ]
    return [
        source.problem(
            loc,
            f"{quoted(title, '「」')}的时间（{when.text}）按 {when.end.year} 年的{when.festival}算是 "
            f"{when.end.isoformat()}，在活动周期开始（{period.start.isoformat()}）之前。",
            f"如果指下一个{when.festival}，写“次年{when.text}”；确实是这一天，可以不管这条提醒。",
        )
        for loc, title, when in dated
        if when.festival and when.end and when.end < period.start
    ]


def _passed(when: When, on: date) -> bool:
    return when.kind in ("range", "deadline") and when.end is not None and when.end < on


def _placeholders(source: Source) -> list[Problem]:
    """Text standing in for the office's own: the importer's 待填写, example addresses, items marked （示例）."""
    found = []
    for loc, value in _strings(source.data, ()):
        key = _key(loc)
        if PLACEHOLDER in value:
            found.append(
                source.problem(
                    loc,
                    f"「{key}」还是「{PLACEHOLDER}」。",
                    "导入时配档表里没有这一项，请照实际情况填写"
                    + ("（写单位，不写个人姓名）。" if key in ("unit", "organiser") else "。"),
                )
            )
        if address := EXAMPLE_ADDRESS.search(value):
            found.append(
                source.problem(
                    loc,
                    f"「{key}」还是示例地址（{address[0]}），不是真实的网址或邮箱。",
                    _ADDRESS_HINTS.get(key, "换成真实的网址或邮箱。"),
                )
            )
        if mark := SAMPLE_MARK.search(value):
            found.append(
                source.problem(
                    loc,
                    f"「{key}」标着「{mark[0]}」：这是示例项目的内容，不是本地的真实情况。",
                    "换成本地真实的内容，或删掉这一项。",
                )
            )
    return found


def _sample_photos(site: Site, data_dir: Path) -> list[Problem]:
    """The sample's drawn pictures, wherever the data uses them."""
    return [
        Problem(
            *_file_line(where),
            f"图片「{path}」是示例项目画出来的示意图，不是实拍照片。",
            "换成本地实拍的照片（放进 data/images/，在这里写它的路径），或删掉这一项。",
        )
        for path, uses in sorted(site.images.items())
        if _is_sample_photo(Path(data_dir) / "images" / path)
        for where in uses
    ]


def _is_sample_photo(path: Path) -> bool:
    try:
        with Image.open(path) as image:  # reads the header only: the comment, not the picture
            return SAMPLE_PHOTO in image.info.get("comment", b"")
    except (OSError, ValueError):  # missing or unreadable: the build reports it, with its own message
        return False


def _sample_pages(content_dir: Path) -> list[Problem]:
    """Hand-written activity and domain pages marked （示例）: the sample's, kept by mistake."""
    return [
        Problem(
            label(page, content_dir),
            number,
            f"这一页标着「{mark[0]}」：是示例项目的手写页面。",
            "写成自己活动的内容（并删掉这个标记），或删掉这个文件。",
        )
        for folder in ("activities", "domains")
        for page in sorted((Path(content_dir) / folder).glob("*.md"))
        for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1)
        if (mark := SAMPLE_MARK.search(line))
    ]


def _card_without_font(site: Site, data_dir: Path) -> list[Problem]:
    """The share card is drawn with a Chinese font: without one it would show the campaign's red only."""
    if site.campaign.share_image or font_file() is not None:
        return []
    path = Path(data_dir) / "campaign.yml"
    return [Source(path, label(path, data_dir)).problem(("title",), NO_FONT, "装好字体后再运行一次。")]


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
        for line_number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if _NO_ALT.search(line):
                found.append(Problem(label(path, content_dir), line_number, "图片没有替代文字。", _ALT_HINT))
    return found


_PHOTO_ALT_HINT = "alt 写一句画面里有什么，例如“幸福里小区3号楼，外墙粉刷一新”：看不见图片的读者靠它了解内容。"
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
