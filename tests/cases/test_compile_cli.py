"""`zfxxgk cases import-json` and `zfxxgk compile` on a data folder's database, and
`zfxxgk cases letter`."""

from __future__ import annotations

import json
import re
import os
import shutil
import subprocess
import sys
from datetime import date

import pytest
from cryptography.fernet import Fernet

from click.testing import CliRunner

from zfxxgk.cases.model import ApplicantType, Case, Channel, Event, EventKind as E, Outcome
from zfxxgk.cases.personal import Applicant, PersonalDataCipher
from zfxxgk.cases.registers import ActiveFigures, LitigationCase, LitigationKind, LitigationOutcome, Registers
from zfxxgk.cli import cli

from .test_letters import docx_text

AGENCY = "青禾市人民政府"


def case_dict(cid: str, *events: Event, applicant: bool = False) -> dict:
    sealed = (PersonalDataCipher(Fernet.generate_key().decode()).seal(
        Applicant("李四", id_number="110101198801011234")) if applicant else None)
    return Case(cid, AGENCY, ApplicantType.NATURAL_PERSON, applicant=sealed,
                events=list(events)).to_dict()  # derived state left for the replay


def data_folder(tmp_path, registers: bool = True):
    (tmp_path / "cases").mkdir(parents=True)
    (tmp_path / "cases" / "a.json").write_text(json.dumps(case_dict(
        "1", Event(E.RECEIVED, date(2025, 3, 3), channel=Channel.IN_PERSON),
        Event(E.ANSWERED, date(2025, 3, 20), outcome=Outcome.GRANTED)), ensure_ascii=False))
    (tmp_path / "cases" / "b.json").write_text(json.dumps([case_dict(
        "2", Event(E.RECEIVED, date(2025, 12, 20), channel=Channel.IN_PERSON))], ensure_ascii=False))
    if registers:
        (tmp_path / "registers").mkdir()
        reg = Registers(
            [LitigationCase("F1", AGENCY, LitigationKind.REVIEW, date(2025, 4, 1),
                            LitigationOutcome.UPHELD, date(2025, 6, 1))],
            [ActiveFigures(AGENCY, 2025, {"rules": {"issued": 1, "repealed": 0, "in_force": 8}})])
        (tmp_path / "registers" / "r.json").write_text(json.dumps(reg.to_dict(), ensure_ascii=False))
    return tmp_path


def run(*args: str) -> subprocess.CompletedProcess:
    """The CLI in a fresh process: each opens its own data folder's database (Django is
    set up once per process, so not inside the test process)."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("ZFXXGK_DATA", "DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    return subprocess.run([sys.executable, "-c", "from zfxxgk.cli import main; main()", *args],
                          env=env, capture_output=True, text=True, timeout=180)


def test_import_json_then_compile_from_the_database(tmp_path) -> None:
    pytest.importorskip("django")
    folder = data_folder(tmp_path / "json")
    data, out = tmp_path / "data", tmp_path / "r.json"
    done = run("cases", "import-json", str(folder), "--data", str(data))
    assert done.returncode == 0, done.stderr
    assert "已导入案件2件、复议诉讼登记1件、表二登记1份" in done.stderr
    assert (data / "zfxxgk.sqlite3").is_file()  # the database zfxxgk serve --data uses
    again = run("cases", "import-json", str(folder), "--data", str(data))
    assert again.returncode == 1 and "已有编号为1的案件" in again.stderr and "没有导入任何数据" in again.stderr
    done = run("compile", "--agency", AGENCY, "--year", "2025", "--data", str(data), "-o", str(out))
    assert done.returncode == 0, done.stderr
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["applications"]["received"]["total"] == 2
    assert doc["applications"]["granted"]["total"] == 1
    assert doc["applications"]["carried_forward"]["total"] == 1
    assert doc["review_litigation"]["review"]["upheld"] == 1
    assert doc["active"]["rules"]["in_force"] == 8
    # the JSON files are no second store: removing them changes nothing
    shutil.rmtree(folder)
    done = run("compile", "--agency", AGENCY, "--year", "2025", "--data", str(data))
    assert done.returncode == 0 and json.loads(done.stdout) == doc


def test_compile_without_registers_and_unknown_agency(tmp_path) -> None:
    pytest.importorskip("django")
    folder = data_folder(tmp_path / "json", registers=False)
    data = tmp_path / "data"
    assert run("cases", "import-json", str(folder), "--data", str(data)).returncode == 0
    done = run("compile", "--agency", AGENCY, "--year", "2025", "--data", str(data))
    assert done.returncode == 0, done.stderr
    doc = json.loads(done.stdout)
    assert doc["review_litigation"]["review"]["total"] is None
    assert "表四留空" in done.stderr and "表二留空" in done.stderr
    # the office declares it had none: zeros, said so, never invented otherwise
    done = run("compile", "--agency", AGENCY, "--year", "2025", "--data", str(data),
               "--no-litigation")
    assert done.returncode == 0, done.stderr
    table4 = json.loads(done.stdout)["review_litigation"]
    assert table4["review"]["total"] == 0 and len(table4) >= 3
    assert all(v == 0 for row in table4.values() for v in row.values())
    assert "表四留空" not in done.stderr
    unknown = run("compile", "--agency", "不存在的机关", "--year", "2025", "--data", str(data))
    assert unknown.returncode == 1 and "没有机关“不存在的机关”" in unknown.stderr
    assert "Traceback" not in unknown.stderr
    # the everyday short name: the full one it may stand for is named
    short = run("compile", "--agency", "青禾市", "--year", "2025", "--data", str(data))
    assert short.returncode == 1 and f"没有机关“青禾市”；是不是：“{AGENCY}”" in short.stderr


def test_import_bad_case_names_file(tmp_path) -> None:
    (tmp_path / "cases").mkdir()
    (tmp_path / "cases" / "x.json").write_text(json.dumps(case_dict(
        "9", Event(E.ANSWERED, date(2025, 3, 20), outcome=Outcome.GRANTED))))
    result = CliRunner().invoke(cli, ["cases", "import-json", str(tmp_path),
                                      "--data", str(tmp_path / "data")])
    assert result.exit_code == 1 and "x.json" in result.output
    assert not (tmp_path / "data").exists()  # refused before any database was opened


def test_letter(tmp_path) -> None:
    f = tmp_path / "c.json"
    f.write_text(json.dumps(case_dict(
        "3", Event(E.RECEIVED, date(2025, 9, 25), channel=Channel.IN_PERSON),
        Event(E.CORRECTION_REQUESTED, date(2025, 9, 26), days=10), applicant=True),
        ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "l.docx"
    result = CliRunner().invoke(cli, ["cases", "letter", str(f), "--kind", "补正告知书", "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = docx_text(out.read_bytes())
    assert "第三十条" in text and "1101**********1234" in text
    refused = CliRunner().invoke(cli, ["cases", "letter", str(f), "--kind", "延期答复告知书",
                                       "-o", str(tmp_path / "m.docx")])
    assert refused.exit_code == 1 and "不能生成延期答复告知书" in refused.output


def test_work_lists_from_the_database(tmp_path) -> None:
    pytest.importorskip("django")
    folder = data_folder(tmp_path / "json", registers=False)
    data = tmp_path / "data"
    assert run("cases", "import-json", str(folder), "--data", str(data)).returncode == 0
    # case 2 received 2025-12-20: due within days on 2026-01-14, overdue by February
    soon = run("cases", "work", "--data", str(data), "--today", "2026-01-14")
    assert soon.returncode == 0, soon.stderr
    assert "即将到期（1）" in soon.stdout and "已超期（0）" in soon.stdout and "2 答复期限" in soon.stdout
    late = run("cases", "work", "--data", str(data), "--today", "2026-02-02", "--format", "json")
    assert late.returncode == 4, late.stderr
    assert [w["number"] for w in json.loads(late.stdout)["overdue"]] == ["2"]


def test_work_names_the_record_a_lapsed_correction_calls_for(tmp_path) -> None:
    pytest.importorskip("django")
    (tmp_path / "json").mkdir()
    (tmp_path / "json" / "c.json").write_text(json.dumps(case_dict(
        "3", Event(E.RECEIVED, date(2025, 9, 26), channel=Channel.IN_PERSON),
        Event(E.CORRECTION_REQUESTED, date(2025, 9, 29), days=5)), ensure_ascii=False), encoding="utf-8")
    data = tmp_path / "data"
    assert run("cases", "import-json", str(tmp_path / "json"), "--data", str(data)).returncode == 0
    running = run("cases", "work", "--data", str(data), "--today", "2025-10-09")
    assert running.returncode == 0 and "请记录" not in running.stdout
    late = run("cases", "work", "--data", str(data), "--today", "2025-10-20")
    assert late.returncode == 4, late.stderr
    line = next(x for x in late.stdout.splitlines() if x.strip().startswith("3 "))
    assert "已超期" in line and line.endswith("→ 请记录逾期未补正")
    body = json.loads(run("cases", "work", "--data", str(data), "--today", "2025-10-20",
                          "--format", "json").stdout)
    item = body["waiting_for_applicant"][0]
    assert item["action"] == "correction_expired" and item["action_label"] == "记录逾期未补正"


def test_retention_command(tmp_path) -> None:
    pytest.importorskip("django")
    (tmp_path / "json").mkdir()
    (tmp_path / "json" / "c.json").write_text(json.dumps(case_dict(
        "7", Event(E.RECEIVED, date(2021, 3, 1), channel=Channel.IN_PERSON),
        Event(E.ANSWERED, date(2021, 3, 15), outcome=Outcome.GRANTED), applicant=True),
        ensure_ascii=False), encoding="utf-8")
    data = tmp_path / "data"
    assert run("cases", "import-json", str(tmp_path / "json"), "--data", str(data)).returncode == 0
    early = run("cases", "retention", "--data", str(data), "--today", "2024-03-14")  # 1095 days
    assert early.returncode == 0 and "已匿名化0件" in early.stderr
    dry = run("cases", "retention", "--data", str(data), "--today", "2024-03-16", "--dry-run")
    assert dry.returncode == 0 and "到期、将匿名化1件：7" in dry.stderr
    done = run("cases", "retention", "--data", str(data), "--today", "2024-03-16")
    assert done.returncode == 0 and "已匿名化1件：7" in done.stderr
    again = run("cases", "retention", "--data", str(data), "--today", "2024-03-16")
    assert "已匿名化0件" in again.stderr


@pytest.mark.parametrize("written", ["8235.4200", "0.30", "123456789012345.6789"])
def test_a_register_amount_keeps_its_digits_from_file_to_report(tmp_path, written) -> None:
    """行政事业性收费 金额 (万元) in a register file, imported and compiled: the report
    says 8235.4200 as the file did (read as a float it was 8235.42, and a 19-digit
    amount a float's neighbour)."""
    pytest.importorskip("django")
    folder = tmp_path / "json" / "registers"
    folder.mkdir(parents=True)
    (folder / "r.json").write_text('{"format": "zfxxgk.register/1", "litigation": [], "active": '
                                   '[{"agency": "%s", "year": 2025, "cells": {"fees": {"amount": %s}}}]}'
                                   % (AGENCY, written), encoding="utf-8")
    data, out = tmp_path / "data", tmp_path / "r.json"
    done = run("cases", "import-json", str(folder.parent), "--data", str(data))
    assert done.returncode == 0, done.stderr
    done = run("compile", "--agency", AGENCY, "--year", "2025", "--data", str(data), "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert json.loads(out.read_text(encoding="utf-8"), parse_float=str)["active"]["fees"]["amount"] == written


def test_compile_without_year_says_which_it_took(tmp_path) -> None:
    """No --year: the year a clerk means on this day (1至11月 last year, December this
    year), said on stderr, and the report is of that year."""
    pytest.importorskip("django")
    data = tmp_path / "data"
    assert run("cases", "import-json", str(data_folder(tmp_path / "json")), "--data", str(data)).returncode == 0
    done = run("compile", "--agency", AGENCY, "--data", str(data))
    assert done.returncode == 0, done.stderr
    said = re.search(r"年度：(\d{4})（没有写 --year，1至11月默认为上一年度，12月起默认为本年度）", done.stderr)
    assert said and json.loads(done.stdout)["year"] == int(said.group(1))
    late = run("compile", "--agency", AGENCY, "--year", str(date.today().year), "--data", str(data))
    assert late.returncode == 0 and f"提示：{date.today().year}年尚未结束" in late.stderr
