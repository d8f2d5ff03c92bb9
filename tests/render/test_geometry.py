"""The PDF's tables where the official form has them, measured on the page.

Word boxes come from `pdftotext -bbox` (points); the page is rendered to PNG by
pdftoppm at 72 dpi, so a pixel is a point and the borders can be looked at: a
merged header cell has no border inside it, the cells under it do."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from strategies import distinct_report
from zfxxgk.render import render

WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')
PAGE = re.compile(r"<page ")


@pytest.fixture(scope="module")
def pdf_pages(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("pdf")
    report = distinct_report("2021", seed=5)
    path = tmp / "r.pdf"
    path.write_bytes(render(report, "pdf"))
    html = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True,
                          check=True).stdout.decode()
    pages = []
    for i, chunk in enumerate(PAGE.split(html)[1:], start=1):
        words = [(float(a), float(b), float(c), float(d), t) for a, b, c, d, t in WORD.findall(chunk)]
        subprocess.run(["pdftoppm", "-png", "-r", "72", "-f", str(i), "-l", str(i), str(path),
                        str(tmp / f"p{i}")], check=True)
        png = next(tmp.glob(f"p{i}-*.png"))
        pages.append((words, Image.open(png).convert("L")))
    return report, pages


def find(pages, text, nth=0):
    """A word on the pages; a label wrapped in a narrow cell is found by its first line."""
    hits = [(p, w) for p, (words, _) in enumerate(pages) for w in words if w[4] == text]
    if not hits:
        hits = [(p, w) for p, (words, _) in enumerate(pages) for w in words
                if len(w[4]) >= 3 and text.startswith(w[4])]
    assert len(hits) > nth, f"{text!r} not on any page"
    return hits[nth]


def center(w):
    return (w[0] + w[2]) / 2


def test_a4_pages(pdf_pages):
    _, pages = pdf_pages
    for _, image in pages:
        assert abs(image.size[0] - 595) <= 1 and abs(image.size[1] - 842) <= 1  # A4 in points


def test_t3_header_spans(pdf_pages):
    _, pages = pdf_pages
    p, applicant = find(pages, "申请人情况")
    _, person = find(pages, "自然人")
    _, orgs = find(pages, "法人或其他组织")
    _, business = find(pages, "商业企业")
    other = [w for w in pages[p][0] if w[4] == "其他" and w[1] > orgs[1]][0]
    total = [w for w in pages[p][0] if w[4] == "总计" and abs(w[1] - person[1]) < 5][0]
    # 申请人情况 is centred over 自然人 … 总计; 法人或其他组织 over 商业企业 … 其他
    assert person[0] < center(applicant) < total[2]
    assert abs(center(applicant) - (person[0] + total[2]) / 2) < 20
    assert business[0] < center(orgs) < other[2]
    assert applicant[3] < person[1] and person[3] <= business[1] + 12 and orgs[3] < business[1]
    # the 申请人情况 cell is merged: no vertical border inside it; under it the columns have one
    image = pages[p][1]
    y_top = int((applicant[1] + applicant[3]) / 2)
    x_sep = int((person[2] + business[0]) / 2)
    y_body = int(business[3] + 12)
    dark_in_header = min(image.getpixel((x, y_top)) for x in range(int(person[2]), int(business[0])))
    dark_in_body = min(image.getpixel((x, y_body)) for x in range(int(person[2]), int(business[0]) + 1))
    assert dark_in_header > 200, "a border crosses the merged 申请人情况 cell"
    assert dark_in_body < 128, f"no column border near x={x_sep}"


def test_t3_rows_in_official_order(pdf_pages):
    _, pages = pdf_pages
    labels = ["一、本年新收政府信息公开申请数量", "（一）予以公开", "1.属于国家秘密",
              "（四）无法提供", "（五）不予处理", "（六）其他处理", "（七）总计", "四、结转下年度继续办理"]
    positions = [find(pages, label) for label in labels]
    order = [(p, w[1]) for p, w in positions]
    assert order == sorted(order)


def test_group_label_spans_its_rows(pdf_pages):
    """（三）不予公开 sits beside its eight rows, vertically between 1. and 8."""
    _, pages = pdf_pages
    p, group = find(pages, "（三）不予公开")
    first = [w for w in pages[p][0] if w[4] == "1.属于国家秘密"][0]
    last = [w for w in pages[p][0] if w[4] == "8.属于行政查询事项"][0]
    assert group[2] < first[0]
    assert first[1] < (group[1] + group[3]) / 2 < last[3]


def test_t4_two_level_header(pdf_pages):
    report, pages = pdf_pages
    p, suit = find(pages, "行政诉讼")
    _, review = find(pages, "行政复议")
    _, direct = find(pages, "未经复议直接起诉")
    _, after = find(pages, "复议后起诉")
    assert review[2] < suit[0]
    assert direct[0] < center(suit) < after[2] or abs(center(suit) - (direct[0] + after[2]) / 2) < 30
    assert suit[3] <= direct[1] + 1 and direct[2] < after[0]
    # the data row: the 行政复议 total sits under the fifth column, before 未经复议直接起诉's cells
    value = str(report.review_litigation["review"]["total"])
    total_word = [w for w in pages[p][0] if w[4] == value and w[1] > direct[3]][0]
    assert total_word[2] < direct[0] + 5


def test_header_repeats_on_the_next_page(pdf_pages):
    """Table 三 runs over a page break: its header row is printed again there."""
    _, pages = pdf_pages
    on = [p for p, (words, _) in enumerate(pages) if any(w[4] == "申请人情况" for w in words)]
    rows = [p for p, (words, _) in enumerate(pages) for w in words
            if w[4] in ("一、本年新收政府信息公开申请数量", "四、结转下年度继续办理")]
    assert set(range(min(rows), max(rows) + 1)) <= set(on)
