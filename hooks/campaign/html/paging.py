"""Long lists cut into pages of a fixed size, so that no page grows with the campaign.

The first page keeps the list's own address (`activities/`); the others are at `<folder>/p/<n>/`
(`activities/p/2/`): ids are at least two characters long, so a one-letter folder is never an
activity's or a domain's page. Each page links to the first and last, its neighbours and landmarks
every 10 (and 100, 1000 …) pages near it, so any page is a few taps away without JavaScript, and the
pager itself stays small however long the list is.
"""

from __future__ import annotations

from dataclasses import dataclass

from campaign.html.render import PageSpec, page_url


@dataclass(frozen=True)
class Paging:
    """One page of a list: its items and where it stands among the others."""

    items: list
    number: int  # 1 for the first page
    count: int  # pages in all
    total: int  # items in all
    start: int  # the position of this page's first item in the whole list, from 1
    base: str  # the src_uri of the first page

    @property
    def end(self) -> int:
        return self.start + len(self.items) - 1

    def url(self, number: int) -> str:
        """The site-relative URL of page `number` of this list."""
        return page_url(page_source(self.base, number))

    def links(self) -> list[int | None]:
        """The page numbers the pager shows, in order; None where numbers are skipped."""
        shown = {1, self.count, *range(self.number - 2, self.number + 3)}
        step = 10
        while step < self.count:
            near = range(self.number - 5 * step, self.number + 5 * step + 1)
            shown.update(n for n in near if n % step == 0)
            step *= 10
        numbers, found = sorted(n for n in shown if 1 <= n <= self.count), []
        for n in numbers:
            if found and n > found[-1] + 1:
                found.append(None)
            found.append(n)
        return found


def page_source(base: str, number: int) -> str:
    """The src_uri of page `number` of the list whose first page is `base` (a `…/index.md` or `….md`)."""
    if number == 1:
        return base
    folder = page_url(base)
    return f"{folder}p/{number}.md"


def paginate(base: str, items: list, per_page: int) -> list[tuple[str, Paging]]:
    """The pages of `items`, `per_page` each, as (src_uri, Paging); one (empty) page for an empty list."""
    count = max(1, -(-len(items) // per_page))
    return [
        (
            page_source(base, n),
            Paging(items[(n - 1) * per_page : n * per_page], n, count, len(items), (n - 1) * per_page + 1, base),
        )
        for n in range(1, count + 1)
    ]


def paginate_sections(sections: list[tuple[object, list]], per_page: int) -> list[list[tuple[object, list, bool]]]:
    """Sections (key, items) cut into pages of at most `per_page` items, in order; a section cut in two
    goes on at the top of the next page, marked continued (True). At least one page, maybe empty."""
    pages: list[list] = [[]]
    room = per_page
    for key, items in sections:
        start = 0
        while start < len(items):
            if room == 0:
                pages.append([])
                room = per_page
            chunk = items[start : start + room]
            pages[-1].append((key, chunk, start > 0))
            start += len(chunk)
            room -= len(chunk)
    return pages


def paged(
    base: str,
    title: str,
    template: str,
    items: list,
    per_page: int,
    context: dict | None = None,
    meta: dict | None = None,
) -> list[PageSpec]:
    """A list's pages as PageSpecs: each gets its `paging`; later pages say their number in the title."""
    specs = []
    for src_uri, paging in paginate(base, items, per_page):
        suffix = f"（第 {paging.number} 页）" if paging.number > 1 else ""
        page_meta = dict(meta or {})
        if suffix and "description" in page_meta:
            page_meta["description"] += suffix
        specs.append(PageSpec(src_uri, title + suffix, template, {**(context or {}), "paging": paging}, page_meta))
    return specs
