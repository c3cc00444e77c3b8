"""The campaign's stylesheet: one file made of the components' own CSS files.

Each component keeps a small template and its own CSS file in overrides/assets/css/ (the theme's
custom_dir); pages link only the bundle, so a phone makes one request for our styles instead of one per
component, none of them blocking the first paint on its own. Plain Python: no MkDocs here.
"""
from __future__ import annotations

from collections.abc import Iterable

CSS_DIR = "assets/css"
# In the bundle's folder, so that a relative url(...) in a component file resolves from it exactly as
# it did from the component file itself.
BUNDLE = f"{CSS_DIR}/campaign.css"
# In cascade order: a later file may override an earlier one (large-type.css last, so 大字模式 wins).
COMPONENTS = ("base.css", "cards.css", "progress.css", "dashboard.css", "gallery.css", "calendar.css",
              "feedback.css", "ledger.css", "large-type.css")
# Not bundled: only overrides/poster.html links it, and its @page rule must not shape other pages' print.
POSTER = "poster.css"


def bundle_css(parts: Iterable[tuple[str, str]]) -> str:
    """The components' CSS, given as (file name, text) in cascade order, as one stylesheet.

    Each part keeps its text unchanged under a comment naming its file; the result depends only on
    the parts (byte-stable). @import and @charset are refused: they are valid only at the very start of
    a stylesheet and would be silently ignored in the middle of the bundle.
    """
    chunks = []
    for name, text in parts:
        for rule in ("@import", "@charset"):
            if rule in text.lower():
                raise ValueError(f"{CSS_DIR}/{name}：合并后的样式表中 {rule} 无效，请直接写出样式。")
        chunks.append(f"/* ---- {name} ---- */\n{text.rstrip()}\n")
    return "\n".join(chunks)
