"""A tiny campaign of every data kind, written as YAML from dictionaries, and the real pipeline that
turns a data folder into pages, calendar files, open data and QR codes (everything but MkDocs)."""

from __future__ import annotations

import copy
from pathlib import Path

import yaml

from campaign.data.load import load_site
from campaign.features.calendar.ics import feeds
from campaign.features.feedback.feedback import qr_files
from campaign.features.gallery.images import process_images
from campaign.site.opendata import data_files
from campaign.site.pages import build_pages

SITE_URL = "https://example.org/tiny/"
CAMPAIGN = {
    "title": "测试活动",
    "site_url": SITE_URL,
    "organiser": "党政办",
    "year": "2021",
    "period": "9月初至12月底",
    "summary": "简介",
    "feedback": {"form_url": "https://wj.example.org/s/x", "hotline": "12345"},
}
DOMAINS = [{"id": "healthcare", "name": "病有所医", "summary": "看病就医。", "unit": "卫生院"}]
ACTIVITIES = [
    {
        "id": "talk",
        "title": "健康讲座",
        "domain": "healthcare",
        "when": "10月份",
        "where": "卫生院",
        "organiser": "卫生院",
        "audience": "居民",
        "channels": ["讲座"],
        "summary": "讲讲健康。",
    }
]
ACHIEVEMENTS = {
    "domain": "healthcare",
    "tasks": [
        {
            "id": "queues",
            "title": "排队久",
            "unit": "卫生院",
            "measures": ["预约"],
            "deadline": "6月底前",
            "status": "进行中",
            "milestones": [{"when": "第一季度", "what": "完成设计", "done": "true"}],
        }
    ],
    "figures": [{"label": "床位", "value": "30", "unit": "张", "as_of": "2021-09-12", "source": "通报"}],
}
FEEDBACK = {
    "items": [
        {
            "id": "lights",
            "date": "2021-10-08",
            "domain": "healthcare",
            "channel": "走访",
            "summary": "路灯不亮",
            "status": "已办结",
            "response": "已修好",
            "links": ["talk"],
        }
    ],
    "totals": [{"label": "走访", "source": "通报", "collected": "10", "transferred": "8", "resolved": "5"}],
}
FILES = {
    "campaign.yml": CAMPAIGN,
    "domains.yml": DOMAINS,
    "activities/healthcare.yml": ACTIVITIES,
    "achievements/healthcare.yml": ACHIEVEMENTS,
    "feedback/2021.yml": FEEDBACK,
}


def documents() -> dict[str, object]:
    """File name -> a fresh copy of its document, to change before writing."""
    return copy.deepcopy(FILES)


def write(data_dir: Path, docs: dict[str, object] | None = None, raw: dict[str, str] | None = None) -> Path:
    """Write `docs` (default: the tiny campaign) as YAML into `data_dir`, then `raw` texts over them."""
    for name, doc in (documents() if docs is None else docs).items():
        path = data_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    for name, text in (raw or {}).items():
        (data_dir / name).parent.mkdir(parents=True, exist_ok=True)
        (data_dir / name).write_text(text, encoding="utf-8")
    return data_dir


def made(data_dir: Path, cache: Path) -> dict[str, object]:
    """Site path -> what the build publishes there (page bodies, calendars, open data, QR codes)."""
    site = load_site(data_dir)
    site.pictures.update(process_images(site.images, data_dir / "images", cache / "images"))
    out: dict[str, object] = {page.src_uri: page.source() + page.body for page in build_pages(site, site_url=SITE_URL)}
    out |= feeds(site, SITE_URL, cache / "calendar")
    out |= data_files(site)
    out |= qr_files(site, SITE_URL, cache / "qr")
    return out
