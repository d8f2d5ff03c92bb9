"""台账 import: header detection, value reading, per-row errors, all-or-nothing."""

from __future__ import annotations

import os
import subprocess
from datetime import date

import pytest

from zfxxgk.cases.calendar import WorkdayCalendar
from zfxxgk.cases.compile import compile_year
from zfxxgk.cases.ledger import preview
from zfxxgk.cases.ledger.values import (
    CellError, read_applicant_type, read_channel, read_date, read_outcome,
)
from zfxxgk.ingest.legacy import soffice
from zfxxgk.cases.model import ApplicantType, CaseStatus, Channel, Outcome

from .ledger_books import AGENCY, ROWS, plain, register
from .test_statutory import without_year


def test_realistic_register_reads_every_row():
    p = preview(register(), AGENCY)
    assert p.errors == [] and p.row_errors == []
    assert p.ok
    assert p.header is not None and (p.header.line, p.header.depth) == (3, 2)
    assert p.column_name("answered_on") == "H 答复情况／答复日期"
    assert p.column_name("outcome") == "I 答复情况／答复结果"
    assert p.column_name("received_on").startswith("F ")
    by = {c.id: c for c in p.cases}
    assert list(by) == [r[0] for r in ROWS]
    one, two, three, four, five = (by[r[0]] for r in ROWS)
    assert (one.received_on, one.closed_on, one.outcome) == (
        date(2025, 3, 3), date(2025, 3, 20), Outcome.GRANTED)
    assert one.channel is Channel.ONLINE and one.applicant.name == "张三"
    assert two.applicant_type is ApplicantType.COMMERCIAL
    assert (two.received_on, two.closed_on) == (date(2025, 4, 7), date(2025, 4, 25))
    assert two.outcome is Outcome.THIRD_PARTY_RIGHTS and two.channel is Channel.SIGNED_POST
    assert three.status is CaseStatus.WITHDRAWN
    assert four.applicant_type is ApplicantType.LEGAL_SERVICE and four.outcome is Outcome.NOT_HELD
    assert five.is_open and five.channel is Channel.ORDINARY_POST
    assert five.received_on == date(2025, 12, 22)
    reasons = dict(p.skipped)
    assert "合计行" in reasons.values() and "表注" in reasons.values()


def test_imported_cases_compile_into_table_three():
    cases = preview(register(), AGENCY).cases
    t = compile_year(cases, 2025, AGENCY).report.applications
    assert t["received"]["total"] == 5
    assert t["granted"]["natural_person"] == 1
    assert t["withheld.third_party_rights"]["commercial"] == 1
    assert t["other.misc"]["natural_person"] == 1  # withdrawn
    assert t["carried_forward"]["research"] == 1


def test_one_bad_row_blocks_the_import_and_names_the_row():
    rows = list(ROWS)
    rows[1] = ("QH-2025-002", "某公司", "个体户", "邮寄", "2025年4月7日", "x", "2025.4.25", "予以公开")
    rows[3] = ("QH-2025-004", "某所", "律所", "传真", "2025年2月30日", "x", None, None)
    p = preview(register(rows), AGENCY)
    assert not p.ok
    assert p.row_errors == [
        "第6行：申请人类型“个体户”无法对应表三的申请人栏目"
        "（自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他）",
        "第8行：“收到申请日期”不是有效日期：2025年2月30日",
    ]
    assert len(p.cases) == 3  # the good rows are previewed, but `ok` is False


@pytest.mark.parametrize("outcome, message", [
    ("不予公开", "办理结果“不予公开”须写明理由，即计入表三“不予公开”下的哪一行"),
    ("办完了", "办理结果“办完了”不是表三的一行"),
])
def test_unknown_or_ambiguous_outcome_is_an_error(outcome, message):
    rows = [("A-1", "甲", "自然人", "当面", "2025.3.3", "x", "2025.3.10", outcome)]
    p = preview(register(rows), AGENCY)
    assert len(p.row_errors) == 1 and p.row_errors[0].startswith(f"第5行：{message}")


def test_dates_the_law_does_not_allow_are_row_errors():
    rows = [("A-1", "甲", "自然人", "当面", "2025.3.10", "x", "2025.3.3", "予以公开"),
            ("A-2", "乙", "自然人", "当面", "2025.3.10", "x", "2025.3.11", None),
            ("A-1", "丙", "自然人", "当面", "2025.3.10", "x", None, None)]
    p = preview(register(rows), AGENCY)
    assert p.row_errors == [
        "第5行：“作出答复”的日期2025年3月3日早于上一事件的日期",
        "第6行：已填写答复日期，但没有办理结果",
        "第7行：申请编号“A-1”与第5行重复",
    ]


def test_missing_required_column_is_a_file_error_until_mapped():
    data = plain(["编号", "受理日期", "申请人", "申请方式"],
                 [["B-1", "2025年3月2日", "甲", "当面"]])
    p = preview(data, AGENCY)
    assert p.errors == ["台账缺少必需的列：申请人类型（请在列映射中指定）"]
    assert p.rows == []


def test_mapping_override_and_default_channel():
    data = plain(["登记号", "日期", "主体", "事项"],
                 [["B-1", "2025年3月2日", "公民", "x"], ["B-2", 45720, "商业企业", "y"]])
    p = preview(data, AGENCY)
    assert p.errors and "收到申请日期" in p.errors[0]
    mapping = {"number": 0, "received_on": 1, "applicant_type": 2, "subject": 3}
    p = preview(data, AGENCY, mapping=mapping)
    assert p.errors and "找不到表头" in p.errors[0]
    p = preview(data, AGENCY, mapping=mapping, header_line=1)
    assert p.row_errors[0] == "第2行：没有申请方式（可在列映射中指定默认的申请方式）"
    p = preview(data, AGENCY, mapping=mapping, header_line=1, default_channel=Channel.IN_PERSON)
    assert p.ok and [c.received_on for c in p.cases] == [date(2025, 3, 2), date(2025, 3, 4)]
    p = preview(data, AGENCY, mapping={**mapping, "subject": 1}, header_line=1)
    assert "映射到了同一列（B）" in p.errors[0]


def test_correction_columns_give_the_restarted_clock_and_expiry():
    header = ["申请编号", "收到日期", "申请人类型", "申请方式", "补正告知日期", "补正期限",
              "收到补正日期", "答复日期", "办理结果"]
    data = plain(header, [
        ["C-1", "2025.3.3", "自然人", "当面", "2025.3.5", "10个工作日", "2025.3.10", None, None],
        ["C-2", "2025.3.3", "自然人", "当面", "2025.3.5", "2025.3.20", None, "2025.3.25", "逾期不补正"],
        ["C-3", "2025.3.3", "自然人", "当面", "2025.3.5", None, None, None, None],
    ])
    p = preview(data, AGENCY)
    assert p.row_errors == ["第4行：已填写补正告知日期，但没有补正期限（日期或工作日数）"]
    c1, c2 = p.cases
    assert c1.clock_start == date(2025, 3, 10) and c1.is_open
    assert c2.outcome is Outcome.NO_CORRECTION and c2.closed_on == date(2025, 3, 25)


def test_provisional_year_is_a_warning_not_an_error():
    cal = without_year(WorkdayCalendar.bundled(), 2025)
    p = preview(register(), AGENCY, calendar=cal)
    assert p.ok
    open_row = next(r for r in p.rows if r.number == "QH-2025-005")
    assert "期限为暂定" in open_row.warnings[-1]


def test_not_an_excel_file():
    p = preview(b"not a workbook", AGENCY)
    assert not p.ok and p.errors[0].startswith("无法读取台账：不是有效的 Excel")


def test_no_header_anywhere():
    p = preview(plain(["甲", "乙"], [[1, 2]]), AGENCY)
    assert p.errors[0].startswith("台账各工作表中都找不到表头")


@pytest.mark.parametrize("raw, expected", [
    ("2025年3月2日", date(2025, 3, 2)), ("2025.3.2", date(2025, 3, 2)),
    ("2025-03-02", date(2025, 3, 2)), ("2025/3/2", date(2025, 3, 2)),
    ("２０２５年３月２日", date(2025, 3, 2)), (45718, date(2025, 3, 2)), (45718.0, date(2025, 3, 2)),
    ("20250302", date(2025, 3, 2)), ("2025年03月02日 10:30", date(2025, 3, 2)),
])
def test_dates(raw, expected):
    assert read_date(raw, "收到日期") == expected


@pytest.mark.parametrize("raw", ["25.3.2", "3月2日", 12, "2025.2.30", "1985.1.1"])
def test_bad_dates(raw):
    with pytest.raises(CellError, match="收到日期"):
        read_date(raw, "收到日期")


@pytest.mark.parametrize("raw, expected", [
    ("自然人", "natural_person"), ("公民", "natural_person"), ("企业", "commercial"),
    ("商业企业", "commercial"), ("律师事务所", "legal_service"), ("科研机构", "research"),
    ("社会公益组织", "nonprofit"), ("其他组织", "other_org"), (" 自 然 人 ", "natural_person"),
    ("法人或其他组织—商业企业", "commercial"), ("法人或其他组织（科研机构）", "research"),
])
def test_applicant_types(raw, expected):
    assert read_applicant_type(raw).value == expected


@pytest.mark.parametrize("raw, expected", [
    ("予以公开", Outcome.GRANTED), ("同意公开", Outcome.GRANTED),
    ("部分公开（区分处理的，只计这一情形，不计其他情形）", Outcome.PARTLY_GRANTED),
    ("（三）1.属于国家秘密", Outcome.STATE_SECRET), ("不予公开-属于国家秘密", Outcome.STATE_SECRET),
    ("危及“三安全一稳定”", Outcome.SECURITY_STABILITY), ("信息不存在", Outcome.NOT_HELD),
    ("无法提供——本机关不掌握相关政府信息", Outcome.NOT_HELD), ("重复申请", Outcome.DUPLICATE),
    ("申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", Outcome.NO_CORRECTION),
    ("其他", Outcome.OTHER), ("撤回", "withdrawn"),
])
def test_outcomes(raw, expected):
    assert read_outcome(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    ("网上申请", Channel.ONLINE), ("电子邮件", Channel.ONLINE), ("当面", Channel.IN_PERSON),
    ("邮寄", Channel.SIGNED_POST), ("平信", Channel.ORDINARY_POST), ("传真", Channel.FAX),
])
def test_channels(raw, expected):
    assert read_channel(raw) is expected


def test_unknown_channel():
    with pytest.raises(CellError, match="申请方式“信鸽”无法识别"):
        read_channel("信鸽")


def test_group_headings_over_short_column_names():
    """“补正情况” over 告知日期 | 补正期限 | 收到日期, “申请人信息” over 姓名 | 类型."""
    import io

    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["编号", "收到申请", "申请人信息", None, "补正情况", None, None, "答复情况", None])
    ws.append([None, "日期", "姓名", "类型", "告知日期", "补正期限", "收到日期", "日期", "结果"])
    ws.merge_cells("A1:A2")
    for rng in ("C1:D1", "E1:G1", "H1:I1"):
        ws.merge_cells(rng)
    ws.append(["D-1", "2025.3.3", "甲", "自然人", "2025.3.4", 10, "2025.3.12", "2025.3.20", "予以公开"])
    buf = io.BytesIO()
    wb.save(buf)
    p = preview(buf.getvalue(), AGENCY, default_channel=Channel.IN_PERSON)
    assert p.ok, p.errors + p.row_errors
    assert {code: col for code, col in p.mapping.items() if col is not None} == {
        "number": 0, "received_on": 1, "applicant": 2, "applicant_type": 3,
        "correction_requested_on": 4, "correction_due": 5, "correction_received_on": 6,
        "answered_on": 7, "outcome": 8}
    case = p.cases[0]
    assert case.correction_received and case.clock_start == date(2025, 3, 12)
    assert case.outcome is Outcome.GRANTED


def test_old_excel_files_without_libreoffice_are_named(monkeypatch):
    monkeypatch.setenv("ZFXXGK_SOFFICE", "")
    p = preview(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, AGENCY)
    assert p.errors == ["无法读取台账：读取旧版 Excel（XLS）文件需要 LibreOffice，但本机没有安装："
                        "请安装 Debian 软件包 libreoffice-calc-nogui（apt-get install libreoffice-calc-nogui），"
                        "或在 Excel/WPS 中另存为 XLSX 后再试"]


@pytest.mark.skipif(soffice() is None and os.environ.get("CI") != "true",
                    reason="LibreOffice (soffice) not installed; make test installs it")
def test_old_excel_register_is_converted_and_read(tmp_path):
    """A register kept in Excel 97-2003 (what WPS's .et also is) reads as its .xlsx
    does: the same cases, row for row."""
    source = tmp_path / "台账.xlsx"
    source.write_bytes(register())
    subprocess.run([soffice(), "--headless", "--norestore",
                    f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
                    "--convert-to", "xls", "--outdir", str(tmp_path), str(source)],
                   check=True, timeout=300, capture_output=True, stdin=subprocess.DEVNULL)
    old = (tmp_path / "台账.xls").read_bytes()
    assert old.startswith(b"\xd0\xcf\x11\xe0")
    p, q = preview(old, AGENCY), preview(register(), AGENCY)
    assert p.ok, p.errors + p.row_errors
    assert p.cases == q.cases
    assert len(p.cases) == 5


def test_preview_shows_dates_as_read():
    p = preview(register(), AGENCY)
    two = next(r for r in p.rows if r.number == "QH-2025-002")
    assert (two.values["received_on"], two.values["answered_on"]) == ("2025-04-07", "2025-04-25")
    assert two.values["outcome"] == "不予公开（涉及商业秘密）"


def test_naming_the_detected_header_line_keeps_the_two_row_header():
    p = preview(register(), AGENCY, header_line=3)
    assert p.header.depth == 2 and p.column_name("outcome") == "I 答复情况／答复结果"
    p = preview(register(), AGENCY, header_line=4)  # the lower row alone
    assert p.header.depth == 1 and p.column_name("outcome") == "I 答复结果"


def test_consultation_and_extension_columns():
    """“征求意见情况” and “延期情况” groups: the pause and the extension move the deadline,
    so a case answered late by the 20-day count is on time."""
    import io

    from openpyxl import Workbook

    from zfxxgk.cases.law import DeadlineKind

    wb = Workbook()
    ws = wb.active
    ws.append(["申请编号", "收到申请日期", "申请人类型", "申请方式", "征求意见情况", None,
               "延期情况", None, None, "答复日期", "办理结果", "审批人"])
    ws.append([None, None, None, None, "日期", "结束日期", "日期", "天数", "批准人", None, None, None])
    for col in "ABCDJKL":
        ws.merge_cells(f"{col}1:{col}2")
    for rng in ("E1:F1", "G1:I1"):
        ws.merge_cells(rng)
    ws.append(["E-1", "2025.3.3", "企业", "当面", "2025.3.10", "2025.3.24", "2025.4.7", "20个工作日",
               "张主任", "2025.5.6", "部分公开", "李科长"])
    ws.append(["E-2", "2025.3.3", "企业", "当面", None, None, "2025.3.20", None, None,
               "2025.4.20", "予以公开", "李科长"])
    buf = io.BytesIO()
    wb.save(buf)
    p = preview(buf.getvalue(), AGENCY)
    assert p.mapping["approver"] == 8  # the answer's 审批人 (L) is not the extension's approver
    assert p.row_errors == [
        "第4行：延期答复须同时填写延期日期、延长天数和批准人（《条例》第三十三条第二款）"]
    case = p.cases[0]
    assert case.extension_days == 20 and len(case.pauses) == 1
    assert case.warnings == [] and case.outcome is Outcome.PARTLY_GRANTED
    assert case.deadlines.get(DeadlineKind.ANSWER) is not None
