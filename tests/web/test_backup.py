"""`zfxxgk backup` / `zfxxgk restore`: a round trip gives back the same objects and the
same files; a data folder in use is not overwritten without --force. Runs on SQLite
here and on PostgreSQL in test_postgresql.py."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from zfxxgk.cli import cli
from zfxxgk.web.backup import FORMAT, make_backup, restore_backup

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(__file__).resolve().parents[2]


def _objects() -> list:
    """Every row of every model, serialised (the identity a round trip must keep)."""
    from django.apps import apps
    from django.core import serializers

    rows = []
    for model in sorted(apps.get_models(), key=lambda m: m._meta.label):
        if model._meta.label == "sessions.Session":
            continue
        rows += json.loads(serializers.serialize("json", model._default_manager.order_by("pk")))
    return rows


def _files(folder: Path) -> dict:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_round_trip(settings, tmp_path, login, stored):
    from zfxxgk.web.reports.models import Report

    settings.MEDIA_ROOT = tmp_path / "data" / "files"
    c = login("clerk")
    rows = [stored("wanghu-street-2023.txt"), stored("qinghe-city-2024.txt")]
    assert all(r.source_file for r in rows)
    c.get(f"/reports/{rows[0].pk}")
    before, files_before = _objects(), _files(settings.MEDIA_ROOT)
    assert files_before and any(r["model"] == "reports.finding" for r in before)

    archive = tmp_path / "backup.zip"
    manifest = make_backup(archive, tmp_path / "data")
    assert manifest["format"] == FORMAT and manifest["files"] == len(files_before)
    assert not (tmp_path / "backup.zip.partial").exists()
    with zipfile.ZipFile(archive) as z:
        assert z.testzip() is None and "manifest.json" in z.namelist()

    # Changes after the backup: all undone by the restore.
    Report.objects.filter(pk=rows[0].pk).delete()
    stored("wanghu-street-2023.txt")
    for p in Path(settings.MEDIA_ROOT).rglob("*"):
        if p.is_file():
            p.write_bytes(b"changed")
    assert _objects() != before

    restore_backup(archive, tmp_path / "data")
    assert _objects() == before
    assert _files(settings.MEDIA_ROOT) == files_before
    assert not [p for p in (tmp_path / "data").iterdir() if p.name.startswith(".files-")]
    # The restored application works: the report page and the API read the restored rows.
    assert login("reader").get(f"/api/reports/{rows[0].pk}").status_code == 200


def test_restore_refuses_non_empty_folder(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "files"
    archive = tmp_path / "backup.zip"
    make_backup(archive, tmp_path)
    target = tmp_path / "in-use"
    target.mkdir()
    (target / "zfxxgk.sqlite3").write_bytes(b"precious")
    result = CliRunner().invoke(cli, ["restore", str(archive), "--data", str(target)])
    assert result.exit_code != 0
    assert "不是空的" in result.output and "--force" in result.output
    assert (target / "zfxxgk.sqlite3").read_bytes() == b"precious"
    assert sorted(p.name for p in target.iterdir()) == ["zfxxgk.sqlite3"]


def test_restore_refuses_what_is_not_a_backup(tmp_path):
    bogus = tmp_path / "x.zip"
    bogus.write_bytes(b"not a zip")
    result = CliRunner().invoke(cli, ["restore", str(bogus), "--data", str(tmp_path / "new")])
    assert result.exit_code != 0 and "不是 zfxxgk 备份文件" in result.output
    assert not (tmp_path / "new").exists()


@pytest.mark.skipif(os.environ.get("DATABASE_URL", "").startswith("postgres"),
                    reason="the command-line round trip uses SQLite data folders")
def test_cli_round_trip(tmp_path):
    """The commands themselves, in fresh processes: serve's set-up with examples,
    backup, restore into a new folder, the same rows and files."""
    env = {k: v for k, v in os.environ.items() if k not in ("ZFXXGK_DATA", "DATABASE_URL")}

    def run(*args: str) -> subprocess.CompletedProcess:
        done = subprocess.run([sys.executable, "-c", "from zfxxgk.cli import main; main()", *args],
                              cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stdout + done.stderr
        return done

    src, dst = tmp_path / "src", tmp_path / "dst"
    seed = ("from zfxxgk.web.server import prepare, ensure_admin, load_examples; import pathlib, sys; "
            "prepare(sys.argv[1]); ensure_admin(); print(load_examples(pathlib.Path(sys.argv[2])))")
    done = subprocess.run([sys.executable, "-c", seed, str(src), str(ROOT / "examples")],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and int(done.stdout) > 0, done.stderr
    archive = tmp_path / "b.zip"
    assert "已备份到" in run("backup", "--data", str(src), "-o", str(archive)).stdout
    assert "已由" in run("restore", str(archive), "--data", str(dst)).stdout
    assert _files(src / "files") == _files(dst / "files") != {}
    assert (src / "secret_key").read_bytes() == (dst / "secret_key").read_bytes()
    assert (src / "personal_key").read_bytes() == (dst / "personal_key").read_bytes()

    def dump(folder: Path) -> list:
        import sqlite3

        with sqlite3.connect(folder / "zfxxgk.sqlite3") as db:
            tables = [r[0] for r in db.execute(
                "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
            return [(t, db.execute(f'SELECT * FROM "{t}" ORDER BY 1').fetchall()) for t in tables]

    assert dump(src) == dump(dst)
    # Restoring over it again needs --force.
    refused = subprocess.run([sys.executable, "-c", "from zfxxgk.cli import main; main()",
                              "restore", str(archive), "--data", str(dst)],
                             cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert refused.returncode != 0 and "--force" in refused.stderr
    assert "已由" in run("restore", str(archive), "--data", str(dst), "--force").stdout


def test_backup_json_keeps_timestamps_to_the_microsecond(users):
    """Django's JSON cuts datetimes to milliseconds; the PostgreSQL backup's format
    must not, or a restored row differs from the one backed up (seen as a flaky
    PostgreSQL round trip when last_login fell on .000xxx)."""
    from datetime import datetime, timezone

    from django.contrib.auth.models import User
    from django.core import serializers

    when = datetime(2025, 3, 2, 8, 30, 52, 123, tzinfo=timezone.utc)
    User.objects.filter(username="clerk").update(last_login=when)
    qs = User.objects.filter(username="clerk")
    lossy = list(serializers.deserialize("json", serializers.serialize("json", qs)))
    assert lossy[0].object.last_login != when  # the failure this format exists for
    text = serializers.serialize("zfxxgk_json", qs)
    assert "2025-03-02T08:30:52.000123Z" in text
    back = list(serializers.deserialize("json", text))
    assert back[0].object.last_login == when


def test_a_postgresql_backup_made_before_the_summary_table_loads(stored, login, tmp_path):
    """A PostgreSQL backup is dumpdata's JSON; one made before migration 0011 names
    `summary` on each report (a field since moved to its own table): loaded, the
    field is left out and the dashboard makes the summaries again."""
    from django.core.management import call_command

    from zfxxgk.web.backup import load_dump
    from zfxxgk.web.reports.models import Report, ReportSummary
    from zfxxgk.web.reports.summary import summary_of

    row = stored("wanghu-street-2020.txt")
    right = login("reader").get("/api/dashboard").json()
    dump = tmp_path / "database.json"
    call_command("dumpdata", format="zfxxgk_json", output=str(dump), verbosity=0)
    objects = [o for o in json.loads(dump.read_text()) if o["model"] != "reports.reportsummary"]
    for o in objects:
        if o["model"] == "reports.report":
            o["fields"]["summary"] = {"v": "as the row kept it"}
    dump.write_text(json.dumps(objects, ensure_ascii=False))
    load_dump(dump)
    assert Report.objects.get(pk=row.pk).data == row.data and not ReportSummary.objects.exists()
    assert login("reader").get("/api/dashboard").json() == right
    assert ReportSummary.objects.get(report_id=row.pk).summary == summary_of(row.data)
