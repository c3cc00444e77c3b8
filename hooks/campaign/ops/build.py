"""One build at a time, switched in whole: `python -m campaign.ops.build site mkdocs build --strict`.

The command builds into a folder of its own beside site/ (it gets `--site-dir <folder>`); only when it
succeeds is that folder swapped with site/ by one rename(2) with RENAME_EXCHANGE, so there is no moment
without a whole site/, and site/ stays a plain folder for GitHub's and GitLab's upload steps. Where the
system cannot exchange (not Linux, or a file system without it) the swap is two renames, as before.
A second build waits for the first (a lock beside site/, which `make linkcheck` and `make publish` take
too while they read it), saying so; a failed build leaves site/ as it was.
"""

from __future__ import annotations

import contextlib
import ctypes
import fcntl
import os
import shutil
import subprocess
import sys
from pathlib import Path

_AT_FDCWD, _RENAME_EXCHANGE = -100, 2


@contextlib.contextmanager
def locked(site: Path):
    """Hold the build lock of `site` (`.<name>.lock` beside it), waiting, and saying so, while another holds it."""
    site = Path(site)
    with open(site.with_name(f".{site.name}.lock"), "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"另一次构建（或链接检查、发布）正在使用 {site}/，等它结束后接着进行……", file=sys.stderr, flush=True)
            fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def build(site: Path, command: list[str]) -> int:
    """Run the build `command` into a new folder and swap it in when it succeeds; its exit status."""
    site = Path(site)
    with locked(site):
        for stale in site.parent.glob(f".{site.name}.new-*"):  # left by a build that was killed
            shutil.rmtree(stale, ignore_errors=True)
        staging = site.with_name(f".{site.name}.new-{os.getpid()}")
        status = subprocess.run([*command, "--site-dir", str(staging)]).returncode
        if status == 0:
            swap(staging, site)
        shutil.rmtree(staging, ignore_errors=True)  # the failed build, or now the previous site
        return status


def swap(new: Path, site: Path) -> None:
    """Put `new` in the place of `site` (and `site`, if any, in the place of `new`), atomically where possible."""
    if not site.exists():
        os.rename(new, site)
    elif not _exchange(new, site):
        old = site.with_name(f".{site.name}.old-{os.getpid()}")
        os.rename(site, old)
        os.rename(new, site)
        os.rename(old, new)


def _exchange(a: Path, b: Path) -> bool:
    """renameat2(RENAME_EXCHANGE): both names swapped in one step; False where the system cannot."""
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:
        return False
    return renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print("用法：python -m campaign.ops.build <网站目录> <构建命令…>", file=sys.stderr)
        return 2
    return build(Path(argv[0]), argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
