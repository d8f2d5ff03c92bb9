"""X-4: a part reused from the same body's report of the year before — on the
project's own example report and a next-year copy of it, and properties of the measure."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, strategies as st

from zfxxgk import api
from zfxxgk.check import run
from zfxxgk.check.similarity import similarity

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "wanghu-street-2023.txt"
REWRITTEN_5 = ("（一）存在的问题。一是政策解读的形式仍以图文为主，群众参与度不高；二是部分社区的依申请公开"
               "登记不够规范。\n（二）改进措施。一是开设“政策直播间”邀请社区干部讲解；二是统一社区登记台账样式并按月抽查。")


def _next_year(text: str, part5: str | None = None) -> str:
    out = text.replace("2023年", "2024年").replace("2024年1月22日", "2025年1月20日")
    if part5 is not None:
        head = out.index("五、存在的主要问题及改进情况")
        tail = out.index("六、其他需要报告的事项")
        out = out[:head] + "五、存在的主要问题及改进情况\n" + part5 + "\n" + out[tail:]
    return out


def _x4(this_text: str, prev_text: str):
    this = api.parse_bytes(this_text.encode("utf-8"), source="2024.txt")
    prev = api.parse_bytes(prev_text.encode("utf-8"), source="2023.txt")
    return [f for f in run(this, previous=prev) if f.rule == "X-4"]


def test_a_part_copied_from_last_year_is_flagged_with_its_similarity():
    text = EXAMPLE.read_text(encoding="utf-8")
    found = {f.where["section"]: f for f in _x4(_next_year(text), text)}
    five = found["5"]
    assert five.severity == "warning" and five.where["similarity"] >= 0.99
    assert "五、存在的主要问题及改进情况" in five.message and "2023年度" in five.message and "%" in five.message
    assert five.where["excerpt"].startswith("（一）存在的问题")


def test_a_rewritten_part_is_not_flagged():
    text = EXAMPLE.read_text(encoding="utf-8")
    assert "5" not in {f.where["section"] for f in _x4(_next_year(text, REWRITTEN_5), text)}


def test_without_last_years_report_nothing_is_compared():
    text = EXAMPLE.read_text(encoding="utf-8")
    report = api.parse_bytes(text.encode("utf-8"), source="x.txt")
    assert not [f for f in run(report) if f.rule == "X-4"]


@given(st.text(min_size=1, max_size=300), st.text(max_size=300))
def test_similarity_is_symmetric_bounded_and_one_for_the_same_text(a, b):
    s = similarity(a, b)
    assert 0.0 <= s <= 1.0 and s == similarity(b, a)
    if similarity(a, a) > 0:
        assert similarity(a, a) == 1.0


def test_white_space_and_punctuation_do_not_count():
    a = "一是部分社区公开栏内容更新滞后；二是政策解读以文字为主，形式比较单一。"
    assert similarity(a, a.replace("；", ";").replace("，", " , ")) == 1.0
