"""A figure no report can hold (digits run together, a phone number in a cell) is
left blank with F-VALUE, so no export or store meets a number it cannot keep."""

from __future__ import annotations

from click.testing import CliRunner

from zfxxgk import check
from zfxxgk.cli import cli
from zfxxgk.parse import parse_text
from zfxxgk.render import render

ROW = "（一）予以公开 50 0 0 0 0 0 50"


def _with_digits(samples, digits: int) -> str:
    text = (samples / "real" / "hongze-district-2024.txt").read_text("utf-8")
    assert ROW in text
    return text.replace(ROW, f"（一）予以公开 50 0 0 0 0 {'9' * digits} 50")


def test_a_figure_beyond_any_report_is_blank_with_f_value(samples):
    report = parse_text(_with_digits(samples, 400), source="x.txt")
    assert report.applications["granted"]["other_org"] is None
    assert report.applications["granted"]["natural_person"] == 50
    (finding,) = [f for f in check.run(report) if f.rule == "F-VALUE"]
    assert finding.cells == ["applications.granted.other_org"] and "位数过多" in finding.message
    assert render(report, "xlsx")  # Excel cannot hold it: it raised OverflowError


def test_fifteen_digits_is_the_limit(samples):
    """Up to 15 digits a figure is read as printed (and flagged by the identities)."""
    report = parse_text(_with_digits(samples, 15), source="x.txt")
    assert report.applications["granted"]["other_org"] == 10 ** 15 - 1


def test_batch_goes_on_past_a_report_with_a_huge_figure(samples, tmp_path):
    """Parquet keeps 64-bit integers: a 30-digit cell stopped the whole batch."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(_with_digits(samples, 30), "utf-8")
    (folder / "b.txt").write_text((samples / "real" / "huaian-city-2024.txt").read_text("utf-8"), "utf-8")
    result = CliRunner().invoke(cli, ["batch", str(folder), "--out", str(tmp_path / "out"), "-j", "1"])
    assert result.exit_code == 0, result.output
    assert len((tmp_path / "out" / "reports.jsonl").read_text("utf-8").splitlines()) == 2


def test_a_count_with_a_fraction_is_blank_with_f_value(samples):
    """21.5 in a count column (a slip, a decimal comma, a figure run into its note)
    is no count: it was read as printed and only flagged, now it is left blank with
    the text printed; an amount keeps its decimals and 50.0 is the count 50."""
    text = (samples / "real" / "hongze-district-2024.txt").read_text("utf-8")
    text = text.replace(ROW, "（一）予以公开 50.0 0 0 0 0 0.5 50")
    report = parse_text(text, source="x.txt")
    granted = report.applications["granted"]
    assert granted["other_org"] is None and granted["natural_person"] == 50
    (finding,) = [f for f in check.run(report) if f.rule == "F-VALUE"]
    assert finding.cells == ["applications.granted.other_org"]
    assert "0.5" in finding.message and "不是整数" in finding.message
    assert not [f for f in check.run(report) if f.rule == "F-BLANK"
                and "applications.granted.other_org" in f.cells]


def test_an_amount_keeps_its_decimals():
    from decimal import Decimal

    from strategies import distinct_report
    from layouts import write

    report = distinct_report("2021", seed=2)
    read = parse_text(write("tab_exact", report, seed=2))
    assert read.active["fees"]["amount"] == report.active["fees"]["amount"]
    assert isinstance(read.active["fees"]["amount"], Decimal)
