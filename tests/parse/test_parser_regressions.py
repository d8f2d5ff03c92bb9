"""Regressions found by the property tests, each as the smallest text that showed it."""

from __future__ import annotations

from zfxxgk.parse import parse_text

T4_HEAD = ("某某街道办事处2021年政府信息公开工作年度报告\n四、政府信息公开行政复议、行政诉讼情况\n"
           "行政复议 | 行政诉讼\n未经复议直接起诉 | 复议后起诉\n"
           + " | ".join(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3) + "\n")


def test_pipe_row_with_blank_first_and_last_cells_is_no_markdown_border():
    text = T4_HEAD + " | 1 | 0 | 0 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 2 | \n五、存在的主要问题及改进情况\n"
    r = parse_text(text).review_litigation
    assert r["review"] == {"upheld": None, "corrected": 1, "other": 0, "pending": 0, "total": 1}
    assert r["suit_after_review"] == {"upheld": 0, "corrected": 0, "other": 0, "pending": 2,
                                      "total": None}


def test_markdown_row_keeps_its_border_pipes_out_of_the_cells():
    text = T4_HEAD.replace(" | ", "|") + "| 1 | 1 | 0 | 0 | 2 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 2 | 2 |\n"
    assert parse_text(text).review_litigation["suit_after_review"]["total"] == 2


def test_blank_beside_a_multi_digit_number_is_no_digit_run():
    text = ("某某街道办事处2021年政府信息公开工作年度报告\n二、主动公开政府信息情况\n"
            "第二十条第（一）项\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n"
            "规章\t100\t\t\n行政规范性文件\t\t12\t40\n三、收到和处理政府信息公开申请情况\n")
    active = parse_text(text).active
    assert active["rules"] == {"issued": 100, "repealed": None, "in_force": None}
    assert active["normative_docs"] == {"issued": None, "repealed": 12, "in_force": 40}


def test_signed_change_inside_a_digit_run_is_ambiguous_not_wrong():
    text = ("某某街道办事处2020年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（五）项\n"
            "信息内容上一年项目数量本年增/减处理决定数量\n行政许可249-156245\n"
            "三、收到和处理政府信息公开申请情况\n")
    report = parse_text(text)
    licensing = report.active["licensing"]
    assert licensing["prev_items"] == 249
    assert licensing["change"] is None and licensing["decisions"] is None
    candidates = {c: v for n in report.notes if n.kind == "ambiguous"
                  for c, v in n.data["candidates"].items()}
    assert -156 in candidates["active.licensing.change"]
    assert 245 in candidates["active.licensing.decisions"]


def test_letter_spaced_digits_with_a_sign_are_no_window():
    """A PDF table without rulings whose numbers are letter-spaced (分散对齐):
    every digit and the sign a token of its own. The first and last three
    tokens as windows both end in 6: without the readings that join the sign
    to its digits, that 6 was taken for the decisions (want 256)."""
    text = ("某某街道办事处2020年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（五）项\n"
            "信息内容 上一年项目数量 本年增/减 处理决定数量\n其他对外管理服务事项 8 - 6 4 2 5 6\n"
            "第二十条第（六）项\n信息内容 上一年项目数量 本年增/减 处理决定数量\n"
            "行政处罚 2 4 - 3 7 0 4 6\n三、收到和处理政府信息公开申请情况\n")
    active = parse_text(text).active
    assert active["other_services"]["decisions"] in (None, 256)
    assert active["penalty"]["change"] in (None, -370)
