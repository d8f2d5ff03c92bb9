"""The report page's findings include the cross-year rules (X-1, T2-1, T2-3) against
the same body's stored report of the year before — whichever of the two years is
uploaded first, and after an edit of either."""

from __future__ import annotations

import pytest

from zfxxgk.web.reports.models import Report
from zfxxgk.web.reports.editing import save_cells
from zfxxgk.web.reports.services import create_report

pytestmark = pytest.mark.django_db
CARRIED_IN = "applications.carried_in.natural_person"


def _upload(samples, users, name: str) -> Report:
    path = samples / "real" / f"{name}.txt"
    return create_report(path.read_bytes(), path.name, users["clerk"])


def _rules(row: Report) -> list[tuple[str, list[str]]]:
    row.refresh_from_db()
    return [(f.rule, f.cells) for f in row.findings.all() if f.rule.startswith("X-")]


def test_x1_on_the_report_page_in_either_order(login, users, samples):
    this = _upload(samples, users, "hongze-district-2024")
    save_cells(this, {CARRIED_IN: "2"}, users["clerk"])  # 2023 carried 0 forward
    assert _rules(this) == []  # no 2023 report stored yet: the rule keeps quiet

    last = _upload(samples, users, "hongze-district-2023")
    assert last.agency_id == this.agency_id
    assert _rules(this) == [("X-1", [CARRIED_IN])]  # renewed when the year before arrived
    this.refresh_from_db()
    assert this.errors >= 1
    page = login("reader").get(f"/reports/{this.pk}").content.decode()
    assert "X-1" in page  # the page shows it (its cache key moved with updated_at)
    api = login("reader").get(f"/api/reports/{this.pk}/findings").json()
    assert "X-1" in {f["rule"] for f in api["findings"]}

    # correcting the year before clears it on this year's page
    save_cells(last, {"applications.carried_forward.natural_person": "2"}, users["clerk"])
    assert _rules(this) == []


def test_consistent_real_pair_stays_quiet(users, samples):
    last = _upload(samples, users, "hongze-district-2023")
    this = _upload(samples, users, "hongze-district-2024")
    assert _rules(this) == [] and _rules(last) == []
    assert not this.findings.filter(rule__in=("T2-1", "T2-3")).exists()


def test_a_compiled_draft_renews_next_years_findings(users, samples):
    """A draft compiled from the case desk for the year before is a stored report of
    that year like an upload: the next year's carry-over is compared with it."""
    from zfxxgk.web.cases.compiling import create_draft

    this = _upload(samples, users, "hongze-district-2024")
    save_cells(this, {CARRIED_IN: "2"}, users["clerk"])
    assert _rules(this) == []
    draft, _ = create_draft(this.agency, 2023, users["clerk"])  # no cases: nothing carried
    assert draft.year == 2023 and draft.agency_id == this.agency_id
    assert _rules(this) == [("X-1", [CARRIED_IN])]
