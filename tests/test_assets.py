"""The campaign stylesheet bundle (campaign/html/assets.py), without MkDocs."""

from __future__ import annotations

import pytest

from campaign.html.assets import BUNDLE, COMPONENTS, CSS_DIR, bundle_css


def test_the_bundle_keeps_each_part_whole_in_the_given_order_and_is_byte_stable():
    parts = [("a.css", "/* a */\n.a { color: red; }\n\n"), ("b.css", ".b { background: url(../images/b.png); }")]
    css = bundle_css(parts)
    assert (
        css == "/* ---- a.css ---- */\n/* a */\n.a { color: red; }\n\n/* ---- b.css ---- */\n"
        ".b { background: url(../images/b.png); }\n"
    )
    assert bundle_css(parts) == css
    assert BUNDLE.rsplit("/", 1)[0] == CSS_DIR  # relative urls keep their meaning
    assert COMPONENTS[-1].endswith("/care.css") and len(set(COMPONENTS)) == len(COMPONENTS)


@pytest.mark.parametrize("rule", ["@import url(x.css);", '@charset "utf-8";', "@IMPORT 'x.css';"])
def test_rules_that_only_work_at_the_start_of_a_stylesheet_are_refused(rule):
    with pytest.raises(ValueError, match="ledger.css"):
        bundle_css([("base.css", ".a {}"), ("ledger.css", rule + "\n.b {}")])
