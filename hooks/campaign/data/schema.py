"""JSON Schema for each kind of data file, generated from the models that validate the data.

Editors' YAML plugins (VS Code's YAML extension and others that speak yaml-language-server) read
these to complete keys and explain them in Chinese. They come from the same pydantic models as
the validator, and a test compares the committed copies in schemas/ with a fresh generation, so
the two cannot drift. The schema checks form (keys, types, formats); meaning, such as whether a
`when` phrase can be read or a domain exists, is left to `make check`.
"""

from __future__ import annotations

import json
import os
from pathlib import Path, PurePosixPath

from pydantic import TypeAdapter

from campaign.data.kinds import KINDS, Kind, kind_of

# Draft 7: what yaml-language-server (VS Code's YAML extension) supports; pydantic's output keeps to it.
DIALECT = "http://json-schema.org/draft-07/schema#"
SCHEMAS = Path(__file__).resolve().parents[3] / "schemas"  # committed in the repo, beside data/


def schema(kind: Kind) -> dict:
    generated = TypeAdapter(kind.shape).json_schema()
    return {"$schema": DIALECT, "title": kind.title, "description": kind.description, **generated}


def schema_files() -> dict[str, str]:
    """schemas/<kind>.schema.json → its text, as committed in the repo and published on the site."""
    return {
        f"schemas/{kind.name}.schema.json": json.dumps(schema(kind), ensure_ascii=False, indent=2) + "\n"
        for kind in KINDS
    }


def modeline(relative: str, schemas_from_data: str = "../schemas") -> str:
    """The first line of a data file: tells the editor's YAML plugin which schema applies.

    `schemas_from_data` is where schemas/ is, seen from the data folder."""
    kind = kind_of(relative)
    up = "../" * (len(PurePosixPath(relative).parts) - 1)
    return f"# yaml-language-server: $schema={up}{schemas_from_data}/{kind.name}.schema.json"


def schemas_from(data_dir: Path) -> str:
    """Where the repo's schemas/ is, seen from a data folder: what `modeline` needs."""
    return Path(os.path.relpath(SCHEMAS, Path(data_dir).resolve())).as_posix()
