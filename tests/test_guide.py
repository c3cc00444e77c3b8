"""The editor's guide shows YAML that the validator accepts, so an editor who copies it gets no error."""

from __future__ import annotations

import re

from campaign.data.models import Achievements, Activity, Campaign, Feedback, FeedbackLedger, Report
from campaign.data.yamlsource import Source
from campaign.fields.when import read_when
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
        ledger_keys = set(FeedbackLedger.model_fields)
        model = (
            Activity
            if isinstance(source.data, list)
            else Campaign
            if "site_url" in source.data
            else Feedback
            if "feedback" in source.data
            else Report
            if "activity" in source.data
            else FeedbackLedger
            if set(source.data) <= ledger_keys
            else Achievements
        )
        items = source.data if isinstance(source.data, list) else [source.data]
        if model is Feedback:
            items = [source.data["feedback"]]
        for item in items:
            model.model_validate(item, context={"year": 2021})


def test_every_time_phrase_in_the_guide_reads_as_the_guide_says():
    """The guide's table of time phrases: each phrase it lists is read, none is refused."""
    guide = (ROOT / "content/guide/index.md").read_text(encoding="utf-8")
    table = guide[guide.index("## 时间（`when`、`deadline`）怎么写") : guide.index("网站看不懂的写法")]
    phrases = re.findall(r"`([^`]+)`", "".join(line for line in table.splitlines(True) if line.startswith("| `")))
    assert len(phrases) > 80
    for phrase in phrases:
        read_when(phrase, 2021)
    for written in (
        "三月份启动",
        "每两个月",
        "每季度",
        "每周三上午",
        "上半年",
        "三季度",
        "10月中下旬",
        "次年",
        "国庆节期间",
        "春节前",
        "适时",
        "择机",
        "视情况",
    ):  # each kind of phrase plans use
        assert any(written in phrase for phrase in phrases), written
