"""The F- rules: notes built by hand as the parser will write them, and data cases."""

from __future__ import annotations

from decimal import Decimal

from zfxxgk.check import run
from zfxxgk.model import Note, Provenance

A = "applications"


def _row_cells(report, table, row):
    return [f"{table}.{row}.{c}" for c in getattr(report, table)[row]]


# --- F-BLANK -----------------------------------------------------------------------------

def test_blank_fires_once_per_row(consistent, put, keys):
    r = consistent()
    put(r, f"{A}.granted.research", None)
    put(r, f"{A}.granted.nonprofit", None)
    out = run(r, select="F-BLANK")
    assert keys(out) == [("F-BLANK", f"{A}.granted.research")]
    f = out[0]
    assert f.severity == "warning"
    assert f.cells == [f"{A}.granted.research", f"{A}.granted.nonprofit"]
    assert f.message.startswith("（一）予以公开有空白单元格：科研机构、社会公益组织")
    assert f.where["line"] == r.provenance[f"{A}.granted.research"].line


def test_blank_locates_an_unread_cell_by_its_row(consistent, put):
    r = consistent()
    put(r, f"{A}.granted.research", None)
    del r.provenance[f"{A}.granted.research"]
    (f,) = run(r, select="F-BLANK")
    assert f.where["line"] == r.provenance[f"{A}.granted.natural_person"].line


def test_blank_explained_by_other_notes_is_quiet(consistent, put):
    r = consistent()
    for kind, row in (("value_text", "granted"), ("ambiguous", "partly_granted"),
                      ("misaligned", "withheld.state_secret"), ("missing_row", "other.misc")):
        cells = _row_cells(r, A, row) if kind in ("misaligned", "missing_row") \
            else [f"{A}.{row}.commercial"]
        for c in cells:
            put(r, c, None)
        r.notes.append(Note(kind, cells=cells, data={"table": A, "row": row}))
    assert run(r, select="F-BLANK") == []


def test_blank_quiet_on_a_full_report(consistent):
    assert run(consistent("2019"), select="F-BLANK") == []


# --- F-VALUE -----------------------------------------------------------------------------

def test_value_text_note_is_an_error(consistent, put, keys):
    r = consistent()
    code = f"{A}.received.commercial"
    put(r, code, None)
    r.notes.append(Note("value_text", cells=[code], line=7, data={"text": "/"}))
    r.source_lines[7] = "一、本年新收政府信息公开申请数量\t3\t/\t0"
    out = run(r, select="F-VALUE")
    assert keys(out) == [("F-VALUE", code)]
    assert out[0].severity == "error"
    assert out[0].message == "一、本年新收政府信息公开申请数量·商业企业不是数字：印作“/”"
    assert out[0].where == {"line": 7, "page": None,
                            "excerpt": "一、本年新收政府信息公开申请数量 3 / 0"}


def test_value_unit_note_is_a_warning(consistent, keys):
    r = consistent("2019")
    code = "active.procurement.amount"
    r.notes.append(Note("value_unit", cells=[code], data={"text": "251000元", "unit": "元"}))
    out = run(r, select="F-VALUE")
    assert keys(out) == [("F-VALUE", code)]
    assert out[0].severity == "warning"
    assert "251000元" in out[0].message


def test_negative_count_is_an_error_but_signed_change_is_not(consistent, put, keys):
    r = consistent("2019")
    put(r, "active.licensing.change", -12)
    assert run(r, select="F-VALUE") == []
    put(r, "review_litigation.review.pending", -1)
    out = run(r, select="F-VALUE")
    assert keys(out) == [("F-VALUE", "review_litigation.review.pending")]
    assert out[0].message == "行政复议·尚未审结是负数（-1）"


def test_fraction_in_a_count_is_an_error_money_is_not(consistent, put, keys):
    r = consistent()
    put(r, "active.fees.amount", Decimal("25.3190"))
    assert run(r, select="F-VALUE") == []
    put(r, "active.licensing.decisions", Decimal("2.5"))
    assert keys(run(r, select="F-VALUE")) == [("F-VALUE", "active.licensing.decisions")]


# --- F-LABEL -----------------------------------------------------------------------------

def test_label_note_gives_the_official_label(consistent, keys):
    r = consistent()
    code = f"{A}.withheld.prohibited_by_law.natural_person"
    r.notes.append(Note("label", cells=[code], line=120,
                        data={"printed": "2.其他法律行政止公开",
                              "official": "2.其他法律行政法规禁止公开", "what": "row"}))
    out = run(r, select="F-LABEL")
    assert keys(out) == [("F-LABEL", code)]
    f = out[0]
    assert f.severity == "warning"
    assert f.message == "行名称与规范表述不一致：印作“2.其他法律行政止公开”，规范表述为“2.其他法律行政法规禁止公开”"
    assert f.suggestion == "改为“2.其他法律行政法规禁止公开”"
    assert f.where["line"] == 120


def test_label_quiet_without_notes(consistent):
    assert run(consistent(), select="F-LABEL") == []


# --- F-TEMPLATE --------------------------------------------------------------------------

def test_template_year_mismatch(consistent, keys):
    r = consistent("2019", year=2022)
    out = run(r, select="F-TEMPLATE")
    assert keys(out) == [("F-TEMPLATE", None)]
    assert "2022年度的报告应使用2021年格式" in out[0].message


def test_template_2019_for_2020_is_quiet(consistent):
    assert run(consistent("2019", year=2020), select="F-TEMPLATE") == []
    assert run(consistent("2021", year=2021), select="F-TEMPLATE") == []


def test_template_mixed_note(consistent, keys):
    r = consistent()
    r.notes.append(Note("template_mixed", line=150,
                        data={"majority": "2021", "minority_signals": ["上一年项目数量"]}))
    out = run(r, select="F-TEMPLATE")
    assert keys(out) == [("F-TEMPLATE", None)]
    assert out[0].message == "表格混用了两种格式：以2021年格式为主，夹有2019年格式的内容：上一年项目数量"
    assert out[0].where["line"] == 150


def test_template_mixed_note_without_place_points_at_the_single_other_row(expected, keys):
    r = expected("real", "hongze-district-2023")
    r.provenance = {"applications.other.total": Provenance(line=88, text="0")}
    r.notes.append(Note("template_mixed", data={"majority": "2021",
                                                "minority_signals": ["（六）其他处理（单行）"]}))
    out = run(r, select="F-TEMPLATE")  # the note replaces the finding read from the data
    assert keys(out) == [("F-TEMPLATE", "applications.other.total")]
    assert out[0].where["line"] == 88


# --- F-SECTION ---------------------------------------------------------------------------

def test_section_notes(consistent, keys):
    r = consistent()
    r.notes.extend([Note("section", data={"problem": "missing", "section": "5"}),
                    Note("section", line=40, data={"problem": "order", "section": "2"})])
    out = run(r, select="F-SECTION")
    assert keys(out) == [("F-SECTION", None), ("F-SECTION", None)]
    assert [f.message for f in out] == ["第2部分“二、主动公开政府信息情况”不在规定的位置",
                                        "缺少第5部分“五、存在的主要问题及改进情况”"]


def test_section_quiet_without_notes(consistent):
    assert run(consistent(), select="F-SECTION") == []


def test_section_of_placeholders_only_is_missing(consistent):
    """A part `zfxxgk compile` drafted and nobody wrote: only 【待补充…】 (and its
    punctuation) is, in effect, a missing part; a part with its own words and some
    placeholders left is told how many are left."""
    r = consistent()
    r.sections = {"1": "本年度，本机关收到政府信息公开申请5件。【待补充：平台建设情况。】",
                  "5": "【待补充：存在的主要问题及改进情况。】\n", "6": "本年度未收取信息处理费。"}
    out = run(r, select="F-SECTION")
    assert [f.message for f in out] == [
        "第1部分“一、总体情况”还有1处【待补充】的内容没有补写",
        "第5部分“五、存在的主要问题及改进情况”只有【待补充】的占位文字，等于缺少这一部分"]
    assert all(f.severity == "warning" for f in out)
    assert out[1].where["excerpt"].startswith("【待补充：存在的主要问题")
    assert out[1].suggestion == "补写这一部分，删去【待补充】的占位文字"


def test_section_quiet_when_written(consistent):
    r = consistent()
    r.sections = {"1": "【重要】本年度收到申请5件，详见【附件】。", "5": "无。",
                  "6": "待补充的材料已于3月补齐。"}
    assert run(r, select="F-SECTION") == []


# --- F-META ------------------------------------------------------------------------------

def test_meta_notes(consistent):
    r = consistent()
    r.notes.extend([
        Note("meta_doubled", line=1, data={"printed": "中同街街道办事处办事处",
                                           "reduced": "中同街街道办事处"}),
        Note("meta_period", line=3, data={"printed": "2023年1月1日至2023年11月30日",
                                          "year": 2023}),
        Note("meta_title_year", line=2, data={"title_year": 2022, "year": 2023}),
        Note("meta_no_title"),
    ])
    out = run(r, select="F-META")
    assert [(f.rule, f.severity, f.where["line"]) for f in out] == [
        ("F-META", "warning", 1), ("F-META", "warning", 2), ("F-META", "warning", 3),
        ("F-META", "warning", None)]
    assert out[0].suggestion == "改为“中同街街道办事处”"
    assert out[1].message == "标题中的年度（2022年）与统计年度（2023年）不一致"


def test_meta_quiet_without_notes(consistent):
    assert run(consistent(), select="F-META") == []


# --- F-TABLE -----------------------------------------------------------------------------

def test_missing_table_note(consistent, keys):
    r = consistent()
    cells = [f"review_litigation.{row}.{c}" for row in r.review_litigation
             for c in r.review_litigation[row]]
    r.review_litigation = {}
    r.notes.append(Note("missing_table", cells=cells, data={"table": "review_litigation"}))
    out = run(r)
    assert keys(out) == [("F-TABLE", "review_litigation.review.upheld")]
    assert out[0].message == "未找到表格“四、政府信息公开行政复议、行政诉讼情况”"


def test_missing_table_without_note(consistent, keys):
    r = consistent()
    r.active = {}
    assert keys(run(r)) == [("F-TABLE", "active.rules.issued")]


def test_missing_row_note(consistent, keys):
    r = consistent()
    cells = _row_cells(r, A, "not_processed.duplicate")
    r.applications["not_processed.duplicate"] = {c.rsplit(".", 1)[1]: None for c in cells}
    r.notes.append(Note("missing_row", cells=cells, line=130,
                        data={"table": A, "row": "not_processed.duplicate"}))
    out = run(r, select=["F-TABLE", "F-BLANK", "T3-3"])
    assert keys(out) == [("F-TABLE", cells[0])]
    assert out[0].message == "表格“三、收到和处理政府信息公开申请情况”中缺少“（五）不予处理·2.重复申请”一行"


def test_misaligned_note(consistent, put, keys):
    r = consistent()
    cells = _row_cells(r, A, "granted")
    for c in cells:
        put(r, c, None)
    r.notes.append(Note("misaligned", cells=cells, line=125, data={"tokens": ["12", "3", "45"]}))
    out = run(r, select="F-TABLE")
    assert keys(out) == [("F-TABLE", cells[0])]
    assert out[0].message == "“（一）予以公开”一行的数字无法与栏目对齐：12 3 45"


def test_table_printed_twice_note(consistent, keys):
    r = consistent()
    cells = [f"{A}.received.natural_person", f"{A}.received.total"]
    r.notes.append(Note("table_twice", cells=cells, line=140,
                        data={"table": A, "values": {cells[0]: [5, 7], cells[1]: [20, 22]}}))
    out = run(r, select="F-TABLE")
    assert keys(out) == [("F-TABLE", cells[0])]
    assert out[0].severity == "error"
    assert out[0].message == ("表格“三、收到和处理政府信息公开申请情况”印了两次，2处数字不同（一、本年新收政府信息"
                              "公开申请数量·自然人前为5、后为7；一、本年新收政府信息公开申请数量·总计前为20、后为22），"
                              "读取的是前一份")


def test_table_quiet_on_a_full_report(consistent):
    assert run(consistent(), select="F-TABLE") == []


# --- F-INFERRED --------------------------------------------------------------------------

def test_inferred_note_is_info(consistent, keys):
    r = consistent()
    code = f"{A}.carried_forward.total"
    r.notes.append(Note("inferred", cells=[code], data={"value": 12, "identity": "T3-3"}))
    out = run(r, select="F-INFERRED")
    assert keys(out) == [("F-INFERRED", code)]
    assert out[0].severity == "info"
    assert out[0].message == "原文缺少四、结转下年度继续办理·总计的数字，按“总计列等于六类申请人之和”推定为12"


def test_ambiguous_note_is_a_warning_listing_candidates(consistent, put, keys):
    r = consistent()
    code = f"{A}.granted.natural_person"
    put(r, code, None)
    r.notes.append(Note("ambiguous", cells=[code], data={"candidates": {code: [3, 5]}}))
    out = run(r, select="F-INFERRED")
    assert keys(out) == [("F-INFERRED", code)]
    assert out[0].severity == "warning"
    assert out[0].message.endswith("（一）予以公开·自然人可能是3或5")


def test_inferred_quiet_without_notes(consistent):
    assert run(consistent(), select="F-INFERRED") == []
