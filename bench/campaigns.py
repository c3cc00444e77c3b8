"""Synthetic campaigns at city scale, made from the sample: S is the sample itself; M and L are many towns.

Each town is the sample campaign again under the town's name: its 11 domains (ids prefixed with the
town, `t007-healthcare`), 30 activities (the sample's 26, then again from the first), every key task,
figure and before/after pair, and a 你说我办 ledger of 20 items; ten distinct phone-size photos (4000×3000
JPEG) for the town's photo uses. M = 10 towns (300 activities, 100 photos);
L = 100 towns (3000 activities, 1000 photos). The output is deterministic: the same size gives the
same files, byte for byte.

    .venv/bin/python bench/campaigns.py M /tmp/m     # a project folder: mkdocs.yml, content/, data/
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import yaml
from PIL import ExifTags, Image

ROOT = Path(__file__).resolve().parent.parent
SIZES = {"S": 0, "M": 10, "L": 100}  # towns; S (0) is the sample as it is
ACTIVITIES_PER_TOWN = 30
LEDGER_ITEMS_PER_TOWN = 20
PHOTOS_PER_TOWN = 10  # the town's photo uses take these in turn (the sample, too, shows some photos twice)
PHOTO_SIZE = (4000, 3000)
_NAMES = (
    ("东", "西", "南", "北", "新", "安", "宁", "和", "兴", "平"),
    ("河", "山", "湖", "港", "桥", "林", "园", "庄", "岭", "湾"),
)


def town_name(index: int) -> str:
    """A distinct Chinese town name per index below 100 (东河镇, 东山镇 …), then with a number."""
    first, second = _NAMES[0][index // 10 % 10], _NAMES[1][index % 10]
    return f"{first}{second}{'' if index < 100 else index // 100}镇"


def phone_photo(path: Path, seed: int) -> None:
    """A 4000×3000 JPEG at phone quality (~3 MB): smooth shapes, sensor-like noise, EXIF with GPS.

    Seeded noise, so a photo's bytes depend only on its seed; every third one is stored sideways.
    """
    rng = random.Random(seed)
    scene = Image.frombytes("RGB", (250, 188), rng.randbytes(250 * 188 * 3)).resize(PHOTO_SIZE, Image.BICUBIC)
    grain = Image.frombytes("L", PHOTO_SIZE, rng.randbytes(PHOTO_SIZE[0] * PHOTO_SIZE[1])).convert("RGB")
    photo = Image.blend(scene, grain, 0.06)
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6 if seed % 3 == 0 else 1
    exif[ExifTags.Base.Make], exif[ExifTags.Base.Model] = "Phone", "Model 12"
    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (36.0, 29.0, float(seed % 60)),
    }
    temporary = path.with_suffix(".tmp")
    photo.save(temporary, "JPEG", quality=92, exif=exif)
    os.replace(temporary, path)


def photo_pool(folder: Path, count: int, workers: int) -> list[Path]:
    """`count` distinct phone photos in `folder`, generated once and kept (a cache for later runs)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"IMG_{n:04d}.jpg" for n in range(count)]
    missing = [(p, n) for n, p in enumerate(paths) if not p.exists()]
    if missing:
        print(f"生成 {len(missing)} 张 4000×3000 的手机照片（只在第一次）……", flush=True)
        with ProcessPoolExecutor(workers) as pool:
            list(pool.map(phone_photo, *zip(*missing)))
    return paths


def project(size: str, out: Path, photos: Path, workers: int = 2) -> Path:
    """Write the project of `size` into `out` (replacing it); return the folder to build."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    for name in ("mkdocs.yml", "overrides", "hooks"):
        os.symlink(ROOT / name, out / name)
    shutil.copytree(ROOT / "content", out / "content")
    towns = SIZES[size]
    if not towns:
        shutil.copytree(ROOT / "data", out / "data")
        return out
    for handwritten in ("activities", "domains"):  # pages about the sample's ids: no such ids in a town
        for page in (out / "content" / handwritten).glob("*.md"):
            if page.name != "index.md":
                page.unlink()
    sample = _read_sample()
    pool = photo_pool(photos, towns * PHOTOS_PER_TOWN, workers)
    data = out / "data"
    _write(data / "campaign.yml", {**sample["campaign"], "title": f"市民看城市变化提意见建议（{towns} 个镇合成数据）"})
    domains = []
    for index in range(towns):
        town = _town(sample, index)
        (data / "images" / f"{index:03d}").mkdir(parents=True)
        for n, photo in enumerate(_photos(town)):
            source = pool[index * PHOTOS_PER_TOWN + n % PHOTOS_PER_TOWN]
            photo["image"] = f"{index:03d}/{source.name}"
            if not (data / "images" / photo["image"]).exists():
                os.symlink(source, data / "images" / photo["image"])
        domains += town["domains"]
        _write(data / "activities" / f"t{index:03d}.yml", town["activities"])
        for achievements in town["achievements"]:
            _write(data / "achievements" / f"{achievements['domain']}.yml", achievements)
        _write(data / "feedback" / f"t{index:03d}.yml", town["feedback"])
    _write(data / "domains.yml", domains)
    return out


def _read_sample() -> dict:
    data = ROOT / "data"
    load = lambda path: yaml.safe_load(path.read_text(encoding="utf-8"))
    return {
        "campaign": load(data / "campaign.yml"),
        "domains": load(data / "domains.yml"),
        "activities": [a for path in sorted((data / "activities").glob("*.yml")) for a in load(path)],
        "achievements": [load(path) for path in sorted((data / "achievements").glob("*.yml"))],
        "feedback": load(sorted((data / "feedback").glob("*.yml"))[0]),
    }


def _town(sample: dict, index: int) -> dict:
    """The sample's domains, activities, achievements and ledger as town `index`'s own."""
    prefix, name = f"t{index:03d}-", town_name(index)
    sample = yaml.safe_load(yaml.safe_dump(sample, allow_unicode=True))  # a deep copy
    domain = lambda domain_id: prefix + domain_id
    activity_ids = {a["id"] for a in sample["activities"]}
    link = lambda target: prefix + target if target in activity_ids or "/" in target else target

    for d in sample["domains"]:
        d["id"], d["name"] = domain(d["id"]), f"{name}·{d['name']}"
    activities = []
    for n in range(ACTIVITIES_PER_TOWN):
        a = yaml.safe_load(yaml.safe_dump(sample["activities"][n % len(sample["activities"])], allow_unicode=True))
        round_ = n // len(sample["activities"])
        a["id"] = prefix + a["id"] + (f"-{round_ + 1}" if round_ else "")
        a["domain"], a["where"] = domain(a["domain"]), f"{name}{a['where']}"
        activities.append(a)
    for achievements in sample["achievements"]:
        achievements["domain"] = domain(achievements["domain"])
    ledger = sample["feedback"]
    items = []
    for n in range(LEDGER_ITEMS_PER_TOWN):
        item = dict(ledger["items"][n % len(ledger["items"])])
        item["id"] = f"{prefix}{item['id']}-{n}"
        item["domain"], item["links"] = domain(item["domain"]), [link(t) for t in item.get("links", [])]
        items.append(item)
    for totals in ledger.get("totals", []):
        totals["label"] = f"{name}{totals['label']}"
        if totals.get("domain"):
            totals["domain"] = domain(totals["domain"])
    return {
        "domains": sample["domains"],
        "activities": activities,
        "achievements": sample["achievements"],
        "feedback": {**ledger, "items": items},
    }


def _photos(node):
    """Every photo mapping ({image: …, alt: …}) in the data, in document order."""
    if isinstance(node, dict):
        if "image" in node:
            yield node
        for value in node.values():
            yield from _photos(value)
    elif isinstance(node, list):
        for value in node:
            yield from _photos(value)


def _write(path: Path, data) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("size", choices=SIZES)
    parser.add_argument("out", type=Path)
    parser.add_argument("--photos", type=Path, default=ROOT / ".cache" / "bench" / "photos")
    args = parser.parse_args()
    print(project(args.size, args.out, args.photos))


if __name__ == "__main__":
    main()
