"""The share card: the picture a chat app shows beside a link to any page of the site.

Made at build time from the campaign's own title, slogan and organiser (Pillow, with a Chinese font
from Debian's fonts-noto-cjk), so that no other campaign's picture is ever shown; or the office's own
photo (`share_image` in campaign.yml), published by the photo pipeline like every other photo.
"""

from __future__ import annotations

import functools
import io
import subprocess
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from campaign.data.load import Site

CARD = "assets/images/share.png"
SIZE = (1200, 630)
MARGIN = 80
RED, WHITE, PALE = "#b71c1c", "#ffffff", "#ffd9d9"  # the site's red (base.css); white on it is 6.6:1
TITLE_SIZES = (100, 92, 84, 76, 68, 60, 52)  # the largest that fits the title in three lines
# Debian's fonts-noto-cjk (the Simplified Chinese face inside each collection), else what fontconfig knows.
NOTO = ["/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"]
NOTO_FAMILY = "Noto Sans CJK SC"
NO_FONT = (
    "找不到中文字体，分享卡片上只有颜色，没有活动名称。请安装 fonts-noto-cjk"
    "（sudo apt-get install fonts-noto-cjk），或在 campaign.yml 的 share_image 写一张自己的图片。"
)
NO_LINE_START = set("，。、；：！？）》」』”’…—·")  # Chinese line-breaking: these never begin a line


@dataclass(frozen=True)
class ShareImage:
    url: str  # site-relative
    width: int
    height: int


def share_image(site: Site) -> ShareImage:
    """The office's own picture when campaign.yml names one (processed already), else the drawn card."""
    own = site.campaign.share_image
    if own:
        picture = site.pictures[own]
        return ShareImage(picture.full, picture.width, picture.height)
    return ShareImage(CARD, *SIZE)


@functools.cache
def font_file() -> tuple[str, int] | None:
    """(path, face index) of a Simplified Chinese font, bold if there is one; None when the machine has none."""
    for path in NOTO:
        if Path(path).is_file():
            return path, _face(path, NOTO_FAMILY)
    faces = sorted(
        _fontconfig_faces(), key=lambda face: (not face[2].endswith((" SC", " CN")), "Bold" not in face[3], face)
    )
    return (faces[0][0], int(faces[0][1])) if faces else None


def _fontconfig_faces() -> list[tuple[str, str, str, str]]:
    """(file, index, family, style) of every font fontconfig says covers Simplified Chinese."""
    try:
        listed = subprocess.run(
            ["fc-list", "-f", "%{file}\t%{index}\t%{family[0]}\t%{style[0]}\n", ":lang=zh-cn"],
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout
    except (OSError, subprocess.SubprocessError):  # no fontconfig
        return []
    return [
        tuple(line.split("\t"))
        for line in listed.splitlines()
        if line.count("\t") == 3 and line.split("\t")[1].isdigit()
    ]


def card(site: Site) -> bytes:
    """The 1200×630 PNG: the title large on the site's red, the slogan under it, the organiser below."""
    image = Image.new("RGB", SIZE, RED)
    found = font_file()
    if found:
        _draw_text(ImageDraw.Draw(image), site, found)
    out = io.BytesIO()
    # Few colours (red, white, the anti-aliased edges between them): a palette PNG of a few dozen KB.
    image.quantize(32, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(out, "PNG", optimize=True)
    return out.getvalue()


def _draw_text(draw: ImageDraw.ImageDraw, site: Site, found: tuple[str, int]) -> None:
    campaign = site.campaign
    width = SIZE[0] - 2 * MARGIN
    size = next((s for s in TITLE_SIZES if len(_wrap(campaign.title, _font(found, s), width)) <= 3), TITLE_SIZES[-1])
    lines = _at_most(3, _balanced(campaign.title, _font(found, size), width), _font(found, size), width)
    y = MARGIN
    for line in lines:
        draw.text((MARGIN, y), line, font=_font(found, size), fill=WHITE)
        y += round(size * 1.3)
    if campaign.slogan:
        y += 16
        for line in _at_most(2, _wrap(campaign.slogan, _font(found, 44), width), _font(found, 44), width):
            draw.text((MARGIN, y), line, font=_font(found, 44), fill=PALE)
            y += 58
    draw.text((MARGIN, SIZE[1] - MARGIN - 40), campaign.organiser, font=_font(found, 36), fill=WHITE)


def _at_most(count: int, lines: list[str], font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """The first `count` lines; when some are left out, the last shown ends in "…"."""
    if len(lines) <= count:
        return lines
    last = lines[count - 1]
    while last and font.getlength(last + "…") > width:
        last = last[:-1]
    return lines[: count - 1] + [last + "…"]


def _balanced(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """As many lines as `width` needs, but of even length (市民看城市变化 / 提意见建议, not one word alone)."""
    count = len(_wrap(text, font, width))
    narrow, wide = 1, width  # the narrowest width that still gives `count` lines
    while narrow < wide:
        middle = (narrow + wide) // 2
        narrow, wide = (narrow, middle) if len(_wrap(text, font, middle)) <= count else (middle + 1, wide)
    return _wrap(text, font, wide)


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Lines of Chinese text no wider than `width`, broken between any two characters but never
    before closing punctuation; Latin words are kept whole."""
    lines: list[str] = []
    line = ""
    for word in _words(text):
        if line and font.getlength(line + word) > width:
            while word[0] in NO_LINE_START and line:  # carry the last character down with it
                line, word = line[:-1], line[-1] + word
            lines.append(line)
            line = word.lstrip()
        else:
            line += word
    return lines + [line] if line else lines


def _words(text: str) -> list[str]:
    words: list[str] = []
    for char in " ".join(text.split()):
        if words and char.isascii() and char != " " and words[-1][-1].isascii() and words[-1][-1] != " ":
            words[-1] += char
        else:
            words.append(char)
    return words


@functools.cache
def _font(found: tuple[str, int], size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(found[0], size, index=found[1])


def _face(path: str, family: str) -> int:
    """The index of `family` inside a font collection (.ttc), 0 when not found."""
    for index in range(32):
        try:
            if ImageFont.truetype(path, 12, index=index).getname()[0] == family:
                return index
        except OSError:
            break
    return 0
