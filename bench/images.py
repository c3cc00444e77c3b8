"""The photo pipeline against the cheapest Pillow code that makes the same files, on every core.

Phone photos: 4000×3000 JPEG, a third stored sideways, all with GPS (bench/campaigns.py makes them
once, into .cache/bench/photos/). Three runs over the same photos, each on as many processes as there
are cores:

- cheapest: the least Pillow code that writes the same files: reduced-scale decode (Image.draft),
  upright, a cascade of resizes, the same encoders and settings; no hashing, no colour management,
  no cache, no checks. The pipeline must reach ≥ 90% of its throughput.
- reference: the issue's yardstick, three WebP widths by the same method (~3.7 images/s per core there).
- pipeline: campaign.features.gallery.images.process_images on an empty cache (cold), then again (warm).

    make bench                                   # part of it
    .venv/bin/python bench/images.py --count 60
"""

from __future__ import annotations

import argparse
import math
import os
import shutil
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from PIL import Image, ImageOps

import campaigns
from campaign.features.gallery import images

REFERENCE = {"widths": (1600, 1000, 600), "encoders": {"webp": ("WEBP", {"quality": 78, "method": 4})}}


def cheapest(path: Path, out: Path, widths=images.WIDTHS, encoders=images.ENCODERS) -> None:
    """Same outputs as the pipeline, by the shortest road Pillow offers."""
    with Image.open(path) as photo:
        rotated = photo.getexif().get(274, 1) in {5, 6, 7, 8}
        upright_width = photo.height if rotated else photo.width
        scale = math.ceil(max(widths) * images.DRAFT_SLACK) / upright_width
        photo.draft("RGB", (math.ceil(photo.width * scale), math.ceil(photo.height * scale)))
        image = ImageOps.exif_transpose(photo).convert("RGB")
    for width in sorted({w for w in widths if w < image.width} | {min(image.width, max(widths))}, reverse=True):
        image = image.resize((width, round(image.height * width / image.width)), Image.LANCZOS, reducing_gap=3.0)
        for suffix, (name, options) in encoders.items():
            image.save(out / f"{path.stem}-{width}.{suffix}", name, **options)


def reference(path: Path, out: Path) -> None:
    cheapest(path, out, REFERENCE["widths"], REFERENCE["encoders"])


def run_all(function, paths: list[Path], out: Path, workers: int) -> float:
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    start = time.perf_counter()
    with ProcessPoolExecutor(workers) as pool:
        list(pool.map(function, paths, [out] * len(paths)))
    return time.perf_counter() - start


def measure(count: int) -> dict:
    workers = len(os.sched_getaffinity(0))
    paths = campaigns.photo_pool(campaigns.ROOT / ".cache" / "bench" / "photos", count, workers)
    uses = {p.name: [f"bench:{n + 1}"] for n, p in enumerate(paths)}
    with tempfile.TemporaryDirectory(prefix="bench-images-") as tmp:
        base = run_all(cheapest, paths, Path(tmp, "cheapest"), workers)
        yardstick = run_all(reference, paths, Path(tmp, "reference"), workers)
        cache = Path(tmp, "cache")
        start = time.perf_counter()
        images.process_images(uses, paths[0].parent, cache)
        cold = time.perf_counter() - start
        start = time.perf_counter()
        images.process_images(uses, paths[0].parent, cache)
        warm = time.perf_counter() - start
        outputs = [f for f in cache.iterdir() if not f.name.endswith(".json")]
        same = sorted(f.suffix for f in Path(tmp, "cheapest").iterdir()) == sorted(f.suffix for f in outputs)
    return {
        "count": count,
        "workers": workers,
        "cheapest": base,
        "reference": yardstick,
        "cold": cold,
        "warm": warm,
        "files": len(outputs),
        "same": same,
    }


def report(r: dict) -> None:
    n, cores = r["count"], r["workers"]
    rate = lambda seconds: n / seconds / cores
    print(
        f"photos: {n} × 4000×3000 JPEG (a third sideways), {cores} processes on {cores} cores; "
        f"{r['files'] // n} files per photo ({len(images.WIDTHS)} widths × {', '.join(images.ENCODERS)})"
    )
    print(f"  cheapest Pillow, same files:    {r['cheapest']:6.2f} s  {rate(r['cheapest']):5.2f} images/s per core")
    print(
        f"  pipeline, cold:                 {r['cold']:6.2f} s  {rate(r['cold']):5.2f} images/s per core"
        f"  = {r['cheapest'] / r['cold']:.0%} of cheapest (target ≥ 90%)"
    )
    print(
        f"  pipeline, warm:                 {r['warm']:6.3f} s  ({r['warm'] / r['cold']:.1%} of cold: cache checks only)"
    )
    print(
        f"  reference, 3 WebP widths:       {r['reference']:6.2f} s  {rate(r['reference']):5.2f} images/s per core"
        f"  (the issue's machine: ~3.7)"
    )
    if not r["same"]:
        print("  注意：cheapest 与流水线输出的文件种类不同，比较不成立")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=40, help="how many photos (default 40)")
    report(measure(parser.parse_args().count))


if __name__ == "__main__":
    main()
