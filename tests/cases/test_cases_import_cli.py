"""`zfxxgk cases import`: a 台账 into a data folder's database from the command line."""

from __future__ import annotations

import json

import pytest

from .ledger_books import AGENCY, ROWS, plain, register
from .test_compile_cli import run

pytest.importorskip("django")


def test_dry_run_import_reimport_and_compile(tmp_path):
    book = tmp_path / "台账.xlsx"
    book.write_bytes(register())
    data = str(tmp_path / "数据")
    r = run("cases", "import", str(book), "--agency", AGENCY, "--data", data, "--dry-run")
    assert r.returncode == 0, r.stderr
    assert "表头在第3行" in r.stderr and "办理结果：I 答复情况／答复结果" in r.stderr
    assert "预览：5行均可导入（新增5件）" in r.stderr
    r = run("cases", "import", str(book), "--agency", AGENCY, "--data", data)
    assert r.returncode == 0 and "已导入台账.xlsx：新增5件。" in r.stderr, r.stderr
    r = run("cases", "import", str(book), "--agency", AGENCY, "--data", data, "--format", "json")
    assert r.returncode == 0, r.stderr
    body = json.loads(r.stdout)
    assert body["imported"] == {"created": [], "updated": [], "conflicts": [],
                                "unchanged": [x[0] for x in ROWS]}
    r = run("compile", "--agency", AGENCY, "--year", "2025", "--data", data)
    assert r.returncode == 0, r.stderr
    t3 = json.loads(r.stdout)["applications"]
    assert t3["received"]["total"] == 5 and t3["carried_forward"]["total"] == 1


def test_a_bad_row_imports_nothing(tmp_path):
    rows = list(ROWS)
    rows[4] = ROWS[4][:7] + ("已办结",)  # an outcome without a date, in words table 三 lacks
    book = tmp_path / "台账.xlsx"
    book.write_bytes(register(rows))
    data = str(tmp_path / "数据")
    r = run("cases", "import", str(book), "--agency", AGENCY, "--data", data)
    assert r.returncode == 1
    assert "错误：第9行：办理结果“已办结”不是表三的一行" in r.stderr
    assert "台账.xlsx：有1处错误，没有导入任何申请" in r.stderr
    r = run("compile", "--agency", AGENCY, "--year", "2025", "--data", data)
    assert r.returncode == 1 and "没有机关“青禾市自然资源局”" in r.stderr  # nothing stored


def test_map_and_default_channel(tmp_path):
    book = tmp_path / "简表.xlsx"
    book.write_bytes(plain(["登记号", "日期", "主体"],
                           [["B-1", "2025年3月2日", "公民"], ["B-2", 45720, "企业"]]))
    data = str(tmp_path / "数据")
    args = ["cases", "import", str(book), "--agency", AGENCY, "--data", data, "--header-line", "1",
            "--map", "申请编号=A", "--map", "收到申请日期=B", "--map", "applicant_type=3"]
    r = run(*args)
    assert r.returncode == 1 and "第2行：没有申请方式" in r.stderr
    r = run(*args, "--default-channel", "当面提交")
    assert r.returncode == 0 and "新增2件" in r.stderr, r.stderr
    r = run("cases", "import", str(book), "--agency", AGENCY, "--data", data, "--map", "收到=B")
    assert r.returncode == 2 and "--map 应写作 字段=列" in r.stderr
