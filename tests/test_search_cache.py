"""Search entries kept between builds: an unchanged page is indexed from the cache, a changed one afresh."""

from __future__ import annotations

import json
from pathlib import Path

from campaign.html.cache import Memo
from conftest import mkdocs_build

MARK = "缓存标记"


def docs(site: Path) -> list[dict]:
    return json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]


def test_a_memo_keeps_what_its_build_asked_for_and_nothing_under_another_salt(tmp_path):
    path = tmp_path / "search" / "entries.json"
    first = Memo(path, "v1")
    a, b = first.key(["a/", "甲"]), first.key(["b/", "乙"])
    first.put(a, [{"location": "a/", "text": "甲"}])
    first.put(b, [{"location": "b/", "text": "乙"}])
    first.save()
    second = Memo(path, "v1")
    assert second.get(a) == [{"location": "a/", "text": "甲"}]  # b/ is no longer built
    second.save()
    third = Memo(path, "v1")
    assert third.get(a) and third.get(b) is None  # forgotten
    written = path.stat()
    third.save()  # nothing changed: the file is left alone
    assert (path.stat().st_ino, path.stat().st_mtime_ns) == (written.st_ino, written.st_mtime_ns)
    assert Memo(path, "v2").get(a) is None  # another Material, jieba or search setting
    for broken in ["{半个文件", "[]", "null", '{"salt": "v1", "values": []}']:  # unreadable: made afresh, no error
        path.write_text(broken, encoding="utf-8")
        assert Memo(path, "v1").get(a) is None


def test_unchanged_pages_come_from_the_cache_and_an_edited_page_is_indexed_afresh(project, tmp_path):
    site = tmp_path / "site"
    assert mkdocs_build(project, site).returncode == 0
    fresh = docs(site)
    cache = project / ".cache/search/entries.json"
    stored = json.loads(cache.read_text(encoding="utf-8"))
    assert sum(len(entries) for entries in stored["values"].values()) == len(fresh)
    # Mark what the cache holds: a rebuild that indexes from it shows the mark on every entry.
    for entries in stored["values"].values():
        for entry in entries:
            entry["text"] += MARK
    cache.write_text(json.dumps(stored, ensure_ascii=False), encoding="utf-8")
    assert mkdocs_build(project, site).returncode == 0
    remembered = docs(site)
    assert [d["location"] for d in remembered] == [d["location"] for d in fresh]
    assert all(d["text"].endswith(MARK) for d in remembered)
    # An edited page's inputs change: it is indexed afresh, the others still come from the cache.
    page = project / "content/activities/hospital-open-day.md"
    # Its front matter is in the key too: a new description alone indexes it afresh.
    page.write_text("---\ndescription: 开放日的报名办法\n---\n" + page.read_text(encoding="utf-8"), encoding="utf-8")
    assert mkdocs_build(project, site).returncode == 0
    assert not any(
        d["text"].endswith(MARK) for d in docs(site) if d["location"].startswith("activities/hospital-open-day/")
    )
    page.write_text(page.read_text(encoding="utf-8") + "\n报名口令：开放日见。\n", encoding="utf-8")
    assert mkdocs_build(project, site).returncode == 0
    ours = [d["text"] for d in docs(site) if d["location"].startswith("activities/hospital-open-day/")]
    others = [d["text"] for d in docs(site) if not d["location"].startswith("activities/hospital-open-day/")]
    assert "口令" in "".join(ours) and MARK not in "".join(ours)
    assert others and all(text.endswith(MARK) for text in others)
    # The page's old entries are forgotten, its new ones kept.
    assert len(json.loads(cache.read_text(encoding="utf-8"))["values"]) == len(stored["values"])
