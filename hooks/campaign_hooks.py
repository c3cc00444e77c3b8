"""MkDocs hooks: the thin adapter between the campaign core and an MkDocs build.

Only this file knows MkDocs. It validates the data before anything is written (on_config),
and adds the generated pages, open-data and calendar files to the build (on_files); every page gets
its feedback block (on_page_context, on_template_context for 404.html). Material's search indexes an
unchanged page from the entries it made last time (on_config, on_post_build; tests/test_search_cache.py
fails if a Material upgrade changes what this relies on).
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from markupsafe import escape
from mkdocs.exceptions import Abort
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.toc import TableOfContents, get_toc

# Imported at top level: this folder is on sys.path only while MkDocs loads this file.
from campaign.html import assets
from campaign.html.cache import Memo, cache_dir, key, link_into, versions
from campaign.features.feedback.feedback import feedback_block, qr_files
from campaign.features.calendar.ics import feeds
from campaign.features.gallery.images import process_images, site_files
from campaign.data.load import Site, load_site
from campaign.site.opendata import data_files
from campaign.site.pages import build_pages, escape_meta
from campaign.data.problems import DataProblems
from campaign.html.render import BYTECODE, element_ids, toc_tokens
from campaign.data.schema import schema_files
from campaign.fields.dates import today

log = get_plugin_logger("campaign")
_site: Site | None = None
_bodies: dict[str, str] = {}  # src_uri -> the generated page's HTML, put before its converted Markdown
_search_memo: Memo | None = None  # search entries by page


def on_config(config):
    global _site
    # CAMPAIGN_DATA builds another campaign (e.g. examples/sibaoshan) with the same code and theme.
    data_dir = Path(os.environ.get("CAMPAIGN_DATA") or Path(config.config_file_path).parent / "data")
    try:
        _site = load_site(data_dir)
        # Photos are processed here, before MkDocs writes anything: a bad one stops the build.
        _site.pictures.update(process_images(_site.images, data_dir / "images", _cache(config, "images")))
    except DataProblems as problems:
        log.error("\n" + problems.report())
        raise Abort("数据有误，构建已停止。") from None
    # Material prints site_name raw in places (the logo's aria-label, the header, <title>): hand it
    # over escaped, as Markup, so it is escaped exactly once everywhere (`| e` leaves Markup alone).
    config["site_name"] = escape(_site.campaign.title)
    if not config.site_url:
        raise Abort("mkdocs.yml 缺少 site_url（网站的完整网址）：日历订阅需要它。")
    if assets.BUNDLE not in config.extra_css:
        raise Abort(f"mkdocs.yml 的 extra_css 应当列出 {assets.BUNDLE}（由 hooks/campaign/ 下各部件的样式合并而成）。")
    _remember_search_entries(config)
    return config


def on_files(files: Files, config) -> Files:
    in_nav = set(_nav_paths(config.nav or []))
    _bodies.clear()  # mkdocs serve rebuilds in this process: no body of a page that is gone
    for page in build_pages(_site, site_url=config.site_url):
        handwritten = files.get_file_from_path(page.src_uri)
        if handwritten is not None:
            files.remove(handwritten)
        # Only the pages mkdocs.yml's nav lists are in the nav every page repeats: listing every
        # activity there would make each page carry them all (build time grows with the square).
        inclusion = InclusionLevel.INCLUDED if page.src_uri in in_nav else InclusionLevel.NOT_IN_NAV
        text = page.source(handwritten.content_string if handwritten else None)
        files.append(File.generated(config, page.src_uri, content=text, inclusion=inclusion))
        _bodies[page.src_uri] = page.body
    # A hand-written activity or domain page the data lacks is published on its own (make check warns).
    for file in list(files):
        if file.src_uri.startswith(("activities/", "domains/")) and file.src_uri not in _bodies and file.is_documentation_page():
            file.inclusion = InclusionLevel.NOT_IN_NAV
    for path, text in {**data_files(_site, today()), **schema_files()}.items():  # open data; editors' JSON Schema
        files.append(File.generated(config, path, content=text))
    for path, data in feeds(_site, config.site_url, _cache(config, "calendar")).items():
        files.append(File.generated(config, path, content=data))
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


def on_post_build(config):
    if _search_memo is not None:
        _search_memo.save()  # entries are keyed by their inputs: right for any later build that has them


def on_post_page(output, page, config):
    return output.replace(SEARCH_DIALOG, NAMED_SEARCH_DIALOG, 1)


def on_post_template(output, template_name, config):
    return output.replace(SEARCH_DIALOG, NAMED_SEARCH_DIALOG, 1)


def _remember_search_entries(config) -> None:
    """Material's search parses each page's HTML and cuts its Chinese into words with jieba (which
    takes a second to start): an unchanged page is indexed with the entries it got last time. A changed
    page, or another Material, jieba or search setting, is indexed afresh; the index is the same."""
    global _search_memo
    search = config.plugins.get("material/search")
    if search is None or not search.config.enabled:
        _search_memo = None
        return
    # What shapes the entries besides the page: the settings, Material's code, jieba and its dictionaries,
    # the regex library that finds Han text, and Python's HTML parser.
    settings = json.dumps(dict(search.config), sort_keys=True, default=str)
    dictionaries = [_file_digest(search.config.get(name)) for name in ("jieba_dict", "jieba_dict_user")]
    memo = _search_memo = Memo(_cache(config, "search") / "entries.json",
                               f"{versions('mkdocs-material', 'jieba', 'backrefs')} {settings} {dictionaries}")
    index = search.search_index  # made afresh by the plugin's on_config, which runs before this hook's
    index_afresh = index.add_entry_from_context

    def add_entry_from_context(page):
        page_key = memo.key(_search_inputs(page))
        entries = memo.get(page_key)
        if entries is None:
            start = len(index.entries)
            index_afresh(page)
            memo.put(page_key, index.entries[start:])
        else:
            index.entries.extend(entries)

    index.add_entry_from_context = add_entry_from_context


def _search_inputs(page):
    """Everything Material's search makes a page's entries from."""
    yield from (page.url, str(page.title), json.dumps(page.meta, default=str), page.content)
    yield from _toc_lines(page.toc)


def _file_digest(path: str | None) -> str:
    try:
        return key(Path(path).read_text(encoding="utf-8")) if path else ""
    except OSError:
        return ""


def _toc_lines(items):
    for item in items:
        yield f"{item.level} {item.id} {item.url} {item.title}"
        yield from _toc_lines(item.children)


def _add_assets(files: Files, config) -> None:
    """The components' stylesheet bundle and scripts, from their feature folders (campaign/html/assets.py)."""
    try:
        files.append(File.generated(config, assets.BUNDLE, content=assets.bundle()))
    except ValueError as problem:
        raise Abort(str(problem)) from None
    for path, source in assets.published().items():
        files.append(File.generated(config, path, abs_src_path=str(source)))


def _nav_paths(items):
    """The page paths in mkdocs.yml's nav (a list of titles mapped to paths or to nested lists)."""
    for item in items:
        for value in (item.values() if isinstance(item, dict) else [item]):
            yield from (_nav_paths(value) if isinstance(value, list) else [value])


def _cache(config, name: str) -> Path:
    return cache_dir(Path(config.config_file_path).parent, name)
