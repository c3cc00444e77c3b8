"""The photo pipeline on awkward phone and designer files, its cache, and the photos in the built site."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pillow_heif
import pytest
from PIL import ExifTags, Image, ImageCms, ImageDraw

from campaign.data.load import load_site
from campaign.data.problems import DataProblems
from campaign.features.gallery import images
from campaign.features.gallery.images import _decode, process_images
from campaign.html.cache import VARIABLES, Digests, cache_dir
from conftest import ROOT, mkdocs_build

GPS = {
    ExifTags.GPS.GPSLatitudeRef: "N",
    ExifTags.GPS.GPSLatitude: (36.0, 29.0, 10.5),
    ExifTags.GPS.GPSLongitudeRef: "E",
    ExifTags.GPS.GPSLongitude: (117.0, 51.0, 3.2),
}


def phone_exif(orientation: int = 1) -> Image.Exif:
    """What a phone writes: orientation, GPS position, device and time."""
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.Make], exif[ExifTags.Base.Model] = "Apple", "iPhone 12"
    exif[ExifTags.Base.DateTime] = "2021:09:18 10:12:00"
    exif[ExifTags.IFD.GPSInfo] = GPS
    return exif


def marked(size=(600, 400)) -> Image.Image:
    """Blue, with a red square in the stored top-left corner: shows which way up it came out."""
    image = Image.new("RGB", size, "blue")
    ImageDraw.Draw(image).rectangle([0, 0, 99, 99], fill="red")
    return image


def write_awkward(folder: Path) -> None:
    """The kept-aside kinds of file: good but awkward ones, and bad ones."""
    folder.mkdir(parents=True, exist_ok=True)
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    marked().save(folder / "sideways.jpg", exif=phone_exif(6), quality=90)
    Image.effect_noise((4000, 3000), 40).convert("RGB").save(
        folder / "gps.jpg", exif=phone_exif(), icc_profile=srgb, xmp=b"<x:xmpmeta>GPSLatitude 36,29</x:xmpmeta>"
    )
    Image.new("CMYK", (500, 300), (255, 0, 0, 0)).save(folder / "cmyk.jpg")
    palette = Image.new("P", (300, 200), 0)
    palette.putpalette([255, 0, 0, 0, 160, 0])
    ImageDraw.Draw(palette).rectangle([0, 0, 149, 199], fill=1)
    palette.save(folder / "palette.png", transparency=0)  # the right half is transparent
    Image.new("I;16", (300, 200), 32768).save(folder / "deep.png")  # 16-bit grey at half
    heif = pillow_heif.from_pillow(marked())
    heif.info["exif"] = phone_exif(6).tobytes()
    heif.save(folder / "iphone.heic", quality=80)
    Image.new("1", (20000, 20000)).save(folder / "bomb.png")  # 400 megapixels in 48 KB
    whole = (folder / "sideways.jpg").read_bytes()
    (folder / "truncated.jpg").write_bytes(whole[: len(whole) // 2])
    (folder / "notes.jpg").write_text("这不是图片，只是改了扩展名的文字。", encoding="utf-8")


GOOD = ["sideways.jpg", "gps.jpg", "cmyk.jpg", "palette.png", "deep.png", "iphone.heic"]
BAD = {
    "bomb.png": "像素太多",
    "truncated.jpg": "已损坏或不完整",
    "notes.jpg": "不是能识别的图片",
    "missing.jpg": "找不到",
}


@pytest.fixture(scope="module")
def awkward(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("awkward") / "images"
    write_awkward(folder)
    return folder


@pytest.fixture(scope="module")
def processed(awkward, tmp_path_factory):
    cache = tmp_path_factory.mktemp("cache")
    uses = {name: [f"data/activities/test.yml:{10 + i}"] for i, name in enumerate(GOOD)}
    return process_images(uses, awkward, cache), cache


def outputs(picture, cache: Path) -> list[Path]:
    return [cache / name for name in picture.names()]


def test_every_output_is_rgb_with_no_exif_gps_xmp_or_profile(processed):
    pictures, cache = processed
    assert sorted(pictures) == sorted(GOOD)
    for picture in pictures.values():
        assert picture.formats == tuple(images.ENCODERS) and "jpg" in picture.formats and "webp" in picture.formats
        for file in outputs(picture, cache):
            with Image.open(file) as out:
                assert out.mode == "RGB", file
                assert not out.getexif(), f"{file}: EXIF left"
                assert not {"exif", "xmp", "XML:com.adobe.xmp", "icc_profile"} & set(out.info), file
            data = file.read_bytes()
            assert b"Exif\x00\x00" not in data and b"GPSLatitude" not in data and b"iPhone" not in data, file


def test_sideways_photos_come_out_upright(processed):
    pictures, cache = processed
    for name in ["sideways.jpg", "iphone.heic"]:
        picture = pictures[name]
        assert (picture.width, picture.height) == (400, 600), name
        with Image.open(cache / f"{picture.key}-400.jpg") as out:
            red, blue = out.getpixel((350, 50)), out.getpixel((50, 550))  # stored top-left turns to top-right
            assert red[0] > 200 and red[2] < 60 and blue[2] > 200 and blue[0] < 60, (name, red, blue)


def test_colours_are_converted_and_transparency_flattened(processed):
    pictures, cache = processed

    def pixel(name, xy):
        with Image.open(cache / f"{pictures[name].key}-{pictures[name].widths[-1]}.jpg") as out:
            return out.getpixel(xy)

    cyan = pixel("cmyk.jpg", (10, 10))
    assert cyan[0] < 30 and cyan[1] > 200 and cyan[2] > 200
    assert all(c > 245 for c in pixel("palette.png", (250, 100)))  # transparent -> white
    assert pixel("palette.png", (50, 100))[1] > 130  # the opaque green stays
    assert all(120 <= c <= 136 for c in pixel("deep.png", (10, 10)))  # 16-bit half grey, not clipped white


def test_a_phone_photo_gets_four_widths_and_a_large_jpeg_is_decoded_at_reduced_scale(processed, awkward):
    picture = processed[0]["gps.jpg"]
    assert picture.widths == (480, 800, 1200, 1600) and (picture.width, picture.height) == (1600, 1200)
    assert _decode(awkward / "gps.jpg").size == (2000, 1500)  # Image.draft: half scale suffices
    assert processed[0]["cmyk.jpg"].widths == (480, 500)  # never enlarged


def test_a_portrait_phone_photo_is_decoded_at_half_scale_and_its_largest_width_is_what_that_gives(tmp_path):
    # Stored 4000×3000 on its side (as phones save portraits): upright 3000 wide. Half scale gives
    # 1500, a little short of 1600; decoding the full 12 megapixels for the last 100 px is not worth it.
    Image.effect_noise((4000, 3000), 40).convert("RGB").save(tmp_path / "portrait.jpg", exif=phone_exif(6))
    assert _decode(tmp_path / "portrait.jpg").size == (1500, 2000)
    picture = process_images({"portrait.jpg": ["data/x.yml:1"]}, tmp_path, tmp_path / "cache")["portrait.jpg"]
    assert picture.widths == (480, 800, 1200, 1500) and (picture.width, picture.height) == (1500, 2000)


def test_bad_files_are_all_refused_at_once_with_file_and_line(awkward, tmp_path):
    uses = {name: [f"data/achievements/housing.yml:{40 + i}"] for i, name in enumerate(GOOD[:2] + list(BAD))}
    uses["notes.jpg"].append("data/activities/culture-sports.yml:7")
    with pytest.raises(DataProblems) as caught:
        process_images(uses, awkward, tmp_path)
    report = caught.value.report()
    assert len(caught.value.problems) == len(BAD) + 1
    for name, why in BAD.items():
        line = next(p for p in caught.value.problems if f"「{name}」" in p.message)
        assert why in line.message and f"housing.yml:{line.line}" in str(line), report
        assert line.hint, name
    assert "data/activities/culture-sports.yml:7: 图片「notes.jpg」" in report
    assert "Traceback" not in report and "sideways" not in report


def test_a_warm_run_does_no_image_work(processed, awkward, monkeypatch):
    pictures, cache = processed
    monkeypatch.setattr(images, "_make", lambda *args: pytest.fail("processed again"))
    uses = {name: ["data/x.yml:1"] for name in GOOD}
    assert process_images(uses, awkward, cache) == pictures


def test_a_half_written_entry_is_never_trusted(awkward, tmp_path, monkeypatch):
    uses = {"sideways.jpg": ["data/x.yml:1"]}
    picture = process_images(uses, awkward, tmp_path)["sideways.jpg"]
    made = []
    real = images._make
    monkeypatch.setattr(images, "_make", lambda *args: made.append(args) or real(*args))
    (tmp_path / f"{picture.key}-400.webp").write_bytes(b"RIFF")  # a build killed mid-write, before renaming
    (tmp_path / f".{picture.key}-400.avif.123.tmp").write_bytes(b"")
    assert process_images(uses, awkward, tmp_path)["sideways.jpg"] == picture and len(made) == 1
    (tmp_path / f"{picture.key}.json").unlink()  # outputs present, manifest missing
    assert process_images(uses, awkward, tmp_path)["sideways.jpg"] == picture and len(made) == 2
    assert process_images(uses, awkward, tmp_path)["sideways.jpg"] == picture and len(made) == 2


def test_the_same_photo_always_gives_the_same_bytes(processed, awkward, tmp_path):
    pictures, cache = processed
    again = process_images({name: ["data/x.yml:1"] for name in GOOD}, awkward, tmp_path)
    assert again == pictures
    for picture in pictures.values():
        for file in outputs(picture, cache):
            assert (tmp_path / file.name).read_bytes() == file.read_bytes(), file.name


def add_photos(project: Path, images_: dict[str, str]) -> None:
    """Give the first activity of culture-sports.yml a photo set of `images_` (path -> alt)."""
    path = project / "data/activities/culture-sports.yml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    block = "  photos:\n" + "".join(f"    - image: {name}\n      alt: {alt}\n" for name, alt in images_.items())
    second = [i for i, line in enumerate(lines) if line.startswith("- id:")][1]
    path.write_text("".join(lines[:second]) + block + "".join(lines[second:]), encoding="utf-8")


def test_a_bad_photo_stops_the_build_before_anything_is_written(project, awkward, tmp_path):
    shutil.copytree(awkward, project / "data/images/awkward")
    add_photos(project, {f"awkward/{name}": f"测试图片{n}" for n, name in enumerate(GOOD + list(BAD))})
    site = tmp_path / "site"
    result = mkdocs_build(project, site, env={"CAMPAIGN_IMAGE_CACHE": str(tmp_path / "cache")})
    assert result.returncode != 0 and not site.exists()
    for name, why in BAD.items():
        assert re.search(
            rf"data/activities/culture-sports\.yml:\d+: 图片「awkward/{re.escape(name)}」{why}", result.stderr
        ), result.stderr
    assert "Traceback" not in result.stderr and "sideways" not in result.stderr


def test_photo_fields_are_checked_with_lines(project):
    add_photos(project, {"../secret.jpg": "x", "ok.gif": "y"})
    path = project / "data/activities/culture-sports.yml"
    text = path.read_text(encoding="utf-8").replace("      alt: y\n", "      date: 下个月\n", 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataProblems) as caught:
        load_site(project / "data")
    report = caught.value.report()
    assert re.search(r"culture-sports\.yml:\d+: 「image」（图片文件）：图片路径「\.\./secret\.jpg」", report), report
    assert "「ok.gif」不是支持的图片格式" in report and "缺少必填字段「alt」（画面描述）" in report


def test_sample_pages_show_responsive_lazy_pictures_with_alt(sample_site):
    sample = load_site(ROOT / "data")
    assert {"qiuquan/before.jpg", "central-park/after.jpg", "performances/stage.jpg"} <= set(sample.images)
    page = (sample_site / "domains/housing/index.html").read_text(encoding="utf-8")
    figure = page[
        page.index('<figure class="cc-compare"') : page.index("</figure>", page.index('<figure class="cc-compare"'))
    ]
    assert '<source type="image/webp" srcset="../../images/' in figure
    assert re.search(
        r'<img src="\.\./\.\./images/[0-9a-f]{16}-1200\.jpg" srcset="[^"]+ 480w, [^"]+ 1600w" sizes="[^"]+" '
        r'width="1600" height="1200" alt="示例图片：[^"]+" loading="lazy" decoding="async">',
        figure,
    ), figure
    assert 'type="range"' in figure and "hidden" in figure and ">前</button>" in figure and ">后</button>" in figure
    for url in re.findall(r'(?:src|href)="\.\./\.\./(images/[^"]+)"', page) + [
        u for s in re.findall(r'srcset="([^"]+)"', page) for u in re.findall(r"\.\./\.\./(images/\S+)", s)
    ]:
        assert (sample_site / url).is_file(), url
    for file in (sample_site / "images").iterdir():
        with Image.open(file) as out:
            assert not out.getexif() and "icc_profile" not in out.info, file


def test_a_warm_build_reads_no_photo_only_its_stat(tmp_path):
    Image.new("RGB", (64, 48), "red").save(tmp_path / "a.jpg")
    uses, cache = {"a.jpg": ["data/x.yml:1"]}, tmp_path / "cache"
    first = process_images(uses, tmp_path, cache)["a.jpg"].key
    stat = (tmp_path / "a.jpg").stat()
    with (tmp_path / "a.jpg").open("r+b") as photo:  # other bytes, same inode, size and time: not read again
        photo.seek(stat.st_size - 3)
        photo.write(b"\0\0\0")
    os.utime(tmp_path / "a.jpg", ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert process_images(uses, tmp_path, cache)["a.jpg"].key == first
    digest = Digests(cache / "sources.json").of(tmp_path / "a.jpg")
    os.utime(tmp_path / "a.jpg", ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))  # saved again: read again
    assert Digests(cache / "sources.json").of(tmp_path / "a.jpg") != digest
    # A photo no longer used is forgotten: the file holds the photos of the last build only.
    Image.new("RGB", (64, 48), "blue").save(tmp_path / "b.jpg")
    process_images({"b.jpg": ["data/x.yml:2"]}, tmp_path, cache)
    assert list(json.loads((cache / "sources.json").read_text(encoding="utf-8"))) == [str(tmp_path / "b.jpg")]
    for broken in ["[]", '{"%s": []}' % (tmp_path / "b.jpg")]:  # not what a build writes: read afresh, no error
        (cache / "sources.json").write_text(broken, encoding="utf-8")
        assert process_images({"b.jpg": ["data/x.yml:2"]}, tmp_path, cache)["b.jpg"].key


def test_the_caches_go_where_their_variables_say(tmp_path, monkeypatch):
    for name, variable in VARIABLES.items():  # images, qr, search, calendar
        monkeypatch.delenv(variable, raising=False)
        assert cache_dir(tmp_path, name) == tmp_path / ".cache" / name
        monkeypatch.setenv(variable, str(tmp_path / "elsewhere" / name))
        assert cache_dir(tmp_path, name) == tmp_path / "elsewhere" / name
