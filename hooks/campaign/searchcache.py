"""Search entries kept between builds, by a digest of everything a page's entries are made from.

Material's search parses each page's HTML and cuts its Chinese into words with jieba: the largest part
of a warm build after the pages themselves, and jieba alone takes a second to start. A page whose
inputs have not changed gets the entries it got last time; a build that changes nothing reads one file.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from .cache import key, write

Entries = list[dict]


class SearchCache:
    """Entries by page key, for one build. `salt` names everything outside the page that shapes its
    entries (search settings, Material's and jieba's versions): when it changes, nothing is reused."""

    def __init__(self, path: Path, salt: str):
        self.path, self.salt = path, salt
        try:
            stored = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            stored = {}
        self.known: dict[str, Entries] = stored.get("entries", {}) if stored.get("salt") == salt else {}
        self.used: dict[str, Entries] = {}

    def key(self, inputs: Iterable[str]) -> str:
        return key(self.salt, *inputs)

    def get(self, page_key: str) -> Entries | None:
        entries = self.known.get(page_key)
        if entries is not None:
            self.used[page_key] = entries
        return entries

    def put(self, page_key: str, entries: Entries) -> None:
        self.used[page_key] = entries

    def save(self) -> None:
        """Keep exactly this build's pages (a page that is gone is forgotten); write only on a change."""
        if self.used.keys() == self.known.keys():
            return
        data = json.dumps({"salt": self.salt, "entries": self.used}, ensure_ascii=False, separators=(",", ":"))
        self.path.parent.mkdir(parents=True, exist_ok=True)
        write(self.path, lambda out: out.write(data.encode("utf-8")))
