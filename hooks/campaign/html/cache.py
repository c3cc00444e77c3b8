"""Work kept between builds, outside site/: processed photos, QR codes, search entries and calendar
events, named by what they were made from.

An entry is written under a temporary name and renamed, so a reader (another build, a crash halfway)
never sees half a file; its name is a hash of its inputs and settings, so a stale entry is never used.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import hashlib
import json
import os
import platform
import shutil
from collections.abc import Callable, Iterable
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, BinaryIO

VARIABLES = {
    "images": "CAMPAIGN_IMAGE_CACHE",
    "qr": "CAMPAIGN_QR_CACHE",
    "search": "CAMPAIGN_SEARCH_CACHE",
    "calendar": "CAMPAIGN_CALENDAR_CACHE",
}  # where each cache may be moved


class CacheError(Exception):
    """A cache or site folder that cannot be written: in Chinese, for whoever runs the build."""


_WHY = {
    errno.ENOSPC: "磁盘空间不足",
    errno.EDQUOT: "超出了磁盘配额",
    errno.EACCES: "没有写入权限",
    errno.EPERM: "没有写入权限",
    errno.EROFS: "所在的磁盘是只读的",
    errno.ENOTDIR: "路径中有一段是文件而不是文件夹",
    errno.EEXIST: "同名的文件已经存在",
}


@contextlib.contextmanager
def writing(path):
    """Turn an OSError while writing `path` into a CacheError that says what to do."""
    try:
        yield
    except OSError as error:
        why = _WHY.get(error.errno, error.strerror or type(error).__name__)
        raise CacheError(
            f"无法写入 {path}：{why}。原来的网站没有改动；腾出磁盘空间或改正权限后重新构建"
            f"（缓存可以整个删掉，例如 rm -rf .cache，下次构建会重新生成）。"
        ) from None


def cache_dir(project_dir: Path, name: str) -> Path:
    """The folder named by its variable ($CAMPAIGN_IMAGE_CACHE …), else .cache/<name>/ in the project."""
    variable = VARIABLES[name]
    path = Path(os.environ.get(variable) or Path(project_dir) / ".cache" / name)
    if path.exists() and not path.is_dir():
        given = f"环境变量 {variable} 指定的" if os.environ.get(variable) else ""
        raise CacheError(
            f"{given}缓存位置 {path} 是一个文件，不是文件夹：把 {variable} 改成一个文件夹的路径"
            f"（没有的会自动建立），或者不设这个变量，就用项目里的 .cache/{name}/。"
        )
    return path


def key(*parts: str) -> str:
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


@functools.cache
def code_digest() -> str:
    """A digest of the campaign package's Python source, sub-packages included: what is kept by a digest
    of its inputs is made afresh once the code that made it changes."""
    package = Path(__file__).resolve().parents[1]
    return key(
        *(f"{path.relative_to(package)}\n{path.read_text(encoding='utf-8')}" for path in sorted(package.rglob("*.py")))
    )


def versions(*packages: str) -> str:
    """Python's version and the packages': for the salt of what those packages' output is kept from."""

    def of(package: str) -> str:
        try:
            return version(package)
        except PackageNotFoundError:
            return "-"

    return " ".join([f"python={platform.python_version()}", *(f"{p}={of(p)}" for p in packages)])


def write(path: Path, save: Callable[[BinaryIO], object]) -> None:
    """Write through a temporary file and rename, so no reader ever sees half a file. The file is
    read-only: hard-linked into a site, it must not be changeable through the site."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with writing(path), temporary.open("wb") as out:
            save(out)
        with writing(path):
            os.chmod(temporary, 0o444)
            os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


class Digests:
    """SHA-256 of files' content, remembered by size, modification time and inode (as git's index
    does), so a warm build reads no photo: it only looks at each file's stat. A build keeps the
    files it asked about, so a photo that is gone is forgotten."""

    def __init__(self, path: Path):
        self.path = path
        self.known: dict[str, list[str]] = _read_json(path)
        self.used: dict[str, list[str]] = {}

    def of(self, file: Path) -> str:
        stat = file.stat()
        stamp = f"{stat.st_size}:{stat.st_mtime_ns}:{stat.st_ino}"
        name = os.path.abspath(file)  # not resolve(): no system call per path component
        known = self.known.get(name)
        if not (isinstance(known, list) and len(known) == 2 and known[0] == stamp):
            with file.open("rb") as content:
                known = [stamp, hashlib.file_digest(content, "sha256").hexdigest()]
        self.used[name] = known
        return known[1]

    def save(self) -> None:
        if self.used != self.known:
            data = json.dumps(self.used, sort_keys=True).encode()
            write(self.path, lambda out: out.write(data))


class Seals:
    """The SHA-256 each file written into a cache folder had then (seals.json): a file that no longer has
    it (emptied, cut short, or changed through its hard link in a published site) is made again, never
    published. A file is read again only when its size, time or inode changed (Digests), so a warm build
    still only looks at each file's stat."""

    def __init__(self, folder: Path):
        self.folder, self.path = folder, folder / "seals.json"
        self.known: dict[str, str] = _read_json(self.path)
        self.used: dict[str, str] = {}
        self.digests = Digests(folder / "digests.json")

    def seal(self, file: Path) -> None:
        """Record what the file just written holds."""
        self.used[file.name] = self.digests.of(file)

    def intact(self, file: Path) -> bool:
        """Whether `file` is there with the content it was sealed with."""
        try:
            intact = self.known.get(file.name) == self.digests.of(file)
        except OSError:
            return False
        if intact:
            self.used[file.name] = self.known[file.name]
        return intact

    def save(self) -> None:
        self.digests.save()
        if self.used != self.known:
            data = json.dumps(self.used, sort_keys=True).encode()
            write(self.path, lambda out: out.write(data))


class Memo:
    """Values (anything JSON holds) by a digest of their inputs, kept in one file between builds.

    `salt` names every input the keys leave out (library versions, settings): when it changes,
    nothing is reused. A build keeps exactly the values it asked for, so what is gone is forgotten.
    """

    def __init__(self, path: Path | None, salt: str):
        self.path, self.salt = path, salt  # no path: kept for this build only
        stored = _read_json(path) if path else {}
        values = stored.get("values") if stored.get("salt") == salt else None
        self.known: dict[str, Any] = values if isinstance(values, dict) else {}
        self.used: dict[str, Any] = {}

    def key(self, inputs: Iterable[str]) -> str:
        return key(json.dumps([self.salt, *inputs], ensure_ascii=False))  # JSON: no two lists join alike

    def get(self, value_key: str) -> Any | None:
        value = self.known.get(value_key)
        if value is not None:
            self.used[value_key] = value
        return value

    def put(self, value_key: str, value: Any) -> Any:
        self.used[value_key] = value
        return value

    def save(self) -> None:
        """Write this build's values, unless they are the ones read."""
        if self.path is None or self.used.keys() == self.known.keys():
            return
        data = json.dumps(
            {"salt": self.salt, "values": self.used}, ensure_ascii=False, separators=(",", ":"), default=str
        )
        with writing(self.path.parent):
            self.path.parent.mkdir(parents=True, exist_ok=True)
        write(self.path, lambda out: out.write(data.encode("utf-8")))


def _read_json(path: Path) -> dict:
    """A cache file's object; {} if it is missing, unreadable or not an object: then nothing is reused."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def link_into(site_dir: Path, outputs: dict[str, Path]) -> None:
    """Put cached files (site path -> file in a cache) into the site being built: hard links, so a warm
    build moves no bytes for them; copies where linking is impossible (another file system).

    Cache entries are never changed in place (new ones are renamed in) and are read-only, and a build
    links only entries whose seal it checked (Seals), so what the site holds is what was made.
    Paths are plain strings here: 20,000 files at city scale, and pathlib's objects cost more than the links.
    """
    folders = set()
    with writing(site_dir):
        for path, cached in outputs.items():
            target = f"{site_dir}/{path}"
            folder = target.rpartition("/")[0]
            if folder not in folders:
                os.makedirs(folder, exist_ok=True)
                folders.add(folder)
            try:
                os.link(cached, target)
            except FileExistsError:  # a rebuild into the same folder (mkdocs serve --dirty)
                os.unlink(target)
                os.link(cached, target)
            except OSError:
                shutil.copyfile(cached, target)
