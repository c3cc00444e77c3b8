"""The editor's guide shows YAML that the validator accepts, so an editor who copies it gets no error."""

from __future__ import annotations

import re

from campaign.data.models import Achievements, Activity, FeedbackLedger, Report
from campaign.data.yamlsource import Source
from conftest import ROOT


def test_every_yaml_example_in_the_guide_is_valid(tmp_path):
    guide = (ROOT / "content/guide/index.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", guide, flags=re.S)
    assert len(blocks) >= 2
    for n, block in enumerate(blocks):
        path = tmp_path / f"example{n}.yml"
        path.write_text(block, encoding="utf-8")
        source = Source(path, path.name)  # read exactly as data files are read
        assert not source.problems, source.problems
        items = source.data if isinstance(source.data, list) else [source.data]
        ledger_keys = set(FeedbackLedger.model_fields)
        model = (
            Activity
            if isinstance(source.data, list)
            else Report
            if "activity" in source.data
            else FeedbackLedger
            if set(source.data) <= ledger_keys
            else Achievements
        )
        for item in items:
            model.model_validate(item, context={"year": 2021})
