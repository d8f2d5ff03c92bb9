"""N-1 … N-4, N-6: the prose against the tables, on the real samples and on
synthetic reports (`consistent()` with a narrative written for the test)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from zfxxgk.check import run
from zfxxgk.parse.prose import chinese_to_int, quantities, subject_of
from zfxxgk.parse import parse_text

A = "applications"


def _real(samples, name):
    path = samples / "real" / f"{name}.txt"
    return parse_text(path.read_text("utf-8"), source=str(path))


def _seed(samples, prefix):
    path = next((samples / "seeds").glob(f"{prefix}_*.txt"))
    return parse_text(path.read_text("utf-8"), source=str(path))


def with_prose(report, **parts):
    """Give a synthetic report narrative parts, each line a source line from 1."""
    report.sections = {k: "" for k in "12345"}
    report.sections["6"] = "本年度未收取信息处理费。"
    line = 1
    for key, text in parts.items():
        report.sections[key.lstrip("s")] = text
        for t in text.split("\n"):
            report.source_lines[line] = t
            line += 1
    return report


# --- the "Done when" on the real samples -------------------------------------------

def test_hongze_2024_prose_17_against_table_95_about_one_office(samples):
    out = run(_real(samples, "hongze-district-2024"), select="N")
    assert [(f.rule, f.severity, f.cells) for f in out] == [
        ("N-1", "warning", [f"{A}.received.total"])]
    f = out[0]
    assert "17件" in f.message and "95件" in f.message
    assert "区政府办代表区政府" in f.message and "一个部门" in f.message
    assert f.where["line"] == 24 and "第66行" in f.message and "第24行" in f.message
    assert "17" in f.where["excerpt"]


def test_huaian_2024_prose_figures_all_match(samples):
    r = _real(samples, "huaian-city-2024")
    assert run(r, select="N") == []


def test_hongze_2023_prose_matches(samples):
    assert run(_real(samples, "hongze-district-2023"), select="N") == []


def test_seeds_silent_on_fee_warned_from_2021(samples):
    assert [f.rule for f in run(_seed(samples, "000"), select="N")] == ["N-4"]
    assert [f.rule for f in run(_seed(samples, "001"), select="N")] == ["N-4"]
    for prefix in ("002", "003", "004"):  # 2020 reports, or the fee is reported
        assert run(_seed(samples, prefix), select="N") == [], prefix


# --- synthetic: each rule fires and keeps quiet -------------------------------------------

def _received(report):
    return report.cell(f"{A}.received.total")


def test_n1_received_fires_and_quiet(consistent):
    r = consistent()
    n = _received(r)
    with_prose(r, s1=f"2023年，我街道共收到政府信息公开申请{n}件，均按期答复。")
    assert run(r, select="N") == []
    r = with_prose(consistent(), s1=f"2023年，我街道共收到政府信息公开申请{n + 1}件。")
    out = run(r, select="N")
    assert [(f.rule, f.cells[0]) for f in out] == [("N-1", f"{A}.received.total")]
    assert f"{n + 1}件" in out[0].message and f"{n}件" in out[0].message
    assert out[0].where["line"] == 1 and "一个部门" not in out[0].message


def test_n1_outcomes_and_carry_over(consistent):
    r = consistent()
    granted = r.cell(f"{A}.granted.total")
    withheld = sum(v["total"] for k, v in r.applications.items() if k.startswith("withheld."))
    fwd = r.cell(f"{A}.carried_forward.total")
    text = (f"办结的申请中，予以公开{granted}件，不予公开{withheld}件，另有{fwd}件结转下年度继续办理。")
    assert run(with_prose(r, s1=text), select="N") == []
    r = with_prose(consistent(), s1=f"办结的申请中，予以公开{granted}件，不予公开{withheld + 2}件。")
    out = run(r, select="N-1")
    assert len(out) == 1 and "不予公开" in out[0].message and "各行之和" in out[0].message


def test_n1_chinese_numeral_and_office_subject(consistent):
    r = consistent()
    r.applications["received"]["total"] = 95
    out = run(with_prose(r, s1="区政府办代表区政府受理政府信息公开申请十七件。"), select="N-1")
    assert len(out) == 1 and "17件" in out[0].message and "一个部门" in out[0].message


def test_n6_none_received(consistent):
    r = with_prose(consistent(), s1="2023年，我街道未收到政府信息公开申请。")
    out = run(r, select="N")
    assert [f.rule for f in out] == ["N-6"] and "未收到政府信息公开申请" in out[0].message
    r = consistent()
    for row in ("received", "carried_in", "total", "carried_forward"):
        r.applications[row] = {c: 0 for c in r.applications[row]}
    assert run(with_prose(r, s1="2023年，我街道未收到政府信息公开申请。"), select="N-6") == []


def test_n2_cases(consistent):
    r = consistent()  # each group: 3 upheld, 1 corrected, 2 other, 1 pending, 7 total
    ok = "发生政府信息公开行政复议7件，其中结果维持3件；政府信息公开行政诉讼14件，其中尚未审结2件。"
    assert run(with_prose(r, s1=ok), select="N") == []
    bad = "发生政府信息公开行政复议8件，其中结果维持3件。"
    out = run(with_prose(consistent(), s1=bad), select="N")
    assert [(f.rule, f.cells) for f in out] == [("N-2", ["review_litigation.review.total"])]
    none = "本年度未发生因政府信息公开引起的行政复议、行政诉讼。"
    out = run(with_prose(consistent(), s1=none), select="N")
    assert sorted(f.cells[0] for f in out) == ["review_litigation.review.total",
                                               "review_litigation.suit_direct.total"]


def test_n3_documents_and_what_is_not_a_normative_document(consistent):
    r = consistent()
    issued = r.cell("active.normative_docs.issued")
    assert run(with_prose(r, s1=f"全年制发行政规范性文件{issued}件。"), select="N") == []
    out = run(with_prose(consistent(), s1=f"全年制发行政规范性文件{issued + 9}件。"), select="N")
    assert [(f.rule, f.cells) for f in out] == [("N-3", ["active.normative_docs.issued"])]
    quiet = f"全年印发政策性文件{issued + 9}件，完善规章制度{issued + 5}项。"
    assert run(with_prose(consistent(), s1=quiet), select="N") == []


def test_n4_fee(consistent):
    r = with_prose(consistent(year=2023), s6="无。")
    assert [f.rule for f in run(r, select="N-4")] == ["N-4"]
    r = with_prose(consistent(year=2023), s6="全年未收取信息处理费。")
    assert run(r, select="N-4") == []
    r = with_prose(consistent("2019"), s6="无。")
    assert run(r, select="N-4") == []


# --- the pieces -----------------------------------------------------------------------------

@pytest.mark.parametrize("text,value", [("十七", 17), ("一百零三", 103), ("两千", 2000),
                                        ("三万五千", 35000), ("十", 10), ("二〇二四", 2024)])
def test_chinese_numerals(text, value):
    assert chinese_to_int(text) == value


def test_quantities_units_approx_percent():
    qs = quantities("发布信息 5,500 余条，答复率 100%，受理申请十七件")
    assert [(q.value, q.unit, q.exact) for q in qs] == [
        (Decimal(5500), "条", False), (Decimal(100), "%", True), (Decimal(17), "件", True)]
    assert qs[0].agrees_with(5600) and not qs[0].agrees_with(5000)


def test_subject_kinds():
    assert subject_of("2024 年，区政府办代表区政府").kind == "office"
    assert subject_of("2023 年全区").kind == "region"
    assert subject_of("2024年，我街道").kind == "body"


def test_scope_of_the_samples(samples):
    from zfxxgk.parse.scope import derive_scope

    for name in ("hongze-district-2023", "hongze-district-2024", "huaian-city-2024"):
        r = _real(samples, name)
        assert r.scope == "region" and derive_scope(r).evidence, name
    for prefix in ("000", "001", "002", "003", "004"):
        assert _seed(samples, prefix).scope == "agency"


def test_body_kind_agrees_with_placement_on_townships():
    """`…镇政府` and `…街道办` are townships for the scope and the deadline rules,
    as for the placement of a body (parse/placement.py)."""
    from zfxxgk.parse.placement import TOWNSHIP, place
    from zfxxgk.parse.scope import body_kind

    for name in ("某某镇政府", "某某镇人民政府", "某某乡政府", "某某街道办事处", "某某街道办"):
        assert body_kind(name) == "township", name
        assert place(name).level == TOWNSHIP, name
    assert body_kind("某某市人民政府") == "government"


# --- sentences without 公开 (a clerk walk-through: 本年度新收申请共11件 against 10) ---------

def _plain(consistent, text, year=2023):
    return run(with_prose(consistent(year=year), s1=text), select="N-1")


def test_n1_plain_received_fires(consistent):
    n = _received(consistent(year=2023))
    for said in (f"本年度新收申请共{n + 1}件。", f"2023年，本机关共受理申请{n + 1}件，均已按期答复。"):
        out = _plain(consistent, said)
        assert [(f.rule, f.cells) for f in out] == [("N-1", [f"{A}.received.total"])], said
        assert f"{n + 1}件" in out[0].message and f"{n}件" in out[0].message


def test_n1_plain_totals_fire_once_anchored(consistent):
    r = consistent(year=2023)
    n, cin, fwd = (r.cell(f"{A}.{row}.total") for row in ("received", "carried_in", "carried_forward"))
    done = r.cell(f"{A}.total.total")
    right = f"本年度共收到申请{n}件，上年结转{cin}件，办结{done}件，结转下年度{fwd}件。"
    assert _plain(consistent, right) == []
    wrong = f"本年度共收到申请{n}件，上年结转{cin + 1}件，办结{done + 1}件，{fwd + 1}件结转下年度继续办理。"
    assert sorted(f.cells[0] for f in _plain(consistent, wrong)) == [
        f"{A}.carried_forward.total", f"{A}.carried_in.total", f"{A}.total.total"]
    # without the anchor, 上年结转 / 办结 alone say nothing about applications
    assert _plain(consistent, f"上年结转申请{cin + 1}件，办结{done + 1}件。") == []


@pytest.mark.parametrize("text", [
    "2022年收到申请{n}件。",  # another year
    "上年共收到申请{n}件。",
    "本年度收到申请{m}件，较上年增加{n}件。",  # a comparison
    "收到申请同比增长{n}件。",
    "较上年多收到申请{n}件。",
    "其中通过网络收到申请{n}件，当面受理申请{n}件。",  # one channel
    "收到自然人申请{n}件。",  # one kind of applicant
    "本年度收到行政复议申请{n}件。",  # review
    "受理行政许可申请{n}件，办结{n}件。",  # not an information request
    "收到群众来信申请{n}件。",
    "本年度收到申请{m}件，办结率100%。",  # a percentage
])
def test_n1_plain_quiet_on_other_sentences(consistent, text):
    m = _received(consistent(year=2023))
    assert _plain(consistent, text.format(n=m + 7, m=m)) == [], text


def test_n1_plain_needs_the_report_year(consistent):
    m = _received(consistent(year=2023))
    assert _plain(consistent, f"2023年，本机关新收申请{m + 1}件。") != []
    assert _plain(consistent, f"2024年，本机关新收申请{m + 1}件。", year=2023) == []
