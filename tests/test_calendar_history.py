"""Calendars that update: an event's DTSTAMP and SEQUENCE follow its entry's history in git, so a
subscriber's calendar takes a changed event for a new version and an unchanged one for the same;
without that history (no repository, a shallow clone) the fixed stamp of the campaign year stays."""

from __future__ import annotations

import os
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest
from icalendar import Calendar

from campaign.data.load import load_site
from campaign.features.calendar.history import Revision, revisions, shallow
from campaign.features.calendar.ics import feeds
from test_news import SITE_URL, campaign

NOW = datetime(2022, 12, 20, 4, tzinfo=UTC)  # the build clock (SOURCE_DATE_EPOCH)


def git(repo: Path, *args: str, when: str = "2022-10-01T10:00:00Z") -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_DATE": when,
        "GIT_AUTHOR_NAME": "街道党政办",
        "GIT_COMMITTER_NAME": "街道党政办",
        "GIT_AUTHOR_EMAIL": "office@example.org",
        "GIT_COMMITTER_EMAIL": "office@example.org",
    }
    return subprocess.run(["git", "-C", str(repo), *args], env=env, capture_output=True, text=True, check=True).stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A campaign committed once, on 2022-10-01."""
    repo = tmp_path / "repo"
    repo.mkdir()
    campaign(repo)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "活动安排")
    return repo


def event(data: Path, activity_id: str, cache: Path) -> tuple:
    files = feeds(load_site(data), SITE_URL, revisions=revisions(data, NOW, cache))
    found = Calendar.from_ical(files[f"activities/{activity_id}.ics"]).events[0]
    return found.DTSTAMP, found["SEQUENCE"], found["LAST-MODIFIED"].dt, files


def edit(data: Path, old: str, new: str) -> None:
    path = data / "activities/extra.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def test_an_edited_event_gets_a_new_stamp_and_sequence_and_the_others_keep_theirs(repo, tmp_path):
    data, cache = repo / "data", tmp_path / "cache"
    first = datetime(2022, 10, 1, 10, tzinfo=UTC)
    stamp, sequence, modified, before = event(data, "open-day", cache)
    assert (stamp, sequence, modified) == (first, 0, first)
    # Edited, not yet committed (make serve): one revision more, at the build's clock.
    edit(data, "where: 高新区第九小学", "where: 第九小学报告厅")
    assert event(data, "open-day", cache)[:2] == (NOW, 1)
    # Committed: stamped by the commit.
    git(data, "commit", "-qam", "开放日改地点", when="2022-10-05T08:00:00Z")
    stamp, sequence, modified, after = event(data, "open-day", cache)
    edited = datetime(2022, 10, 5, 8, tzinfo=UTC)
    assert (stamp, sequence, modified) == (edited, 1, edited)
    text = after["activities/open-day.ics"]
    assert b"\r\nDTSTAMP:20221005T080000Z\r\n" in text and b"\r\nSEQUENCE:1\r\n" in text
    # The activities beside it in the same file, and in other files, are the same bytes as before.
    for unchanged in ("canteen-day", "river-walk", "press-conference"):
        assert after[f"activities/{unchanged}.ics"] == before[f"activities/{unchanged}.ics"]
    # Going back to the old text is a change too: subscribers must take it.
    edit(data, "where: 第九小学报告厅", "where: 高新区第九小学")
    git(data, "commit", "-qam", "地点改回", when="2022-10-09T08:00:00Z")
    assert event(data, "open-day", cache)[:2] == (datetime(2022, 10, 9, 8, tzinfo=UTC), 2)
    assert (cache / "history.json").is_file()  # each file version is read once, then kept
    assert event(data, "open-day", None)[:2] == event(data, "open-day", cache)[:2]


def test_an_entry_that_moves_to_another_file_is_not_a_change_and_a_comment_is_not_either(repo):
    data = repo / "data"
    extra = (data / "activities/extra.yml").read_text(encoding="utf-8")
    (data / "activities/extra.yml").write_text("# 说明：这是补充的活动\n" + extra, encoding="utf-8")
    git(data, "commit", "-qam", "加注释", when="2022-10-03T08:00:00Z")
    (data / "activities/extra.yml").unlink()
    (data / "activities/more.yml").write_text(extra, encoding="utf-8")
    git(data, "add", "-A")
    git(data, "commit", "-qm", "换文件", when="2022-10-04T08:00:00Z")
    found = revisions(data, NOW)
    assert found["open-day"] == Revision(0, datetime(2022, 10, 1, 10, tzinfo=UTC))


def test_without_the_whole_history_the_campaign_years_fixed_stamp_stays(repo, tmp_path):
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(clone)], check=True)
    assert shallow(clone / "data") and revisions(clone / "data", NOW) == {}
    assert revisions(campaign(tmp_path / "plain"), NOW) == {}  # not in a repository
    files = feeds(load_site(clone / "data"), SITE_URL)
    [found] = Calendar.from_ical(files["activities/open-day.ics"]).events
    assert datetime(2022, 1, 1, tzinfo=UTC) == found.DTSTAMP and found["SEQUENCE"] == 0
    assert "LAST-MODIFIED" not in found
