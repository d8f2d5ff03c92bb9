"""Each part's heading stays on the page where its table starts, in the PDF of every
shared sample (a heading alone at the foot of a page, its table on the next, was the
walk-through's complaint), and the part's text follows its table, as the draft
says (“这里可写印在表格之后的说明文字”)."""

from __future__ import annotations

import io

import pytest

from render_checks import load_expected
from zfxxgk.render import render
from zfxxgk.render.layout import build

pdfium = pytest.importorskip("pypdfium2")


def page_texts(data: bytes) -> list[str]:
    pdf = pdfium.PdfDocument(data)
    try:
        return ["".join(pdf[i].get_textpage().get_text_range().split()) for i in range(len(pdf))]
    finally:
        pdf.close()


def first_head_text(grid) -> str:
    return next(c.text for row in [*grid.head, *grid.body] for c in row if c.text.strip())


def expected_paths(samples):
    paths = sorted(samples.glob("*-expected/*.json"))
    assert paths, "no shared samples"
    return paths


def test_every_sample_keeps_headings_with_their_tables(samples):
    for path in expected_paths(samples):
        _, report = load_expected(path)
        layout = build(report)
        pages = page_texts(render(report, "pdf"))
        for part in layout.parts:
            if part.grid is None:
                continue
            heading = "".join(part.heading.split())
            on = [i for i, t in enumerate(pages) if heading in t]
            assert on, (path.name, part.heading)
            text = pages[on[0]]
            after = text[text.index(heading) + len(heading):]
            head = "".join(first_head_text(part.grid).split())
            assert head in after, (path.name, part.key, f"heading on page {on[0] + 1}, table not")
            joined = "".join(pages[on[0]:])
            at = joined.index(heading) + len(heading)
            for p in part.paragraphs:  # the part's text after its table's first row
                start = "".join(p.split())[:12]
                assert joined.find(head, at) < joined.find(start, at), (path.name, part.key)


def _heading_and_head_pages(layout, heading: str, head: str) -> tuple[list[int], list[int], float]:
    import pdfplumber

    from zfxxgk.render.pdf import render_pdf

    with pdfplumber.open(io.BytesIO(render_pdf(layout))) as pdf:
        lines = [(i, "".join(t.split()), top) for i, page in enumerate(pdf.pages)
                 for t, top in ((ln["text"], ln["top"]) for ln in page.extract_text_lines())]
    h = [(i, top) for i, t, top in lines if t.startswith(heading[:8])]
    heads = [i for i, t, _ in lines if head in t and not t.startswith(heading[:8])]
    return [i for i, _ in h], heads, h[0][1]


@pytest.mark.slow
def test_heading_near_the_foot_of_a_page_moves_with_its_table(samples):
    """Text before part 四 is lengthened a line at a time so that its heading lands
    in the last lines of the page: in every position the heading goes with the table."""
    import dataclasses

    _, report = load_expected(sorted(samples.glob("real-expected/*.json"))[0])
    layout = build(report)
    filler, part = layout.parts[0], next(p for p in layout.parts if p.key == "4")
    heading, head = "".join(part.heading.split()), "".join(first_head_text(part.grid).split())

    def with_lines(k: int):
        return dataclasses.replace(layout, parts=[
            dataclasses.replace(filler, paragraphs=["说明。"] * k), part])

    _, _, y0 = _heading_and_head_pages(with_lines(1), heading, head)
    _, _, y1 = _heading_and_head_pages(with_lines(2), heading, head)
    pitch = y1 - y0
    bottom = 842 - 62  # A4 less the 2.2 cm bottom margin, in points
    first, last = int((bottom - 110 - y0) / pitch) + 1, int((bottom - y0) / pitch) + 2
    moved = 0
    for k in range(first, last + 1):
        pages, heads, _ = _heading_and_head_pages(with_lines(k), heading, head)
        assert pages[0] == heads[0], f"{k} lines: heading on page {pages[0] + 1}, table on {heads[0] + 1}"
        moved += pages[0] == 1
    assert moved, "the sweep never pushed the heading over the page: it tested nothing"


def _page_lines(layout) -> list[tuple[int, str, float]]:
    import pdfplumber

    from zfxxgk.render.pdf import render_pdf

    with pdfplumber.open(io.BytesIO(render_pdf(layout))) as pdf:
        return [(i, "".join(ln["text"].split()), ln["top"]) for i, page in enumerate(pdf.pages)
                for ln in page.extract_text_lines()]


@pytest.mark.slow
def test_table_two_caption_rows_stay_with_their_rows(samples):
    """表二's 第二十条第（五）项 and its 信息内容 line are rows of headings only: at the
    foot of a page they went alone, their figures on the next page (seen in the
    walk-through's PDF). Text before part 二 is lengthened a line at a time so that
    the caption lands in the last lines of page 1: no page ends with such a row."""
    import dataclasses

    _, report = load_expected(sorted(samples.glob("real-expected/*.json"))[0])
    layout = build(report)
    assert layout.template == "2021"
    filler, part = layout.parts[0], next(p for p in layout.parts if p.key == "2")

    def with_lines(k: int):
        return dataclasses.replace(layout, parts=[
            dataclasses.replace(filler, paragraphs=["说明。"] * k), dataclasses.replace(part, paragraphs=[])])

    def caption_top(lines, words="第二十条第（五）项"):
        return next(top for page, t, top in lines if t.startswith(words) and page == 0)

    y0, y1 = caption_top(_page_lines(with_lines(1))), caption_top(_page_lines(with_lines(2)))
    pitch = y1 - y0
    bottom = 842 - 62  # A4 less the 2.2 cm bottom margin, in points
    first, last = int((bottom - 45 - y0) / pitch), int((bottom - y0) / pitch) + 1
    moved = 0
    for k in range(max(first, 1), last + 1):
        lines = _page_lines(with_lines(k))
        ends = [max((ln for ln in lines if ln[0] == p), key=lambda ln: ln[2])[1]
                for p in sorted({ln[0] for ln in lines})]
        alone = [t for t in ends[:-1] if t.startswith("第二十条第") or t.startswith("信息内容")]
        assert not alone, f"{k} lines: a page ends with {alone}"
        moved += not any(t.startswith("第二十条第（五）项") for p, t, _ in lines if p == 0)
    assert moved, "the sweep never pushed the caption over the page: it tested nothing"
