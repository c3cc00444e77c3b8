"""Photos in the data: how an image is referenced, when it was taken, and where each is used.

Images live in the data folder's `images/` and are referenced by their path inside it
(`image: qiuquan/before.jpg`). Only the processed copies are published, never the originals,
which carry GPS and device metadata.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import PurePosixPath

from pydantic import BaseModel

from campaign.fields.dates import read_moment
from campaign.fields.mistake import Mistake, shown
from campaign.fields.when import When

SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".heic", ".heif", ".avif", ".tif", ".tiff")
PATH_HINT = "写 data/images/ 里的路径，用“/”分隔，例如 qiuquan/before.jpg。"


def read_image_path(value) -> str:
    """A relative path inside images/, with a known image suffix."""
    if not isinstance(value, str) or not value.strip():
        raise Mistake("应写图片文件的路径", PATH_HINT)
    text = value.strip()
    if len(text) > 200:
        raise Mistake(f"图片路径「{shown(text)}」太长了（{len(text)} 个字）", "文件夹名和文件名取短一些。" + PATH_HINT)
    parts = PurePosixPath(text).parts
    if "\\" in text or text.startswith("/") or ":" in text or any(p in {".", ".."} for p in parts):
        raise Mistake(f"图片路径「{text}」不能以“/”开头，也不能含“\\”“:”“..”", PATH_HINT)
    if PurePosixPath(text).suffix.lower() not in SUFFIXES:
        raise Mistake(
            f"「{text}」不是支持的图片格式", "用 JPEG、PNG、HEIC 或 WebP 照片（扩展名 .jpg、.png、.heic、.webp）。"
        )
    return text


def read_photo_date(value, year: int) -> When:
    """When a photo was taken: one day, one month or one year, as `2021-09-12` or `2021年9月`."""
    return read_moment(value, year, "写拍摄的日期或月份，例如 2021-09-12、2021年9月。")


def image_uses(entries: Iterable[tuple[BaseModel, object, tuple]], photo: type) -> dict[str, list[str]]:
    """Image path -> "file:line" of every `photo` in `entries` ((item, source, loc) triples) using it."""
    uses: dict[str, list[str]] = {}
    for item, source, loc in entries:
        for where, found in _instances(item, photo, loc):
            uses.setdefault(found.image, []).append(f"{source.label}:{source.line_of(where + ('image',))}")
    return uses


def _instances(value, cls: type, loc: tuple) -> Iterator[tuple[tuple, BaseModel]]:
    if isinstance(value, cls):
        yield loc, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _instances(getattr(value, name), cls, loc + (name,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _instances(item, cls, loc + (index,))
