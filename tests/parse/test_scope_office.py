"""A government's general office signs the area summary it compiles
(淮安市洪泽区人民政府办公室): read as the area's summary (scope region) when the
report says its figures are the area's — 本行政区域, applications narrated for 全区,
table 二's hundreds of penalties. Its own report, which speaks of coordinating
全区各部门 and of 汇总 as its work, stays the office's (scope agency)."""

from __future__ import annotations

from strategies import distinct_report
from zfxxgk.model import Report
from zfxxgk.parse.placement import government_of_office
from zfxxgk.parse.scope import derive_scope

OFFICE = "淮安市洪泽区人民政府办公室"


def _report(agency: str, prose: str, penalties: int = 3) -> Report:
    report = distinct_report("2021", seed=5, agency=agency, year=2024)
    report.active["penalty"]["decisions"] = penalties
    report.sections = {"1": prose}
    return report


def test_the_government_of_an_office_is_its_parent():
    assert government_of_office(OFFICE).name == "淮安市洪泽区人民政府"
    assert government_of_office("江苏省人民政府办公厅").name == "江苏省人民政府"
    assert government_of_office("洪泽区政府办公室").name == "洪泽区人民政府"
    for other in ("淮安市洪泽区教育局", "淮安市洪泽区人民政府", "高良涧街道人民政府办公室", "区委办公室", None):
        assert government_of_office(other) is None


def test_an_office_signed_area_summary_is_the_areas():
    said = _report(OFFICE, "本报告汇总了本行政区域内各单位的政府信息公开工作情况。")
    assert derive_scope(said).scope == "region"
    assert derive_scope(_report(OFFICE, "全年无特别情况。", penalties=2776)).scope == "region"


def test_an_offices_own_report_stays_its_own():
    own = _report(OFFICE, "区政府办公室统筹指导全区各部门做好政务公开工作，及时汇总报送有关情况。")
    assert derive_scope(own).scope == "agency"
    # the same words in a government's report still make it the area's, as before
    assert derive_scope(_report("淮安市洪泽区人民政府", own.sections["1"])).scope == "region"
