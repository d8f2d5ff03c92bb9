"""`zfxxgk new`, `render`, `fix` from the command line, and the draft and fix logic."""

from __future__ import annotations

from decimal import Decimal

from click.testing import CliRunner

from zfxxgk.cli import cli
from zfxxgk.parse.draft import DraftError, read_draft
from zfxxgk.render.draft import new_draft
from zfxxgk.render.fix import fix_report

from render_checks import as_data, differences, load_expected


def run(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_new_then_render_every_format(tmp_path):
    draft = tmp_path / "草稿.yaml"
    assert run("new", "--agency", "青禾市交通运输局", "--year", "2025", "-o", str(draft)).exit_code == 0
    text = draft.read_text(encoding="utf-8")
    assert "# （三）不予公开 1.属于国家秘密" in text and "draft: zfxxgk.draft/1" in text
    for fmt in ("md", "html", "docx", "xlsx"):
        out = tmp_path / f"r.{fmt}"
        result = run("render", str(draft), "-o", str(out))
        assert result.exit_code == 0, result.output
        assert out.stat().st_size > 0


def test_new_says_on_stderr_what_it_wrote(tmp_path):
    """`new -o FILE` was silent on success; one Chinese line on stderr now names
    the file, stdout stays empty (a draft to stdout prints no such line)."""
    draft = tmp_path / "草稿.yaml"
    r = run("new", "--agency", "青禾市交通运输局", "--year", "2025", "-o", str(draft))
    assert r.exit_code == 0 and r.stdout == ""
    assert r.stderr.strip().splitlines() == [
        f"已生成青禾市交通运输局2025年度报告的草稿：{draft}（填好后用 zfxxgk check 核查，再用 zfxxgk render 生成报告）"]
    piped = run("new", "--agency", "青禾市交通运输局", "--year", "2025")
    assert piped.stderr == "" and "draft: zfxxgk.draft/1" in piped.stdout


def test_render_refuses_errors_unless_forced(samples, tmp_path):
    src = str(samples / "real" / "hongze-district-2023.txt")
    out = tmp_path / "r.md"
    result = run("render", src, "-o", str(out))
    assert result.exit_code == 1 and not out.exists()
    assert "T4-1" in result.output and "--force" in result.output
    forced = run("render", src, "-o", str(out), "--force")
    assert forced.exit_code == 0 and "10 | 1 | 0 | 0 | 0 |" in out.read_text(encoding="utf-8")


def test_render_warns_of_placeholders_left_and_still_renders(samples, tmp_path):
    """A report `compile` drafted still holds 【待补充…】: render says where, on
    stderr, and writes the file; a written report gets no such line."""
    from zfxxgk.model import report_from_json, report_to_json

    report = report_from_json((samples / "real-expected" / "hongze-district-2023.json").read_text("utf-8"))
    report.sections = {**(report.sections or {}), "5": "【待补充：存在的主要问题及改进情况。】"}
    src, out = tmp_path / "r.json", tmp_path / "r.html"
    src.write_text(report_to_json(report), encoding="utf-8")
    result = run("render", str(src), "-o", str(out), "--force")
    assert result.exit_code == 0 and out.stat().st_size > 0
    assert "注意：正文“五、存在的主要问题及改进情况”1处还有【待补充】的内容" in result.stderr
    report.sections["5"] = "无。"
    src.write_text(report_to_json(report), encoding="utf-8")
    assert "待补充" not in run("render", str(src), "-o", str(out), "--force").stderr


def test_render_bad_input_is_one_chinese_line(tmp_path):
    bad = tmp_path / "坏.yaml"
    bad.write_text("draft: zfxxgk.draft/1\nagency: 甲\nyear: 2024\nactive:\n  rules: [1, 2]\n",
                   encoding="utf-8")
    result = run("render", str(bad), "-o", str(tmp_path / "x.docx"))
    assert result.exit_code == 2
    assert "应填 3 个数" in result.output and "Traceback" not in result.output
    assert run("render", str(tmp_path / "无.json"), "-o", str(tmp_path / "x.pdf")).exit_code == 2
    assert run("render", str(bad), "--to", "pdf").exit_code == 2  # binary needs -o


def test_draft_keeps_digits_and_blanks():
    text = new_draft("青禾市交通运输局", 2025).replace("fees: [~]", "fees: [25.3190]")
    text = text.replace("granted: [~, ~, ~, ~, ~, ~, ~]", "granted: [1, ~, 0, 0, 0, 0, 1]")
    report = read_draft(text)
    assert str(report.active["fees"]["amount"]) == "25.3190"
    assert report.applications["granted"] == {"natural_person": 1, "commercial": None, "research": 0,
                                              "nonprofit": 0, "legal_service": 0, "other_org": 0,
                                              "total": 1}


def filled(text: str, **rows: str) -> str:
    """A fresh draft filled in as a clerk does: every blank 0, then some rows."""
    import re

    text = re.sub(r"\[(~(, ~)*)\]", lambda m: "[" + m.group(1).replace("~", "0") + "]", text)
    for code, values in rows.items():
        text = re.sub(rf"^  {re.escape(code)}: \[.*\]$", f"  {code}: [{values}]", text, flags=re.M)
    return text


def test_new_writes_blanks_one_flow_list_per_row():
    text = new_draft("青禾市云岭区望湖街道办事处", 2025)
    assert "  received: [~, ~, ~, ~, ~, ~, ~]" in text
    assert "[0" not in text and ", 0" not in text
    report = read_draft(text)
    assert report.applications["received"]["natural_person"] is None


def test_new_then_check_names_the_agency_and_the_broken_identity(tmp_path):
    """The clerk's loop: new -> fill in with one mistake -> check (exit 1)."""
    draft = tmp_path / "草稿.yaml"
    assert run("new", "--agency", "青禾市云岭区望湖街道办事处", "--year", "2025",
               "-o", str(draft)).exit_code == 0
    ok = filled(draft.read_text(encoding="utf-8"), received="3, 0, 0, 0, 0, 0, 3",
                granted="3, 0, 0, 0, 0, 0, 3", total="3, 0, 0, 0, 0, 0, 3")
    draft.write_text(ok, encoding="utf-8")
    clean = run("check", str(draft))
    assert clean.exit_code == 0, clean.output
    assert "青禾市云岭区望湖街道办事处2025年" in clean.output and "错误0项" in clean.output
    mistake = filled(ok, granted="2, 0, 0, 0, 0, 0, 2")  # 总计 left at 3
    draft.write_text(mistake, encoding="utf-8")
    r = run("check", str(draft))
    assert r.exit_code == 1
    assert "青禾市云岭区望湖街道办事处2025年政府信息公开工作年度报告" in r.output
    assert "T3-2" in r.output and "（七）总计（3）不等于各项办理结果之和（2）" in r.output
    assert "F-TABLE" not in r.output and "未识别机关名称" not in r.output
    as_json = run("parse", str(draft))
    assert as_json.exit_code == 0
    assert '"agency": "青禾市云岭区望湖街道办事处"' in as_json.output
    # the same file under any name is still a draft (told by content)
    renamed = tmp_path / "报告"
    renamed.write_text(mistake, encoding="utf-8")
    assert run("check", str(renamed)).exit_code == 1


def test_new_from_last_year_carries_only_what_carries(tmp_path):
    last = tmp_path / "2024.yaml"
    text = filled(new_draft("青禾市云岭区望湖街道办事处", 2024),
                  received="5, 1, 0, 0, 0, 0, 6", granted="3, 1, 0, 0, 0, 0, 4",
                  total="3, 1, 0, 0, 0, 0, 4", carried_forward="2, 0, 0, 0, 0, 0, 2",
                  rules="1, 0, 7", normative_docs="2, 1, 12")
    last.write_text(text, encoding="utf-8")
    out = tmp_path / "2025.yaml"
    r = run("new", "--agency", "青禾市云岭区望湖街道办事处", "--year", "2025", "--from", str(last),
            "-o", str(out))
    assert r.exit_code == 0, r.output
    draft = out.read_text(encoding="utf-8")
    assert "  carried_in: [2, 0, 0, 0, 0, 0, 2]" in draft
    assert "  rules: [~, ~, 7]" in draft and "  normative_docs: [~, ~, 12]" in draft
    assert "  received: [~, ~, ~, ~, ~, ~, ~]" in draft
    assert "  carried_forward: [~, ~, ~, ~, ~, ~, ~]" in draft
    report = read_draft(draft)
    assert report.applications["carried_in"]["total"] == 2 and report.year == 2025
    bad = run("new", "--agency", "甲", "--year", "2025", "--from", str(tmp_path / "无.pdf"))
    assert bad.exit_code == 2 and "Traceback" not in bad.output


def test_draft_of_every_sample_reads_back_identical(samples):
    for path in sorted(samples.glob("*-expected/*.json")):
        expected, report = load_expected(path)
        back = read_draft(new_draft(report.agency, report.year, report.template, report=report))
        assert differences(expected, as_data(back)) == [], path.name


def test_draft_errors_name_the_field():
    for text, words in (("year: 20x", "year"), ("draft: zfxxgk.draft/1\nagency: 甲\nyear: 2024\n"
                                                "applications:\n  granted: [1, -1, 0, 0, 0, 0, 0]\n",
                                                "不能为负数"),
                        ("draft: zfxxgk.draft/1\nagency: 甲\nyear: 2024\napplications:\n"
                         "  granted: [1, 99999999999999999999, 0, 0, 0, 0, 0]\n", "位数过多"),
                        ("draft: zfxxgk.draft/1\nagency: 甲\nyear: 2024\nactive:\n"
                         "  fees: ['NaN']\n", "不是有限的数")):
        try:
            read_draft(text)
        except DraftError as e:
            assert words in str(e)
        else:
            raise AssertionError("accepted a bad draft")


def test_fix_fills_determined_totals_and_never_changes_published_numbers(samples):
    _, report = load_expected(samples / "real-expected" / "hongze-district-2023.json")
    report.applications["granted"]["total"] = None  # six parts filled: determined
    report.review_litigation["suit_direct"]["total"] = None
    result = fix_report(report)
    fixed = result.report
    assert fixed.applications["granted"]["total"] == 0
    assert fixed.review_litigation["suit_direct"]["total"] == 0
    assert fixed.review_litigation["review"]["total"] == 0  # published 0 against 11: kept
    assert [c.cell for c in result.changes] == ["applications.granted.total",
                                                "review_litigation.suit_direct.total"]
    assert sum("T4-1" in k for k in result.kept) == 2


def test_fix_command_prints_the_diff(samples, tmp_path):
    out = tmp_path / "fixed.json"
    result = run("fix", str(samples / "seeds" / "002_8df5764692c327e7.txt"), "-o", str(out))
    assert result.exit_code == 0
    assert "- 金凤区北京中路街道办事处办事处\n+ 金凤区北京中路街道办事处" in result.output
    assert "理由：" in result.output and '"agency": "金凤区北京中路街道办事处"' in out.read_text(encoding="utf-8")
    hz = run("fix", str(samples / "real" / "hongze-district-2023.txt"), "-o", str(tmp_path / "h.md"))
    assert "+ 2.其他法律行政法规禁止公开" in hz.output and "未作改动" in hz.output
    assert "2.其他法律行政法规禁止公开" in (tmp_path / "h.md").read_text(encoding="utf-8")
