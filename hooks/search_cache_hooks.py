"""MkDocs hook: Material's search entries, kept between builds and published as a sharded index.

Material's search parses each page's HTML and cuts its Chinese into words with jieba (which takes a
second to start): an unchanged page is indexed with the entries it got last time. A changed page, or
another Material, jieba or search setting, is indexed afresh; the entries are the same.

Instead of the one index file every page would fetch, the entries are written as small files that a
query fetches only as it needs them (campaign/features/search/index.py); Material's search box talks to
our worker (search-worker.js), and search_index.json holds only the manifest. This leans on Material's
internals (`search_index.add_entry_from_context`, `entries`, `generate_search_index`):
tests/test_search_cache.py and tests/test_search.py fail if an upgrade changes them. Kept apart from
campaign_hooks.py, which knows nothing of it.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from mkdocs.exceptions import Abort
from mkdocs.plugins import get_plugin_logger

# Imported at top level: this folder is on sys.path only while MkDocs loads this file.
from campaign.features.search import index as sharded
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

    def generate_search_index(prev):
        # Material writes what this returns as search/search_index.json: the manifest; the rest beside it.
        # (`prev` is for `mkdocs serve --dirty`, which make serve does not use: it rebuilds every page.)
        manifest, files = sharded.files(index.entries)
        for folder in {path.rpartition("/")[0] for path in files}:
            os.makedirs(f"{config.site_dir}/{folder}", exist_ok=True)
        for path, text in files.items():
            with open(f"{config.site_dir}/{path}", "w", encoding="utf-8") as out:
                out.write(text)
        return manifest

    index.add_entry_from_context = add_entry_from_context
    index.generate_search_index = generate_search_index
    return config


# Material's page config names its search worker; pages get ours (published from the search component).
MATERIAL_WORKER = re.compile(r"assets/javascripts/workers/search\.[0-9a-f]+\.min\.js")
WORKER = "assets/js/search-worker.js"


def on_post_page(output, page, config):
    return MATERIAL_WORKER.sub(WORKER, output, 1)


def on_post_template(output, template_name, config):
    return MATERIAL_WORKER.sub(WORKER, output, 1)


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
