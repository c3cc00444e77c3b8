"""The campaign's identity comes from its campaign.yml alone: the site's name, description, address,
organiser, the feedback block's question, the 404 page and the share card. Another campaign's site
holds no word of the sample."""

from __future__ import annotations

import dataclasses
import gzip
import io
import json
from pathlib import Path

import pytest
from PIL import Image

from campaign.data.load import load_site
from campaign.data.problems import DataProblems
from campaign.editors import check
from campaign.features.gallery.images import process_images
from campaign.features.share import share
from conftest import SAMPLE_DATA, SIBAOSHAN, copy_project, mkdocs_build
from test_load import line_of, problems_of, replace
from test_publish import _Head

# The sample's names, ids and placeholders: none may reach a site built from other data.
SAMPLE_WORDS = [
    "山头",
    "shantou",
    "秋泉",
    "qiuquan",
    "颜神",
    "岳阳",
    "yueyang",
    "hospital-open-day",
    "市民看城市变化",
    "对城市的变化",
]
OTHER_URL = "https://example.org/sibaoshan/"


@pytest.fixture(scope="module")
def other_site(tmp_path_factory) -> Path:
    """四宝山's campaign (examples/sibaoshan) with a share picture of its own, built strictly."""
    project = copy_project(tmp_path_factory.mktemp("other"), SIBAOSHAN, content=None)
    Image.new("RGB", (1600, 900), "#1b5e20").save(project / "data/images/share.jpg")
    replace(project / "data/campaign.yml", "slogan:", "share_image: share.jpg\nslogan:")
    site = project / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    return site


def _texts(site: Path):
    """(path, text) of every file a visitor can fetch that holds text: JSON unescaped, gzip unpacked."""
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        raw = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
        if path.suffix in {".png", ".jpg", ".webp", ".avif", ".ico"}:
            continue
        text = raw.decode("utf-8")
        if path.suffix == ".json":
            text = json.dumps(json.loads(text), ensure_ascii=False)
        yield path.relative_to(site).as_posix(), text


def test_no_word_of_the_sample_reaches_another_campaigns_site(other_site):
    found = [(path, word) for path, text in _texts(other_site) for word in SAMPLE_WORDS if word in text]
    assert found == []
    assert len(list(_texts(other_site))) > 50  # the whole site was read: pages, feeds, open data, search


def test_name_description_address_and_organiser_come_from_campaign_yml(other_site):
    home = (other_site / "index.html").read_text(encoding="utf-8")
    meta = _Head(home).meta
    assert "<title>品质民生看高新" in home and meta["og:site_name"] == "品质民生看高新"
    assert meta["canonical"] == OTHER_URL
    assert "主办：四宝山街道办事处" in home  # the footer
    missing = (other_site / "404.html").read_text(encoding="utf-8")
    assert _Head(missing).meta["description"] == "品质民生看高新：活动安排、各民生领域的重点工作和进展。"
    assert 'placeholder="例如：民生实事"' in missing  # the campaign's own first domain
    assert f"Sitemap: {OTHER_URL}sitemap.xml" in (other_site / "robots.txt").read_text(encoding="utf-8")
    assert "对身边的变化、民生工作有什么意见建议？" in home  # the question campaign.yml may replace


def test_the_offices_own_share_picture_replaces_the_drawn_card(other_site):
    meta = _Head((other_site / "domains/education/index.html").read_text(encoding="utf-8")).meta
    assert meta["og:image"].startswith(OTHER_URL + "images/") and meta["og:image"].endswith("-1600.jpg")
    assert (meta["og:image:width"], meta["og:image:height"]) == ("1600", "900")
    assert (other_site / meta["og:image"][len(OTHER_URL) :]).is_file()
    assert not (other_site / share.CARD).exists()


def test_the_sample_card_is_drawn_from_its_own_campaign_at_build_time(sample_site):
    assert (sample_site / share.CARD).read_bytes() == share.card(load_site(SAMPLE_DATA))


def test_the_card_shows_the_title_and_changes_with_it():
    sample = load_site(SAMPLE_DATA)
    other = sample.campaign.model_copy(update={"title": "青石镇看乡村振兴新变化"})
    drawn = share.card(sample)
    assert drawn == share.card(sample)  # the same campaign, the same bytes: builds stay reproducible
    assert drawn != share.card(dataclasses.replace(sample, campaign=other))
    with Image.open(io.BytesIO(drawn)) as image:
        assert image.size == share.SIZE and image.format == "PNG"
        assert len(image.convert("RGB").getcolors(1 << 16)) > 2  # text on the red, not the red alone
    assert len(drawn) < 50_000


def test_without_a_chinese_font_the_card_is_plain_and_make_check_says_why(monkeypatch, project):
    monkeypatch.setattr(share, "font_file", lambda: None)
    with Image.open(io.BytesIO(share.card(load_site(SAMPLE_DATA)))) as image:
        assert image.convert("RGB").getcolors() == [(share.SIZE[0] * share.SIZE[1], (0xB7, 0x1C, 0x1C))]
    monkeypatch.setattr(check, "font_file", lambda: None)
    data = project / "data"
    [warning] = [w for w in check.checklist(load_site(data), data, project / "content") if "字体" in w.message]
    assert (warning.file, warning.line) == ("data/campaign.yml", line_of(data / "campaign.yml", "title:"))
    assert "fonts-noto-cjk" in warning.message and "share_image" in warning.message


def test_a_missing_share_picture_is_an_error_at_its_line(project, tmp_path):
    data = project / "data"
    replace(data / "campaign.yml", "slogan:", "share_image: cards/wechat.jpg\nslogan:")
    site = load_site(data)
    with pytest.raises(DataProblems) as caught:
        process_images(site.images, data / "images", tmp_path / "cache")
    [problem] = caught.value.problems
    assert (problem.file, problem.line) == ("data/campaign.yml", line_of(data / "campaign.yml", "share_image:"))
    assert "cards/wechat.jpg" in problem.message


def test_site_url_is_required_and_read_as_the_sites_root(project):
    path = project / "data/campaign.yml"
    replace(path, "site_url: https://example.org/shantou/", "site_url: https://kanbianhua.example.gov.cn")
    assert load_site(project / "data").campaign.site_url == "https://kanbianhua.example.gov.cn/"
    replace(path, "site_url: https://kanbianhua.example.gov.cn", "site_url: https://kanbianhua.example.gov.cn/?a=1")
    [problem] = problems_of(project / "data")
    assert problem.line == line_of(path, "site_url:") and "以 / 结尾" in problem.hint
    replace(path, "site_url: https://kanbianhua.example.gov.cn/?a=1\n", "")
    [problem] = problems_of(project / "data")  # a campaign.yml from before site_url moved here from mkdocs.yml
    assert problem.file == "data/campaign.yml" and "site_url" in problem.message
    assert "添加一行「site_url: https://" in problem.hint and "mkdocs.yml" in problem.hint
