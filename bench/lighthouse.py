"""Lighthouse (mobile, its default emulation) scores for the built site: home, calendar, a domain, an activity.

Usage: .venv/bin/python bench/lighthouse.py [site-dir] [--runs 5]   (default: site/, built by `make build`)

Needs Node.js/npm and Debian's chromium. Lighthouse is installed with npm into a cache outside the
repository ($LIGHTHOUSE_DIR, default ~/.cache/campaign-lighthouse) on first use. The site is served
on localhost under its site_url path (/shantou/), so its absolute links work, with text files
gzipped as a production server sends them. Each page is scored --runs times and the median is
judged, as Lighthouse's documentation on variability advises. Not part of `make test`: the performance
score moves from run to run and with the machine's load.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import io
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = {
    "home": "",
    "calendar": "calendar/",
    "domain": "domains/healthcare/",
    "activity": "activities/hospital-open-day/",
}
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
CACHE = Path(os.environ.get("LIGHTHOUSE_DIR") or Path.home() / ".cache" / "campaign-lighthouse")
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")


class _Compressing(SimpleHTTPRequestHandler):
    """Text files gzipped, as any production web server (nginx's gzip on) sends them: Python's
    http.server does not compress, and Lighthouse would score the test server, not the site."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        if (
            path.suffix not in {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt"}
            or not path.is_file()
            or "gzip" not in self.headers.get("Accept-Encoding", "")
        ):
            return super().send_head()  # anything else, and the redirect from a folder without its /
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, *args):
        pass


def lighthouse() -> Path:
    binary = CACHE / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        print(f"installing lighthouse into {CACHE} …", file=sys.stderr)
        subprocess.run(
            ["npm", "install", "--no-audit", "--no-fund", "--prefix", str(CACHE), "lighthouse"],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return binary


def score(binary: Path, url: str, report: Path) -> dict:
    """One Lighthouse run: the four category scores and the weighted audits that were not perfect."""
    subprocess.run(
        [
            str(binary),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            f"--only-categories={','.join(CATEGORIES)}",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        ],
        env={**os.environ, "CHROME_PATH": CHROME},
        check=True,
    )
    result = json.loads(report.read_text(encoding="utf-8"))
    scores = {c: round(result["categories"][c]["score"] * 100) for c in CATEGORIES}
    misses = [
        f"{c}: {ref['id']} ({result['audits'][ref['id']]['score']})"
        for c in CATEGORIES
        for ref in result["categories"][c]["auditRefs"]
        if ref.get("weight") and (result["audits"][ref["id"]].get("score") or 1) < 1
    ]
    return {"scores": scores, "misses": misses}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", type=Path, default=ROOT / "site")
    parser.add_argument("--runs", type=int, default=5, help="runs per page; the median is judged (default 5)")
    args = parser.parse_args()
    site = args.site.resolve()
    if not (site / "index.html").exists():
        sys.exit(f"{site}/index.html is missing: run `make build` first")
    site_url = re.search(r"^site_url: *(\S+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M)[1]
    base = site_url.split("/", 3)[3]
    binary = lighthouse()
    with tempfile.TemporaryDirectory() as www:
        (Path(www) / base.rstrip("/")).symlink_to(site)
        server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Compressing, directory=www))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        failing = 0
        print(f"median of {args.runs} runs (performance: lowest–highest)")
        print(f"{'page':10}" + "".join(f"{c:>16}" for c in CATEGORIES))
        try:
            for name, path in PAGES.items():
                url = f"http://127.0.0.1:{server.server_port}/{base}{path}"
                runs = [score(binary, url, Path(www) / f"{name}.json") for _ in range(args.runs)]
                median = {c: statistics.median(r["scores"][c] for r in runs) for c in CATEGORIES}
                spread = sorted(r["scores"]["performance"] for r in runs)
                cells = [
                    f"{median[c]:g}" + (f" ({spread[0]}–{spread[-1]})" if c == "performance" else "")
                    for c in CATEGORIES
                ]
                print(f"{name:10}" + "".join(f"{cell:>16}" for cell in cells))
                if any(median[c] < TARGETS[c] for c in CATEGORIES):
                    failing += 1
                    for miss in sorted({m for r in runs for m in r["misses"]}):
                        print(f"{'':12}{miss}")
        finally:
            server.shutdown()
    print("targets (median): " + ", ".join(f"{c} ≥ {t}" for c, t in TARGETS.items()))
    return 1 if failing else 0


if __name__ == "__main__":
    sys.exit(main())
