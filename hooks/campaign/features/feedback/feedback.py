"""提意见建议: the feedback block every page ends with, and the QR codes of its channels.

Where a resident sends a suggestion is decided per page, field by field: the activity's own `feedback`,
then its domain's, then campaign.yml's. A form address template carries the page's title, address and
id to the form service, so the office knows which page a suggestion came from.
"""

from __future__ import annotations

import functools
import io
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

import segno
from markupsafe import Markup

from campaign.data.load import Site
from campaign.data.models import Activity, Domain
from campaign.fields import links
from campaign.html import cache
from campaign.html.render import environment, page_url, relative

QR_SETTINGS = f"segno {segno.__version__}; error m; border 4; svg 1"  # part of each cached code's key


@dataclass(frozen=True)
class Where:
    """What a page is about, as the feedback block and the form need it."""

    kind: str  # activity, poster, domain, page, or "" where the page has no fixed address (404)
    title: str
    url: str  # site-relative page URL
    id: str = ""
    activity: Activity | None = None
    domain: Domain | None = None


@dataclass(frozen=True)
class Channels:
    form: str  # the filled-in form address
    hotline: str
    email: str | None

    @property
    def form_host(self) -> str:
        return urlsplit(self.form).hostname or ""


def where(site: Site, src_uri: str | None, title: str) -> Where:
    """The page at `src_uri` (None for the 404 page), with the `title` MkDocs gives it."""
    if src_uri is None:
        return Where("", title, "")
    section, *parts = src_uri.removesuffix(".md").split("/")
    activity = site.activity(parts[0]) if section == "activities" and parts and parts[1:] in ([], ["poster"]) else None
    if activity:
        kind = "poster" if parts[1:] else "activity"
        return Where(
            kind, activity.title, f"activities/{activity.id}/", activity.id, activity, site.domain(activity.domain)
        )
    domain = site.domains_by_id.get(parts[0]) if section == "domains" and len(parts) == 1 else None
    if domain:
        return Where("domain", domain.name, f"domains/{domain.id}/", domain.id, domain=domain)
    return Where("page", title, page_url(src_uri))


def channels(site: Site, here: Where, site_url: str) -> Channels:
    """The most specific value of each field; the form from the first level that names one."""
    levels = [level.feedback for level in (here.activity, here.domain) if level and level.feedback]
    levels.append(site.campaign.feedback)
    form_level = next(level for level in levels if level.form_url or level.form_url_template)
    form = form_level.form_url
    if form_level.form_url_template:
        form = links.fill(form_level.form_url_template, title=here.title, url=site_url + here.url, id=here.id)
    first = lambda name: next((getattr(level, name) for level in levels if getattr(level, name)), None)
    return Channels(form, first("hotline"), first("email"))


def feedback_block(site: Site, src_uri: str | None, title: str, site_url: str) -> Markup:
    """The block at the end of every page: form, hotline, e-mail, a privacy note, and on activity and
    domain pages their QR codes. `title` is the page title as MkDocs holds it."""
    here = where(site, src_uri, Markup(title).unescape())  # generated pages' titles arrive HTML-escaped
    ways = channels(site, here, site_url)
    link = (lambda target: relative(page_url(src_uri), target)) if src_uri is not None else None
    subject = quote(f"意见建议：{here.title}" if here.title else "意见建议")
    return Markup(
        _block_template().render(here=here, ways=ways, link=link, tel=links.tel_href(ways.hotline), subject=subject)
    )


@functools.cache
def _block_template():
    return environment().get_template("feedback.html")  # compiled once: every page renders it


def qr_svg(text: str, title: str) -> str:
    """A QR code of `text` as SVG, sized by CSS; never a Micro QR, which phones do not all read."""
    out = io.BytesIO()
    segno.make(text, micro=False, error="m").save(
        out, kind="svg", xmldecl=False, omitsize=True, border=4, title=title, dark="#000", light="#fff"
    )
    return out.getvalue().decode("utf-8")


def cached_qr(text: str, title: str, seals: cache.Seals) -> Path:
    """The file of qr_svg(text, title) in the sealed cache folder, made once: choosing a code's mask is
    slow in pure Python (~10 ms a code), and a warm build then links the file into the site. A file that
    is not as it was made (emptied, changed) is made again."""
    path = seals.folder / f"{cache.key(QR_SETTINGS, text, title)}.svg"
    if not seals.intact(path):
        svg = qr_svg(text, title).encode()
        with cache.writing(seals.folder):
            seals.folder.mkdir(parents=True, exist_ok=True)
        cache.write(path, lambda out: out.write(svg))
        seals.seal(path)
    return path


def qr_files(site: Site, site_url: str, cache_dir: Path) -> dict[str, Path]:
    """Site-relative path -> cached SVG file: each activity's and domain's form link and page address."""
    files, seals = {}, cache.Seals(cache_dir)
    for here in [where(site, f"activities/{a.id}.md", a.title) for a in site.activities] + [
        where(site, f"domains/{d.id}.md", d.name) for d in site.domains
    ]:
        files[here.url + "qr-feedback.svg"] = cached_qr(
            channels(site, here, site_url).form, f"{here.title}：意见建议表", seals
        )
        files[here.url + "qr-page.svg"] = cached_qr(site_url + here.url, f"{here.title}：网页", seals)
    seals.save()
    return files
