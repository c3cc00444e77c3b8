"""Draw the sample campaigns' example photos into data/images/ and examples/sibaoshan/images/ (run by
hand; the JPEGs are committed). Photos already there are kept: only missing ones are drawn.

Simple drawn scenes, each stamped 示例图片 so no one takes them for real photographs. Needs a CJK
font only here, never in the build: `apt-get install fonts-noto-cjk`, or pass a font file.

    .venv/bin/python tools/sample_photos.py [path/to/cjk-font.ttc]
"""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

ROOT = Path(__file__).resolve().parent.parent
W, H = 1600, 1200
SKY, GROUND = (196, 214, 228), (150, 140, 120)


def font(size: int, path: str) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size)


def canvas(sky=SKY, ground=GROUND, horizon=760) -> tuple[Image.Image, ImageDraw.ImageDraw]:
    image = Image.new("RGB", (W, H), sky)
    draw = ImageDraw.Draw(image)
    for y in range(horizon):  # a sky that lightens towards the horizon
        t = y / horizon
        draw.line([(0, y), (W, y)], fill=tuple(int(c + (255 - c) * 0.35 * t) for c in sky))
    draw.rectangle([0, horizon, W, H], fill=ground)
    return image, draw


def block(draw, x, y, w, h, wall, window, storeys=5, stains=False, rng=None):
    draw.rectangle([x, y, x + w, y + h], fill=wall)
    for row in range(storeys):
        for col in range(w // 90):
            wx, wy = x + 30 + col * 90, y + 30 + row * (h - 40) // storeys
            draw.rectangle([wx, wy, wx + 50, wy + 60], fill=window)
    if stains:
        for _ in range(40):
            sx, sy = rng.randrange(x, x + w - 20), rng.randrange(y, y + h - 40)
            draw.rectangle([sx, sy, sx + rng.randrange(8, 30), sy + rng.randrange(30, 120)], fill=(112, 110, 104))


def tree(draw, x, y, size=70, leaf=(60, 130, 60)):
    draw.rectangle([x - 8, y - size, x + 8, y], fill=(100, 70, 40))
    draw.ellipse([x - size, y - 2.4 * size, x + size, y - 0.7 * size], fill=leaf)


def stamp(image: Image.Image, title: str, fontfile: str) -> Image.Image:
    """The 示例图片 mark, large in a corner, and what the scene shows."""
    image = image.filter(ImageFilter.GaussianBlur(1.2))  # soften the drawn edges like a photo
    draw = ImageDraw.Draw(image, "RGBA")
    draw.rectangle([0, 0, W, 120], fill=(0, 0, 0, 150))
    draw.text((40, 18), "示例图片", font=font(72, fontfile), fill=(255, 255, 255))
    draw.text((400, 42), f"非实拍 · {title}", font=font(44, fontfile), fill=(255, 230, 160))
    return image


def estate(after: bool, rng) -> Image.Image:
    image, draw = canvas(ground=(170, 165, 150) if after else (128, 118, 100))
    wall, window = ((236, 214, 180), (120, 160, 200)) if after else ((150, 148, 142), (70, 72, 76))
    for i, x in enumerate((60, 580, 1100)):
        block(draw, x, 260 + (i % 2) * 40, 440, 500, wall, window, stains=not after, rng=rng)
        if after:
            draw.rectangle([x, 250 + (i % 2) * 40, x + 440, 272 + (i % 2) * 40], fill=(178, 60, 50))  # new roof edge
    if after:
        draw.rectangle([0, 900, W, 1000], fill=(90, 90, 95))  # new asphalt road
        for x in range(60, W, 180):
            tree(draw, x, 900, 60)
    else:
        for _ in range(30):  # potholes and debris
            x, y = rng.randrange(W), rng.randrange(800, H)
            draw.ellipse([x, y, x + rng.randrange(40, 120), y + rng.randrange(15, 40)], fill=(95, 85, 70))
        for k in range(6):  # tangled overhead wires
            draw.line([(0, 200 + k * 12), (W, 240 + k * 9)], fill=(40, 40, 40), width=3)
    return image


def park(after: bool, rng) -> Image.Image:
    image, draw = canvas(ground=(96, 160, 88) if after else (160, 140, 110), horizon=640)
    if after:
        draw.rectangle([300, 760, 1300, 1100], fill=(40, 120, 90))  # badminton court
        draw.rectangle([300, 760, 1300, 1100], outline=(255, 255, 255), width=6)
        draw.line([(800, 760), (800, 1100)], fill=(255, 255, 255), width=4)
        draw.line([(300, 930), (1300, 930)], fill=(240, 240, 240), width=8)  # the net
        for x in (100, 1420):  # fitness equipment
            draw.rectangle([x, 700, x + 16, 900], fill=(30, 90, 170))
            draw.rectangle([x + 100, 700, x + 116, 900], fill=(30, 90, 170))
            draw.line([(x, 720), (x + 116, 720)], fill=(240, 180, 40), width=14)
        for x in range(80, W, 220):
            tree(draw, x, 640, 80)
    else:
        for _ in range(60):  # bare, uneven ground
            x, y = rng.randrange(W), rng.randrange(660, H)
            draw.ellipse([x, y, x + rng.randrange(30, 160), y + rng.randrange(10, 40)], fill=(130, 112, 86))
        draw.line([(0, 700), (W, 700)], fill=(90, 90, 90), width=5)  # a makeshift fence
    return image


def river(after: bool, rng) -> Image.Image:
    image, draw = canvas(ground=(90, 140, 80), horizon=520)
    water = (70, 140, 160) if after else (176, 140, 60)
    draw.polygon([(0, 720), (W, 640), (W, 980), (0, 1060)], fill=water)
    for _ in range(50):  # ripples
        x, y = rng.randrange(W), rng.randrange(700, 1000)
        shade = (120, 180, 200) if after else (150, 110, 40)
        draw.line([(x, y), (x + rng.randrange(40, 140), y)], fill=shade, width=3)
    if after:
        for x in range(40, W, 160):
            tree(draw, x, 680, 55, leaf=(70, 140, 70))
    return image


def performance(crowd: int, rng) -> Image.Image:
    image, draw = canvas(sky=(40, 50, 80), ground=(110, 110, 110), horizon=560)
    draw.rectangle([300, 300, 1300, 700], fill=(160, 30, 30))  # stage backdrop
    draw.rectangle([250, 680, 1350, 760], fill=(120, 90, 60))  # the stage
    for x in range(420, 1200, 180):  # performers
        draw.ellipse([x, 470, x + 50, 520], fill=(230, 190, 150))
        draw.rectangle([x - 10, 520, x + 60, 680], fill=rng.choice([(250, 200, 40), (240, 240, 240), (40, 120, 200)]))
    for _ in range(crowd):  # the audience, seen from behind
        x, y = rng.randrange(0, W - 60), rng.randrange(820, H - 60)
        draw.ellipse([x, y, x + 56, y + 60], fill=rng.choice([(30, 30, 30), (70, 60, 50), (160, 160, 160)]))
    return image


def people(draw, rng, x0, x1, y, count, size=50):
    """A row of people seen from the front: heads and coats."""
    for i in range(count):
        x = x0 + (x1 - x0) * (i + 0.5) / count + rng.randrange(-10, 10)
        draw.rectangle(
            [x - size * 0.45, y, x + size * 0.45, y + size * 1.6],
            fill=rng.choice([(40, 60, 110), (150, 40, 40), (70, 70, 70), (200, 170, 90), (60, 110, 80)]),
        )
        draw.ellipse([x - size * 0.3, y - size * 0.65, x + size * 0.3, y], fill=(230, 190, 150))


def school(rng) -> Image.Image:
    image, draw = canvas(ground=(176, 70, 60), horizon=700)  # a red running track
    block(draw, 200, 220, 1200, 480, (235, 235, 225), (120, 160, 200), storeys=4)
    draw.rectangle([0, 820, W, 1200], fill=(60, 140, 80))  # the new artificial turf
    for y in (760, 790):
        draw.line([(0, y), (W, y)], fill=(255, 255, 255), width=3)
    people(draw, rng, 300, 1300, 860, 12)
    return image


def service_hall(rng) -> Image.Image:
    image, draw = canvas(sky=(236, 232, 222), ground=(200, 196, 186), horizon=620)
    draw.rectangle([0, 120, W, 260], fill=(176, 40, 40))  # the banner over the counters
    for x in range(100, W - 200, 360):  # counters with a screen each
        draw.rectangle([x, 560, x + 280, 700], fill=(130, 100, 70))
        draw.rectangle([x + 90, 470, x + 190, 550], fill=(40, 50, 70))
    people(draw, rng, 150, 1450, 760, 9, size=60)
    return image


def meeting(rng) -> Image.Image:
    image, draw = canvas(sky=(230, 226, 214), ground=(170, 150, 120), horizon=560)
    draw.rectangle([0, 140, W, 250], fill=(176, 40, 40))
    people(draw, rng, 150, 1450, 560, 8, size=60)  # seated behind the table
    draw.rectangle([100, 700, 1500, 820], fill=(120, 80, 50))  # the long table
    for x in range(200, 1450, 180):  # cups and papers on it
        draw.rectangle([x, 672, x + 60, 700], fill=(250, 250, 250))
    return image


def press_conference(rng) -> Image.Image:
    image, draw = canvas(sky=(40, 60, 110), ground=(150, 130, 110), horizon=520)
    draw.rectangle([200, 120, 1400, 420], fill=(20, 80, 160))  # the backdrop
    draw.rectangle([300, 430, 1300, 560], fill=(240, 240, 240))  # the speakers' table
    people(draw, rng, 380, 1220, 330, 4, size=55)
    for row in range(2):  # the press, seen from behind
        for i in range(14):
            x, y = 60 + i * 110 + rng.randrange(-8, 8), 800 + row * 170
            draw.ellipse([x, y, x + 70, y + 76], fill=rng.choice([(30, 30, 30), (70, 60, 50)]))
    return image


SCENES = {  # path in the repository -> (drawing, its caption on the picture)
    "data/images/qiuquan/before.jpg": (lambda rng: estate(False, rng), "秋泉小区 改造前"),
    "data/images/qiuquan/after.jpg": (lambda rng: estate(True, rng), "秋泉小区 改造后"),
    "data/images/central-park/before.jpg": (lambda rng: park(False, rng), "中心公园 建设前"),
    "data/images/central-park/after.jpg": (lambda rng: park(True, rng), "中心公园 新建球场和健身器材"),
    "data/images/yueyang-river/before.jpg": (lambda rng: river(False, rng), "岳阳河 治理前"),
    "data/images/yueyang-river/after.jpg": (lambda rng: river(True, rng), "岳阳河 治理后"),
    "data/images/performances/stage.jpg": (lambda rng: performance(40, rng), "文化惠民下乡演出"),
    "data/images/performances/audience.jpg": (lambda rng: performance(120, rng), "演出现场的观众"),
    "data/images/campus-open-day/playground.jpg": (school, "校园开放日 参观新操场"),
    "data/images/social-assistance/service-hall.jpg": (service_hall, "便民服务中心 救助服务窗口"),
    "data/images/hospital-open-day/meeting.jpg": (meeting, "医院开放日 座谈会"),
    "examples/sibaoshan/images/press-conference/stage.jpg": (press_conference, "新闻发布会 四宝山街道专场"),
}


def main(argv: list[str]) -> None:
    fontfile = (
        argv[0]
        if argv
        else subprocess.run(
            ["fc-match", "-f", "%{file}", "Noto Sans CJK SC:bold"], capture_output=True, text=True, check=True
        ).stdout
    )
    for path, (draw, title) in SCENES.items():
        target = ROOT / path
        if target.exists():  # committed photos stay byte for byte what they are
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        stamp(draw(random.Random(path.removeprefix("data/images/"))), title, fontfile).save(
            target, quality=72, optimize=True, progressive=True
        )
        print(f"{path}: {target.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main(sys.argv[1:])
