"""Long lists in pages of a fixed size (html/paging.py): addresses, the pager's links, sections cut in two."""

from __future__ import annotations

from campaign.html.paging import paged, paginate, paginate_sections


def test_pages_have_the_list_s_address_then_a_folder_no_id_can_take():
    pages = paginate("activities/index.md", list(range(120)), 50)
    assert [uri for uri, _ in pages] == ["activities/index.md", "activities/p/2.md", "activities/p/3.md"]
    last = pages[-1][1]
    assert (last.items, last.start, last.end, last.total, last.count) == (list(range(100, 120)), 101, 120, 120, 3)
    assert last.url(1) == "activities/" and last.url(3) == "activities/p/3/"
    assert [uri for uri, _ in paginate("calendar/healthcare.md", [1, 2, 3], 2)] == [
        "calendar/healthcare.md",
        "calendar/healthcare/p/2.md",
    ]
    assert len(paginate("ledger/index.md", [], 30)) == 1  # an empty list still has its page


def test_the_pager_reaches_any_page_in_a_few_taps_and_stays_small():
    pages = [paging for _, paging in paginate("a/index.md", list(range(5000)), 1)]
    for paging in pages[::97]:
        links = paging.links()
        assert len([n for n in links if n]) <= 40 and links[0] == 1 and links[-1] == 5000
    # From page 1 to any page, following the links shown on each page: never more than a dozen taps.
    by_number = {p.number: p for p in pages}
    for target in range(1, 5001, 37):
        here, taps = 1, 0
        while here != target:
            here = min((n for n in by_number[here].links() if n), key=lambda n: abs(n - target))
            taps += 1
        assert taps <= 12, target


def test_sections_cut_in_two_go_on_at_the_top_of_the_next_page():
    pages = paginate_sections([("a", [1, 2, 3]), ("b", [4, 5, 6, 7]), ("c", [])], 4)
    assert pages == [[("a", [1, 2, 3], False), ("b", [4], False)], [("b", [5, 6, 7], True)]]
    assert paginate_sections([], 4) == [[]]


def test_later_pages_say_their_number_in_the_title_and_description():
    specs = paged(
        "ledger/index.md", "你说我办", "ledger_page.html", list(range(61)), 30, meta={"description": "办理情况"}
    )
    assert [s.title for s in specs] == ["你说我办", "你说我办（第 2 页）", "你说我办（第 3 页）"]
    assert specs[2].meta["description"] == "办理情况（第 3 页）" and specs[0].meta["description"] == "办理情况"
    assert specs[1].context["paging"].items == list(range(30, 60))
