"""HTML fragments from the model, through an autoescaping Jinja environment.

Every value from the data is escaped where it lands; the few fields that allow Markdown are
rendered and then cleaned by nh3 (the Ammonia sanitiser), so nothing an editor pastes can
run script or break the page. Links are written as final relative URLs because MkDocs does not
rewrite links inside raw HTML.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

import markdown as markdown_lib
import nh3
from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from campaign.data.vocabulary import LEDGER_STATUSES, TASK_STATUSES
from campaign.fields.dates import date_cn, moment_cn
from campaign.fields.figures import number
from campaign.fields.when import When

PACKAGE = Path(__file__).resolve().parents[1]
# The page templates, then each component's own folder: a template is found by its file name alone.
TEMPLATES = [
    PACKAGE / "site",
    *sorted(path for path in (PACKAGE / "features").iterdir() if path.is_dir() and not path.name.startswith("_")),
]
_ALLOWED_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "a", "blockquote", "code", "h3", "h4", "hr"}


_MARKDOWN = markdown_lib.Markdown(extensions=["sane_lists"], output_format="html")
BYTECODE = FileSystemBytecodeCache()  # in the system's temporary folder, per user

# Page meta for pages that repeat others (activity lists, calendars, posters): Material's search leaves
# them out, so a search finds each activity once, on its own page.
UNSEARCHED = {"search": {"exclude": True}}


@dataclass(frozen=True)
class PageSpec:
    """A generated page before it is rendered: every feature describes its pages this way, and
    site/pages.py renders them all alike (`template` with `context`, plus `site`, `link` and `today`)."""

    src_uri: str
    title: str
    template: str
    context: dict = field(default_factory=dict)
    meta: dict = field(default_factory=dict)  # front matter: description, template, search exclusion


def page_url(src_uri: str) -> str:
    """The site-relative URL of a page source, with MkDocs' directory URLs."""
    stem = src_uri.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def relative(from_url: str, to_url: str) -> str:
    """A link from the page at `from_url` (a folder URL) to `to_url`, both site-relative and normalised.

    By path segments: posixpath.relpath asks the OS for the working directory at every call, and
    pages make tens of thousands of links."""
    here, there = from_url.split("/")[:-1] if from_url else [], to_url.split("/")
    common = 0
    while common < min(len(here), len(there) - 1) and here[common] == there[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + there[common:]) or "./"


def element_ids(html_text: str) -> set[str]:
    """The id of every element in HTML this package rendered (double-quoted, escaped attributes)."""
    return {html.unescape(value) for value in _ID.findall(html_text)}


def toc_tokens(html_text: str) -> list[dict]:
    """The headings with an id, nested as Python-Markdown's toc extension hands them to MkDocs."""
    tokens: list[dict] = []
    open_: list[dict] = []
    for level, id_, inner in _HEADING.findall(html_text):
        token = {"level": int(level), "id": html.unescape(id_), "name": _TAG.sub("", inner).strip(), "children": []}
        while open_ and open_[-1]["level"] >= token["level"]:
            open_.pop()
        (open_[-1]["children"] if open_ else tokens).append(token)
        open_.append(token)
    return tokens


_ID = re.compile(r'\sid="([^"]*)"')
_HEADING = re.compile(r'<h([2-6]) id="([^"]*)"[^>]*>(.*?)</h\1>', re.S)
_TAG = re.compile(r"<[^>]*>")


def markdown(text: str) -> Markup:
    converted = _MARKDOWN.reset().convert(text or "")  # one converter for all: making one costs ~1 ms
    return Markup(nh3.clean(converted, tags=_ALLOWED_TAGS, url_schemes={"http", "https", "mailto", "tel"}))


def datetime_attr(when: When) -> str:
    """A `<time datetime>` value no more precise than the phrase, or "" where none fits."""
    if when.start is None or when.start.year != (when.end or when.start).year:
        return ""
    if when.precision == "day" and when.start == when.end:
        clock = f"T{when.time_start:%H:%M}" if when.time_start else ""
        return when.start.isoformat() + clock
    if when.precision == "month" and when.start.month == when.end.month:
        return when.start.strftime("%Y-%m")
    if when.precision == "year" and (when.start.month, when.end.month) == (1, 12):
        return str(when.start.year)
    return ""


def environment() -> Environment:
    """A fresh Jinja environment per build; within one build templates do not change, so none is
    checked on disk again (auto_reload would stat every template at every page). Compiled templates
    are kept between builds in Jinja's bytecode cache (keyed by each template's source)."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
        bytecode_cache=BYTECODE,
    )
    env.filters.update(
        markdown=markdown, datetime_attr=datetime_attr, number=number, moment_cn=moment_cn, date_cn=date_cn
    )
    env.globals.update(task_statuses=TASK_STATUSES, ledger_statuses=LEDGER_STATUSES)
    return env
