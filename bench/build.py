"""Build the synthetic campaigns S, M and L, and a plain Material site of the same page count, in one run.

For each size: cold build (empty photo, QR, search and calendar caches), warm builds (caches full; the median of
--runs), pages built, seconds per page, peak memory, the share of the warm build spent on images, the
warm build with the search index made afresh (search cache emptied), and the warm build of a plain
Material site with as many 1 KB pages (zh search, pages out of the nav) — the ratio of ours to it is
the figure that matters. Every build is a fresh process, as `make build` runs it.

    .venv/bin/python bench/build.py                 # S M L, 3 warm runs each
    .venv/bin/python bench/build.py --sizes S M --runs 5
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import campaigns

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".cache" / "bench"
PYTHON = sys.executable
EPOCH = "1634097600"  # 2021-10-13 noon in China: the sample campaign is under way, every build the same


def build(project: Path, site: Path, caches: Path, search_afresh: bool = False) -> dict:
    """One `mkdocs build --strict` in a fresh process: wall seconds, image seconds, peak memory."""
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "SOURCE_DATE_EPOCH": EPOCH,
        "PYTHONPATH": str(ROOT / "hooks"),
        "CAMPAIGN_IMAGE_CACHE": str(caches / "images"),
        "CAMPAIGN_QR_CACHE": str(caches / "qr"),
        "CAMPAIGN_SEARCH_CACHE": str(caches / "search"),
        "CAMPAIGN_CALENDAR_CACHE": str(caches / "calendar"),
    }
    env.pop("CAMPAIGN_DATA", None)
    shutil.rmtree(site, ignore_errors=True)
    if search_afresh:
        shutil.rmtree(caches / "search", ignore_errors=True)
    start = time.perf_counter()
    result = subprocess.run(
        [PYTHON, str(ROOT / "bench" / "build_once.py"), str(project / "mkdocs.yml"), str(site)],
        env=env,
        capture_output=True,
        text=True,
    )
    wall = time.perf_counter() - start
    if result.returncode:
        sys.exit(f"构建失败：{project}\n{result.stdout}{result.stderr}")
    figures = json.loads(result.stdout.splitlines()[-1])
    return {**figures, "wall": wall, "pages": sum(1 for _ in site.rglob("*.html"))}


def plain_project(out: Path, pages: int) -> Path:
    """Plain Material 9.8 with zh search: `pages` pages of ~1 KB of Chinese text, out of the nav."""
    shutil.rmtree(out, ignore_errors=True)
    (out / "docs" / "p").mkdir(parents=True)
    rng = random.Random(pages)
    words = [
        "居民",
        "社区",
        "活动",
        "服务",
        "养老",
        "医院",
        "学校",
        "道路",
        "改造",
        "公园",
        "意见",
        "建议",
        "办理",
        "完成",
        "进展",
        "健康",
        "讲座",
        "安全",
        "环境",
        "文化",
    ]
    (out / "docs" / "index.md").write_text("# 首页\n\n合成页面，用于对比。\n", encoding="utf-8")
    for n in range(pages - 1):
        text = "".join(rng.choice(words) + ("。" if rng.random() < 0.1 else "") for _ in range(160))
        (out / "docs" / "p" / f"{n:05d}.md").write_text(f"# 页面 {n}\n\n{text}\n", encoding="utf-8")
    (out / "mkdocs.yml").write_text(
        "site_name: 对比\nsite_url: https://example.org/plain/\ntheme:\n  name: material\n  language: zh\n  font: false\n"
        "plugins:\n  - search:\n      lang: zh\n      separator: '[\\s\\u200b\\-,，。、；：！？]+'\n"
        "nav:\n  - 首页: index.md\nnot_in_nav: |\n  /p/\n",
        encoding="utf-8",
    )
    return out


def measure(size: str, runs: int, work: Path) -> dict:
    project = campaigns.project(size, work / size, CACHE / "photos")
    caches, site = work / f"{size}-caches", work / f"{size}-site"
    shutil.rmtree(caches, ignore_errors=True)
    cold = build(project, site, caches)
    warm = [build(project, site, caches) for _ in range(runs)]
    afresh = [build(project, site, caches, search_afresh=True) for _ in range(runs)]
    plain = plain_project(work / f"{size}-plain", cold["pages"])
    plain_runs = [build(plain, work / f"{size}-plain-site", caches) for _ in range(runs)]
    median = lambda key, results: statistics.median(r[key] for r in results)
    return {
        "size": size,
        "pages": cold["pages"],
        "photos": cold["photos"],
        "cold": cold["wall"],
        "warm": median("wall", warm),
        "images": median("images", warm),
        "memory": max(r["memory"] for r in warm + [cold]),
        "afresh": median("wall", afresh),
        "plain": median("wall", plain_runs),
    }


def report(rows: list[dict]) -> None:
    print(
        f"\n{'':4}{'pages':>7}{'photos':>8}{'cold s':>9}{'warm s':>9}{'ms/page':>9}{'peak MB':>9}"
        f"{'images':>8}{'plain s':>9}{'ratio':>7}{'afresh s':>10}{'ratio':>7}"
    )
    for r in rows:
        print(
            f"{r['size']:4}{r['pages']:>7}{r['photos']:>8}{r['cold']:>9.1f}{r['warm']:>9.2f}"
            f"{1000 * r['warm'] / r['pages']:>9.1f}{r['memory'] / 2**20:>9.0f}{r['images'] / r['warm']:>8.1%}"
            f"{r['plain']:>9.2f}{r['warm'] / r['plain']:>6.2f}×{r['afresh']:>10.2f}{r['afresh'] / r['plain']:>6.2f}×"
        )
    print(
        "warm: median of the warm builds; images: share of the warm build spent on photos (cache checks, links);"
        "\nratio: warm build / plain Material build of as many pages (target ≤ 1.2 for M and L);"
        "\nafresh: a warm build whose search index is made afresh (search cache emptied), as after a Material upgrade"
    )
    by = {r["size"]: r for r in rows}
    if "M" in by and "L" in by:
        per_page = lambda r: r["warm"] / r["pages"]
        print(
            f"linearity: L has {by['L']['pages'] / by['M']['pages']:.1f}× the pages of M and takes "
            f"{by['L']['warm'] / by['M']['warm']:.1f}× as long (time per page L/M = {per_page(by['L']) / per_page(by['M']):.2f})"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", choices=list(campaigns.SIZES), default=list(campaigns.SIZES))
    parser.add_argument("--runs", type=int, default=3, help="warm builds per size, and plain builds (median)")
    parser.add_argument("--keep", type=Path, help="keep the generated projects and sites in this folder")
    args = parser.parse_args()
    print(f"机器：{os.cpu_count()} 核，Python {sys.version.split()[0]}；每次构建都是新进程", flush=True)
    with tempfile.TemporaryDirectory(prefix="bench-build-") as tmp:
        work = args.keep or Path(tmp)
        rows = []
        for size in args.sizes:
            print(f"{size}：生成并构建……", flush=True)
            rows.append(measure(size, args.runs, work))
        report(rows)


if __name__ == "__main__":
    main()
