"""`zfxxgk cases list / show / add / event`: the case desk without the web
application, on the data folder's database the pages use."""

from __future__ import annotations

import json

import pytest

from .test_compile_cli import run

AGENCY = "青禾市云岭区望湖街道办事处"


@pytest.fixture
def data(tmp_path):
    pytest.importorskip("django")
    folder = tmp_path / "data"
    done = run("cases", "add", "--agency", AGENCY, "--number", "2026-0001", "--name", "张三",
               "--arrived", "2026-02-10", "--subject", "某地块征收批复", "--id-number",
               "110101198801011234", "--by", "王五", "--data", str(folder))
    assert done.returncode == 0, done.stderr
    assert "已登记申请2026-0001：办理中" in done.stderr
    # the deadline as the case page tells it, the date as people write it
    assert "答复期限：2026年3月16日（星期一）" in done.stdout
    assert "1101" in done.stdout and "110101198801011234" not in done.stdout  # masked
    return folder


def test_list_tells_the_answer_deadline_in_working_days(data) -> None:
    done = run("cases", "list", "--data", str(data), "--today", "2026-03-10")
    assert done.returncode == 0, done.stderr
    row = next(line for line in done.stdout.splitlines() if line.startswith("2026-0001"))
    assert "2026年2月10日" in row and "2026年3月16日" in row
    assert "还剩4个工作日" in row  # 3月11、12、13、16日
    assert "-02-10" not in done.stdout
    late = run("cases", "list", "--data", str(data), "--today", "2026-03-18")
    assert "已超期2个工作日" in late.stdout
    machine = json.loads(run("cases", "list", "--data", str(data), "--format", "json").stdout)
    assert machine["cases"][0]["received_on"] == "2026-02-10"  # ISO stays in JSON


def test_event_replays_and_closes_the_case(data) -> None:
    done = run("cases", "event", "2026-0001", "作出答复", "--on", "2026-02-26", "--outcome", "予以公开",
               "--by", "王五", "--data", str(data))
    assert done.returncode == 0, done.stderr
    assert "已记录作出答复：已办结" in done.stderr
    assert "2026年2月26日  作出答复（结果：予以公开）" in done.stdout
    shown = json.loads(run("cases", "show", "2026-0001", "--data", str(data), "--format", "json").stdout)
    assert shown["status"]["code"] == "closed" and shown["outcome"]["code"] == "granted"
    assert [e["by"] for e in shown["events"]] == ["王五", "王五"]
    closed = run("cases", "list", "--data", str(data), "--status", "未办结")
    assert "2026-0001" not in closed.stdout and "没有符合条件的申请" in closed.stdout


def test_refusals_are_chinese_and_store_nothing(data) -> None:
    early = run("cases", "event", "2026-0001", "answered", "--on", "2026-02-01", "--outcome", "granted",
                "--data", str(data))
    assert early.returncode == 1 and "早于上一事件的日期" in early.stderr and "没有记录" in early.stderr
    assert "Traceback" not in early.stderr
    ext = run("cases", "event", "2026-0001", "延期答复", "--days", "15", "--on", "2026-03-02",
              "--notice-on", "2026-03-02", "--data", str(data))
    assert ext.returncode == 1 and "批准人" in ext.stderr
    again = run("cases", "add", "--agency", AGENCY, "--number", "2026-0001", "--name", "李四",
                "--arrived", "2026-02-11", "--subject", "x", "--data", str(data))
    assert again.returncode == 1 and "已有编号为2026-0001的申请" in again.stderr
    bad = run("cases", "event", "2026-0001", "作出答复", "--outcome", "全部公开", "--data", str(data))
    assert bad.returncode == 2 and "没有这种办理结果" in bad.stderr
    missing = run("cases", "show", "2026-0099", "--data", str(data))
    assert missing.returncode == 1 and "没有编号为2026-0099的申请" in missing.stderr
    shown = json.loads(run("cases", "show", "2026-0001", "--data", str(data), "--format", "json").stdout)
    assert shown["status"]["code"] == "in_progress" and len(shown["events"]) == 1


def test_extension_with_its_approver(data) -> None:
    done = run("cases", "event", "2026-0001", "extended", "--days", "15", "--approver", "赵主任",
               "--on", "2026-03-02", "--notice-on", "2026-03-02", "--data", str(data))
    assert done.returncode == 0, done.stderr
    assert "答复期限：2026年4月7日" in done.stdout and "批准人：赵主任" in done.stdout


def test_letter_of_a_stored_case(data, tmp_path) -> None:
    """The clerk without the web pages prints a stored case's letter by its number
    (before, `cases letter` took only a case JSON, and `cases show --format json` is not one)."""
    from .test_letters import docx_text

    out = tmp_path / "回执.docx"
    done = run("cases", "letter", "2026-0001", "--data", str(data), "--kind", "受理回执", "-o", str(out))
    assert done.returncode == 0, done.stderr
    text = docx_text(out.read_bytes())
    assert "答复的最后一日为2026年3月16日（星期一）" in text
    assert "1101**********1234" in text and "110101198801011234" not in text
    assert "青禾市云岭区望湖街道办事处（印章）" in text
    pdf = run("cases", "letter", "2026-0001", "--data", str(data), "--kind", "受理回执",
              "-o", str(tmp_path / "回执.pdf"))
    assert pdf.returncode == 0 and (tmp_path / "回执.pdf").read_bytes().startswith(b"%PDF")
    refused = run("cases", "letter", "2026-0001", "--data", str(data), "--kind", "答复书",
                  "-o", str(tmp_path / "答复书.docx"))
    assert refused.returncode == 1 and "不能生成答复书" in refused.stderr
    assert not (tmp_path / "答复书.docx").exists()
    bare = run("cases", "letter", "2026-0001", "--kind", "受理回执", "-o", str(out))
    assert bare.returncode == 2 and "--data" in bare.stderr and "Traceback" not in bare.stderr


def test_fee_method_is_typed_as_cases_show_says_it(data) -> None:
    """Before: only 按件/按量 were taken; 按件计收, the label `cases show` prints, was refused."""
    bad = run("cases", "event", "2026-0001", "fee_notice", "--fee-method", "按页", "--data", str(data))
    assert bad.returncode != 0 and "按件计收" in bad.stderr and "按量" in bad.stderr
    done = run("cases", "event", "2026-0001", "fee_notice", "--on", "2026-02-12", "--fee-method", "按件计收",
               "--quantity", "45", "--data", str(data), "--format", "json")
    assert done.returncode == 0, done.stderr
    shown = json.loads(run("cases", "show", "2026-0001", "--data", str(data), "--format", "json").stdout)
    assert "按件计收" in json.dumps(shown, ensure_ascii=False)
