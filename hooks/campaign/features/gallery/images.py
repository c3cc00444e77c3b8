"""The photo pipeline: phone and designer images in; small, upright sRGB files with no metadata out.

Each image used by the data is decoded once (a large JPEG at reduced scale when only smaller
outputs are needed), turned upright from its EXIF orientation, converted to sRGB and resized in a
cascade from large to small. Every width is written as AVIF (when this Pillow has it), WebP and
JPEG with fixed encoder settings and no metadata, so the same photo always gives the same bytes.

Outputs are cached outside site/, named by the hash of the file's content and these settings, so
a rebuild does no image work for unchanged photos. Each file is written read-only under a temporary name
and renamed, the manifest last; an entry is reused only while every file still has the content sealed
when it was made (cache.Seals), so a file emptied or changed through its link in a site is made again.
"""

from __future__ import annotations

import contextlib
import difflib
import functools
import io
import json
import math
import os
import sys
import warnings
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

import PIL
import pillow_heif
from PIL import ExifTags, Image, ImageCms, ImageOps, UnidentifiedImageError, features

from campaign.data.problems import DataProblems, Problem
from campaign.html import cache

pillow_heif.register_heif_opener()  # HEIC, as iPhones save photos

WIDTHS = (480, 800, 1200, 1600)  # srcset candidates; the largest is also what the zoom view shows
DRAFT_SLACK = 0.9  # a reduced-scale decode may be this much narrower than the largest width
MAX_PIXELS = 120_000_000  # more is a decompression bomb, or more than any page needs
MAX_BYTES = 64 * 1024 * 1024
Image.init()
DECODERS = [f for f in ("JPEG", "PNG", "WEBP", "HEIF", "AVIF", "TIFF") if f in Image.OPEN]  # nothing else is parsed
# Output suffix -> Pillow format and options, best first; jpg is the fallback every browser shows.
# One encoder thread: photos are spread over the cores already, and the output stays byte-stable.
ENCODERS = {
    "avif": ("AVIF", {"quality": 55, "speed": 9, "max_threads": 1, "subsampling": "4:2:0"}),
    "webp": ("WEBP", {"quality": 78, "method": 4}),
    "jpg": ("JPEG", {"quality": 80, "optimize": True, "progressive": True, "subsampling": "4:2:0"}),
}
if not features.check("avif"):
    del ENCODERS["avif"]
SETTINGS = json.dumps(
    {
        "pipeline": 2,
        "slack": DRAFT_SLACK,
        "widths": WIDTHS,
        "encoders": ENCODERS,
        "pillow": PIL.__version__,
        "pillow_heif": pillow_heif.__version__,
    },
    sort_keys=True,
)
_ROTATED = {5, 6, 7, 8}  # EXIF orientations that swap width and height
_REEXPORT = "从手机或相机里重新导出这张照片（JPEG 或 HEIC），放到 data/images/ 替换它，或在数据里换一张照片。"


@dataclass(frozen=True)
class Picture:
    """One processed image: the same picture at several widths, in each output format."""

    key: str
    width: int  # of the largest output; with height, gives <img> its aspect ratio
    height: int
    widths: tuple[int, ...]
    formats: tuple[str, ...]

    def url(self, width: int, fmt: str) -> str:
        return f"images/{self.key}-{width}.{fmt}"

    def srcset(self, fmt: str, link) -> str:
        return ", ".join(f"{link(self.url(w, fmt))} {w}w" for w in self.widths)

    @property
    def fallback(self) -> str:
        """The <img src> for browsers without srcset: a middle width, as JPEG."""
        return self.url(self.widths[len(self.widths) // 2], "jpg")

    @property
    def full(self) -> str:
        """The largest JPEG: what the zoom link opens, in any browser."""
        return self.url(self.widths[-1], "jpg")

    def names(self) -> list[str]:
        return [f"{self.key}-{w}.{fmt}" for w in self.widths for fmt in self.formats]


@dataclass(frozen=True)
class Failure:
    """Why an image was refused, in Chinese, and what the editor can do."""

    message: str
    hint: str = _REEXPORT


class _Refused(Exception):
    def __init__(self, failure: Failure):
        self.failure = failure


def process_images(uses: dict[str, list[str]], image_dir: Path, cache_dir: Path) -> dict[str, Picture]:
    """Image path -> Picture for every image in `uses` (path -> "file:line" of each entry using it).

    Raises DataProblems naming every bad image at every entry that uses it, after trying them all.
    """
    with cache.writing(cache_dir):
        cache_dir.mkdir(parents=True, exist_ok=True)
    keys: dict[str, str] = {}
    failures: dict[str, Failure] = {}
    digests = cache.Digests(cache_dir / "sources.json")
    listing = functools.cache(os.listdir)  # each folder listed once, not once per photo in it
    for path in sorted(uses):
        try:
            keys[path] = _key(image_dir, path, digests, listing)
        except _Refused as refused:
            failures[path] = refused.failure
    digests.save()
    seals = cache.Seals(cache_dir)
    results = {key: _cached(cache_dir, key, seals) for key in keys.values()}
    made = _run({key: image_dir / path for path, key in keys.items() if results[key] is None}, cache_dir)
    for picture in made.values():
        for name in picture.names() if isinstance(picture, Picture) else []:
            seals.seal(cache_dir / name)
    seals.save()
    results |= made
    pictures = {path: results[key] for path, key in keys.items() if isinstance(results[key], Picture)}
    failures |= {path: results[key] for path, key in keys.items() if isinstance(results[key], Failure)}
    if failures:
        raise DataProblems(
            [_problem(path, where, failure) for path, failure in failures.items() for where in uses[path]]
        )
    return pictures


def site_files(pictures: dict[str, Picture], cache_dir: Path) -> dict[str, Path]:
    """Site path -> cached file, for every output of every picture."""
    return {
        f"images/{name}": cache_dir / name
        for picture in sorted(set(pictures.values()), key=lambda p: p.key)
        for name in picture.names()
    }


def _problem(path: str, where: str, failure: Failure) -> Problem:
    file, _, line = where.rpartition(":")
    return Problem(file, int(line), f"图片「{path}」{failure.message}", failure.hint)


def _key(image_dir: Path, path: str, digests: cache.Digests, listing=os.listdir) -> str:
    """The cache key: a hash of the file's content and of the pipeline's settings."""
    source = image_dir / path
    if not (source.is_file() and source.name in listing(source.parent)):  # the exact case, as on Linux
        raise _Refused(Failure(f"找不到：data/images/ 里没有 {path}", _missing_hint(image_dir, path)))
    if not source.resolve().is_relative_to(image_dir.resolve()):  # a symlink (or a linked folder) out of it
        raise _Refused(
            Failure(
                "是一个指向 data/images/ 以外的链接（快捷方式），网站不读 data/images/ 以外的文件",
                "把照片本身复制到 data/images/ 里，替换这个链接。",
            )
        )
    if source.stat().st_size > MAX_BYTES:
        raise _Refused(
            Failure(
                f"文件太大（超过 {MAX_BYTES // 2**20} MB）",
                "手机照片一般不到 10 MB：用相册的“导出”或修图软件缩小后另存为 JPEG。",
            )
        )
    return cache.key(SETTINGS, digests.of(source))


def _missing_hint(image_dir: Path, path: str) -> str:
    present = sorted(p.relative_to(image_dir).as_posix() for p in image_dir.rglob("*") if p.is_file())
    close = difflib.get_close_matches(path, present, n=1, cutoff=0.6)
    guess = f"是不是「{close[0]}」？" if close else ""
    return guess + "把照片放进 data/images/，路径写成相对于这个文件夹的样子，文件名（包括大小写和扩展名）要一字不差。"


def _cached(cache_dir: Path, key: str, seals: cache.Seals) -> Picture | None:
    """The complete cache entry for `key`, or None: a missing, partial or changed entry is never trusted."""
    try:
        manifest = json.loads((cache_dir / f"{key}.json").read_text(encoding="utf-8"))
        picture = Picture(
            key, manifest["width"], manifest["height"], tuple(manifest["widths"]), tuple(manifest["formats"])
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None
    intact = picture.formats == tuple(ENCODERS) and all(seals.intact(cache_dir / name) for name in picture.names())
    return picture if intact else None


def _run(jobs: dict[str, Path], cache_dir: Path) -> dict[str, Picture | Failure]:
    """Process the uncached images, over all cores when there is more than one."""
    workers = min(len(jobs), len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)
    if workers <= 1:
        return {key: _make(source, key, cache_dir) for key, source in jobs.items()}
    with _importable(), ProcessPoolExecutor(max_workers=workers) as pool:
        futures = {key: pool.submit(_make, source, key, cache_dir) for key, source in jobs.items()}
        return {key: future.result() for key, future in futures.items()}


@contextlib.contextmanager
def _importable():
    """Workers started by spawn or forkserver import this module by name: keep its package findable."""
    root = str(Path(__file__).resolve().parents[3])  # hooks/, which holds the campaign package
    added = root not in sys.path
    if added:
        sys.path.insert(0, root)
    try:
        yield
    finally:
        if added:
            sys.path.remove(root)


def _make(source: Path, key: str, cache_dir: Path) -> Picture | Failure:
    """Decode, convert and write every output of one image; the manifest last."""
    try:
        image = _decode(source)
    except _Refused as refused:
        return refused.failure
    except Exception as error:
        return _explain(error)
    width, height = image.size
    widths = tuple(sorted({w for w in WIDTHS if w < width} | {min(width, WIDTHS[-1])}))
    for w in reversed(widths):  # a cascade: each width is resized from the one above it
        image = image.resize((w, max(1, round(height * w / width))), Image.LANCZOS, reducing_gap=3.0)
        for fmt, (name, options) in ENCODERS.items():
            cache.write(cache_dir / f"{key}-{w}.{fmt}", lambda out, i=image, n=name, o=options: i.save(out, n, **o))
    picture = Picture(key, widths[-1], max(1, round(height * widths[-1] / width)), widths, tuple(ENCODERS))
    manifest = json.dumps(asdict(picture), sort_keys=True).encode()
    cache.write(cache_dir / f"{key}.json", lambda out: out.write(manifest))
    return picture


def _decode(source: Path) -> Image.Image:
    """The upright sRGB image, as small as the outputs allow (a JPEG at reduced scale)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # our own limit, below, decides
        image = Image.open(source, formats=DECODERS)
    if image.width * image.height > MAX_PIXELS:
        raise _Refused(_too_large(image.size))
    orientation = image.getexif().get(ExifTags.Base.Orientation, 1)
    full = image.size[::-1] if orientation in _ROTATED else image.size
    if image.format in {"JPEG", "MPO"}:
        # Decode at 1/2, 1/4 or 1/8 scale when that still (nearly) covers the largest output. "Nearly":
        # a portrait phone photo (3000 px wide upright) at half scale is 1500 px wide, which then is its
        # largest output, rather than decoding four times the pixels for the last 100.
        wanted = min(full[0], math.ceil(WIDTHS[-1] * DRAFT_SLACK))
        box = (wanted, math.ceil(full[1] * wanted / full[0]))
        image.draft(None, box[::-1] if orientation in _ROTATED else box)
    return _to_srgb(ImageOps.exif_transpose(image))


def _to_srgb(image: Image.Image) -> Image.Image:
    """RGB in sRGB, with no metadata: 16-bit scaled down, transparency flattened onto white."""
    if image.mode == "I" or image.mode.startswith("I;16"):
        image = image.convert("I").point(lambda v: v / 256).convert("L")
    profile = image.info.get("icc_profile")
    alpha = image.mode in {"RGBA", "LA", "PA", "RGBa", "La"} or "transparency" in image.info
    mode = "RGBA" if alpha else "RGB"
    if profile and image.mode in {"RGB", "RGBA", "CMYK"}:
        try:
            image = ImageCms.profileToProfile(
                image,
                ImageCms.ImageCmsProfile(io.BytesIO(profile)),
                _srgb(),
                outputMode=mode if image.mode != "CMYK" else "RGB",
            )
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # an unreadable profile: the plain conversion below is the best guess
    image = image.convert(mode)
    if alpha:
        flat = Image.new("RGB", image.size, "white")
        flat.paste(image, mask=image.getchannel("A"))
        image = flat
    image.info = {}  # EXIF (GPS, device, time), XMP and the profile: nothing reaches the outputs
    return image


def _srgb() -> ImageCms.ImageCmsProfile:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


def _too_large(size: tuple[int, int] | None = None) -> Failure:
    dimensions = f"{size[0]}×{size[1]}，" if size else ""
    return Failure(
        f"像素太多（{dimensions}上限 {MAX_PIXELS // 10**6} 百万像素），可能是损坏或特意构造的文件",
        "用修图软件把它缩小到宽 4000 像素以内再保存为 JPEG；手机照片通常不会超过这个大小。",
    )


def _explain(error: Exception) -> Failure:
    if isinstance(error, UnidentifiedImageError):
        return Failure(
            "不是能识别的图片（文件内容不是 JPEG、PNG、HEIC 或 WebP 图片，可能只是改了扩展名）",
            "用手机相册或看图软件把原图另存为 JPEG，再放到 data/images/ 替换它。",
        )
    if isinstance(error, Image.DecompressionBombError):
        return _too_large()
    if isinstance(error, (OSError, SyntaxError, EOFError, ValueError)):
        return Failure("已损坏或不完整（可能没有复制完），读不出来")
    return Failure(f"无法处理（{type(error).__name__}：{error}）")
