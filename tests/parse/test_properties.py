"""Property tests of `parse_text`: a random report of either format, printed in any of
the text layouts the samples show (tests/layouts.py), reads back to exactly the cells
that were printed, with its agency, year, format and signature date.

Layouts whose cells are explicit (CARRIES_BLANKS) must also carry blank cells and
tables whose identities do not hold, unchanged. For a lossy layout (numbers run
together) every cell is either exact or null with the true value among the
candidates the parser lists in its "ambiguous" notes.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

from layouts import CARRIES_BLANKS, LAYOUTS, LOSSY, cell_diff, lossy_diff
from strategies import broken_identities, reports
from zfxxgk.parse import parse_text

EXACT = sorted(set(LAYOUTS) - LOSSY)
TEMPLATES = ["2019", "2021"]


def _settings() -> settings:
    """The loaded profile (conftest.py) decides the number of examples; without
    one, a small local default keeps a bare run quick."""
    if getattr(settings, "_current_profile", None) in (None, "default"):
        return settings(max_examples=20, deadline=None,
                        suppress_health_check=[HealthCheck.too_slow])
    return settings(suppress_health_check=[HealthCheck.too_slow])


SETTINGS = _settings()
seeds = st.integers(0, 2**32 - 1)


def _print_and_parse(layout: str, report, seed: int):
    text = LAYOUTS[layout](report, random.Random(seed))
    note(f"layout={layout} seed={seed}\n{text}")
    return parse_text(text)


@pytest.mark.parametrize("template", TEMPLATES)
@pytest.mark.parametrize("layout", EXACT)
@SETTINGS
@given(data=st.data())
def test_consistent_report_reads_back_exactly(layout, template, data):
    report = data.draw(reports(template=template), label="report")
    parsed = _print_and_parse(layout, report, data.draw(seeds, label="seed"))
    assert cell_diff(parsed, report) == []


@pytest.mark.parametrize("template", TEMPLATES)
@pytest.mark.parametrize("layout", sorted(CARRIES_BLANKS))
@SETTINGS
@given(data=st.data())
def test_blank_cells_and_broken_identities_read_back_as_printed(layout, template, data):
    consistent = data.draw(st.booleans(), label="consistent")
    report = data.draw(reports(template=template, consistent=consistent, blanks=True), label="report")
    parsed = _print_and_parse(layout, report, data.draw(seeds, label="seed"))
    assert cell_diff(parsed, report) == []


@pytest.mark.parametrize("template", TEMPLATES)
@pytest.mark.parametrize("layout", sorted(LOSSY))
@SETTINGS
@given(data=st.data())
def test_lossy_layout_cells_are_exact_or_ambiguous_with_the_truth_among_candidates(
        layout, template, data):
    report = data.draw(reports(template=template), label="report")
    parsed = _print_and_parse(layout, report, data.draw(seeds, label="seed"))
    assert lossy_diff(parsed, report) == []


@pytest.mark.parametrize("layout", EXACT)
@SETTINGS
@given(data=st.data())
def test_mixed_format_single_other_row_reads_back(layout, data):
    """A 2021 table printing （六）其他处理 as one row: `other` holds the values and the
    three `other.*` rows are null (report-json.md)."""
    report = data.draw(reports(mixed=True), label="report")
    parsed = _print_and_parse(layout, report, data.draw(seeds, label="seed"))
    assert cell_diff(parsed, report) == []


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
@SETTINGS
@given(report=reports(), seed=seeds)
def test_writer_is_reproducible_from_its_seed(layout, report, seed):
    a = LAYOUTS[layout](report, random.Random(seed))
    b = LAYOUTS[layout](report, random.Random(seed))
    assert a == b
    assert report.agency in a and "六、其他需要报告的事项" in a


# --------------------------------------------------------------------------------------
# the strategies themselves


@SETTINGS
@given(report=reports())
def test_generated_reports_keep_every_identity(report):
    assert broken_identities(report.template, report.applications, report.review_litigation) == []
    assert all(v is not None for t in (report.active, report.applications, report.review_litigation)
               for cells in t.values() for v in cells.values())


@SETTINGS
@given(report=reports(mixed=True))
def test_generated_mixed_reports_keep_every_identity(report):
    assert "other" in report.applications
    assert broken_identities(report.template, report.applications, report.review_litigation) == []


@SETTINGS
@given(report=st.booleans().flatmap(lambda mixed: reports(consistent=False, mixed=mixed)))
def test_inconsistent_reports_break_at_least_one_identity(report):
    assert broken_identities(report.template, report.applications, report.review_litigation)
