"""Each page's date is the last change of the data it is made from (git, else the files' times), not the
build day: a daily rebuild with no data change leaves the sitemap as it was."""

from __future__ import annotations

import os
import re
import subprocess

from campaign.data.history import last_changed
from conftest import mkdocs_build

DAY = 86400


def git(project, *args, day: str):
    moment = f"{day}T10:00:00+08:00"
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": moment,
        "GIT_COMMITTER_DATE": moment,
        "GIT_AUTHOR_NAME": "办公室",
        "GIT_COMMITTER_NAME": "办公室",
        "GIT_AUTHOR_EMAIL": "office@example.org",
        "GIT_COMMITTER_EMAIL": "office@example.org",
    }
    subprocess.run(["git", "-C", str(project), *args], env=env, check=True, capture_output=True)


def lastmods(site) -> dict[str, str]:
    text = (site / "sitemap.xml").read_text(encoding="utf-8")
    return dict(re.findall(r"<loc>https://[^<]*?/shantou/([^<]*)</loc>\s*<lastmod>([^<]*)</lastmod>", text))


def test_pages_carry_the_date_of_their_data_and_a_rebuild_the_next_day_changes_no_date(project, tmp_path):
    git(project, "init", "-q", day="2021-09-01")
    git(project, "add", "-A", day="2021-09-01")
    git(project, "commit", "-qm", "活动安排", day="2021-09-01")
    assert mkdocs_build(project, tmp_path / "one", epoch="1633046400").returncode == 0
    assert mkdocs_build(project, tmp_path / "two", epoch=str(1633046400 + DAY)).returncode == 0
    assert (tmp_path / "one/sitemap.xml").read_bytes() == (tmp_path / "two/sitemap.xml").read_bytes()
    assert set(lastmods(tmp_path / "one").values()) == {"2021-09-01"}  # the guide too: content/ is in the commit
    # One activity's file changes: its pages, its domain's and the whole campaign's move on; no other.
    healthcare = project / "data/activities/healthcare.yml"
    healthcare.write_text(
        healthcare.read_text(encoding="utf-8").replace("医院开放日", "卫生院开放日", 1), encoding="utf-8"
    )
    git(project, "commit", "-qam", "改名", day="2021-09-20")
    assert mkdocs_build(project, tmp_path / "three", epoch=str(1633046400 + 2 * DAY)).returncode == 0
    dates = lastmods(tmp_path / "three")
    for page in [
        "activities/hospital-open-day/",
        "activities/hospital-open-day/poster/",
        "domains/healthcare/",
        "",
        "calendar/",
    ]:
        assert dates[page] == "2021-09-20", page
    assert dates["activities/campus-open-day/"] == dates["domains/education/"] == dates["guide/"] == "2021-09-01"
    page = (tmp_path / "three/activities/hospital-open-day/index.html").read_text(encoding="utf-8")
    assert '最近更新：<time datetime="2021-09-20">2021年9月20日</time>' in page


def test_without_git_or_before_a_commit_a_file_counts_from_its_modification_time(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "campaign.yml").write_text("title: 测试\n", encoding="utf-8")
    os.utime(data / "campaign.yml", (1633046400, 1633046400))  # 2021-10-01 08:00 in China
    assert last_changed(data) == {"campaign.yml": __import__("datetime").date(2021, 10, 1)}
    assert last_changed(tmp_path / "none") == {}
