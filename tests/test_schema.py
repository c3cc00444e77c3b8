"""The editors' JSON Schema: generated from the models, committed, documented in Chinese, and in step
with the validator: it accepts every sample file as an editor's YAML 1.2 plugin reads it, and rejects
the mistakes the validator rejects."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft7Validator

from campaign.data.load import load_site
from campaign.data.problems import DataProblems
from campaign.data.schema import KINDS, kind_of, schema_files
from conftest import ROOT
from test_load import replace

SAMPLES = {ROOT / "data": "data", ROOT / "examples/sibaoshan": "examples/sibaoshan"}


class Yaml12Loader(yaml.SafeLoader):
    """YAML 1.2 core schema, as editors' plugins read it: no timestamps (2021-09-12 is text), no yes/no booleans."""


Yaml12Loader.yaml_implicit_resolvers = {}
for tag, pattern, first in [
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    ("tag:yaml.org,2002:int", r"^[-+]?[0-9]+$", list("-+0123456789")),
    ("tag:yaml.org,2002:float", r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$", list("-+.0123456789")),
]:
    Yaml12Loader.add_implicit_resolver(tag, re.compile(pattern), first)


def validator(kind_name: str) -> Draft7Validator:
    schema = json.loads((ROOT / "schemas" / f"{kind_name}.schema.json").read_text(encoding="utf-8"))
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"  # the draft editors' plugins support
    Draft7Validator.check_schema(schema)
    return Draft7Validator(schema, format_checker=Draft7Validator.FORMAT_CHECKER)


def schema_errors(path: Path, data_dir: Path) -> list:
    kind = kind_of(path.relative_to(data_dir).as_posix())
    document = yaml.load(path.read_text(encoding="utf-8"), Loader=Yaml12Loader)
    return list(validator(kind.name).iter_errors(document))


def sample_files():
    return [(path, data_dir) for data_dir in SAMPLES for path in sorted(data_dir.rglob("*.yml"))]


def test_committed_schemas_are_the_generated_ones():
    for name, text in schema_files().items():
        assert (ROOT / name).read_text(encoding="utf-8") == text, f"{name} is stale: run make schemas"
    assert sorted(p.name for p in (ROOT / "schemas").glob("*.json")) == sorted(Path(n).name for n in schema_files())


def fields(schema: dict):
    """(where, name, field schema) for every field of every object in a schema."""
    defs = schema.get("$defs", {})
    for where, node in [("", schema), *defs.items()]:
        for name, field in node.get("properties", {}).items():
            # a field holding one object shows that object's title, as editors do
            referenced = defs.get(field.get("$ref", "").rpartition("/")[2], {})
            yield where, name, {"title": referenced.get("title", ""), **field}


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
def test_every_field_has_a_chinese_title_description_and_valid_examples(kind):
    schema = json.loads(schema_files()[f"schemas/{kind.name}.schema.json"])
    chinese = re.compile(r"[\u4e00-\u9fff]")
    for where, name, field in fields(schema):
        assert chinese.search(field.get("title", "")), f"{where}.{name}: no Chinese title"
        assert chinese.search(field.get("description", "")), f"{where}.{name}: no Chinese description"
        assert field.get("examples"), f"{where}.{name}: no examples"
        for example in field["examples"]:
            check = Draft7Validator(
                {**field, "$defs": schema.get("$defs", {})}, format_checker=Draft7Validator.FORMAT_CHECKER
            )
            assert not list(check.iter_errors(example)), f"{where}.{name}: example {example!r} breaks its own schema"


@pytest.mark.parametrize(
    "path,data_dir", sample_files(), ids=lambda v: str(v.relative_to(ROOT)) if isinstance(v, Path) else ""
)
def test_every_sample_file_names_its_schema_and_passes_it(path, data_dir):
    first = path.read_text(encoding="utf-8").splitlines()[0]
    match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
    assert match, f"{path} does not start with the yaml-language-server line"
    kind = kind_of(path.relative_to(data_dir).as_posix())
    assert (path.parent / match[1]).resolve() == ROOT / "schemas" / f"{kind.name}.schema.json"
    assert schema_errors(path, data_dir) == []


MISTAKES = [  # (file in data/, text, replaced by): each a mistake that both must reject
    ("activities/healthcare.yml", "  title:", "  tittle:"),  # misspelt key
    ("activities/healthcare.yml", "channels: [讲座]", "channels: 讲座"),  # text, not a list
    ("activities/healthcare.yml", "id: health-lectures", "id: Health_Lectures"),  # bad id pattern
    ("activities/healthcare.yml", "  where: 山头卫生院\n", ""),  # missing required field
    ("activities/healthcare.yml", "title: 健康知识讲座", 'title: ""'),  # empty text
    ("achievements/housing.yml", "status: 进行中", "status: 差不多"),  # bad status literal
    ("achievements/healthcare.yml", "kind: 重点工作", "kind: 重点任务"),  # bad kind literal
    ("achievements/healthcare.yml", "value: 79", "value: 七十九"),  # not a number
    ("achievements/healthcare.yml", "as_of: 2021-09-12", "as_of: 2021年9月12日"),  # not a date
    ("achievements/healthcare.yml", "figures:", "figgures:"),  # misspelt top-level key
    ("campaign.yml", "year: 2021", "year: 今年"),  # not an integer
    ("campaign.yml", "form_url: https://", "form_url: "),  # not a web address
    ("domains.yml", "- id: childcare\n  name: 幼有所育\n", "- id: childcare\n"),  # missing name
]


@pytest.mark.parametrize("file,old,new", MISTAKES, ids=[f"{m[0]}:{m[2].strip() or 'removed'}" for m in MISTAKES])
def test_schema_and_validator_reject_the_same_mistakes(project, file, old, new):
    data = project / "data"
    replace(data / file, old, new)
    assert schema_errors(data / file, data), "the schema accepted it"
    with pytest.raises(DataProblems) as caught:
        load_site(data)
    assert {p.file for p in caught.value.problems} == {f"data/{file}"}


def test_schemas_are_published_with_the_site(sample_site):
    for name, text in schema_files().items():
        assert (sample_site / name).read_text(encoding="utf-8") == text
