"""The sharded search index (features/search/index.py), our worker in Material's search box, and the
overrides that keep Material from fetching an index on every page."""

from __future__ import annotations

import json
import re
from pathlib import Path

from material import templates

from campaign.features.search import index
from conftest import ROOT, search_docs
from test_browser import browser, served

ENTRIES = [
    {"location": "activities/a/", "title": "长者\u200b食堂", "text": "<p>社区\u200b长者\u200b食堂 &amp; 助餐</p>"},
    {"location": "activities/a/#sign-up", "title": "报名", "text": "到\u200b卫生院\u200b登记"},
    {"location": "domains/b/", "title": "病有所医", "text": "卫生院 开放 日"},
]


def shards(entries=ENTRIES):
    manifest, files = index.files(entries)
    manifest = json.loads(manifest)
    grams = {}
    for n in range(manifest["buckets"]):
        grams.update(json.loads(files[f"search/grams/{n}.json"]))
    return manifest, files, grams


def pages_of(numbers: list[int]) -> dict[int, int]:
    page, found = -1, {}
    for value in numbers:
        page += value // 64
        found[page] = value % 64
    return found


def test_pages_keep_their_sections_as_plain_text():
    manifest, files, _ = shards()
    assert manifest == {"format": index.FORMAT, "buckets": 1, "pages": 2}
    assert json.loads(files["search/pages/0.json"]) == {
        "u": "activities/a/",
        "s": [["", "长者食堂", "社区长者食堂 & 助餐"], ["sign-up", "报名", "到卫生院登记"]],
    }


def test_every_character_and_pair_points_at_its_pages_and_a_title_weighs_more():
    _, _, grams = shards()
    assert pages_of(grams["卫生"]) == {0: 1, 1: 1}
    assert pages_of(grams["者食"]) == {0: 1 + index.TITLE_WEIGHT}  # not a jieba token, found all the same
    assert pages_of(grams["日"]) == {1: 1} and "开日" not in grams and "放日" not in grams  # runs stop at spaces
    assert "&" not in grams and "食堂 " not in grams


def test_buckets_split_a_large_index_by_the_same_hash_as_the_worker():
    entries = [
        {
            "location": f"p{n}/",
            "title": f"第{n}页",
            "text": "".join(chr(0x4E00 + (n * 7 + k) % 3000) for k in range(400)),
        }
        for n in range(300)
    ]
    manifest, files, _ = shards(entries)
    assert manifest["buckets"] > 1
    for n in range(manifest["buckets"]):
        shard = json.loads(files[f"search/grams/{n}.json"])
        assert all(index.bucket(gram, manifest["buckets"]) == n for gram in shard)
        assert len(files[f"search/grams/{n}.json"]) < 3 * index.BUCKET_BYTES


def test_the_search_partial_is_material_s_but_for_the_form_and_the_dialog_name():
    ours = (ROOT / "overrides/partials/search.html").read_text(encoding="utf-8")
    material = (Path(templates.__file__).parent / "partials/search.html").read_text(encoding="utf-8")
    strip = lambda text: re.sub(r"\{#-.*?-#\}\n", "", text, flags=re.S)
    expected = (
        strip(material)
        .replace('role="dialog">', 'role="dialog" aria-label="搜索">')
        .replace(
            '<form class="md-search__form" name="search">',
            '<form class="md-search__form" action="{{ \'search/\' | url }}">',
        )
        .replace('name="query"', 'name="q"')
    )
    assert strip(ours) == expected  # a Material upgrade that changes its partial fails here: compare and update


def test_pages_name_our_worker_and_no_form_named_search(sample_site):
    for page in ["index.html", "activities/hospital-open-day/index.html", "404.html"]:
        html = (sample_site / page).read_text(encoding="utf-8")
        assert "assets/js/search-worker.js" in html and "workers/search." not in html, page
        assert 'name="search"' not in html, page
    assert len(search_docs(sample_site)) > 50


def test_a_word_inside_a_compound_is_found_and_only_its_files_are_fetched(served, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    fetched = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(served, wait_until="networkidle")
    assert not any("/search/" in url for url in fetched)  # nothing before the search is used
    search = page.locator("input.md-search__input")
    search.fill("者食")  # in 长者食堂: jieba cuts 长者 | 食堂, so Material's own search found nothing
    search.press("End")
    page.locator(".md-search-result__item").first.wait_for(state="attached", timeout=30000)
    found = page.locator(".md-search-result__item").all_inner_texts()
    assert any("养老服务在身边" in text and "长者食堂" in text for text in found), found
    assert page.locator(".md-search-result__item mark").first.inner_text() == "者食"
    asked = [url.split("/search/")[1] for url in fetched if "/search/" in url]
    assert "search_index.json" in asked and any(a.startswith("grams/") for a in asked)
    assert len([a for a in asked if a.startswith("grams/")]) == 1 and len(asked) < 20, asked
    page.close()


def test_without_javascript_the_search_leads_to_a_page_that_lists_where_to_look(served, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False)
    page = context.new_page()
    page.goto(served + "activities/")
    page.get_by_role("link", name="搜索").click()
    page.wait_for_url("**/search/")
    assert page.get_by_text("站内搜索用不了").is_visible()
    for name in ["活动安排", "活动日历", "民生领域", "你说我办"]:
        assert page.locator(".cc-search-browse").get_by_role("link", name=name).is_visible()
    context.close()
