"""`zfxxgk cases calendar add`: a year's notice entered from the command line; open
cases recomputed as on the web calendar page, the moved deadlines listed."""

from __future__ import annotations

import json

import pytest
from calendar_notices import complete

from .ledger_books import AGENCY, ROWS, register
from .test_compile_cli import run

pytest.importorskip("django")

NOTICE_2027 = complete("""year = 2027
source = "国务院办公厅关于2027年部分节假日安排的通知（测试数据）"

[[festival]]
name = "元旦"
from = 2027-01-01
to = 2027-01-01
workdays = [2027-01-02]
""")


def test_entering_a_year_lists_the_deadlines_that_moved(tmp_path):
    rows = ROWS + [("QH-2026-009", "赵六", "自然人", "当面", "2026-12-24", "道路规划", None, None)]
    book = tmp_path / "台账.xlsx"
    book.write_bytes(register(rows))
    data = str(tmp_path / "数据")
    r = run("cases", "import", str(book), "--agency", AGENCY, "--data", data)
    assert r.returncode == 0, r.stderr
    notice = tmp_path / "2027.toml"
    notice.write_text(NOTICE_2027, encoding="utf-8")
    r = run("cases", "calendar", "add", str(notice), "--data", data)
    assert r.returncode == 0, r.stderr
    # assumed by law: 元旦 off, due Friday 22 Jan; the notice makes Saturday 2 Jan a
    # working day, so the 20th working day is one day earlier
    assert "已录入2027年节假日安排" in r.stdout
    assert "2项期限变动" in r.stdout
    assert "QH-2026-009 答复期限：2027年1月22日 → 2027年1月21日" in r.stdout
    assert "QH-2026-009 补正告知期限：2027年1月5日 → 2027年1月4日" in r.stdout
    assert "QH-2025-005" not in r.stdout  # its deadlines lie in 2026
    again = run("cases", "calendar", "add", str(notice), "--data", data, "--format", "json")
    assert again.returncode == 1 and "与已录入的版本相同" in again.stderr
    work = run("cases", "work", "--data", data, "--today", "2027-01-18", "--format", "json")
    soon = json.loads(work.stdout)["due_soon"]
    assert [(i["due"], i["provisional"]) for i in soon if i["number"] == "QH-2026-009"] == [
        ("2027-01-21", False)]


def test_a_broken_notice_is_refused_in_chinese(tmp_path):
    notice = tmp_path / "2027.toml"
    notice.write_text("year = 2027\n", encoding="utf-8")
    r = run("cases", "calendar", "add", str(notice), "--data", str(tmp_path / "数据"))
    assert r.returncode == 1
    assert "2027.toml：节假日安排有误：日历文件缺少字段 source" in r.stderr
    assert "Traceback" not in r.stderr
