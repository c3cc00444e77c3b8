"""The components' stylesheets and scripts, from their feature folders into the site.

Each component keeps its template, CSS and script together in `features/<name>/`, named after it.
Pages link one stylesheet made of every component's CSS, so a phone makes one request for our styles
instead of one per component; scripts are published one file each (mkdocs.yml lists them, deferred).
Plain Python: no MkDocs here.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]  # hooks/campaign
CSS_DIR = "assets/css"
JS_DIR = "assets/js"
# In the bundle's folder, so that a relative url(...) in a component file resolves from it exactly as
# it did from the component file itself.
BUNDLE = f"{CSS_DIR}/campaign.css"
# In cascade order: a later file may override an earlier one (关怀版 last, so its modes win).
COMPONENTS = (
    "site/base.css",
    "features/cards/cards.css",
    "features/progress/progress.css",
    "features/dashboard/dashboard.css",
    "features/gallery/gallery.css",
    "features/calendar/calendar.css",
    "features/feedback/feedback.css",
    "features/ledger/ledger.css",
    "features/news/news.css",
    "features/pager/pager.css",
    "features/care/care.css",
)
# Not bundled: only overrides/poster.html links it, and its @page rule must not shape other pages' print.
POSTER = "features/poster/poster.css"


def published() -> dict[str, Path]:
    """Site path -> source file of every asset published as it is: the poster's stylesheet and each
    component's scripts, at assets/css/ and assets/js/ under their own names."""
    files = {f"{CSS_DIR}/{Path(POSTER).name}": PACKAGE / POSTER}
    files.update({f"{JS_DIR}/{path.name}": path for path in sorted(PACKAGE.glob("features/*/*.js"))})
    return files


def bundle() -> str:
    """Every component's CSS, read from its feature folder, as the one stylesheet pages link."""
    return bundle_css((Path(name).name, (PACKAGE / name).read_text(encoding="utf-8")) for name in COMPONENTS)


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
                raise ValueError(f"{name}：合并后的样式表中 {rule} 无效，请直接写出样式。")
        chunks.append(f"/* ---- {name} ---- */\n{text.rstrip()}\n")
    return "\n".join(chunks)
