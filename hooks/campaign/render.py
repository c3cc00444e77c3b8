"""HTML fragments from the model, through an autoescaping Jinja environment.

Every value from the data is escaped where it lands; the few fields that allow Markdown are
rendered and then cleaned by nh3 (the Ammonia sanitiser), so nothing an editor pastes can
run script or break the page. Links are written as final relative URLs because MkDocs does not
rewrite links inside raw HTML.
"""
from __future__ import annotations

import posixpath
import string
from pathlib import Path

import markdown as markdown_lib
import nh3
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from .figures import number
from .photos import taken
from .when import When

TEMPLATES = Path(__file__).parent / "templates"
_ALLOWED_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "a", "blockquote", "code", "h3", "h4", "hr"}


def page_url(src_uri: str) -> str:
    """The site-relative URL of a page source, with MkDocs' directory URLs."""
    stem = src_uri.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def relative(from_url: str, to_url: str) -> str:
    """A link from the page at `from_url` to `to_url`, both site-relative."""
    link = posixpath.relpath(to_url or ".", from_url or ".")
    is_folder = not to_url or to_url.endswith("/")
    return link + "/" if is_folder and not link.endswith("/") else link


def markdown(text: str) -> Markup:
    html = markdown_lib.markdown(text or "", extensions=["sane_lists"], output_format="html")
    return Markup(nh3.clean(html, tags=_ALLOWED_TAGS, url_schemes={"http", "https", "mailto", "tel"}))


def md_text(text: str) -> Markup:
    """Data text placed in Markdown (a heading): HTML-escaped, and every ASCII punctuation
    mark backslash-escaped (pymdownx.escapeall) so it cannot become Markdown syntax."""
    return Markup("".join(_md_char(ch) for ch in text.replace("\n", " ")))


def _md_char(ch: str) -> str:
    if ch in "<>&\"'":
        return str(escape(ch))
    return "\\" + ch if ch in string.punctuation else ch


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
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters.update(markdown=markdown, md_text=md_text, datetime_attr=datetime_attr, number=number, taken=taken)
    return env
