"""Every shared sample text parses to exactly its expected file (every key it has).

The expected files record what was published, mistakes included: a parse that
"corrects" a printed total fails here.
"""

from __future__ import annotations

import pytest

from zfxxgk.ingest.document import Document
from zfxxgk.model import report_to_dict
from zfxxgk.parse import parse_document

from samples import differences, load_expected, sample_pairs, samples_dir


def _parse(path):
    text = path.read_text(encoding="utf-8")
    return parse_document(Document.from_text(text, source=str(path)))


@pytest.mark.parametrize("kind", ["seeds", "real"])
def test_every_sample_has_an_expected_file(kind):
    folder = samples_dir()
    texts = sorted(p.stem for p in (folder / kind).glob("*.txt"))
    expected = sorted(p.stem for p in (folder / f"{kind}-expected").glob("*.json"))
    assert texts and texts == expected


@pytest.mark.parametrize("text_name,expected_name", sample_pairs("seeds"))
def test_seed_parses_exactly(text_name, expected_name):
    folder = samples_dir()
    report = _parse(folder / "seeds" / text_name)
    expected = load_expected(folder / "seeds-expected" / expected_name)
    assert differences(expected, report_to_dict(report)) == []


@pytest.mark.parametrize("text_name,expected_name", sample_pairs("real"))
def test_real_report_parses_exactly(text_name, expected_name):
    folder = samples_dir()
    report = _parse(folder / "real" / text_name)
    expected = load_expected(folder / "real-expected" / expected_name)
    assert differences(expected, report_to_dict(report)) == []


def test_hongze_2023_keeps_the_published_zero_totals():
    """洪泽 2023 printed 行政复议 总计 0 beside 10 upheld and 1 corrected: kept as printed."""
    report = _parse(samples_dir() / "real" / "hongze-district-2023.txt")
    assert report.review_litigation["review"] == {
        "upheld": 10, "corrected": 1, "other": 0, "pending": 0, "total": 0}
    assert report.provenance["review_litigation.review.upheld"].line == 112


def test_hongze_2023_values_printed_before_their_wrapped_label():
    report = _parse(samples_dir() / "real" / "hongze-district-2023.txt")
    # "4 0 0 0 0 0 4" sits between the two lines of the （二）部分公开 label
    assert report.applications["partly_granted"]["total"] == 4
    assert report.provenance["applications.partly_granted.total"].line == 69
    # "1 0 0 0 0 0 1" precedes "1.属于国家秘密"
    assert report.applications["withheld.state_secret"]["natural_person"] == 1
    assert report.provenance["applications.withheld.state_secret.natural_person"].line == 71


def test_hongze_2023_mixed_template_and_typo_are_noted():
    report = _parse(samples_dir() / "real" / "hongze-district-2023.txt")
    kinds = {(n.kind, n.data.get("printed")) for n in report.notes}
    assert ("label", "2.其他法律行政止公开") in kinds
    assert any(n.kind == "template_mixed" for n in report.notes)
    assert report.template == "2021"
    assert report.applications["other"]["total"] == 0
    assert report.applications["other.misc"]["total"] is None


def test_seed_002_doubled_name_and_missing_cell():
    report = _parse(samples_dir() / "seeds" / "002_8df5764692c327e7.txt")
    doubled = [n for n in report.notes if n.kind == "meta_doubled"]
    assert doubled and doubled[0].data["reduced"] == "金凤区北京中路街道办事处"
    inferred = [n for n in report.notes if n.kind == "inferred"]
    assert len(inferred) == 1
    assert inferred[0].cells[0].startswith("applications.unavailable.not_held.")


def test_seed_001_signature_date_and_agency():
    report = _parse(samples_dir() / "seeds" / "001_90bc1632472fd96f.txt")
    assert report.agency == "井口街道办事处"
    assert report.published_on.isoformat() == "2024-01-25"
    assert report.year == 2023
