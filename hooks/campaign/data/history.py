"""When each data file last changed: the dates a page's "最近更新" line and the sitemap's lastmod come from.

From git, the day (China time) of the last commit that touched the file, so that a daily rebuild with
no data change leaves every date, and the sitemap, as it was (CI must fetch the whole history: a shallow
clone knows only its last commit). A file with changes not yet committed, or every file where there is
no git repository, by its modification time.
"""

from __future__ import annotations

import os
import subprocess
from datetime import date, datetime
from pathlib import Path

from campaign.fields.dates import CHINA


def last_changed(folder: Path) -> dict[str, date]:
    """Every file under `folder` (path relative to it, with /) -> the day it last changed."""
    folder = Path(folder)
    if not folder.is_dir():
        return {}
    committed = _git(folder, "log", "--format=@%ct", "--name-only", "--relative", "--", ".")
    uncommitted = _git(folder, "ls-files", "--modified", "--others", "--exclude-standard", "--", ".")
    dates: dict[str, date] = {}
    if committed is not None and uncommitted is not None:
        day = None
        for line in committed.splitlines():
            if line.startswith("@"):
                day = _day(int(line[1:]))
            elif line and day:
                dates.setdefault(line, day)  # newest first: the first commit named is the last change
        modified = set(uncommitted.splitlines())
    else:
        modified = None  # no git: every file by its modification time
    for path in _files(folder):
        if modified is None or path in modified or path not in dates:
            dates[path] = _day(os.stat(folder / path).st_mtime)
    return dates


def _git(folder: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", "-C", str(folder), *args], capture_output=True, text=True, check=False)
    except OSError:
        return None
    return done.stdout if done.returncode == 0 else None


def _files(folder: Path) -> list[str]:
    return [
        os.path.relpath(os.path.join(top, name), folder).replace(os.sep, "/")
        for top, _, names in os.walk(folder, followlinks=True)
        for name in names
        if not name.startswith(".")
    ]


def _day(timestamp: float) -> date:
    return datetime.fromtimestamp(timestamp, CHINA).date()
