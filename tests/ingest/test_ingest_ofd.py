"""OFD (GB/T 33190) reports: shared samples of both formats, laid out as OFD by the
test writer (ofd_files.py), read back with every cell exact; the ways producers
write text (DeltaX and its ``g`` shorthand, text scaled by a CTM, one object per
character) and rule tables (strokes, thin filled rectangles); a seal never read
as text; a scanned OFD page read by OCR or refused without OCR; damaged and
hostile files refused in one Chinese line; `zfxxgk parse x.ofd` end to end."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import hostile as H
from exact_cells import tables_of, wrong_cells
from ofd_files import RULINGS, TEXT_STYLES, image_ofd, report_ofd, unzip, zip_parts
from samples import differences, load_expected, samples_dir
from strategies import reports
from zfxxgk.api import parse_bytes, parse_document
from zfxxgk.cli import cli
from zfxxgk.errors import InputError, TooLarge
from zfxxgk.ingest import detect
from zfxxgk.ingest.load import load_document
from zfxxgk.ingest.ofd import load_ofd
from zfxxgk.ingest.ofd_objects import deltas, subpaths
from zfxxgk.ingest.walk import is_archive
from zfxxgk.model import dumps, report_from_json, report_to_dict

# two real reports (2021 format, large numbers) and two seeds of the 2019 format
SAMPLES = ["real-expected/hongze-district-2023.json", "real-expected/huaian-city-2024.json",
           "seeds-expected/002_8df5764692c327e7.json", "seeds-expected/004_03da7e1ee6363f6c.json"]


def _expected(name: str) -> tuple[dict, object]:
    path = samples_dir() / name
    return load_expected(path), report_from_json(path.read_text(encoding="utf-8"))


def _assert_exact(data: bytes, expected: dict) -> None:
    doc = load_ofd(data, "report.ofd")
    assert doc.kind == "ofd"
    parsed = parse_document(doc)
    assert (parsed.agency, parsed.year, parsed.template) == (
        expected["agency"], expected["year"], expected["template"])
    assert wrong_cells(parsed, tables_of(report_from_json(dumps(expected)))) == []
    assert differences(expected, report_to_dict(parsed)) == []


@pytest.mark.parametrize("rulings", ["lines", "rects"])
@pytest.mark.parametrize("name", SAMPLES)
def test_samples_of_both_formats_read_exactly(name, rulings):
    """Every cell as printed, agency, year and format right, for tables ruled by
    strokes and by thin filled rectangles; tables 三 runs over a page break."""
    expected, report = _expected(name)
    data = report_ofd(report, rulings=rulings)
    assert len([n for n in unzip(data) if n.endswith("/Content.xml") and "Pages" in n]) >= 3
    _assert_exact(data, expected)


@pytest.mark.parametrize("style", ["g", "ctm", "split"])
def test_ways_of_writing_text(style):
    """g: each table row one TextObject whose DeltaX jumps from cell to cell, in
    the ``g N d`` shorthand; ctm: text scaled by its object's CTM (coordinates
    halved); split: one TextObject per character."""
    expected, report = _expected(SAMPLES[1])
    data = report_ofd(report, text=style)
    content = b"".join(v for k, v in unzip(data).items() if k.endswith("Content.xml"))
    assert {"g": b'DeltaX="g ', "ctm": b'CTM="2 0 0 2 5 2"', "split": b"<ofd:TextCode X=\"0\""}[style] \
        in content
    _assert_exact(data, expected)


PRINTED = ("agency", "year", "template", "published_on", "active", "applications",
           "review_litigation")
GENERATED = st.tuples(st.booleans(), st.booleans(), st.booleans(), st.sampled_from(TEXT_STYLES),
                      st.sampled_from(RULINGS)).flatmap(
    lambda f: st.tuples(reports(consistent=f[0], blanks=f[1], mixed=f[2]), st.just(f[3:])))


@settings(settings.default, max_examples=min(settings.default.max_examples, 25),
          suppress_health_check=[HealthCheck.too_slow])
@given(GENERATED)
def test_generated_reports_read_back(case):
    """Both templates, blank cells and rows (never read as 0), broken identities,
    the single （六） row, in every way of writing text and ruling tables."""
    report, (style, rulings) = case
    want = json.loads(dumps(report_to_dict(report, provenance=False)), parse_float=str)
    got = parse_document(load_ofd(report_ofd(report, style, rulings), "generated.ofd"))
    got = json.loads(dumps(report_to_dict(got, provenance=False)), parse_float=str)
    assert differences({k: want[k] for k in PRINTED if k in want}, got) == []


def test_deltax_shorthand_and_path_data():
    assert deltas("g 3 1.5 2 g 2 0.5") == [1.5, 1.5, 1.5, 2.0, 0.5, 0.5]
    assert deltas("1 x 2") == [1.0]  # damaged: what was read stands
    assert subpaths("M 0 0 L 10 0 L 10 5 L 0 5 C") == [
        ("mlllh", [(0, 0), (10, 0), (10, 5), (0, 5), (0, 0)])]
    # a curve cannot rule a table: it ends the straight run
    assert subpaths("M 0 0 L 5 0 B 6 1 7 2 8 3 L 8 9") == [
        ("ml", [(0, 0), (5, 0)]), ("ml", [(8, 3), (8, 9)])]


def test_seal_and_template_are_not_text():
    """The stamp annotation and the signature hold the seal's words: never read.
    The template's header rule is drawn on every page without making a table."""
    _, report = _expected(SAMPLES[0])
    doc = load_ofd(report_ofd(report), "seal.ofd")
    assert "（印）" not in doc.text and "（印）" in unzip(report_ofd(report))[
        "Doc_0/Annots/Page_0/Annotation.xml"].decode()
    assert doc.meta["doc_file"] == "OFD" and doc.meta["doc_title"].endswith("年度报告")
    assert sorted({line.table for line in doc.lines if line.table}) == [1, 2, 3]


def test_template_page_is_drawn_on_every_page():
    """A template's objects (here a running head) are read on each page that
    uses it, before the page's own objects; a missing template costs only them."""
    from ofd_files import OfdWriter

    _, report = _expected(SAMPLES[2])
    head = OfdWriter()
    head.put_text(20.0, 8.0, "金凤区政务公开", 3.2)
    template = "Doc_0/Tpls/Tpl_0/Content.xml"
    doc = load_ofd(_damaged(lambda p: p.update({template: p[template].replace(
        b"</ofd:Layer>", "".join(head.page.objects).encode() + b"</ofd:Layer>")})), "head.ofd")
    heads = [line.page for line in doc.lines if line.text == "金凤区政务公开"]
    assert heads == list(range(1, int(doc.meta["pages"]) + 1))
    assert [line.text for line in doc.lines if line.page == 2][0] == "金凤区政务公开"
    doc = load_ofd(_damaged(lambda p: p.pop(template)), "no-template.ofd")
    assert doc.kind == "ofd" and sorted({line.table for line in doc.lines if line.table}) == [1, 2, 3]


def test_detected_by_content_and_not_an_archive():
    _, report = _expected(SAMPLES[2])
    data = report_ofd(report)
    assert detect.sniff(data) == detect.OFD
    assert not is_archive(data)  # `zfxxgk parse x.ofd` reads it, not its parts
    report = parse_bytes(data, source="附件.dat")  # the sandbox's worker, by content
    assert report.agency == "金凤区北京中路街道办事处"
    prov = report.provenance["applications.received.total"]
    assert prov.page == 1 and prov.table == 2 and prov.row is not None


@pytest.fixture(scope="module")
def scanned_page() -> bytes:
    """Page 2 of 洪泽区 2024 (the start of table 二) as a 200 dpi PNG."""
    from scans import rasterise

    pdf = (samples_dir() / "real" / "hongze-district-2024.pdf").read_bytes()
    buf = io.BytesIO()
    rasterise(pdf, 200, [2])[0].save(buf, "PNG")
    return buf.getvalue()


def test_scanned_page_read_by_ocr(scanned_page):
    doc = load_ofd(image_ofd(scanned_page), "scan.ofd")
    assert doc.kind == "ofd-ocr" and doc.meta["ocr"] == "1"
    rows = {line.text: line for line in doc.lines if line.table}
    assert "行政规范性文件\t3\t0\t8" in rows and "行政许可\t9487" in rows
    confidence, box = rows["行政许可\t9487"].ocr_cell(1)
    assert confidence > 0.95 and box[2] > box[0]


def test_scanned_ofd_refused_without_ocr(scanned_page, tmp_path):
    with pytest.raises(InputError) as info:
        load_document(image_ofd(scanned_page), "scan.ofd", {"ocr": False})
    assert "扫描件 OFD" in info.value.message and "--no-ocr" in info.value.message
    path = tmp_path / "scan.ofd"
    path.write_bytes(image_ofd(scanned_page))
    result = CliRunner().invoke(cli, ["parse", "--no-ocr", str(path)])
    assert result.exit_code == 2 and "扫描件 OFD" in result.stderr
    assert "Traceback" not in result.output


def test_picture_page_of_a_text_ofd(scanned_page, monkeypatch):
    """A text OFD with one page that is only a picture: with OCR that page alone is
    drawn and read (its page number kept); without, it is named so the parser can
    say a table there may be a picture."""
    import zfxxgk.ingest.ocr as ocr
    from ofd_files import OfdWriter, package

    _, report = _expected(SAMPLES[0])
    parts = unzip(report_ofd(report))
    picture = OfdWriter()
    picture.image_page(scanned_page)
    pictured = unzip(package(picture, "印"))
    count = sum(1 for n in parts if n.startswith("Doc_0/Pages/"))
    last = count  # 0-based folder number of the new page
    parts[f"Doc_0/Pages/Page_{last}/Content.xml"] = pictured["Doc_0/Pages/Page_0/Content.xml"]
    parts["Doc_0/DocumentRes.xml"] = pictured["Doc_0/DocumentRes.xml"]
    parts.update({k: v for k, v in pictured.items() if k.startswith("Doc_0/Res/")})
    parts["Doc_0/Document.xml"] = parts["Doc_0/Document.xml"].replace(
        b"</ofd:Pages>", f'<ofd:Page ID="99" BaseLoc="Pages/Page_{last}/Content.xml"/></ofd:Pages>'
        .encode())
    data = zip_parts(parts)
    doc = load_document(data, "mixed.ofd", {"ocr": False})
    assert doc.kind == "ofd" and doc.meta["pictures"] == str(count + 1)
    seen = []

    def read_images(images, total, numbers=None):
        seen.append((len(list(images)), total, list(numbers)))
        return [[]]

    monkeypatch.setattr(ocr, "read_images", read_images)
    doc = load_ofd(data, "mixed.ofd")
    assert seen == [(1, count + 1, [count + 1])] and "pictures" not in doc.meta
    assert differences(_expected(SAMPLES[0])[0], report_to_dict(parse_document(doc))) == []


def _damaged(change) -> bytes:
    _, report = _expected(SAMPLES[2])
    parts = unzip(report_ofd(report))
    change(parts)
    return zip_parts(parts)


DAMAGED = {
    "missing-content": (lambda p: p.pop("Doc_0/Pages/Page_1/Content.xml"), "缺少第2页的内容"),
    "bad-xml": (lambda p: p.update({"Doc_0/Document.xml": b"<ofd:Document><ofd:Pages>"}),
                "不是有效的 XML"),
    "no-doc-root": (lambda p: p.update({"OFD.xml": b"<OFD><DocBody/></OFD>"}), "DocRoot"),
}


def _broken_deflate() -> bytes:
    """The same file with a page's compressed bytes overwritten (zlib.error)."""
    data = bytearray(_damaged(lambda p: None))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as z:
        info = z.getinfo("Doc_0/Pages/Page_0/Content.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start + 10:start + 60] = b"\xff" * 50
    return bytes(data)


@pytest.mark.parametrize("name", sorted(DAMAGED) + ["broken-deflate"])
def test_damaged_ofd_is_one_chinese_line(name, tmp_path):
    if name == "broken-deflate":
        data, words = _broken_deflate(), "第1页"
    else:
        change, words = DAMAGED[name]
        data = _damaged(change)
    path = tmp_path / f"{name}.ofd"
    path.write_bytes(data)
    result = CliRunner().invoke(cli, ["parse", str(path)])
    assert result.exit_code == 2
    assert "OFD 文件已损坏" in result.stderr and words in result.stderr, result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.output


def test_ofd_without_text_says_so():
    """Text drawn as outlines (paths only): not "not a report", but why."""
    import re

    def outlines(parts):
        for name in [n for n in parts if n.endswith("Content.xml")]:
            parts[name] = re.sub(rb"<ofd:TextObject .*?</ofd:TextObject>", b"", parts[name])
    with pytest.raises(InputError) as info:
        load_document(_damaged(outlines), "outlines.ofd")
    assert "没有文字（文字可能画成了矢量图形）" in info.value.message


def test_zip_bomb_refused_before_unpacking():
    _, report = _expected(SAMPLES[2])
    data = H.padded_zip(report_ofd(report), 210, "Doc_0/Res/bomb.bin")
    start = time.monotonic()
    with pytest.raises(TooLarge) as info:
        load_document(data, "bomb.ofd")
    assert time.monotonic() - start < 2
    assert "OFD 文件" in info.value.message and "压缩炸弹" in info.value.message


def test_composite_that_holds_itself_ends():
    """A composite graphic drawing itself is followed only MAX_DEPTH deep."""
    def loop(parts):
        parts["Doc_0/PublicRes.xml"] = (
            b'<ofd:Res xmlns:ofd="http://www.ofdspec.org/2016"><ofd:CompositeGraphicUnits>'
            b'<ofd:CompositeGraphicUnit ID="7" Width="10" Height="10"><ofd:Content>'
            b'<ofd:CompositeObject ID="8" ResourceID="7" Boundary="0 0 10 10"/>'
            b'</ofd:Content></ofd:CompositeGraphicUnit></ofd:CompositeGraphicUnits></ofd:Res>')
        page = parts["Doc_0/Pages/Page_0/Content.xml"]
        parts["Doc_0/Pages/Page_0/Content.xml"] = page.replace(
            b"</ofd:Layer>", b'<ofd:CompositeObject ID="9" ResourceID="7" Boundary="0 0 10 10"/>'
                             b"</ofd:Layer>", 1)
    start = time.monotonic()
    doc = load_ofd(_damaged(loop), "loop.ofd")
    assert doc.kind == "ofd" and time.monotonic() - start < 5


def test_cli_parse_end_to_end(tmp_path):
    """`zfxxgk parse x.ofd` in its own process: the JSON of the expected file."""
    expected, report = _expected(SAMPLES[1])
    path = tmp_path / "淮安市2024年报.ofd"
    path.write_bytes(report_ofd(report, text="g", rulings="rects"))
    src = str(Path(__file__).resolve().parents[2] / "src")
    env = {**os.environ, "PYTHONPATH": src}
    done = subprocess.run([sys.executable, "-m", "zfxxgk", "parse", "--no-provenance", str(path)],
                          capture_output=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr.decode()
    assert differences(expected, json.loads(done.stdout, parse_float=__import__("decimal").Decimal)) == []
