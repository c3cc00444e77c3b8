"""The pages of the site, made from a loaded `Site`: each a title, meta and a body of finished HTML.

Generated pages are merged with hand-written ones of the same path (content/activities/<id>.md,
content/domains/<id>.md): the generated part first, then the editor's own text. Only the editor's
text is Markdown; the body is HTML already and goes around the Markdown converter (which would
parse it twice over for nothing: a third of a build's time).
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from datetime import date

import yaml

from campaign.data.load import Site
from campaign.data.problems import DataProblems, Problem
from campaign.data.yamlsource import Source
from campaign.features.calendar import jsonld
from campaign.features.calendar import pages as calendar
from campaign.features.calendar.schedule import status
from campaign.features.dashboard import dashboard
from campaign.features.ledger import pages as ledger
from campaign.features.news import pages as news
from campaign.features.news.news import entries as news_entries
from campaign.features.poster import pages as poster
from campaign.fields.dates import today
from campaign.html.render import UNSEARCHED, PageSpec, environment, page_url, relative

UPCOMING = 6  # how many coming activities the home page lists
REPORTS = 3  # how many of the newest reports it shows, each with a photo


@dataclass(frozen=True)
class Page:
    src_uri: str
    title: str
    body: str
    meta: dict = field(default_factory=dict)

    @property
    def url(self) -> str:
        return page_url(self.src_uri)

    def source(self, handwritten: str | None = None, label: str = "") -> str:
        """The Markdown source: front matter, then any hand-written text (the body is added after conversion);
        `label` names the hand-written file in messages."""
        # Material prints meta values into HTML unescaped: escape what came from the data.
        meta = {
            key: html.escape(value) if isinstance(value, str) else value
            for key, value in {"title": self.title, **self.meta}.items()
        }
        text = ""
        if handwritten:
            extra_meta, text = split_front_matter(handwritten, label)
            meta.update(escape_meta(extra_meta))
        front = "\n".join(f"{key}: {json.dumps(value, ensure_ascii=False, default=str)}" for key, value in meta.items())
        return f"---\n{front}\n---\n\n{text}"


# Front-matter values Material prints into HTML unescaped (<title>, the header, the meta description).
PRINTED_RAW = ("title", "description")


def escape_meta(meta: dict) -> dict:
    """Hand-written front matter as Material needs it: the values it prints raw HTML-escaped, like the
    generated pages' own (the office's Markdown body may hold HTML; a title or description never does)."""
    return {
        key: html.escape(value) if key in PRINTED_RAW and isinstance(value, str) else value
        for key, value in meta.items()
    }


FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.S)  # as MkDocs finds it
_FRONT_HINT = (
    "在开头两行 --- 之间，每行写“名称: 值”，冒号后加一个空格，例如 title: 活动回顾；"
    "值里有冒号、# 或引号时，把整个值用英文双引号括起来。"
)


def split_front_matter(text: str, label: str = "") -> tuple[dict, str]:
    """A hand-written page's front matter and body; DataProblems, in Chinese at their line, if the front
    matter is not good YAML (checked as the data is, so no alias is expanded by PyYAML's loader), is not
    "名称: 值" settings, or has a title or description that is not text (MkDocs alone drops such front
    matter silently, or prints a list)."""
    found = FRONT_MATTER.match(text)
    if not found:
        return {}, text
    if problems := Source(None, label, "\n" + found.group(1)).problems:
        raise DataProblems(problems)
    meta, rest = yaml.safe_load(found.group(1)), text[found.end() :]
    if meta is None:
        return {}, rest
    if not isinstance(meta, dict):
        raise DataProblems(
            [Problem(label, 2, "页面开头 --- 之间应该是“名称: 值”的设置，不是列表或一段文字。", _FRONT_HINT)]
        )
    wrong = [key for key in PRINTED_RAW if key in meta and not isinstance(meta[key], str)]
    if wrong:
        line = next((n for n, row in enumerate(found.group(1).splitlines(), 2) if row.startswith(f"{wrong[0]}:")), 2)
        raise DataProblems(
            [
                Problem(
                    label,
                    line,
                    f"页面开头的 {wrong[0]} 应该是一行文字。",
                    f"写成 {wrong[0]}: 后面跟文字，例如 title: 活动回顾；不要写成列表或日期。",
                )
            ]
        )
    return meta, rest


def build_pages(site: Site, on: date | None = None, site_url: str = "") -> list[Page]:
    """Every generated page; `site_url`, the absolute site root, is for calendar feeds and JSON-LD."""
    on = on or today()
    env = environment()

    def render(spec: PageSpec) -> Page:
        here = page_url(spec.src_uri)
        link = lambda target: relative(here, target)
        body = env.get_template(spec.template).render(site=site, link=link, today=on, **spec.context)
        return Page(spec.src_uri, spec.title, body, spec.meta)

    specs = [
        *site_pages(site, on, site_url),
        *calendar.pages(site, on, site_url),
        *poster.pages(site, site_url),
        *ledger.pages(site),
        *news.pages(site, site_url),
    ]
    return [render(spec) for spec in specs]


def site_pages(site: Site, on: date, site_url: str) -> list[PageSpec]:
    """The home page, the activity and domain indexes, and a page per domain and per activity."""
    title = site.campaign.title
    specs = [
        PageSpec(
            "index.md",
            title,
            "home.html",
            {
                **dashboard.context(site),
                "upcoming": upcoming(site, on),
                "reports": [e for e in news_entries(site) if e.report][:REPORTS],
            },
            {"description": site.campaign.slogan or title},
        ),
        PageSpec(
            "activities/index.md",
            "活动安排",
            "activities.html",
            meta={"description": f"{title}：全部活动安排", **UNSEARCHED},
        ),
        PageSpec(
            "domains/index.md", "民生领域", "domains.html", meta={"description": f"{title}：各民生领域的重点工作和活动"}
        ),
    ]
    specs += [
        PageSpec(
            f"domains/{domain.id}.md",
            domain.name,
            "domain.html",
            {"domain": domain, "achievements": site.achievements.get(domain.id)},
            {"description": domain.summary},
        )
        for domain in site.domains
    ]
    specs += [
        PageSpec(
            f"activities/{activity.id}.md",
            activity.title,
            "activity.html",
            {
                "activity": activity,
                "domain": site.domain(activity.domain),
                "phase": phase(site, activity, on),
                "jsonld": jsonld.script(jsonld.event(site, activity, site_url)),
            },
            {"description": f"{activity.when.reading}，{activity.where}"},
        )
        for activity in site.activities
    ]
    return specs


def upcoming(site: Site, on: date) -> list:
    """Activities not yet over on `on`, soonest first (cancelled ones not); ongoing ones are on the calendar instead."""
    return [a for a in site.activities if a.when.end and a.when.end >= on and a.status != "已取消"][:UPCOMING]


def phase(site: Site, activity, on: date) -> str:
    """What an activity page is, said at its top: 预告 before, 回顾 after."""
    if site.report(activity.id):
        return "活动回顾"
    if activity.status == "已取消":
        return "活动已取消"
    if status(activity.when, on, site.campaign.period) == "past":
        return "活动已结束，回顾待发布"
    return "活动预告"
