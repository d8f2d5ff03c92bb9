"""Issue 15 on the web: scans uploaded one by one or in a batch are read by OCR,
and the report page shows, beside each flagged cell and each F-OCR/F-INFERRED
finding, the crop of that cell from the page image OCR read it from. The crop
is served by a view with the report's own visibility rules, privately.

The scan is made in the test from the project's rendering of an example
(tests/web/scanned.py): one small page, so each OCR run costs a few seconds.
"""

from __future__ import annotations

import io
import re
import stat

import pytest

from . import scanned
from .conftest import PASSWORD

pytestmark = pytest.mark.django_db

TRANSPORT = "青禾市交通运输局"
CROP = re.compile(r'<img class="crop" src="(/reports/\d+/crops/([\w.]+)\.png)" alt="([^"]+)"')
FIGURE = re.compile(r'<figure class="crop"><img src="/reports/\d+/crops/([\w.]+)\.png" alt="([^"]+)"')


@pytest.fixture
def team(users):
    """clerk_w works for 望湖街道 (the scan's agency), clerk_t and reader_t for 交通运输局."""
    from django.contrib.auth.models import User

    from zfxxgk.web.accounts.manage import add_user

    add_user("clerk_w", "录入员", PASSWORD, agency=scanned.AGENCY)
    add_user("clerk_t", "录入员", PASSWORD, agency=TRANSPORT)
    add_user("reader_t", "只读", PASSWORD, agency=TRANSPORT)
    return {u.username: u for u in User.objects.all()}


def _as(user):
    from django.test import Client

    own = Client()
    own.force_login(user)
    return own


def _file(name: str, data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data)


def _flagged_by(row, code: str) -> set[str]:
    return {f.rule for f in row.findings.all() if code in f.cells}


def _check_scan_report(row) -> None:
    """What any face must store for the scan: the cells read, each read by OCR
    with its page and box, and the damaged digit never silently wrong."""
    from zfxxgk.web.reports import crops

    data = row.data
    assert (row.agency.name, row.year) == (scanned.AGENCY, 2023)
    received = data["applications"]["received"]
    for column, expected in scanned.RECEIVED.items():  # right, or flagged: never silently wrong
        code = f"applications.received.{column}"
        assert received[column] == expected or _flagged_by(row, code), (code, received[column])
    table, r, c = scanned.PLANTED[0].split(".")
    assert data[table][r][c] == scanned.PLANTED[1]
    prov = data["provenance"][scanned.PLANTED[0]]
    assert prov["ocr"] is True and prov["page"] == 1 and len(prov["box"]) == 4
    assert data["applications"]["granted"]["research"] == 0
    assert "T3-3" in _flagged_by(row, scanned.PLANTED[0])
    page = crops.page_path(row.sha256, 1)
    assert page.is_file() and stat.S_IMODE(page.stat().st_mode) == 0o600
    assert not crops.page_path(row.sha256, 2).exists()  # only pages that were read


def _check_page_shows_crops(client, row) -> None:
    """Every flagged OCR'd cell of the grid has its crop, with Chinese alt text;
    every F-OCR / F-INFERRED finding shows the crops of its cells (one finding may
    name a whole row: the readings left for a row its digits do not settle)."""
    html = client.get(f"/reports/{row.pk}").content.decode()
    in_grid = {code: alt for _, code, alt in CROP.findall(html)}
    printed_row = row.data["provenance"][scanned.PLANTED[0]]["row"]  # on the scanned table
    assert in_grid[scanned.PLANTED[0]] == f"第1页 表三 第{printed_row}行 总计 原件截图"
    flagged_ocr = {code for f in row.findings.all() for code in f.cells
                   if (row.data["provenance"].get(code) or {}).get("ocr")}
    assert set(in_grid) == flagged_ocr
    beside = [code for code, _ in FIGURE.findall(html)]
    ocr_findings = [code for f in row.findings.all() if f.rule in ("F-OCR", "F-INFERRED")
                    for code in f.cells if (row.data["provenance"].get(code) or {}).get("ocr")]
    assert beside == ocr_findings
    assert ocr_findings  # the scan has doubtful readings (the damaged row at least)


def _crop(client, row, code: str):
    return client.get(f"/reports/{row.pk}/crops/{code}.png")


def test_crop_is_padded_and_bounded():
    """The cell with a margin; a box bigger than the bounds is scaled down."""
    from PIL import Image

    from zfxxgk.web.reports import crops

    buf = io.BytesIO()
    Image.new("L", (1600, 2300), 255).save(buf, "JPEG")
    small = Image.open(io.BytesIO(crops.cut(buf.getvalue(), [100, 200, 300, 250])))
    margin = max(crops.MIN_MARGIN, int(crops.MARGIN * 50))
    assert small.format == "PNG" and small.size == (200 + 2 * margin, 50 + 2 * margin)
    big = Image.open(io.BytesIO(crops.cut(buf.getvalue(), [0, 0, 1600, 2300])))
    assert big.width <= crops.MAX_WIDTH and big.height <= crops.MAX_HEIGHT
    edge = Image.open(io.BytesIO(crops.cut(buf.getvalue(), [1550, 2250, 1600, 2300])))
    assert edge.size == (50 + margin, 50 + margin)  # cut at the page's edge


def test_alt_text_names_the_place_on_the_form():
    from zfxxgk.web.reports import crops
    from zfxxgk.web.reports.models import Report

    prov = {"applications.received.natural_person": {"page": 3, "ocr": True, "box": [1, 2, 30, 40],
                                                     "row": 5}}
    row = Report(data={"provenance": prov}, template="2021", source_name="扫描件.pdf",
                 source_format="pdf")
    # as F-OCR names it: the row as printed on the scan
    assert crops.alt_text(row, "applications.received.natural_person") == "第3页 表三 第5行 自然人 原件截图"
    del prov["applications.received.natural_person"]["row"]  # else the form's row
    assert crops.alt_text(row, "applications.received.natural_person") == "第3页 表三 第1行 自然人 原件截图"
    row.source_format = "docx"  # a Word file's "pages" are its pictures (whatever its name)
    assert crops.alt_text(row, "applications.received.natural_person").startswith("第3张图片 表三")
    assert crops.ocr_box(row, "applications.received.total") is None
    prov["applications.received.natural_person"]["box"] = [5, 5, 5, 9]  # empty: no crop
    assert crops.ocr_box(row, "applications.received.natural_person") is None


def test_png_scan_uploaded_shows_crops_only_to_its_scope(team):
    from zfxxgk.web.reports.models import Report

    own = _as(team["clerk_w"])
    r = own.post("/api/reports", {"file": _file("第3页.png", scanned.png())})
    assert r.status_code == 201, r.content.decode()
    row = Report.objects.get(pk=r.json()["id"])
    _check_scan_report(row)
    _check_page_shows_crops(own, row)

    crop = _crop(own, row, scanned.PLANTED[0])
    assert crop.status_code == 200 and crop["Content-Type"] == "image/png"
    assert crop["Cache-Control"].startswith("private")
    from PIL import Image

    x0, y0, x1, y1 = row.data["provenance"][scanned.PLANTED[0]]["box"]
    picture = Image.open(io.BytesIO(crop.content))
    assert x1 - x0 < picture.width <= x1 - x0 + 40 and y1 - y0 < picture.height <= y1 - y0 + 40
    again = own.get(f"/reports/{row.pk}/crops/{scanned.PLANTED[0]}.png",
                    HTTP_IF_NONE_MATCH=crop["ETag"])
    assert again.status_code == 304

    for other in (team["clerk_t"], team["reader_t"]):  # another agency: not even there
        assert _crop(_as(other), row, scanned.PLANTED[0]).status_code == 404
    from django.test import Client

    assert _crop(Client(), row, scanned.PLANTED[0]).status_code == 302  # to the login page
    for code in ("active.rules.issued", "applications.nothing.total", "x"):
        assert _crop(own, row, code).status_code == 404  # no OCR'd cell of that name


@pytest.mark.slow
def test_image_only_pdf_through_the_upload_page(team):
    from zfxxgk.web.reports.models import Report

    own = _as(team["clerk_w"])
    r = own.post("/reports/new", {"file": _file("扫描件.pdf", scanned.image_pdf())})
    assert r.status_code == 302, r.content.decode()
    row = Report.objects.get(pk=int(r["Location"].rsplit("/", 1)[1]))
    assert row.source_file.read()[:5] == b"%PDF-"  # the source is kept as sent
    _check_scan_report(row)
    _check_page_shows_crops(own, row)


@pytest.mark.slow
def test_batch_zip_with_a_scan_is_read_by_the_worker(users, run_batches):
    from zfxxgk.web.reports.models import Batch, Report

    from .test_batches import _reports, _upload

    files = {"扫描/第3页.png": scanned.png(), **dict(list(_reports(1).items())[:1])}
    client = _as(users["clerk"])
    assert _upload(client, files, "扫描件批次").status_code == 302
    run_batches()
    batch = Batch.objects.get()
    assert (batch.status, batch.processed, batch.failed) == ("done", 2, 0)
    row = Report.objects.get(batch=batch, source_name__endswith="扫描/第3页.png")
    assert row.filed is False
    _check_scan_report(row)
    _check_page_shows_crops(client, row)
    assert _crop(client, row, scanned.PLANTED[0]).status_code == 200



@pytest.mark.slow
def test_scans_stored_before_pages_were_kept_get_them(team):
    """`python -m django keep_scan_pages` reads such a scan again and keeps its
    pages; a scan that has them is not read again."""
    import shutil

    from django.core.management import call_command

    from zfxxgk.web.reports import crops
    from zfxxgk.web.reports.services import create_report

    row = create_report(scanned.png(), "第3页.png", team["clerk_w"])
    shutil.rmtree(crops.pages_folder(row.sha256))
    assert not crops.has_crop(row, scanned.PLANTED[0])
    out = io.StringIO()
    call_command("keep_scan_pages", stdout=out)
    assert out.getvalue().strip() == "已保存页面图像：1 个扫描件"
    assert crops.has_crop(row, scanned.PLANTED[0])
    out = io.StringIO()
    call_command("keep_scan_pages", stdout=out)
    assert out.getvalue().strip() == "已保存页面图像：0 个扫描件"


@pytest.mark.slow
def test_word_file_with_a_picture_of_the_table(team):
    """A DOCX whose table is a picture: its "page" is the picture, and so says the
    crop's alt text."""
    from docx import Document as Word
    from docx.shared import Cm

    from zfxxgk.web.reports.models import Report

    word = Word()
    word.add_paragraph(f"{scanned.AGENCY}2023年政府信息公开工作年度报告")
    word.add_picture(io.BytesIO(scanned.png()), width=Cm(16))
    buf = io.BytesIO()
    word.save(buf)
    own = _as(team["clerk_w"])
    r = own.post("/api/reports", {"file": _file("年报.docx", buf.getvalue())})
    assert r.status_code == 201, r.content.decode()
    row = Report.objects.get(pk=r.json()["id"])
    _check_scan_report(row)
    html = own.get(f"/reports/{row.pk}").content.decode()
    alts = {code: alt for _, code, alt in CROP.findall(html)}
    assert alts[scanned.PLANTED[0]].startswith("第1张图片 表三 第")
    assert _crop(own, row, scanned.PLANTED[0])["Content-Type"] == "image/png"
