"""What a resident's phone receives from a built site: each page type's first visit, the largest HTML page,
and the search, in Debian's Chromium (Playwright).

Served as a plain server sends it (Python's http.server: no compression), at the site_url path. A first
visit is a fresh browser context at 390×844 (photos below the fold stay lazy): every byte of every response.
The search is timed on a 4× slowed CPU (Chromium's Emulation.setCPUThrottlingRate, as Lighthouse's mobile
profile): from the key that ends the query to the results shown, in a fresh context for each query, with
the bytes that query fetched (search-worker.js's files; for Material's own search, its index, fetched on load).

    .venv/bin/python bench/weight.py SITE_DIR            # prints a table; --json for the figures
"""

from __future__ import annotations

import argparse
import functools
import json
import shutil
import statistics
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from tempfile import TemporaryDirectory

from playwright.sync_api import sync_playwright

from campaign.ops.linkcheck import site_address

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Page types, each by the first file that matches (a glob under the site).
PAGE_TYPES = {
    "home": "index.html",
    "domain": "domains/*/index.html",
    "activity": "activities/*/index.html",
    "activities index": "activities/index.html",
    "domains index": "domains/index.html",
    "calendar": "calendar/index.html",
    "calendar month": "calendar/20[0-9][0-9]-[0-9][0-9]/index.html",
    "ledger": "ledger/index.html",
    "poster": "activities/*/poster/index.html",
}
QUERIES = ["长者食堂", "者食", "医院", "垃圾分类", "路", "健康讲座", "老年大学", "安全"]
CPU_SLOWDOWN = 4
BUDGET = {"page": 600_000, "html": 300_000, "query": 300_000, "seconds": 1.5}  # issue 19's targets


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(site: Path, work: Path) -> tuple[ThreadingHTTPServer, str]:
    """The site at its site_url path, as a plain server without compression sends it."""
    base = site_path(site)[1:]
    (work / base).parent.mkdir(parents=True, exist_ok=True)
    (work / base.rstrip("/")).symlink_to(site.resolve())
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(work)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}/{base}"


def site_path(site: Path) -> str:
    """The path part of the address the site was built for (campaign.yml's site_url), e.g. /shantou/."""
    return "/" + site_address(site).split("/", 3)[3]


def page_of(site: Path, pattern: str) -> str | None:
    found = sorted(p for p in site.glob(pattern) if "/p/" not in p.as_posix())
    return found[0].relative_to(site).as_posix().removesuffix("index.html") if found else None


def first_visit(browser, url: str) -> dict:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    sizes: dict[str, int] = {}
    page.on("requestfinished", lambda request: sizes.update({request.url: request.sizes()["responseBodySize"]}))
    page.goto(url, wait_until="networkidle")
    context.close()
    search = sum(size for u, size in sizes.items() if "/search/" in u)
    return {"bytes": sum(sizes.values()), "html": sizes.get(url, 0), "search": search}


_WATCH = """() => { window.__benchResult = new Promise(resolve => {
  const meta = document.querySelector('.md-search-result__meta');
  const before = meta.textContent;
  const input = document.querySelector('input.md-search__input');
  let start = null;
  input.addEventListener('keyup', () => { start = start ?? performance.now(); }, { once: true });
  new MutationObserver((_, observer) => {
    if (start !== null && meta.textContent !== before && /结果|没有/.test(meta.textContent)) {
      observer.disconnect();
      requestAnimationFrame(() => resolve({ ms: performance.now() - start, meta: meta.textContent }));
    }
  }).observe(meta, { childList: true, characterData: true, subtree: true });
}); }"""


def query(browser, url: str, words: str) -> dict:
    """One query in a fresh context on a slowed CPU: seconds from its last key to the results, bytes fetched."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    sizes: dict[str, int] = {}
    page.on("requestfinished", lambda request: sizes.update({request.url: request.sizes()["responseBodySize"]}))
    page.goto(url, wait_until="networkidle")
    on_load = sum(size for u, size in sizes.items() if "/search/" in u)
    page.locator("label.md-header__button[for=__search]").click(timeout=300_000)  # Material parses its index first
    # Material's own search drops a query typed before its index is ready (正在初始化搜索引擎)
    page.wait_for_function(
        "!document.querySelector('.md-search-result__meta').textContent.includes('初始化')", timeout=300_000
    )
    loaded = set(sizes)
    page.evaluate(_WATCH)
    box = page.locator("input.md-search__input")
    box.fill(words, timeout=300_000)
    box.press("End")  # Material searches on keyup
    result = page.evaluate("window.__benchResult")
    page.wait_for_load_state("networkidle")
    fetched = sum(size for u, size in sizes.items() if u not in loaded)
    context.close()
    return {"seconds": result["ms"] / 1000, "bytes": on_load + fetched, "meta": result["meta"]}


def largest_html(site: Path) -> tuple[str, int]:
    path = max(site.rglob("*.html"), key=lambda p: p.stat().st_size)
    return path.relative_to(site).as_posix(), path.stat().st_size


def measure(site: Path, queries: list[str] = QUERIES) -> dict:
    site = Path(site)
    with TemporaryDirectory(prefix="bench-weight-") as tmp, sync_playwright() as playwright:
        server, base = serve(site, Path(tmp))
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
        )
        try:
            pages = {
                name: {"path": path, **first_visit(browser, base + path)}
                for name, pattern in PAGE_TYPES.items()
                if (path := page_of(site, pattern)) is not None
            }
            searches = {words: query(browser, base, words) for words in queries}
        finally:
            browser.close()
            server.shutdown()
    html_path, html_size = largest_html(site)
    return {
        "pages": pages,
        "largest_html": {"path": html_path, "bytes": html_size},
        "queries": searches,
        "search_bytes": max(q["bytes"] for q in searches.values()),
        "search_seconds": statistics.median(q["seconds"] for q in searches.values()),
        "search_seconds_max": max(q["seconds"] for q in searches.values()),
    }


def report(name: str, figures: dict) -> None:
    kb = lambda n: f"{n / 1000:,.0f} KB"
    print(
        f"\n{name}: first visit at 390 px, uncompressed (targets: page ≤ {kb(BUDGET['page'])}, "
        f"HTML ≤ {kb(BUDGET['html'])})"
    )
    for page, f in figures["pages"].items():
        flag = "" if f["bytes"] <= BUDGET["page"] and f["html"] <= BUDGET["html"] else "  ✗"
        print(f"  {page:18} {kb(f['bytes']):>10}  HTML {kb(f['html']):>9}  search on load {kb(f['search']):>8}{flag}")
    largest = figures["largest_html"]
    print(f"  largest HTML: {kb(largest['bytes'])} ({largest['path']})")
    print(f"  search, {CPU_SLOWDOWN}× slower CPU (targets: ≤ {kb(BUDGET['query'])}, ≤ {BUDGET['seconds']} s a query):")
    for words, q in figures["queries"].items():
        print(f"    {words:10} {q['seconds']:6.2f} s {kb(q['bytes']):>10}  {q['meta']}")
    print(
        f"  search: at most {kb(figures['search_bytes'])} a query; median {figures['search_seconds']:.2f} s, "
        f"slowest {figures['search_seconds_max']:.2f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    figures = measure(args.site)
    print(json.dumps(figures, ensure_ascii=False, indent=1)) if args.json else report(str(args.site), figures)


if __name__ == "__main__":
    main()
