"""When each activity last changed, read from the data's own history in git: the calendar's DTSTAMP and SEQUENCE.

A calendar client that has seen an event replaces it only with a higher SEQUENCE or, at the same
SEQUENCE, a later DTSTAMP (RFC 5546), so both must move when the office edits the activity, and only
then. Each version of the data folder's activities/ on the first-parent line of HEAD is read (every
blob once, kept by its hash in the cache), each activity's entry is digested, and every change of
digest is a revision: SEQUENCE counts them, DTSTAMP is the committer time of the latest. An entry
edited but not committed (make serve) is one revision more, stamped with the build's clock
(SOURCE_DATE_EPOCH). A commit's history never changes, so builds stay deterministic.

Without that history there is nothing to count: outside a git repository, or in a shallow clone,
whose cut-off history would make counts fall as the cut moves. Then `revisions` finds none and the
calendar keeps its fixed stamp (features/calendar/ics.py). CI must fetch the whole history
(actions/checkout `fetch-depth: 0`, GitLab `GIT_DEPTH: 0`).
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import yaml

from campaign.html.cache import Memo, code_digest, key

FOLDER = "activities"  # the kind of data whose entries are events
_NO_BLOB = "0" * 40


@dataclass(frozen=True)
class Revision:
    sequence: int  # how many times the entry changed after it first appeared
    stamp: datetime  # when it last changed (UTC)


def revisions(data_dir: Path, now: datetime, cache_dir: Path | None = None) -> dict[str, Revision]:
    """Activity id -> its latest revision; {} when the data's history is unknown."""
    folder = Path(data_dir).resolve() / FOLDER
    top = _git(folder.parent, "rev-parse", "--show-toplevel")
    if top is None or shallow(data_dir):
        return {}
    top = Path(top.strip())
    memo = Memo(cache_dir / "history.json" if cache_dir else None, f"history {code_digest()}")
    found: dict[str, Revision] = {}
    last: dict[str, str] = {}  # id -> digest of its latest version
    for moment, digests in _versions(top, folder.relative_to(top).as_posix(), memo):
        _advance(found, last, digests, moment)
    memo.save()
    working = {}
    for path in sorted(folder.glob("*.y*ml")):
        working |= _digests(path.read_bytes())
    latest = max((r.stamp for r in found.values()), default=now)
    _advance(found, last, working, max(now, latest))
    return found


def shallow(data_dir: Path) -> bool:
    return (_git(Path(data_dir).resolve(), "rev-parse", "--is-shallow-repository") or "").strip() == "true"


def _advance(found: dict[str, Revision], last: dict[str, str], digests: dict[str, str], moment: datetime) -> None:
    """Record every entry whose digest differs from its latest version's as revised at `moment`."""
    for activity_id, digest in digests.items():
        if last.get(activity_id) == digest:
            continue
        previous = found.get(activity_id)
        found[activity_id] = Revision(previous.sequence + 1 if previous else 0, moment)
        last[activity_id] = digest


def _versions(top: Path, folder: str, memo: Memo):
    """(commit time, id -> digest of every entry in the folder), oldest commit first."""
    log = _git(
        top,
        "log",
        "--first-parent",
        "--diff-merges=first-parent",
        "--reverse",
        "--raw",
        "--no-renames",
        "--no-abbrev",
        "--format=%x00%ct",
        "--",
        folder,
    )
    files: dict[str, dict[str, str]] = {}  # path -> its entries' digests at the current commit
    commits = [chunk.splitlines() for chunk in (log or "").split("\0")[1:]]
    wanted = {line.split()[3] for lines in commits for line in lines[1:] if line.startswith(":")} - {_NO_BLOB}
    parsed = _blobs(top, sorted(wanted), memo)
    for lines in commits:
        for line in lines[1:]:
            if not line.startswith(":"):
                continue
            meta, path = line.split("\t", 1)
            blob = meta.split()[3]
            if path.rpartition("/")[0] != folder or not path.endswith((".yml", ".yaml")):
                continue
            if blob == _NO_BLOB:
                files.pop(path, None)
            else:
                files[path] = parsed[blob]
        merged = {}
        for path in sorted(files):
            merged = files[path] | merged  # an id written twice: the first file's, as loading reports it
        yield datetime.fromtimestamp(int(lines[0]), UTC), merged


def _blobs(top: Path, shas: list[str], memo: Memo) -> dict[str, dict[str, str]]:
    """Each blob's entry digests, read once ever (kept in the cache by the blob's hash)."""
    parsed = {sha: memo.get(sha) for sha in shas}
    missing = [sha for sha, digests in parsed.items() if digests is None]
    if missing:
        out = subprocess.run(
            ["git", "-C", str(top), "cat-file", "--batch"],
            input="\n".join(missing).encode() + b"\n",
            capture_output=True,
            check=True,
        ).stdout
        for sha in missing:
            header, _, out = out.partition(b"\n")
            size = int(header.split()[2])
            parsed[sha] = memo.put(sha, _digests(out[:size]))
            out = out[size + 1 :]
    return parsed


def _digests(text: bytes) -> dict[str, str]:
    """Id -> digest of each activity entry in one file's text; {} for a file that does not parse."""
    try:
        entries = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return {}
    found = {}
    for entry in entries if isinstance(entries, list) else []:
        if isinstance(entry, dict) and isinstance(entry.get("id"), str) and entry["id"] not in found:
            found[entry["id"]] = key(json.dumps(entry, sort_keys=True, ensure_ascii=False, default=str))
    return found


def _git(where: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", "-C", str(where), *args], capture_output=True, text=True)
    except OSError:  # no git installed
        return None
    return done.stdout if done.returncode == 0 else None
