"""The pages of the site, made from a loaded `Site`: each a title, meta and a body of finished HTML.

Generated pages are merged with hand-written ones of the same path (content/activities/<id>.md,
content/domains/<id>.md): the generated part first, then the editor's own text. Only the editor's
text is Markdown; the body is HTML already and goes around the Markdown converter (which would
parse it twice over for nothing: a third of a build's time).
"""
from __future__ import annotations

import html
import json
import os
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone

import yaml

from campaign.features.calendar import jsonld
from campaign.features.calendar.pages import calendar_pages
from campaign.features.dashboard.dashboard import STATUSES, bar_scale, latest_change, progress_by_domain, status_totals
from campaign.features.feedback.feedback import feedback_pages
from campaign.data.load import Site
from campaign.data.problems import DataProblems, Problem
from campaign.html.render import UNSEARCHED, environment, page_url, relative

CHINA = timezone(timedelta(hours=8))
UPCOMING = 6  # how many coming activities the home page lists


@dataclass(frozen=True)
class Page:
    src_uri: str
    title: str
    body: str
    meta: dict = field(default_factory=dict)

    @property
    def url(self) -> str:
        return page_url(self.src_uri)

    def source(self, handwritten: str | None = None) -> str:
        """The Markdown source: front matter, then any hand-written text (the body is added after conversion)."""
        # Material prints meta values into HTML unescaped: escape what came from the data.
        meta = {key: html.escape(value) if isinstance(value, str) else value
                for key, value in {"title": self.title, **self.meta}.items()}
        text = ""
        if handwritten:
            extra_meta, text = split_front_matter(handwritten)
            meta.update(escape_meta(extra_meta))
        front = "\n".join(f"{key}: {json.dumps(value, ensure_ascii=False, default=str)}" for key, value in meta.items())
        return f"---\n{front}\n---\n\n{text}"


# Front-matter values Material prints into HTML unescaped (<title>, the header, the meta description).
PRINTED_RAW = ("title", "description")


def escape_meta(meta: dict) -> dict:
    """Hand-written front matter as Material needs it: the values it prints raw HTML-escaped, like the
    generated pages' own (the office's Markdown body may hold HTML; a title or description never does)."""
    return {key: html.escape(value) if key in PRINTED_RAW and isinstance(value, str) else value
            for key, value in meta.items()}


FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.S)  # as MkDocs finds it
_FRONT_HINT = ("在开头两行 --- 之间，每行写“名称: 值”，冒号后加一个空格，例如 title: 活动回顾；"
               "值里有冒号、# 或引号时，把整个值用英文双引号括起来。")


def split_front_matter(text: str, label: str = "") -> tuple[dict, str]:
    """A hand-written page's front matter and the rest; DataProblems naming `label`:line when the front
    matter is not YAML settings, or its title or description is not one line of text."""
    found = FRONT_MATTER.match(text)
    if not found:
        return {}, text
    try:
        meta = yaml.safe_load(found.group(1))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise DataProblems([Problem(label, mark.line + 2 if mark else 1, "页面开头 --- 之间的设置写得不对，读不出来。",
                                    _FRONT_HINT)]) from None
    if meta is None:
        return {}, text[found.end():]
    if not isinstance(meta, dict):
        raise DataProblems([Problem(label, 2, "页面开头 --- 之间应该是“名称: 值”的设置，不是列表或一段文字。", _FRONT_HINT)])
    wrong = [key for key in PRINTED_RAW if key in meta and not isinstance(meta[key], str)]
    if wrong:
        line = next((n for n, row in enumerate(found.group(1).splitlines(), 2) if row.startswith(f"{wrong[0]}:")), 2)
        raise DataProblems([Problem(label, line, f"页面开头的 {wrong[0]} 应该是一行文字。",
                                    f"写成 {wrong[0]}: 后面跟文字，例如 title: 活动回顾；不要写成列表或日期。")])
    return meta, text[found.end():]


class ClockError(Exception):
    """SOURCE_DATE_EPOCH that is not a time: in Chinese, for whoever runs the build."""


def today() -> date:
    """The build date in China: SOURCE_DATE_EPOCH when set, so builds are reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        return datetime.now(CHINA).date()
    try:
        return datetime.fromtimestamp(int(epoch), CHINA).date()
    except (ValueError, OverflowError, OSError):
        raise ClockError(f"环境变量 SOURCE_DATE_EPOCH 的值「{epoch[:40]}」不是时间：应写从 1970 年起的秒数，"
                         "例如 1633046400（2021年10月1日）；不知道写什么就删掉它（make 会用今天中午）。") from None


def build_pages(site: Site, on: date | None = None, site_url: str = "") -> list[Page]:
    """Every generated page; `site_url`, the absolute site root, is for calendar feeds and JSON-LD."""
    on = on or today()
    env = environment()

    def render(template: str, src_uri: str, **context) -> str:
        here = page_url(src_uri)
        link = lambda target: relative(here, target)  # noqa: E731 — reads best inside templates
        return env.get_template(template).render(site=site, link=link, today=on, **context)

    pages = [
        Page("index.md", site.campaign.title, render("home.html", "index.md", **dashboard(site, on)),
             meta={"description": site.campaign.slogan or site.campaign.title}),
        Page("activities/index.md", "活动安排", render("activities.html", "activities/index.md"),
             meta={"description": f"{site.campaign.title}：全部活动安排", **UNSEARCHED}),
        Page("domains/index.md", "民生领域", render("domains.html", "domains/index.md"),
             meta={"description": f"{site.campaign.title}：各民生领域的重点工作和活动"}),
    ]
    for domain in site.domains:
        uri = f"domains/{domain.id}.md"
        pages.append(Page(uri, domain.name, render("domain.html", uri, domain=domain,
                                                    achievements=site.achievements.get(domain.id)),
                          meta={"description": domain.summary}))
    for activity in site.activities:
        uri = f"activities/{activity.id}.md"
        pages.append(Page(uri, activity.title, render("activity.html", uri, activity=activity,
                                                       domain=site.domain(activity.domain),
                                                       jsonld=jsonld.script(jsonld.event(site, activity, site_url))),
                          meta={"description": f"{activity.when.reading}，{activity.where}"}))
    for uri, title, description, template, context in calendar_pages(site, on, site_url):
        pages.append(Page(uri, title, render(template, uri, **context), meta={"description": description, **UNSEARCHED}))
    for uri, title, template, context, meta in feedback_pages(site, site_url):
        pages.append(Page(uri, title, render(template, uri, **context), meta=meta))
    return pages


def dashboard(site: Site, on: date) -> dict:
    rows = progress_by_domain(site)
    return {"upcoming": upcoming(site, on), "progress": rows, "totals": status_totals(rows),
            "scale": bar_scale(rows), "statuses": STATUSES, "latest": latest_change(site)}


def upcoming(site: Site, on: date) -> list:
    """Activities not yet over on `on`, soonest first; ongoing ones are on the calendar instead."""
    return [a for a in site.activities if a.when.end and a.when.end >= on][:UPCOMING]
