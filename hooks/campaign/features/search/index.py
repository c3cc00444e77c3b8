"""The site's search index in small files, so that a query downloads only what it needs.

Made at build time from the entries Material's search makes (a page's sections: location, title,
text), instead of one index every page fetches (19.7 MB for a city of 100 towns):

- `search/pages/<n>.json`: page n's URL and sections (anchor, title, plain text), fetched for the
  pages a query lists, to confirm the match and cut a snippet;
- `search/grams/<b>.json`: postings of every character and every pair of adjacent characters (in a
  run of letters and digits, lower case): which pages hold it, and how often (its title counts
  TITLE_WEIGHT times). A pair goes into bucket FNV-1a(pair) mod the number of buckets, chosen so that a
  bucket is about BUCKET_BYTES: a query of n characters fetches at most n - 1 buckets;
- the manifest (Material writes it as `search/search_index.json`): the number of buckets and pages.

A query is cut the same way: every page that has all its pairs is a candidate, and the page's own text
decides. So any string is found where it stands, in the middle of a sentence or of a word, whatever
jieba would have cut (search-worker.js reads these files). Plain Python: no MkDocs here.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter, defaultdict
from operator import add

BUCKET_BYTES = 16_000
TITLE_WEIGHT = 8
MAX_WEIGHT = 63  # weights are kept in 6 bits
FORMAT = 1  # search-worker.js reads this version of the files

_RUN = re.compile(r"[^\W_]+")  # letters and digits, as the worker's /[\p{L}\p{N}]+/u
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")


def plain(text: str) -> str:
    """An entry's text as a resident reads it: no jieba marks (zero-width spaces), tags or entities."""
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", text.replace("\u200b", "")))).strip()


def grams(text: str) -> list[str]:
    """Every character and every pair of adjacent characters in the text's runs of letters and digits."""
    found = []
    for run in _RUN.findall(text.lower()):
        found += run
        found += map(add, run, run[1:])  # the pairs, joined in C: most of a city's index time is here
    return found


def bucket(gram: str, buckets: int) -> int:
    """FNV-1a over the gram's code points: search-worker.js computes the same."""
    value = 0x811C9DC5
    for char in gram:
        value = ((value ^ ord(char)) * 0x01000193) & 0xFFFFFFFF
    return value % buckets


def pages_of(entries: list[dict]) -> list[dict]:
    """Material's entries grouped by page, in order: {"u": url, "s": [[anchor, title, text], ...]}."""
    pages: dict[str, dict] = {}
    for entry in entries:
        url, _, anchor = entry["location"].partition("#")
        page = pages.setdefault(url, {"u": url, "s": []})
        page["s"].append([anchor, plain(entry["title"]), plain(entry["text"])])
    return list(pages.values())


def weights(page: dict) -> Counter:
    """How often each gram occurs on the page; its title's count TITLE_WEIGHT times."""
    counts = Counter(grams(" ".join(f"{title} {text}" for _, title, text in page["s"])))
    for gram, count in Counter(grams(page["s"][0][1])).items():
        counts[gram] += (TITLE_WEIGHT - 1) * count
    return counts


def files(entries: list[dict]) -> tuple[str, dict[str, str]]:
    """The manifest, and every other file of the index by its path in the site."""
    pages = pages_of(entries)
    postings: dict[str, list[int]] = defaultdict(list)
    last: dict[str, int] = {}
    for number, page in enumerate(pages):
        for gram, count in weights(page).items():
            # (page - previous page of this gram) * 64 + weight: small numbers, so a short file
            postings[gram].append((number - last.get(gram, -1)) * 64 + (count if count < MAX_WEIGHT else MAX_WEIGHT))
            last[gram] = number
    encoded = {gram: json.dumps(numbers, separators=(",", ":")) for gram, numbers in postings.items()}
    size = sum(len(gram) * 3 + len(text) + 4 for gram, text in encoded.items())
    buckets = max(1, -(-size // BUCKET_BYTES))
    shards: list[list[str]] = [[] for _ in range(buckets)]
    for gram in sorted(encoded):
        shards[bucket(gram, buckets)].append(f"{json.dumps(gram, ensure_ascii=False)}:{encoded[gram]}")
    found = {f"search/grams/{n}.json": "{" + ",".join(shard) + "}" for n, shard in enumerate(shards)}
    found.update(
        {
            f"search/pages/{n}.json": json.dumps(page, ensure_ascii=False, separators=(",", ":"))
            for n, page in enumerate(pages)
        }
    )
    manifest = json.dumps({"format": FORMAT, "buckets": buckets, "pages": len(pages)})
    return manifest, found
