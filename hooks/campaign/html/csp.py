"""The Content-Security-Policy every page sends (as a <meta>, since a static host sets no headers): scripts
only from the site itself, and the theme's own inline scripts by their SHA-256.

Material puts two small scripts inline (`__md_scope`, whose text depends on the page's depth, and the one
that opens a tab named in the address). They are allowed by the hash of their exact text, page by page;
an inline script or event handler in a hand-written page's HTML is not, nor a `javascript:` link, so what
an office pastes cannot run script even though its raw HTML is published.
"""

from __future__ import annotations

import base64
import hashlib
import re

_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\ssrc=)([^>]*)>(.*?)</script>", re.S)
_NOT_JS = re.compile(r'\stype="(?!text/javascript|module)[^"]*"')  # JSON, JSON-LD: data, never run
POLICY = (
    "default-src 'self'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'"
)


def theme_hashes(html: str, content: str) -> list[str]:
    """The CSP hashes of the inline scripts of `html` that are not in the page's own `content`."""
    hashes = []
    for attributes, text in _INLINE_SCRIPT.findall(html):
        if _NOT_JS.search(attributes) or text in content:
            continue
        digest = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
        hashes.append(f"'sha256-{digest}'")
    return sorted(set(hashes))


def with_policy(html: str, content: str = "") -> str:
    """`html` with the policy's <meta> first in its <head>, before any script it governs."""
    policy = POLICY.format(hashes=" ".join(theme_hashes(html, content)))
    return html.replace("<head>", f'<head><meta http-equiv="Content-Security-Policy" content="{policy}">', 1)
