"""Issue 14, findings 5 and 7 (memory and disk): one size cap per batch, for its
files and zips together; request bodies bounded from their length before they are
read, tighter without a session; nothing staged when a batch is refused."""

from __future__ import annotations

import io
import zipfile

import pytest

from .conftest import EXAMPLES

pytestmark = pytest.mark.django_db


def _zip(name: str, members: dict[str, bytes]) -> io.BytesIO:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in members.items():
            z.writestr(n, data)
    buf.seek(0)
    buf.name = name
    return buf


def _staged(settings) -> list:
    from pathlib import Path

    root = Path(settings.MEDIA_ROOT) / "batches"
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_zips_of_one_batch_count_together(login, settings):
    from zfxxgk.web.reports.models import Batch

    settings.MAX_UPLOAD_BYTES = 1000
    settings.BATCH_MAX_BYTES = 4000
    before = _staged(settings)
    # each zip unpacks to 3 000 bytes (under the cap alone), the two together 6 000
    zips = [_zip(f"{k}.zip", {f"{k}/{i}.txt": bytes([65 + i]) * 999 + b"\n" for i in range(3)})
            for k in ("a", "b")]
    r = login("clerk").post("/api/batches", {"files": zips})
    assert r.status_code == 413 and "请分几批上传" in r.json()["error"]
    assert not Batch.objects.exists() and _staged(settings) == before


def test_uploaded_sizes_are_checked_before_reading(login, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from zfxxgk.web.reports.models import Batch

    settings.BATCH_MAX_BYTES = 2000
    files = [SimpleUploadedFile(f"{i}.txt", b"x" * 900) for i in range(3)]
    r = login("clerk").post("/batches/new", {"files": files})
    assert r.status_code == 400 and "合计超过" in r.content.decode()
    assert not Batch.objects.exists()


def test_request_body_bounded_by_its_length(client, login, settings):
    settings.REQUEST_MAX_BYTES = 10_000
    body = b"x" * 70_000
    r = client.generic("POST", "/accounts/login/", body, content_type="application/octet-stream")
    assert r.status_code == 413 and "请求太大" in r.content.decode()  # anonymous: 64 KB
    c = login("clerk")
    r = c.generic("POST", "/api/batches", body, content_type="multipart/form-data; boundary=x")
    assert r.status_code == 413
    r = c.generic("POST", "/api/batches", b"x" * 9_000, content_type="multipart/form-data; boundary=x")
    assert r.status_code != 413
    r = client.generic("POST", "/accounts/login/", b"a=b", HTTP_TRANSFER_ENCODING="chunked")
    assert r.status_code == 411


def test_bodies_that_are_no_upload_are_capped_far_below_it(login, stored, settings):
    """A JSON request or a form was bounded by the upload cap alone (50 MB a file,
    four times that a request): a 49 MB JSON body was read and parsed whole. Now
    anything but files is bounded by FORM_MAX_BYTES, a 413 in Chinese (in the
    API's error shape), and nothing stored; uploads keep their cap."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from zfxxgk.web.reports.models import Report

    settings.FORM_MAX_BYTES = settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 20_000
    row = stored("wanghu-street-2023.txt")
    before = Report.objects.get(pk=row.pk).data
    c = login("clerk")
    big = "9" * 30_000
    r = c.patch(f"/api/reports/{row.pk}/cells", '{"cells": {"x": "%s"}}' % big,
                content_type="application/json", HTTP_IF_MATCH="*")
    assert r.status_code == 413 and r.json()["ok"] is False and r.json()["error"].startswith("请求太大")
    r = c.post(f"/reports/{row.pk}/edit", {"version": "*", "section:1": big})
    assert r.status_code == 413 and "请求太大" in r.content.decode()
    # a form sent as multipart: its fields are bounded as the form's
    r = c.post(f"/reports/{row.pk}/edit", {"version": "*", "section:1": big,
                                            "file": SimpleUploadedFile("a.txt", b"x")})
    assert r.status_code == 413 and "请求太大" in r.content.decode()
    r = c.post("/api/reports", {"text": big, "file": SimpleUploadedFile("a.txt", b"x")})
    assert r.status_code == 413 and r.json()["error"].startswith("请求太大")
    assert Report.objects.get(pk=row.pk).data == before and Report.objects.count() == 1
    # an upload larger than the form cap is read as before
    text = (EXAMPLES / "qinghe-city-2024.txt").read_bytes()
    padded = text + b"\n" * (30_000 - len(text))
    r = c.post("/api/reports", {"file": SimpleUploadedFile("qinghe.txt", padded)})
    assert r.status_code == 201, r.content[:300]
