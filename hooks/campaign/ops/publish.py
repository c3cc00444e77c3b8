"""Publish a built site to the folder a web server serves, switching versions atomically.

DEST is a symlink to a release folder beside it (DEST.releases/<time>). The new release is copied in
full under a temporary name and renamed; then a fresh symlink is renamed over DEST. rename(2) is
atomic, so each request is answered wholly from the old release or wholly from the new one.
The newest KEEP releases stay, for rolling back and for requests still reading the previous one.

`python -m campaign.ops.publish site /srv/www/site`
"""

from __future__ import annotations

import fcntl
import os
import shutil
import sys
from datetime import UTC, datetime
from pathlib import Path

from campaign.ops.build import locked

KEEP = 2


class PublishError(Exception):
    pass


def publish(site: Path, dest: Path, keep: int = KEEP) -> Path:
    """Copy `site` into a new release and point `dest` at it; return the release folder."""
    dest = Path(os.path.abspath(dest))  # not resolve(): dest itself is the symlink to replace
    if dest.exists() and not dest.is_symlink():
        raise PublishError(f"{dest} 是普通文件夹，不是指向发布版本的链接。请先把它改名移开，再发布。")
    releases = dest.with_name(dest.name + ".releases")
    releases.mkdir(parents=True, exist_ok=True)
    with open(releases / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one publish at a time
        release = _copy_release(Path(site), releases)
        link = dest.with_name(f".{dest.name}.new")
        link.unlink(missing_ok=True)
        link.symlink_to(Path(releases.name) / release.name)  # relative: the pair can move together
        os.replace(link, dest)
        _prune(releases, keep)
    return release


def _copy_release(site: Path, releases: Path) -> Path:
    """A complete copy of `site` in `releases`, named by the time (sortable, unique)."""
    name = datetime.now(UTC).strftime("%Y%m%dT%H%M%S.%fZ")
    staging = releases / f".{name}.partial"
    shutil.copytree(site, staging)
    return staging.rename(releases / name)


def _prune(releases: Path, keep: int) -> None:
    """Remove all but the newest `keep` releases, and copies left by an interrupted publish."""
    done = sorted(p for p in releases.iterdir() if p.is_dir() and not p.name.startswith("."))
    partial = [p for p in releases.iterdir() if p.name.endswith(".partial")]
    for old in done[:-keep] + partial:
        shutil.rmtree(old)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("用法：python -m campaign.ops.publish <网站目录> <发布路径>", file=sys.stderr)
        return 2
    try:
        with locked(Path(argv[0])):  # not while a build swaps the site
            release = publish(Path(argv[0]), Path(argv[1]))
    except PublishError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"已发布：{argv[1]} → {release}（保留最近 {KEEP} 个版本）")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
