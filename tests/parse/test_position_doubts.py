"""Texts where which cell a number belongs to is in doubt: the cells come out null
(with a note saying why), never a neighbour's number. Each case is a class the
outside probe found (PDFs of web pages and Word files, text copied out of PDFs);
the figures are made up, distinct and non-zero so that a shifted cell shows."""

from __future__ import annotations

from zfxxgk.parse import parse_text

TITLE = "某某区某某局2023年政府信息公开工作年度报告\n"
T4_HEAD = ("四、政府信息公开行政复议、行政诉讼情况\n行政复议 行政诉讼\n未经复议直接起诉 复议后起诉\n"
           + " ".join(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3) + "\n")
END = "五、存在的主要问题及改进情况\n下一步加强培训。\n"
T3_HEAD = ("三、收到和处理政府信息公开申请情况\n"
           "申请人情况\n自然人 法人或其他组织 总计\n商业企业 科研机构 社会公益组织 法律服务机构 其他\n")


def _review(text: str):
    return parse_text(TITLE + T4_HEAD + text + END)


def _notes(report, kind: str) -> set[str]:
    return {c for n in report.notes if n.kind == kind for c in n.cells}


def test_total_glued_to_the_next_cell_beside_a_dash_is_not_read():
    # 行政复议: 103 241 — 87 | 431; the PDF's text glued 431 to the next group's 345
    report = _review("103 241 － 87 431345 393 30 347 111582 83 176 272 613\n")
    review = report.review_litigation["review"]
    assert review["total"] is None and review["upheld"] is None
    assert all(v is None for row in report.review_litigation.values() for v in row.values())


def test_table_four_wrapped_over_two_lines_in_text_order_is_not_read():
    # cells too narrow for "625件": the totals' numbers print above the rest
    report = _review("625 1018 875\n158件 44件 78件 345件 285件 338件 189件 325件 369件 170件 11件 12件\n"
                     "件 件 件\n")
    assert all(v is None for row in report.review_litigation.values() for v in row.values())
    assert "review_litigation.review.total" in _notes(report, "misaligned")


def test_table_four_with_the_tails_of_wrapped_numbers_below_is_not_read():
    # 400 171 63 248 882 | … printed as "40 17 63 24 88" with "0 1 8 2" on the next line
    report = _review("40 17 63 24 88 29 31 24 12 60 38 71 23 88 56\n0 1 8 2 3 6 0 4 6\n")
    assert all(v is None for row in report.review_litigation.values() for v in row.values())


def test_table_four_takes_no_numbers_printed_above_its_header():
    # text copied column by column put table 三's last numbers under part 四's heading
    text = (TITLE + "四、政府信息公开行政复议、行政诉讼情况\n11 12 13 14 50 15 16 17 18 66 19 21 22 23 85\n"
            "行政复议\n行政诉讼\n未经复议直接起诉\n结果维持\n结果纠正\n其他结果\n尚未审结\n总计\n"
            "2 3 1 4 10 5 6 7 8 26 9 24 25 27 85\n" + END)
    review = parse_text(text).review_litigation
    assert review["review"] == {"upheld": 2, "corrected": 3, "other": 1, "pending": 4, "total": 10}
    assert review["suit_after_review"]["upheld"] == 9


def test_table_four_on_one_line_still_reads():
    report = _review("2 3 1 4 10 5 6 7 8 26 9 11 12 13 45\n")
    assert report.review_litigation["suit_after_review"] == {
        "upheld": 9, "corrected": 11, "other": 12, "pending": 13, "total": 45}


def test_row_whose_numbers_wrapped_in_their_cells_is_not_read():
    # 部分公开: 334 247 291 275 279 212 | 1638, each cell wrapped after two digits
    text = (TITLE + T3_HEAD
            + "一、本年新收政府信息公开申请数量 51 22 13 14 15 16 131\n"
              "三、本年度办理结果\n（一）予以公开 21 32 43 54 65 76 291\n"
              "（二）部分公开（区分处理的， 33 24 29 27 27 21 16\n"
              "只计这一情形，不计其他情形） 4 7 1 5 9 2 38\n"
              "（三）不予公开 1.属于国家秘密 61 72 83 94 105 116 531\n" + T4_HEAD + END)
    report = parse_text(text)
    apps = report.applications
    assert all(v is None for v in apps["partly_granted"].values())
    assert "applications.partly_granted.total" in _notes(report, "misaligned")
    assert apps["granted"]["total"] == 291 and apps["withheld.state_secret"]["natural_person"] == 61


def test_unit_set_off_by_a_space_stays_with_its_number():
    text = (TITLE + "二、主动公开政府信息情况\n第二十条第（一）项\n信息内容 本年制发件数 本年废止件数 现行有效件数\n"
            "规章 399 件 220 件 343 件\n行政规范性文件 390 件 51 件 202 件\n" + T3_HEAD + END)
    active = parse_text(text).active
    assert active["rules"] == {"issued": 399, "repealed": 220, "in_force": 343}
    assert active["normative_docs"] == {"issued": 390, "repealed": 51, "in_force": 202}


def test_columns_copied_one_after_another_are_not_paired_with_rows():
    # a PDF's text copied column by column: all labels first, then each column's numbers
    lines = ["二、主动公开政府信息情况", "第二十条第（一）项", "信息内容", "规章", "行政规范性文件",
             "第二十条第（五）项", "信息内容", "行政许可", "第二十条第（六）项", "信息内容", "行政处罚",
             "行政强制", "第二十条第（八）项", "信息内容", "本年制发件数", "296", "398", "本年废止件数",
             "181", "318", "现行有效件数", "26", "371", "本年处理决定数量", "163", "本年处理决定数量",
             "39", "179", "本年收费金额（单位：万元）", "行政事业性收费", "9214.7001"]
    active = parse_text(TITLE + "\n".join(lines) + "\n" + T3_HEAD + END).active
    truth = {("rules", "issued"): 296, ("rules", "repealed"): 181, ("rules", "in_force"): 26,
             ("normative_docs", "issued"): 398, ("normative_docs", "repealed"): 318,
             ("normative_docs", "in_force"): 371, ("licensing", "decisions"): 163,
             ("penalty", "decisions"): 39, ("coercion", "decisions"): 179}
    for (row, col), want in truth.items():
        assert active.get(row, {}).get(col) in (None, want), (row, col)


def test_wrapped_row_with_a_dash_cell_is_not_read():
    # 142 107 123 266 146 | 784 wrapped after two digits; the first cell printed "-"
    text = (TITLE + T3_HEAD
            + "一、本年新收政府信息公开申请数量 51 22 13 14 15 16 131\n"
              "三、本年度办理结果\n（一）予以公开 21 32 43 54 65 76 291\n"
              "（二）部分公开（区分处 - 14 10 12 26 14 78\n"
              "理的，只计这一情形） 2 7 3 6 6 4\n"
              "（三）不予公开 1.属于国家秘密 61 72 83 94 105 116 531\n" + T4_HEAD + END)
    apps = parse_text(text).applications
    assert all(v is None for v in apps["partly_granted"].values())
    assert apps["withheld.state_secret"]["total"] == 531
