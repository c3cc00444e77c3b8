"""MkDocs hook: Material's search indexes an unchanged page from the entries it made last time.

Material's search parses each page's HTML and cuts its Chinese into words with jieba (which takes a
second to start): an unchanged page is indexed with the entries it got last time. A changed page, or
another Material, jieba or search setting, is indexed afresh; the index is the same. This leans on
Material's internals (`search_index.add_entry_from_context`, `entries`): tests/test_search_cache.py
fails if an upgrade changes them. Kept apart from campaign_hooks.py, which knows nothing of it.
"""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.exceptions import Abort
from mkdocs.plugins import get_plugin_logger

# Imported at top level: this folder is on sys.path only while MkDocs loads this file.
from campaign.html.cache import CacheError, Memo, cache_dir, key, versions

log = get_plugin_logger("campaign")

_memo: Memo | None = None  # search entries by page


def on_config(config):
    global _memo
    search = config.plugins.get("material/search")
    if search is None or not search.config.enabled:
        _memo = None
        return config
    # What shapes the entries besides the page: the settings, Material's code, jieba and its dictionaries,
    # the regex library that finds Han text, and Python's HTML parser.
    settings = json.dumps(dict(search.config), sort_keys=True, default=str)
    dictionaries = [_file_digest(search.config.get(name)) for name in ("jieba_dict", "jieba_dict_user")]
    memo = _memo = Memo(
        _folder(config) / "entries.json",
        f"{versions('mkdocs-material', 'jieba', 'backrefs')} {settings} {dictionaries}",
    )
    index = search.search_index  # made afresh by the plugin's on_config, which runs before this hook's
    index_afresh = index.add_entry_from_context

    def add_entry_from_context(page):
        page_key = memo.key(_inputs(page))
        entries = memo.get(page_key)
        if entries is None:
            start = len(index.entries)
            index_afresh(page)
            memo.put(page_key, index.entries[start:])
        else:
            index.entries.extend(entries)

    index.add_entry_from_context = add_entry_from_context
    return config


def on_post_build(config):
    if _memo is not None:
        try:
            _memo.save()  # entries are keyed by their inputs: right for any later build that has them
        except CacheError as error:
            _stop(error)


def _folder(config) -> Path:
    try:
        return cache_dir(Path(config.config_file_path).parent, "search")
    except CacheError as error:
        _stop(error)


def _stop(error: CacheError):
    log.error(str(error))
    raise Abort("构建已停止，原来的网站没有改动。") from None


def _inputs(page):
    """Everything Material's search makes a page's entries from."""
    yield from (page.url, str(page.title), json.dumps(page.meta, default=str), page.content)
    yield from _toc_lines(page.toc)


def _toc_lines(items):
    for item in items:
        yield f"{item.level} {item.id} {item.url} {item.title}"
        yield from _toc_lines(item.children)


def _file_digest(path: str | None) -> str:
    try:
        return key(Path(path).read_text(encoding="utf-8")) if path else ""
    except OSError:
        return ""
