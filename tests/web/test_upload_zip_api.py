"""A zip posted to the API's single-report upload (POST /api/reports) does what the
upload page does with it, through the same function (batchjobs.accept_upload):
it becomes a queued batch of the reports in it, answered 202 with the batch's id
and addresses. The role check, the size caps and the check of each file's agency
are the page's: a refusal stores no row and no file."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.urls import reverse

from .conftest import EXAMPLES
from .test_scope import TRANSPORT, WANGHU, _as, team  # noqa: F401  (team: a fixture)
from .test_scope_every_write import changed, snapshot

pytestmark = pytest.mark.django_db
FILES = ("wanghu-street-2023.txt", "transport-bureau-2024.md")


def _zip(names=FILES, name: str = "全年.zip") -> io.BytesIO:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for n in names:
            z.writestr(f"报告/{n}", (EXAMPLES / n).read_bytes())
    buf.seek(0)
    buf.name = name
    return buf


def _post(client, upload):
    return client.post("/api/reports", {"file": upload})


def test_a_zip_becomes_a_batch_of_its_reports(login, run_batches):
    from zfxxgk.web.reports.models import Batch, Report

    r = _post(login("admin"), _zip())
    assert r.status_code == 202, r.content.decode()[:300]
    body = r.json()
    batch = Batch.objects.get()
    assert body["id"] == batch.pk and body["status"] == "queued" and body["totals"]["files"] == 2
    assert body["url"] == reverse("reports:batch", args=[batch.pk])
    assert body["api_url"] == r["Location"] == reverse("api:get_batch", args=[batch.pk])
    assert sorted(batch.items.values_list("name", flat=True)) == sorted(f"全年.zip!/报告/{n}" for n in FILES)
    assert not Report.objects.exists()  # read afterwards, by the worker
    assert run_batches() == [batch.pk]
    done = login("admin").get(body["api_url"]).json()
    assert done["status"] == "done" and done["totals"]["reports"] == 2
    assert sorted(Report.objects.values_list("agency__name", flat=True)) == sorted([TRANSPORT, WANGHU])
    assert set(Report.objects.values_list("batch_id", "filed")) == {(batch.pk, False)}


def test_the_openapi_document_describes_the_202():
    from zfxxgk.web.api import api

    spec = api.get_openapi_schema()
    answers = {str(k): v for k, v in spec["paths"]["/api/reports"]["post"]["responses"].items()}
    assert set(answers) >= {"201", "202"}
    ref = answers["202"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
    assert set(spec["components"]["schemas"][ref]["required"]) >= {"id", "url", "api_url"}
    assert "zip" in spec["paths"]["/api/reports"]["post"]["summary"]


def test_a_reader_is_refused_and_nothing_is_kept(client, team):  # noqa: F811
    reader = _as(client, team["reader_t"])
    before = snapshot()
    r = _post(reader, _zip())
    assert r.status_code == 403 and r.json()["ok"] is False
    assert changed(before, snapshot()) == []


def test_another_agencys_file_fails_when_read_and_is_not_kept(client, team, run_batches,  # noqa: F811
                                                               django_capture_on_commit_callbacks):
    """As on the page (test_scope.py): the batch is the uploader's; 望湖's report in
    交通运输局's clerk's zip is refused when read, and neither row nor file stays."""
    from django.core.files.storage import default_storage

    from zfxxgk.web.reports.models import BatchItem, Report

    r = _post(_as(client, team["clerk_t"]), _zip())
    assert r.status_code == 202
    paths = list(BatchItem.objects.values_list("path", flat=True))
    with django_capture_on_commit_callbacks(execute=True):
        run_batches()
    failed = BatchItem.objects.get(state="failed")
    assert failed.name.endswith("wanghu-street-2023.txt") and "不能处理" in failed.error
    assert failed.path == "" and not any(default_storage.exists(p) for p in paths)
    assert list(Report.objects.values_list("agency__name", flat=True)) == [TRANSPORT]
    assert _as(client, team["clerk_w"]).get(r.json()["api_url"]).status_code == 404


def test_an_oversized_zip_is_refused_413_and_nothing_is_kept(login, settings):
    settings.MAX_UPLOAD_BYTES = 2000
    big = _zip()
    assert len(big.getvalue()) > 2000
    c = login("clerk")
    before = snapshot()
    r = _post(c, big)
    assert r.status_code == 413 and "MB" in r.json()["error"]
    assert changed(before, snapshot()) == []


def test_a_zip_unpacking_past_the_batch_cap_is_refused_413(login, settings):
    settings.BATCH_MAX_BYTES = 5000  # the two examples unpack to more than that
    c = login("clerk")
    before = snapshot()
    r = _post(c, _zip())
    assert r.status_code == 413 and "解压后合计超过" in r.json()["error"]
    assert changed(before, snapshot()) == []
    settings.BATCH_MAX_BYTES, settings.BATCH_MAX_FILES = 10**9, 1
    r = _post(c, _zip())
    assert r.status_code == 413 and "一批最多 1 个文件" in r.json()["error"]
    assert changed(before, snapshot()) == []


def _locked(count: int) -> io.BytesIO:
    """A zip of `count` tiny .txt members, each flagged encrypted: each refused at once."""
    import re

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for i in range(count):
            z.writestr(f"{i:05d}.txt", b"x")
    raw = bytearray(buf.getvalue())
    for m in re.finditer(rb"PK\x03\x04|PK\x01\x02", bytes(raw)):
        raw[m.start() + (6 if m.group() == b"PK\x03\x04" else 8)] |= 1
    out = io.BytesIO(bytes(raw))
    out.name = "加密.zip"
    return out


def test_files_refused_at_once_count_toward_the_batch_cap(login, settings):
    """A zip of 100 000 members that fail to open kept 100 000 reasons: a 27 MB batch
    page and 35 MB more database for a 10 MB upload. Refusals count as files."""
    settings.BATCH_MAX_FILES = 50
    c = login("clerk")
    before = snapshot()
    r = _post(c, _locked(51))
    assert r.status_code == 413 and "一批最多 50 个文件" in r.json()["error"]
    assert changed(before, snapshot()) == []
    r = _post(c, _locked(50))  # at the cap: a batch, every file listed with its reason
    assert r.status_code == 202
    rejected = c.get(r.json()["api_url"]).json()["rejected"]
    assert len(rejected) == 50 and "加密" in rejected[0]["error"]


def _crowded(count: int, name: str = "很多.zip", extra: list[tuple[str, bytes]] = ()) -> io.BytesIO:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for i in range(count):
            z.writestr(zipfile.ZipInfo(f"{i:05d}.txt"), b"")
        for member, data in extra:
            z.writestr(member, data)
    buf.seek(0)
    buf.name = name
    return buf


def test_a_zip_declaring_a_huge_directory_is_refused_before_it_is_read(login, monkeypatch):
    """zipfile reads the whole central directory before one member: 600 000 empty
    members in a 49 MB zip took 7 s and +310 MB of the web process (twice). The
    directory's declared size is read from the end record first."""
    from zfxxgk.ingest import zipguard

    monkeypatch.setattr(zipguard, "MAX_DIRECTORY", 2000)  # 100 members declare ~5 KB
    c = login("clerk")
    before = snapshot()
    for url, field in (("/api/reports", "file"), ("/api/batches", "files")):
        r = c.post(url, {field: _crowded(100)})
        assert r.status_code == 413 and "目录超过 1 KB" in r.json()["error"], url
    assert changed(before, snapshot()) == []
    inner = _crowded(100).getvalue()  # inside a small zip: that zip is refused, the report read
    r = _post(c, _crowded(0, "外层.zip", [("里面.zip", inner), ("r.txt", (EXAMPLES / FILES[0]).read_bytes())]))
    assert r.status_code == 202
    rejected = c.get(r.json()["api_url"]).json()["rejected"]
    assert [x["file"] for x in rejected] == ["外层.zip!/里面.zip"] and "目录超过" in rejected[0]["error"]


def test_directory_size_reads_the_end_record():
    from zfxxgk.ingest.zipguard import directory_size

    one = _crowded(1).getvalue()
    assert directory_size(one) == len(one) - one.index(b"PK\x01\x02") - 22
    assert directory_size(_crowded(100).getvalue()) == 100 * (46 + 9)
    assert directory_size(b"%PDF-1.4 no zip") is None
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("a.txt", b"x")
        z.comment = b"PK\x05\x06 in a comment"  # the record is the one its comment ends
    assert directory_size(buf.getvalue()) == 46 + 5
