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
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone

import yaml

from . import jsonld
from .calendar_pages import calendar_pages
from .dashboard import STATUSES, bar_scale, latest_change, progress_by_domain, status_totals
from .feedback import feedback_pages
from .load import Site
from .problems import DataProblems
from .render import UNSEARCHED, environment, page_url, relative
from .yamlsource import Source

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

    def source(self, handwritten: str | None = None, label: str = "") -> str:
        """The Markdown source: front matter, then any hand-written text (the body is added after conversion);
        `label` names the hand-written file in messages."""
        # Material prints meta values into HTML unescaped: escape what came from the data.
        meta = {key: html.escape(value) if isinstance(value, str) else value
                for key, value in {"title": self.title, **self.meta}.items()}
        text = ""
        if handwritten:
            extra_meta, text = split_front_matter(handwritten, label)
            meta.update(escape_meta(extra_meta))
        front = "\n".join(f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in meta.items())
        return f"---\n{front}\n---\n\n{text}"


# Front-matter values Material prints into HTML unescaped (<title>, the header, the meta description).
PRINTED_RAW = ("title", "description")


def escape_meta(meta: dict) -> dict:
    """Hand-written front matter as Material needs it: the values it prints raw HTML-escaped, like the
    generated pages' own (the office's Markdown body may hold HTML; a title or description never does)."""
    return {key: html.escape(value) if key in PRINTED_RAW and isinstance(value, str) else value
            for key, value in meta.items()}


def split_front_matter(text: str, label: str = "") -> tuple[dict, str]:
    """A hand-written page's front matter and body; DataProblems, in Chinese at their line, if the front
    matter is not good YAML (checked as the data is, so no alias is expanded by PyYAML's loader)."""
    if text.startswith("---\n"):
        head, sep, rest = text[4:].partition("\n---\n")
        if sep:
            if problems := Source(None, label, "\n" + head).problems:
                raise DataProblems(problems)
            return yaml.safe_load(head) or {}, rest
    return {}, text


def today() -> date:
    """The build date in China: SOURCE_DATE_EPOCH when set, so builds are reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), CHINA) if epoch else datetime.now(CHINA)
    return moment.date()


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
