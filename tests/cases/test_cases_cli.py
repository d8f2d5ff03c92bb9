"""`zfxxgk cases deadline` and `zfxxgk cases fee`: output, JSON keys, exit statuses."""

from __future__ import annotations

import json

from click.testing import CliRunner

from zfxxgk.cli import cli


def run(*args):
    return CliRunner().invoke(cli, ["cases", *args])


def test_deadline_text():
    r = run("deadline", "--received", "2024-09-27")
    assert r.exit_code == 0, r.output
    assert r.stdout.startswith("答复期限：2024年10月30日（星期三）")
    assert "跳过节假日7天" in r.stdout and "补正告知期限：2024年10月12日" in r.stdout


def test_deadline_json_keys():
    r = run("deadline", "--received", "2026-09-25", "--format", "json")
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert {"received", "due", "correction_notice_due", "provisional", "calendar_version",
            "explanation"} <= set(data)
    assert data["due"] == "2026-10-29" and data["provisional"] is False


def test_deadline_days_pause_extend_corrected():
    r = run("deadline", "--received", "2024-09-02", "--corrected", "2024-09-27",
            "--pause", "2024-10-08:2024-10-08", "--extend", "5", "--days", "20", "--format", "json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["due"] == "2024-11-07"


def test_provisional_exits_3_with_warning():
    r = run("deadline", "--received", "2026-12-20")
    assert r.exit_code == 3
    assert "暂定" in r.stdout and "警告" in r.stderr


def test_bad_arguments_exit_2():
    assert run("deadline", "--received", "2024-13-01").exit_code == 2
    assert run("deadline", "--received", "2024-09-27", "--pause", "x").exit_code == 2
    assert run("deadline", "--received", "2024-09-27", "--extend", "21").exit_code == 2
    assert run("fee").exit_code == 2
    assert run("fee", "--pieces", "3", "--pages", "3").exit_code == 2


def test_fee():
    r = run("fee", "--pieces", "45")
    assert r.exit_code == 0 and "5,500元" in r.stdout
    r = run("fee", "--pages", "250", "--format", "json")
    assert json.loads(r.stdout)["amount"] == 4700
