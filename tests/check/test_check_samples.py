"""The checker on the expected parses of the real samples and seeds: what was
published, mistakes included (samples/README.md)."""

from __future__ import annotations

from zfxxgk.check import run

R = "review_litigation"


def test_hongze_2023_printed_totals_of_zero_break_t4_1(expected, keys):
    r = expected("real", "hongze-district-2023")
    out = run(r)
    assert keys(out, "error") == [("T4-1", f"{R}.review.total"),
                                  ("T4-1", f"{R}.suit_after_review.total")]
    assert out[0].message == "行政复议的总计（0）不等于结果维持、结果纠正、其他结果、尚未审结之和（11）"


def test_hongze_2023_single_other_row_keeps_t3_quiet(expected):
    r = expected("real", "hongze-district-2023")
    assert "other" in r.applications and "other.misc" in r.applications
    assert run(r, select="T3") == []
    assert run(r, select="F-BLANK") == []  # the unused （六） sub-rows are not blanks


def test_hongze_reports_are_flagged_for_mixing_formats(expected, keys):
    for name in ("hongze-district-2023", "hongze-district-2024"):
        out = run(expected("real", name), select="F-TEMPLATE")
        assert keys(out) == [("F-TEMPLATE", "applications.other.total")]


def test_huaian_city_2024_has_no_error(expected):
    assert [f for f in run(expected("real", "huaian-city-2024")) if f.severity == "error"] == []


def test_seeds_have_no_error_and_2019_seeds_fit_their_year(expected, expected_names):
    seeds = [name for kind, name in expected_names if kind == "seeds"]
    assert len(seeds) >= 5
    for name in seeds:
        r = expected("seeds", name)
        out = run(r)
        assert [f for f in out if f.severity == "error"] == [], name
        assert run(r, select="F-TEMPLATE") == [], name
    assert {expected("seeds", n).template for n in seeds} == {"2019", "2021"}


def test_every_expected_file_is_checked_without_a_rule_failing(expected, expected_names, caplog):
    for kind, name in expected_names:
        run(expected(kind, name))
    assert "failed" not in caplog.text
