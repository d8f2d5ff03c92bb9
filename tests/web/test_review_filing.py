"""A web batch is a review: its reports stay in the batch until 入库, and a file
already stored (same SHA-256) is never stored twice, across batches and uploads."""

from __future__ import annotations

import io
import zipfile

import pytest

from zfxxgk.web.reports.models import Report

from .conftest import judge

NAMES = ("wanghu-street-2023.txt", "qinghe-city-2024.txt", "transport-bureau-2024.md")


def _zip(example_bytes) -> io.BytesIO:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name in NAMES:
            z.writestr(f"报告/{name}", example_bytes(name))
    buf.seek(0)
    buf.name = "报告.zip"
    return buf


def _upload(c, example_bytes, run_batches) -> str:
    r = c.post("/batches/new", {"files": [_zip(example_bytes)], "name": "复核"})
    assert r.status_code == 302
    run_batches()
    return r["Location"]


def _sources(settings) -> list:
    from pathlib import Path

    return sorted(p for p in (Path(settings.MEDIA_ROOT) / "sources").rglob("*") if p.is_file()) \
        if (Path(settings.MEDIA_ROOT) / "sources").is_dir() else []


def _listed(c) -> set[int]:
    return {r["id"] for r in c.get("/api/reports").json()["reports"]}


@pytest.mark.django_db(transaction=True)
def test_review_batch_stays_out_of_the_list_until_filed(login, example_bytes, run_batches):
    c = login("reviewer")
    before = _listed(c)
    batch = _upload(c, example_bytes, run_batches)
    page = c.get(batch).content.decode()
    assert "共 3 份报告" in page and "全部入库（3 份未入库）" in page
    assert _listed(c) == before  # reviewed, not filed
    assert c.get("/dashboard").context["d"]["reports"] == 0
    first = Report.objects.get(source_name__endswith="wanghu-street-2023.txt")
    assert not first.filed
    r = c.post(f"/reports/{first.pk}/file", {"batch": batch.rsplit("/", 1)[1]})
    assert r.status_code == 302 and r["Location"] == batch
    assert _listed(c) == before | {first.pk}
    c.post(batch + "/file")
    assert _listed(c) == before | set(Report.objects.values_list("pk", flat=True))
    assert "全部入库" not in c.get(batch).content.decode()


@pytest.mark.django_db(transaction=True)
def test_second_upload_stores_nothing_new(login, example_bytes, run_batches, settings):
    c = login("reviewer")
    old = set(_sources(settings))  # the data folder outlives a test's database
    first = _upload(c, example_bytes, run_batches)
    reports, files = Report.objects.count(), _sources(settings)
    assert reports == 3 and len(set(files) - old) == 3
    second = _upload(c, example_bytes, run_batches)
    assert second != first
    assert Report.objects.count() == reports and _sources(settings) == files
    # the second batch shows the same reports, recognised by their SHA-256
    assert c.get(second).content.decode().count("/reports/") >= 3
    assert {r["id"] for r in c.get("/api" + second).json()["reports"]} \
        == set(Report.objects.values_list("pk", flat=True))
    # a single upload of one of them: the stored report, now filed
    up = io.BytesIO(example_bytes(NAMES[0]))
    up.name = "again.txt"
    r = c.post("/reports/new", {"file": up})
    assert r.status_code == 302 and Report.objects.count() == reports
    assert Report.objects.get(source_name__endswith=NAMES[0]).filed


@pytest.mark.django_db(transaction=True)
def test_api_files_and_judges(login, example_bytes, run_batches):
    c = login("reviewer")
    r = c.post("/api/batches", {"files": [_zip(example_bytes)], "name": "接口"})
    assert r.status_code == 202
    run_batches()
    batch = r.json()["id"]
    one = Report.objects.get(source_name__endswith="qinghe-city-2024.txt")
    assert c.post(f"/api/reports/{one.pk}/file").json()["filed"] is True
    assert c.get("/api/reports").json()["count"] == 1
    assert c.post(f"/api/batches/{batch}/file").json()["totals"]["unfiled"] == 0
    assert c.get("/api/reports").json()["count"] == 3
    row = Report.objects.get(source_name__endswith="wanghu-street-2023.txt")
    position = row.findings.get(rule="T3-3").position
    body = judge(c, row.pk, position, api=True, verdict="dismissed", comment="已核实").json()
    assert body["counts"]["error"] == row.errors - 1
    refused = judge(c, row.pk, position, api=True, verdict="maybe")
    assert refused.status_code == 400 and "审核结论" in refused.json()["error"]
    assert judge(login("clerk"), row.pk, position, api=True, verdict="").status_code == 403
