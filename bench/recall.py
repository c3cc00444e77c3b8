"""Chinese recall of the site's search against Material's own, on words drawn from the site's own text.

Both run in Debian's Chromium on the same built site, through their workers' messages (what Material's
search box sends): ours (search-worker.js, over the sharded index) and Material's lunr worker, which is
given the index Material would have published, made from the same pages (jieba-segmented as Material's
plugin does it) or, with --material-index, a search_index.json from a build before the change.

Words: the jieba tokens of the pages' text (whole words), and as many "inside compounds": two characters
that jieba keeps inside a longer token (食堂 in 长者食堂) and that are a word of jieba's dictionary. A page is
relevant when its text holds the word; recall is the share of the relevant pages among the first --top
results (or all relevant pages when fewer).

    .venv/bin/python bench/recall.py SITE_DIR [--words 60] [--material-index OLD/search/search_index.json]

With --pagefind, Pagefind's search too, on the same site indexed by Pagefind (pip install "pagefind[extended]",
then python -m pagefind --site SITE_DIR --force-language zh): how the option the issue named compares.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter
from pathlib import Path
from tempfile import TemporaryDirectory

import jieba
from material.plugins.search.plugin import SearchIndex
from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))

import weight

HAN = re.compile(r"^[\u4e00-\u9fff]+$")
TOP = 12  # our search lists 12 pages


def our_pages(site: Path) -> list[dict]:
    manifest = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    return [json.loads((site / f"search/pages/{n}.json").read_text(encoding="utf-8")) for n in range(manifest["pages"])]


def page_text(page: dict) -> str:
    return " ".join(f"{title} {text}" for _, title, text in page["s"]).lower()


def material_index(pages: list[dict], mkdocs_yml: Path) -> dict:
    """The search_index.json Material would publish for these pages: jieba-segmented, its settings."""
    import yaml

    config = next(
        p["search"]
        for p in yaml.safe_load(mkdocs_yml.read_text(encoding="utf-8").replace("!!python", "#"))["plugins"]
        if isinstance(p, dict) and "search" in p
    )
    segment = SearchIndex()._segment_chinese
    docs = [
        {"location": page["u"] + (f"#{anchor}" if anchor else ""), "title": segment(title), "text": segment(text)}
        for page in pages
        for anchor, title, text in page["s"]
    ]
    return {
        "config": {
            "lang": [config["lang"]],
            "separator": config["separator"],
            "pipeline": ["stemmer"],
            "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}, "tags": {"boost": 1000000.0}},
        },
        "docs": docs,
    }


def words(pages: list[dict], count: int) -> tuple[list[str], list[str]]:
    """`count` words from the text, half whole jieba tokens and half inside compounds, deterministically."""
    tokens = Counter(t for page in pages for t in jieba.cut(page_text(page)) if HAN.match(t))
    whole = sorted((t for t in tokens if 2 <= len(t) <= 4), key=lambda t: (-tokens[t], t))
    inside = sorted(
        {
            t[i : i + 2]
            for t in tokens
            if len(t) >= 3
            for i in range(1, len(t) - 1)
            if jieba.dt.FREQ.get(t[i : i + 2]) and t[i : i + 2] not in tokens
        },
        key=lambda w: w,
    )
    rng = random.Random(19)
    half = count // 2
    return rng.sample(whole, min(half, len(whole))), rng.sample(inside, min(count - half, len(inside)))


_ASK = """async ([worker, setup, queries]) => {
  const w = new Worker(worker);
  const next = type => new Promise(resolve => w.addEventListener('message', function on(e) {
    if (e.data.type === type) { w.removeEventListener('message', on); resolve(e.data); } }));
  const ready = next(1);
  if (setup) w.postMessage({ type: 0, data: { ...setup, options: { suggest: false } } });
  await ready;
  const found = {};
  for (const q of queries) {
    const result = next(3);
    w.postMessage({ type: 2, data: q });
    found[q] = (await result).data.items.map(group => group[0].location.split('#')[0]);
  }
  w.terminate();
  return found;
}"""


def ask(site: Path, worker: str, setup: dict | None, queries: list[str]) -> dict[str, list[str]]:
    with TemporaryDirectory(prefix="bench-recall-") as tmp, sync_playwright() as playwright:
        server, base = weight.serve(site, Path(tmp))
        browser = playwright.chromium.launch(executable_path=weight.CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page()
            page.goto(base, wait_until="networkidle")
            return page.evaluate(_ASK, [base + worker, setup, queries])
        finally:
            browser.close()
            server.shutdown()


_PAGEFIND = """async ([module, queries]) => {
  const pagefind = await import(module);
  await pagefind.init();
  const found = {};
  for (const q of queries) {
    const search = await pagefind.search(q);
    const data = await Promise.all(search.results.slice(0, 50).map(r => r.data()));
    found[q] = data.map(d => d.url);
  }
  return found;
}"""


def ask_pagefind(site: Path, queries: list[str]) -> dict[str, list[str]]:
    with TemporaryDirectory(prefix="bench-recall-") as tmp, sync_playwright() as playwright:
        server, base = weight.serve(site, Path(tmp))
        browser = playwright.chromium.launch(executable_path=weight.CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page()
            page.goto(base, wait_until="networkidle")
            found = page.evaluate(_PAGEFIND, [base + "pagefind/pagefind.js", queries])
        finally:
            browser.close()
            server.shutdown()
    path = weight.site_path(site)
    return {q: [url.removeprefix(path) for url in urls] for q, urls in found.items()}


def recall(found: list[str], relevant: set[str], top: int) -> float:
    return len(set(found[:top]) & relevant) / min(len(relevant), top)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--words", type=int, default=60)
    parser.add_argument("--top", type=int, default=TOP)
    parser.add_argument("--material-index", type=Path, help="Material's search_index.json from an earlier build")
    parser.add_argument("--pagefind", action="store_true", help="also Pagefind's search (SITE_DIR/pagefind/)")
    args = parser.parse_args()
    pages = our_pages(args.site)
    texts = {page["u"]: page_text(page) for page in pages}
    whole, inside = words(pages, args.words)
    queries = whole + inside
    setup = (
        json.loads(args.material_index.read_text(encoding="utf-8"))
        if args.material_index
        else material_index(pages, Path(__file__).resolve().parent.parent / "mkdocs.yml")
    )
    material_worker = (
        next(args.site.glob("assets/javascripts/workers/search.*.min.js")).relative_to(args.site).as_posix()
    )
    results = {
        "ours": ask(args.site, "assets/js/search-worker.js", None, queries),
        "Material": ask(args.site, material_worker, setup, queries),
    }
    if args.pagefind:
        results["Pagefind"] = ask_pagefind(args.site, queries)
    print(
        f"{len(pages)} pages; {len(whole)} whole words, {len(inside)} inside compounds; recall among the first {args.top}"
    )
    print(f"{'word':8}{'kind':>8}{'pages':>7}" + "".join(f"{name:>10}" for name in results))
    totals = {name: {"whole": [], "inside": []} for name in results}
    for word in queries:
        kind = "whole" if word in whole else "inside"
        relevant = {url for url, text in texts.items() if word in text}
        if not relevant:
            continue
        line = f"{word:8}{kind:>8}{len(relevant):>7}"
        for name, found in results.items():
            value = recall([url for url in found[word] if url in texts], relevant, args.top)
            totals[name][kind].append(value)
            line += f"{value:>10.0%}"
        print(line)
    for name, by_kind in totals.items():
        every = by_kind["whole"] + by_kind["inside"]
        print(
            f"{name:9} recall: whole words {sum(by_kind['whole']) / len(by_kind['whole']):.0%}, inside compounds "
            f"{sum(by_kind['inside']) / len(by_kind['inside']):.0%}, all {sum(every) / len(every):.0%} "
            f"({sum(v == 1 for v in every)} of {len(every)} words fully found)"
        )


if __name__ == "__main__":
    main()
