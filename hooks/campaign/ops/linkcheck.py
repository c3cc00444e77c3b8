"""Check the links of a built site: every internal href/src must reach a file, every #fragment an id
on its target page. MkDocs validates Markdown links only; this reads the HTML it wrote, so it also
covers raw HTML blocks, templates and the theme. External links are listed, never fetched; so are
links marked rel="external" ("not part of the same site"), such as a form served beside the site.
What would run script is a problem too: an event handler (onclick=…), a javascript: link, and an inline
script the page's Content-Security-Policy does not allow by its hash (hand-written HTML's own).

`python -m campaign.ops.linkcheck site https://example.org/shantou/` exits 1 on any broken link.
"""

from __future__ import annotations

import base64
import hashlib
import re
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from campaign.ops.build import locked

_LINK_ATTRS = {"href", "src"}
_SHARED_URLS = {"og:url", "og:image"}  # <meta property content>: absolute links into the site


class _Page(HTMLParser):
    """The ids, the links (line, url) and the rel="external" links of one HTML file, and what in it would
    run script: (line, what) for each event handler, javascript: link and inline script its CSP refuses."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[int, str]] = []
        self.outside: list[str] = []
        self.unsafe: list[tuple[int, str]] = []
        self._policy = ""  # the page's Content-Security-Policy
        self._scripts: list[tuple[int, str]] = []  # inline scripts: line and text
        self._script: tuple[int, list[str]] | None = None  # the one being read
        self.feed(text)
        self.close()
        allowed = set(_HASH.findall(self._policy))
        self.unsafe += [
            (line, f"内联脚本 <script>{_shown(code)}</script>")
            for line, code in self._scripts
            if _sha256(code) not in allowed
        ]

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        line = self.getpos()[0]
        if tag == "meta" and (attrs.get("http-equiv") or "").lower() == "content-security-policy":
            self._policy = attrs.get("content") or ""
        if tag == "script" and "src" not in attrs and _RUNS.match(attrs.get("type") or ""):
            self._script = (line, [])
        self.unsafe += [(line, f'事件属性 {k}="{_shown(v or "")}"') for k, v in attrs.items() if k.startswith("on")]
        self.unsafe += [
            (line, f'链接 {k}="{_shown(v)}"')
            for k, v in attrs.items()
            if k in _SCRIPT_URL_ATTRS and v and _is_javascript(v)
        ]
        self.ids.update(v for k, v in attrs.items() if v and (k == "id" or (tag == "a" and k == "name")))
        urls = [v for k, v in attrs.items() if k in _LINK_ATTRS and v]
        if attrs.get("srcset"):  # "a.webp 480w, b.webp 800w": each candidate's first word is a URL
            urls.extend(c.split()[0] for c in attrs["srcset"].split(",") if c.strip())
        if tag == "meta" and attrs.get("property") in _SHARED_URLS and attrs.get("content"):
            urls.append(attrs["content"])
        if "external" in (attrs.get("rel") or "").split():
            self.outside.extend(url.strip() for url in urls)
        else:
            self.links.extend((self.getpos()[0], url.strip()) for url in urls)

    def handle_data(self, data):
        if self._script:
            self._script[1].append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script:
            self._scripts.append((self._script[0], "".join(self._script[1])))
            self._script = None


_SCRIPT_URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "data"}
_RUNS = re.compile(r"^(?:|text/javascript|module)$", re.I)  # not JSON or JSON-LD, which never run
_HASH = re.compile(r"'sha256-([A-Za-z0-9+/=]+)'")
UNSAFE_HINT = (
    "网站不运行页面里手写的脚本（内容安全策略会拦下）：删掉它；要加交互功能，请开发人员写成 "
    "hooks/campaign/features/ 下的脚本文件。"
)


def _is_javascript(url: str) -> bool:
    """As a browser reads the scheme: spaces, tabs and line breaks in it are dropped, case is ignored."""
    return re.sub(r"[\x00-\x20]", "", url).lower().startswith("javascript:")


def _sha256(code: str) -> str:
    return base64.b64encode(hashlib.sha256(code.encode()).digest()).decode()


def _shown(text: str) -> str:
    return text if len(text) <= 40 else text[:40] + "…"


@dataclass
class Report:
    pages: int = 0
    internal: int = 0
    problems: list[str] = field(default_factory=list)
    external: set[str] = field(default_factory=set)


def check_site(root: Path, site_url: str) -> Report:
    """Check every HTML file under `root`, the site published at `site_url`."""
    root = Path(root)
    site_url = site_url.rstrip("/") + "/"
    parsed = {path: _Page(path.read_text(encoding="utf-8")) for path in sorted(root.rglob("*.html"))}
    report = Report(pages=len(parsed))
    for path, page in parsed.items():
        here = urljoin(site_url, path.relative_to(root).as_posix())
        report.external.update(urljoin(here, url) for url in page.outside)
        for line, url in page.links:
            absolute = urljoin(here, url)
            if urlsplit(absolute).scheme not in {"http", "https"}:
                continue  # mailto:, tel:, data:
            if not absolute.startswith(site_url):
                report.external.add(absolute)
                continue
            report.internal += 1
            problem = _resolve(root, absolute[len(site_url) :], parsed)
            if problem:
                report.problems.append(f"{path.relative_to(root).as_posix()}:{line}：链接 {url} {problem}")
        report.problems += [
            f"{path.relative_to(root).as_posix()}:{line}：{what} 会运行脚本。{UNSAFE_HINT}"
            for line, what in page.unsafe
        ]
    return report


def _resolve(root: Path, url: str, parsed: dict[Path, _Page]) -> str | None:
    """Why the site-relative `url` does not resolve, or None when it does."""
    parts = urlsplit(url)
    path = unquote(parts.path)
    target = root / path
    if not path or path.endswith("/") or target.is_dir():
        target = target / "index.html"
    if not target.is_file():
        return f"指向的文件不存在（{target.relative_to(root).as_posix()}）"
    fragment = unquote(parts.fragment)
    if fragment and target in parsed and fragment not in parsed[target].ids:
        return f"指向的锚点 #{fragment} 在 {target.relative_to(root).as_posix()} 里不存在"
    return None


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("用法：python -m campaign.ops.linkcheck <网站目录> <site_url>", file=sys.stderr)
        return 2
    with locked(Path(argv[0])):  # not while a build swaps the site
        report = check_site(Path(argv[0]), argv[1])
    for problem in report.problems:
        print(problem, file=sys.stderr)
    if report.problems:
        print(f"链接检查未通过：{len(report.problems)} 处链接有误。", file=sys.stderr)
        return 1
    print(f"链接检查通过：{report.pages} 个页面，{report.internal} 个站内链接。")
    print(f"站外链接 {len(report.external)} 个（只列出，未访问）：")
    print("\n".join(f"  {url}" for url in sorted(report.external)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
