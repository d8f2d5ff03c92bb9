"""A file whose name lies about its format — a PDF saved as `附件.bin`, a Word file
named `.doc`, a `zfxxgk new` draft saved as `.txt` — is read in the web (upload
page and API) as `zfxxgk check` reads it: by content. The findings are the CLI's,
and the format the dashboard ranks duplicates by is the one read from the bytes,
as `zfxxgk batch` records it, not the one the name suggests."""

from __future__ import annotations

import io
import json
import re
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from zfxxgk import api
from zfxxgk.cli import cli
from zfxxgk.render import render
from zfxxgk.render.draft import new_draft
from zfxxgk.web.reports.models import Batch, Report

from .conftest import EXAMPLES

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "ingest"))
from ofd_files import report_ofd  # noqa: E402  (the tests' OFD writer)

pytestmark = pytest.mark.django_db


def _draft(agency: str = "青禾市云岭区望湖街道办事处") -> bytes:
    text = re.sub(r"\[(~(, ~)*)\]", lambda m: "[" + m.group(1).replace("~", "0") + "]",
                  new_draft(agency, 2024))
    text = re.sub(r"^  received: \[.*\]$", "  received: [3, 0, 0, 0, 0, 0, 3]", text, flags=re.M)
    return text.encode("utf-8")


def _docx() -> bytes:
    return render(api.parse_path(EXAMPLES / "wanghu-street-2023.txt"), "docx")


def _ofd() -> bytes:
    """An OFD (a ZIP, but no archive of reports: one report, not a batch)."""
    return report_ofd(api.parse_path(EXAMPLES / "wanghu-street-2023.txt"))


def _key(f: dict) -> tuple:
    return (f["rule"], f["severity"], f["message"], tuple(f["cells"]))


def cli_findings(tmp_path, name: str, data: bytes) -> list[tuple]:
    path = tmp_path / name
    path.write_bytes(data)
    result = CliRunner().invoke(cli, ["check", str(path), "--format", "json"], catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output
    return sorted(_key(f) for f in json.loads(result.stdout)["findings"])


def _web_findings(row: Report) -> list[tuple]:
    return sorted((f.rule, f.severity, f.message, tuple(f.cells)) for f in row.findings.all())


def _upload(client, url: str, name: str, data: bytes):
    f = io.BytesIO(data)
    f.name = name
    return client.post(url, {"file": f})


@pytest.mark.parametrize("name, make, kind", [
    ("年报草稿.txt", _draft, "text"),
    ("望湖街道2023年报.doc", _docx, "docx"),
    ("望湖街道2023年报.ofd", _ofd, "ofd"),
])
def test_a_misnamed_file_reads_as_the_cli_reads_it(login, tmp_path, name, make, kind):
    data = make()
    expected = cli_findings(tmp_path, name, data)
    assert expected, "the file must give findings for the comparison to mean something"
    c = login("clerk")
    r = _upload(c, "/reports/new", name, data)
    assert r.status_code == 302, r.content.decode()[:500]
    row = Report.objects.get()
    assert (row.source_name, row.source_format) == (name, kind)
    assert _web_findings(row) == expected
    row.delete()  # the API would otherwise find the identical file already stored
    body = _upload(c, "/api/reports", name.rsplit(".", 1)[0], data).json()  # no suffix at all
    assert sorted(_key(f) for f in body["findings"]["findings"]) == expected
    assert Report.objects.get().source_format == kind


def test_a_pdf_saved_as_bin(login, tmp_path, samples):
    data = (samples / "real" / "hongze-district-2023.pdf").read_bytes()
    expected = cli_findings(tmp_path, "附件.bin", data)
    assert expected
    c = login("clerk")
    body = _upload(c, "/api/reports", "附件.bin", data).json()
    assert sorted(_key(f) for f in body["findings"]["findings"]) == expected
    row = Report.objects.get()
    assert row.source_format == "pdf"
    row.delete()
    assert _upload(c, "/reports/new", "附件.bin", data).status_code == 302
    assert _web_findings(Report.objects.get()) == expected


def test_the_dashboard_ranks_a_misnamed_copy_by_its_content(login, users):
    """Two copies of one report, the same cells and errors: the choice falls to the
    format. A DOCX named `.txt` ranks as Word (before text), as `zfxxgk batch` ranks
    it; by its name it would have ranked as text and lost to the name order."""
    from zfxxgk.web.reports.dashboard import candidates, counted
    from zfxxgk.web.reports.services import create_report

    text = (EXAMPLES / "wanghu-street-2023.txt").read_bytes()
    create_report(text, "a-文本.txt", users["clerk"])
    create_report(_docx(), "b-其实是Word.txt", users["clerk"])
    rows = [r for r in candidates(2023)]
    assert len({(r["filled"], r["errors"]) for r in rows}) == 1, "only the format may decide"
    assert sorted(r["format"] for r in rows) == ["docx", "text"]
    assert [r["source"] for r in counted(rows)] == ["b-其实是Word.txt"]


def test_the_upgrade_reads_the_format_of_reports_stored_before(users):
    """0005 in place: a report stored before the format was kept gets it from its
    source file's bytes (a DOCX named .txt is docx); one without a file stays blank."""
    import importlib

    from django.apps import apps
    from django.core.files.base import ContentFile

    upgrade = importlib.import_module("zfxxgk.web.reports.migrations.0005_source_format")
    old = Report(title="旧", data={}, source_name="旧.txt")
    old.source_file.save("旧.txt", ContentFile(_docx()), save=True)
    compiled = Report.objects.create(title="编制", data={}, source_name="由依申请公开案件和登记编制。")
    upgrade.read_formats(apps, None)
    assert dict(Report.objects.values_list("pk", "source_format")) == {old.pk: "docx", compiled.pk: ""}


def test_a_zip_uploaded_as_one_report_is_checked_as_zfxxgk_check_reads_it(login, tmp_path, run_batches):
    """`zfxxgk check 全年.zip` checks every report in the archive: the upload page
    makes it a batch of those reports, with the CLI's findings for each, and so does
    the API's single-report upload."""
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("草稿/交通局年报.txt", _draft("青禾市交通运输局"))
        z.writestr("附件.bin", _docx())
    data = buf.getvalue()
    path = tmp_path / "全年.zip"
    path.write_bytes(data)
    result = CliRunner().invoke(cli, ["check", str(path), "--format", "json"], catch_exceptions=False)
    expected = {doc["source"].split("!/", 1)[1]: sorted(_key(f) for f in doc["findings"])
                for doc in json.loads(result.stdout)}
    assert sorted(expected) == ["草稿/交通局年报.txt", "附件.bin"] and all(expected.values())
    c = login("clerk")
    r = _upload(c, "/reports/new", "全年.zip", data)
    assert r.status_code == 302 and r["Location"].startswith("/batches/"), r.content.decode()[:300]
    assert len(run_batches()) == 1
    got = {row.source_name.split("!/", 1)[1]: _web_findings(row) for row in Report.objects.all()}
    assert got == expected
    again = _upload(c, "/api/reports", "全年.zip", data)  # the API: the same function, a batch
    assert again.status_code == 202, again.content.decode()[:300]
    batch = Batch.objects.get(pk=again.json()["id"])
    assert batch.status == "done" and run_batches() == []  # the same files: nothing read again
    stored = set(Report.objects.values_list("pk", flat=True))
    assert set(batch.items.values_list("report_id", flat=True)) == stored
