"""MkDocs hooks: the thin adapter between the campaign core and an MkDocs build.

Only this file knows MkDocs. It validates the data before anything is written (on_config),
and adds the generated pages, open-data and calendar files to the build (on_files); every page gets
its feedback block (on_page_context, on_template_context for 404.html). The search cache is a hook of its
own, search_cache_hooks.py.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import replace
from pathlib import Path

from markupsafe import escape
from mkdocs.exceptions import Abort
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.toc import TableOfContents, get_toc

from campaign.data.load import Site, load_site
from campaign.data.problems import DataProblems, Problem
from campaign.data.schema import schema_files
from campaign.features.calendar import history
from campaign.features.calendar.ics import feeds
from campaign.features.feedback.feedback import feedback_block, qr_files
from campaign.features.gallery.images import process_images, site_files
from campaign.features.news import news
from campaign.fields.dates import ClockError, now, today
from campaign.fields.text import MAX_NESTING, too_deep

# Imported at top level: this folder is on sys.path only while MkDocs loads this file.
from campaign.html import assets
from campaign.html.cache import CacheError, cache_dir, link_into
from campaign.html.csp import with_policy
from campaign.html.render import BYTECODE, element_ids, toc_tokens
from campaign.site.opendata import data_files
from campaign.site.pages import build_pages, escape_meta, split_front_matter

log = get_plugin_logger("campaign")
_site: Site | None = None
_bodies: dict[str, str] = {}  # src_uri -> the generated page's HTML, put before its converted Markdown


def on_config(config):
    global _site
    data_dir = _data_dir(config)
    with _stop_on_mistakes():
        today()  # an unreadable SOURCE_DATE_EPOCH stops the build here, not in MkDocs' sitemap
        loaded = load_site(data_dir)
        # Photos are processed here, before MkDocs writes anything: a bad one stops the build.
        _site = replace(loaded, pictures=process_images(loaded.images, data_dir / "images", _cache(config, "images")))
    # Material prints site_name raw in places (the logo's aria-label, the header, <title>): hand it
    # over escaped, as Markup, so it is escaped exactly once everywhere (`| e` leaves Markup alone).
    config["site_name"] = escape(_site.campaign.title)
    if not config.site_url:
        raise Abort("mkdocs.yml 缺少 site_url（网站的完整网址）：日历订阅需要它。")
    if assets.BUNDLE not in config.extra_css:
        raise Abort(f"mkdocs.yml 的 extra_css 应当列出 {assets.BUNDLE}（由 hooks/campaign/ 下各部件的样式合并而成）。")
    return config


@contextlib.contextmanager
def _stop_on_mistakes():
    """Stop the build with the Chinese report of what went wrong: data, a hand-written page, a cache, the clock."""
    try:
        yield
    except DataProblems as problems:
        log.error("\n" + problems.report())
        raise Abort("数据有误，构建已停止。") from None
    except (CacheError, ClockError) as error:
        log.error(str(error))
        raise Abort("构建已停止，原来的网站没有改动。") from None


def on_files(files: Files, config) -> Files:
    with _stop_on_mistakes():
        _check_handwritten(files, config)
        return _add_files(files, config)


def _check_handwritten(files: Files, config) -> None:
    """Hand-written pages: front matter MkDocs would silently drop or that would not print, and lists nested
    so deep that Markdown gives up with a RecursionError, as problems with file:line."""
    problems = []
    for file in files.documentation_pages():
        label = os.path.relpath(file.abs_src_path, Path(config.config_file_path).parent)
        text = file.content_string
        try:
            split_front_matter(text, label)
        except DataProblems as found:
            problems += found.problems
        if line := too_deep(text):
            problems.append(
                Problem(
                    label,
                    line,
                    f"列表或引用套了太多层（超过 {MAX_NESTING} 层）。",
                    "把层层缩进的列表改成一层或两层，每项单独一行，以“- ”开头。",
                )
            )
    if problems:
        raise DataProblems(problems)


def _add_files(files: Files, config) -> Files:
    in_nav = set(_nav_paths(config.nav or []))
    _bodies.clear()  # mkdocs serve rebuilds in this process: no body of a page that is gone
    for page in build_pages(_site, site_url=config.site_url):
        handwritten = files.get_file_from_path(page.src_uri)
        if handwritten is not None:
            files.remove(handwritten)
        # Only the pages mkdocs.yml's nav lists are in the nav every page repeats: listing every
        # activity there would make each page carry them all (build time grows with the square).
        inclusion = InclusionLevel.INCLUDED if page.src_uri in in_nav else InclusionLevel.NOT_IN_NAV
        text = page.source(handwritten.content_string if handwritten else None)  # checked: _check_handwritten
        files.append(File.generated(config, page.src_uri, content=text, inclusion=inclusion))
        _bodies[page.src_uri] = page.body
    # A hand-written activity or domain page the data lacks is published on its own (make check warns).
    for file in list(files):
        if (
            file.src_uri.startswith(("activities/", "domains/"))
            and file.src_uri not in _bodies
            and file.is_documentation_page()
        ):
            file.inclusion = InclusionLevel.NOT_IN_NAV
    for path, text in {**data_files(_site), **schema_files()}.items():  # open data; editors' JSON Schema
        files.append(File.generated(config, path, content=text))
    for path, data in feeds(_site, config.site_url, _cache(config, "calendar"), _revisions(config)).items():
        files.append(File.generated(config, path, content=data))
    files.append(File.generated(config, news.FEED, content=news.feed(_site, config.site_url)))
    # QR codes and photos come from caches: linked straight into site_dir (emptied by MkDocs just before).
    # They are not MkDocs files: 20,000 of them at city scale, each of which MkDocs would look at and copy.
    link_into(Path(config.site_dir), qr_files(_site, config.site_url, _cache(config, "qr")))
    link_into(Path(config.site_dir), site_files(_site.pictures, _cache(config, "images")))
    _add_assets(files, config)
    return files


def on_env(env, config, files):
    env.bytecode_cache = BYTECODE  # Material's templates, too, compiled once and not at every build
    return env


def on_page_markdown(markdown, page, config, files):
    # A page written by hand (the guide): its front matter escaped as generated pages' already is.
    # Generated pages, those with hand-written text appended included, were escaped by pages.py.
    if page.file.generated_by is None:
        page.meta = escape_meta(page.meta)
    return markdown


def on_page_content(html, page, config, files):
    body = _bodies.get(page.file.src_uri)
    if body is None:
        return html
    # The body skipped Markdown: give MkDocs its headings (the page's table of contents, which
    # Material's search also splits pages by) and its ids (for the check of links to #anchors).
    page.toc = TableOfContents([*get_toc(toc_tokens(body)), *page.toc])
    page.present_anchor_ids = (page.present_anchor_ids or set()) | element_ids(body)
    return body + html


def on_page_context(context, page, config, nav):
    # overrides/main.html ends every page's content with it (and overrides/404.html the 404 page)
    context["feedback_block"] = feedback_block(_site, page.file.src_uri, page.title or "", config.site_url)
    return context


def on_template_context(context, template_name, config):
    if template_name == "404.html":
        context["feedback_block"] = feedback_block(_site, None, "", config.site_url)
    return context


# Material's search box is a role="dialog" without a name (axe's aria-dialog-name, as Lighthouse
# reports it): give it one. tests/test_build.py fails if a Material upgrade changes the tag.
SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
NAMED_SEARCH_DIALOG = SEARCH_DIALOG.replace(' role="dialog"', ' role="dialog" aria-label="搜索"')


def on_post_page(output, page, config):
    # Every page's Content-Security-Policy: the theme's inline scripts by hash, none from the page's own HTML.
    return with_policy(output.replace(SEARCH_DIALOG, NAMED_SEARCH_DIALOG, 1), page.content or "")


def on_post_template(output, template_name, config):
    output = output.replace(SEARCH_DIALOG, NAMED_SEARCH_DIALOG, 1)
    return with_policy(output) if template_name.endswith(".html") else output


def _add_assets(files: Files, config) -> None:
    """The components' stylesheet bundle and scripts, from their feature folders (campaign/html/assets.py)."""
    try:
        files.append(File.generated(config, assets.BUNDLE, content=assets.bundle()))
    except ValueError as problem:
        raise Abort(str(problem)) from None
    for path, source in assets.published().items():
        files.append(File.generated(config, path, abs_src_path=str(source)))


def _revisions(config) -> dict:
    """Each activity's DTSTAMP and SEQUENCE from the data's git history (features/calendar/history.py)."""
    data_dir = _data_dir(config)
    if history.shallow(data_dir):
        log.info(
            "日历：这是浅克隆（shallow clone），看不到数据的修改历史，活动的 DTSTAMP 按活动年份固定。"
            "CI 请拉取完整历史（actions/checkout 的 fetch-depth: 0，GitLab 的 GIT_DEPTH: 0）。"
        )
    return history.revisions(data_dir, now(), _cache(config, "calendar"))


def _nav_paths(items):
    """The page paths in mkdocs.yml's nav (a list of titles mapped to paths or to nested lists)."""
    for item in items:
        for value in item.values() if isinstance(item, dict) else [item]:
            yield from (_nav_paths(value) if isinstance(value, list) else [value])


def _data_dir(config) -> Path:
    # CAMPAIGN_DATA builds another campaign (e.g. examples/sibaoshan) with the same code and theme.
    return Path(os.environ.get("CAMPAIGN_DATA") or Path(config.config_file_path).parent / "data")


def _cache(config, name: str) -> Path:
    return cache_dir(Path(config.config_file_path).parent, name)
