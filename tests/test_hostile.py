"""Hostile strings in every text field of the sample data: the site escapes or cleans them all.

Each plain-text field (titles, summaries, places, units, captions, alt texts…) of a copy of the sample
gets a set of injection attempts, an unbroken 300-character word and a right-to-left override
appended, cut to the length the field allows (a 200-character title holds the injections, not the word); ids, dates, `when` phrases, numbers, statuses and URLs are left alone (they are validated
and would be refused). The build must pass strictly, no script or event handler may appear that a
clean build does not have, and in Chromium no alert fires and no page scrolls sideways on a phone,
in normal and in the largest type (关怀版 特大).

Hand-written pages (content/**/*.md) get the same strings in their front matter's title and
description, which must arrive escaped exactly once in <title>, the meta and og: tags and the headings.
Their Markdown body is the office's own and may hold HTML on purpose: it gets only the strings that are
not markup (the long word, {{7*7}}, the right-to-left override), which must not break the strict build
or the layout.
"""

from __future__ import annotations

import functools
import html
import json
import re
import threading
from html.parser import HTMLParser
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml

from campaign.data.schema import schema_files
from campaign.site.pages import split_front_matter
from conftest import GUIDE, SAMPLE_CONTENT, copy_project, mkdocs_build
from test_browser import CHROMIUM, SITE_URL, _QuietHandler, browser

LONG = "W" * 300
HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "{{7*7}}",
    "</textarea><svg onload=alert(1)>",
    "' onmouseover='alert(1)",
    LONG,
    "\u202e反向文字",
    "**bold** [x](javascript:alert(1))",
]
# Keys whose values are free text shown to residents; everything else (ids, dates, when phrases,
# numbers, statuses, targets, links, images, URLs) is validated and left as it is.
TEXT_KEYS = {
    "title",
    "slogan",
    "organiser",
    "summary",
    "name",
    "unit",
    "description",
    "alt",
    "caption",
    "credit",
    "where",
    "audience",
    "channels",
    "measures",
    "what",
    "label",
    "source",
    "channel",
    "reason",
    "response",
}
# Not markup: what a hand-written body may contain without the office meaning any HTML.
PLAIN_HOSTILE = [LONG, "{{7*7}}", "\u202e反向文字"]
PAGES = [
    "",
    "domains/healthcare/",
    "activities/hospital-open-day/",
    "calendar/",
    "ledger/",
    "activities/hospital-open-day/poster/",
    "guide/",
]
# Hand-written pages, with the page each is published as: merged into a generated page, or on its own.
HANDWRITTEN = {
    "activities/hospital-open-day.md": "activities/hospital-open-day/index.html",
    "domains/healthcare.md": "domains/healthcare/index.html",  # the sample has none: one is added
    "guide/index.md": "guide/index.html",
}


def _limits() -> dict[str, int]:
    """The shortest length the data files' schemas allow each key (its own value, or each item of its list)."""
    limits: dict[str, int] = {}

    def walk(node):
        if isinstance(node, dict):
            for key, spec in node.get("properties", {}).items():
                for allowed in (s.get("maxLength") for s in (spec, spec.get("items", {}), *spec.get("anyOf", []))):
                    if allowed:
                        limits[key] = min(limits.get(key, allowed), allowed)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk([json.loads(text) for text in schema_files().values()])
    return limits


LIMITS = _limits()


def _poison(node, counter: list[int]):
    if isinstance(node, list):
        return [_poison(item, counter) for item in node]
    if not isinstance(node, dict):
        return node
    result = {}
    for key, value in node.items():
        if key in TEXT_KEYS and isinstance(value, str) and value:
            counter[0] += 1
            value = (value.rstrip("\n") + " " + " ".join(HOSTILE))[: LIMITS.get(key)]
        elif key in TEXT_KEYS and isinstance(value, list) and all(isinstance(v, str) for v in value):
            counter[0] += len(value)
            value = [(v + " " + " ".join(HOSTILE))[: LIMITS.get(key)] for v in value]
        else:
            value = _poison(value, counter)
        result[key] = value
    return result


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.scripts: set[str] = set()  # src of every <script>, "inline:<type>" for inline ones
        self.handlers: list[str] = []
        self.bad_urls: list[str] = []
        self.jsonld: list[str] = []
        self._in_jsonld = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name, value in attrs.items():
            if name.lower().startswith("on"):
                self.handlers.append(f"<{tag} {name}={value!r}>")
            if (
                name.lower() in {"href", "src", "action", "formaction", "xlink:href"}
                and value
                and re.sub(r"[\s\x00-\x1f]", "", value).lower().startswith("javascript:")
            ):
                self.bad_urls.append(f"<{tag} {name}={value!r}>")
        if tag == "script":
            self.scripts.add(attrs.get("src") or f"inline:{attrs.get('type', '')}")
            self._in_jsonld = attrs.get("type") == "application/ld+json"
            if self._in_jsonld:
                self.jsonld.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_jsonld = False

    def handle_data(self, data):
        if self._in_jsonld:
            self.jsonld[-1] += data


def _hostile_handwritten(text: str) -> tuple[dict[str, str], str]:
    """A hand-written page with hostile front matter and body text: (its new front matter, its text).
    A `# ` heading is dropped, so that Material writes the page's <h1> from the title."""
    meta, body = split_front_matter(text)
    meta = {
        **meta,
        "title": (meta.get("title") or "手写页面") + " " + " ".join(HOSTILE),
        "description": (meta.get("description") or "手写说明") + " " + " ".join(HOSTILE),
    }
    body = re.sub(r"^# .*\n", "", body, count=1, flags=re.M)
    body += "\n\n## 补充说明\n\n" + "\n\n".join(PLAIN_HOSTILE) + "\n"
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000)
    return meta, f"---\n{front}---\n\n{body}"


def _handwritten_meta() -> dict[str, dict[str, str]]:
    """Each hand-written page's hostile front matter, as the copy in `hostile_site` has it."""
    return {
        name: _hostile_handwritten(_read((GUIDE.parent if name.startswith("guide/") else SAMPLE_CONTENT) / name))[0]
        for name in HANDWRITTEN
    }


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8") if path.exists() else ""


def _shown(pattern: str, html_text: str, name: str) -> str:
    """The text a browser shows for the first match of `pattern`'s group: it must hold no tag."""
    match = re.search(pattern, html_text, re.S)
    assert match, (name, pattern)
    raw = match[1]
    assert "<" not in raw and ">" not in raw, (name, raw[:200])  # escaped, so nothing in it is markup
    return html.unescape(raw).strip()


def _collect(site: Path):
    pages = {}
    for path in sorted(site.rglob("*.html")):
        collector = _Collector()
        collector.feed(path.read_text(encoding="utf-8"))
        pages[path.relative_to(site).as_posix()] = collector
    return pages


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    """The project's copy (as the `project` fixture makes it, once for the module) with hostile data."""
    project = copy_project(tmp_path_factory.mktemp("hostile"))
    for name in HANDWRITTEN:
        path = project / "content" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_hostile_handwritten(_read(path))[1], encoding="utf-8")
    files = [project / "data" / "campaign.yml", project / "data" / "domains.yml"]
    for folder in ["activities", "achievements", "feedback"]:
        files += sorted((project / "data" / folder).glob("*.yml"))
    counter = [0]
    for path in files:
        data = _poison(yaml.safe_load(path.read_text(encoding="utf-8")), counter)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")
    assert counter[0] > 100, counter  # every kind of file and field was reached
    site = project / "site"
    result = mkdocs_build(project, site)  # strict
    assert result.returncode == 0, result.stderr
    return site


def test_the_build_escapes_every_hostile_string(hostile_site, sample_site):
    clean = _collect(sample_site)
    hostile = _collect(hostile_site)
    own_scripts = set().union(*(page.scripts for page in clean.values()))
    for name, page in hostile.items():
        assert page.scripts <= own_scripts, (name, page.scripts - own_scripts)
        assert not page.handlers, (name, page.handlers[:3])
        assert not page.bad_urls, (name, page.bad_urls[:3])
        for block in page.jsonld:
            assert "</script" not in block.lower(), name
            json.loads(block)
    activity = (hostile_site / "activities/hospital-open-day/index.html").read_text(encoding="utf-8")
    for page in ["index.html", "activities/hospital-open-day/index.html", "domains/healthcare/index.html"]:
        text = (hostile_site / page).read_text(encoding="utf-8")
        before = (sample_site / page).read_text(encoding="utf-8")
        assert "{{7*7}}" in text and text.count("49") == before.count("49"), page  # never evaluated
        assert LONG in text, page
    # The hostile text is shown as text, not dropped.
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in activity


def test_hand_written_front_matter_is_escaped_exactly_once(hostile_site):
    for name, meta in _handwritten_meta().items():
        page = (hostile_site / HANDWRITTEN[name]).read_text(encoding="utf-8")
        title, description = meta["title"], meta["description"]
        assert _shown(r"<title>(.*?)</title>", page, name).startswith(title + " - "), name
        assert _shown(r'<meta name="description" content="([^"]*)"', page, name) == description, name
        assert _shown(r'<meta property="og:title" content="([^"]*)"', page, name) == title, name
        assert _shown(r'<meta property="og:description" content="([^"]*)"', page, name) == description, name
        # the header's page title, which stays on screen while the page scrolls
        header = r'data-md-component="header-topic">\s*<span class="md-ellipsis">(.*?)</span>'
        assert _shown(header, page, name) == title, name
        # The body's own text arrives as written ({{7*7}} is not evaluated), each string a paragraph.
        assert all(f"<p>{text}</p>" in page for text in PLAIN_HOSTILE), name
    guide = (hostile_site / HANDWRITTEN["guide/index.md"]).read_text(encoding="utf-8")
    assert _shown(r"<h1[^>]*>(.*?)</h1>", guide, "guide") == _handwritten_meta()["guide/index.md"]["title"]


@pytest.fixture(scope="module")
def served_hostile(hostile_site, tmp_path_factory):
    root = tmp_path_factory.mktemp("www-hostile")
    base = SITE_URL.split("/", 3)[3]
    (root / base.rstrip("/")).symlink_to(hostile_site)
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/{base}"
    server.shutdown()


@pytest.mark.parametrize("large", [False, True], ids=["normal", "largest"])
def test_no_alert_fires_and_no_page_scrolls_sideways(served_hostile, browser, large):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    if large:  # 关怀版 特大, as care-init.js finds it remembered from an earlier page
        context.add_init_script("""localStorage.setItem("cc-care", '{"text": "2"}')""")
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append((page.url, dialog.message)), dialog.dismiss()))
    for path in PAGES:
        page.goto(served_hostile + path, wait_until="networkidle")
        assert page.evaluate("document.documentElement.dataset.careText") == ("2" if large else None)
        page.mouse.move(100, 300)
        page.mouse.wheel(0, 2000)
        page.wait_for_timeout(100)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, (path, width)
    assert not dialogs, dialogs
    context.close()
