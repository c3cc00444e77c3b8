"""Benchmark the photo pipeline on generated phone-size photos (4000×3000 JPEG, some sideways, all with GPS).

Prints the cold time (empty cache), the warm time (everything cached), images per second, and the
ratio to the cheapest decode + resize + encode Pillow can do on this machine: one 800 px JPEG per
photo, decoded at reduced scale, on the same number of processes. Each as wall time and as CPU time
(this process and its finished workers), which other work on a shared machine does not inflate.

    make bench                                   # 24 photos
    .venv/bin/python bench/images.py --count 48
"""
from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))

from PIL import ExifTags, Image  # noqa: E402

from campaign import images  # noqa: E402


def phone_photo(args: tuple[Path, int]) -> None:
    """A 4000×3000 JPEG at phone quality: smooth shapes and fine sensor-like noise, EXIF with GPS."""
    path, seed = args
    channels = [Image.effect_noise((250, 188), 90 + 10 * ((seed + c) % 3)) for c in range(3)]
    scene = Image.merge("RGB", channels).resize((4000, 3000), Image.BICUBIC)
    photo = Image.blend(scene, Image.effect_noise((4000, 3000), 30).convert("RGB"), 0.08)  # ~3.3 MB, as phones save
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6 if seed % 3 == 0 else 1
    exif[ExifTags.Base.Make], exif[ExifTags.Base.Model] = "Phone", "Model 12"
    exif[ExifTags.IFD.GPSInfo] = {ExifTags.GPS.GPSLatitudeRef: "N", ExifTags.GPS.GPSLatitude: (36.0, 29.0, float(seed))}
    photo.save(path, quality=92, exif=exif)


def cheapest(path: Path) -> int:
    """The least work that turns a phone photo into a web image: one reduced decode, one resize, one encode."""
    out = path.with_suffix(".cheap.jpg")
    with Image.open(path) as photo:
        photo.draft("RGB", (800, 600))
        photo.resize((800, 600), Image.BILINEAR).save(out)
    return out.stat().st_size


def cpu() -> float:
    return sum(r.ru_utime + r.ru_stime for r in map(resource.getrusage, (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)))


def timed(action) -> tuple[float, float]:
    """Wall and CPU seconds; workers count once they have exited, so each action closes its pool."""
    wall, used = time.perf_counter(), cpu()
    action()
    return time.perf_counter() - wall, cpu() - used


def cheapest_all(paths: list[Path], workers: int) -> None:
    with ProcessPoolExecutor(workers) as pool:
        list(pool.map(cheapest, paths))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=24, help="how many photos (default 24)")
    count = parser.parse_args().count
    workers = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    with tempfile.TemporaryDirectory(prefix="bench-images-") as tmp:
        photos, cache = Path(tmp, "photos"), Path(tmp, "cache")
        photos.mkdir()
        paths = [photos / f"IMG_{n:04d}.jpg" for n in range(count)]
        print(f"生成 {count} 张 4000×3000 的手机照片……", flush=True)
        with ProcessPoolExecutor(workers) as pool:
            list(pool.map(phone_photo, [(p, n) for n, p in enumerate(paths)]))
        base = timed(lambda: cheapest_all(paths, workers))
        uses = {p.name: [f"bench:{n + 1}"] for n, p in enumerate(paths)}
        cold = timed(lambda: images.process_images(uses, photos, cache))
        warm = timed(lambda: images.process_images(uses, photos, cache))
        outputs = [f for f in cache.iterdir() if not f.name.endswith(".json")]
        size_in = sum(p.stat().st_size for p in paths)
        size_out = sum(f.stat().st_size for f in outputs)
    print(f"photos: {count} × 4000×3000 JPEG ({size_in / count / 2**20:.1f} MB each), {workers} processes")
    print(f"pipeline: {len(images.WIDTHS)} widths × {', '.join(images.ENCODERS)} = {len(outputs) // count} files per photo, "
          f"{size_out / count / 2**10:.0f} KB per photo in all")
    print(f"cold: {cold[0]:.2f} s  ({count / cold[0]:.2f} images/s), CPU {cold[1]:.1f} s ({cold[1] / count:.2f} s per image)")
    print(f"warm: {warm[0]:.3f} s  ({warm[0] / cold[0]:.1%} of cold: hashing and cache checks only)")
    print(f"cheapest Pillow (one 800 px JPEG per photo, draft decode): {base[0]:.2f} s  ({count / base[0]:.2f} images/s), "
          f"CPU {base[1]:.1f} s")
    print(f"ratio cold / cheapest: {cold[0] / base[0]:.1f}× wall time, {cold[1] / base[1]:.1f}× CPU time")


if __name__ == "__main__":
    main()
