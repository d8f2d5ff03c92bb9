"""Every text layout the samples show, printed with a different non-zero value in every
cell: the seeds' tables are all 0, so a column or row shift would pass unnoticed on
them (samples/README.md). The 勾稽 identities hold in these reports, as the lossy
layout needs them to split digits that ran together.

Three project-written fixture texts in tests/parse/data/ imitate the hardest layouts by
hand (invented agencies): a PDF extraction with vertical group labels and values
printed beside, between or before wrapped labels; one cell per line (seed 001, no
title line); tab-separated residue with 8-value rows and a 16-value 表四 row.
"""

from __future__ import annotations

import json
import random
from decimal import Decimal
from pathlib import Path

import pytest

from layouts import LAYOUTS, LOSSY, Style, cell_diff, lossy_diff, tab_residue
from strategies import broken_identities, distinct_report
from zfxxgk.parse import parse_text

DATA = Path(__file__).parent / "data"
TEMPLATES = ["2019", "2021"]

KNOBS = {
    "plain": Style.plain(),
    "ascii-brackets-and-punctuation": Style(ascii_brackets=True, ascii_punct=True),
    "item-number-dunhao-with-space": Style(marker="、", marker_space=True),
    "item-number-fullwidth-stop": Style(marker="．"),
    "spaces-inside-labels": Style(label_spaces=True),
    "fullwidth-digits": Style(fullwidth_digits=True),
    "label-variants": Style(variants=True),
}


def _check(layout: str, report, text: str) -> None:
    parsed = parse_text(text)
    diff = (lossy_diff if layout in LOSSY else cell_diff)(parsed, report)
    assert diff == [], "\n".join(diff[:20]) + "\n--- text ---\n" + text


def test_distinct_report_really_is_distinct_and_balanced():
    for template in TEMPLATES:
        r = distinct_report(template, seed=3)
        values = [v for t in (r.active, r.applications, r.review_litigation)
                  for cells in t.values() for v in cells.values()]
        assert 0 not in values and None not in values and len(set(values)) == len(values)
        assert broken_identities(template, r.applications, r.review_litigation) == []


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("template", TEMPLATES)
@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_distinct_nonzero_cells_read_back(layout, template, seed):
    report = distinct_report(template, seed=seed)
    _check(layout, report, LAYOUTS[layout](report, random.Random(seed)))


@pytest.mark.parametrize("knob", sorted(KNOBS))
@pytest.mark.parametrize("template", TEMPLATES)
@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_label_variation_reads_back(layout, template, knob):
    report = distinct_report(template, seed=7)
    _check(layout, report, LAYOUTS[layout](report, random.Random(7), KNOBS[knob]))


@pytest.mark.parametrize("kind", ["000", "002", "003"])
@pytest.mark.parametrize("template", TEMPLATES)
def test_tab_residue_as_each_seed_prints_it(kind, template):
    """000: an empty cell before the values and an 8th value in the last two rows;
    002: 三、本年度办 / 理 结 果 over two rows and a 16th value in table 四; 003: neither."""
    report = distinct_report(template, seed=11)
    _check("tab_residue", report, tab_residue(report, random.Random(11), Style.plain(), kind=kind))


def test_tab_residue_extra_cells_printed_when_decidable():
    """The writer prints the residue cells whenever the row identity tells the
    readings apart, which distinct values always do."""
    report = distinct_report("2021", seed=5)
    text = tab_residue(report, random.Random(5), Style.plain(), kind="000")
    total = next(line for line in text.splitlines() if line.startswith("（七）总计"))
    assert len([c for c in total.split("\t") if c.strip()]) == 9  # label + 8 values
    text = tab_residue(report, random.Random(5), Style.plain(), kind="002")
    t4 = text.split("四、政府信息公开行政复议、行政诉讼情况")[1].splitlines()
    assert any(len(line.split("\t")) == 16 and line.split("\t")[0].isdigit() for line in t4)


# --------------------------------------------------------------------------------------
# hand-written fixtures

FIXTURES = sorted(p.stem for p in DATA.glob("layout-*.txt"))


def _expected(name: str) -> dict:
    return json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"), parse_float=Decimal)


def _mismatches(parsed: dict, expected: dict, path: str = "") -> list[str]:
    """Every key present in the expected file must be equal (as for the samples)."""
    out = []
    for key, want in expected.items():
        got = parsed.get(key, "<absent>") if isinstance(parsed, dict) else "<absent>"
        if isinstance(want, dict):
            out += _mismatches(got if isinstance(got, dict) else {}, want, f"{path}{key}.")
        elif got != want or (got is None) != (want is None):
            out.append(f"{path}{key}: got {got!r}, want {want!r}")
    return out


def test_there_are_three_fixtures():
    assert len(FIXTURES) == 3


@pytest.mark.parametrize("name", FIXTURES)
def test_fixture_text_parses_to_its_expected_file(name):
    from zfxxgk.model import report_to_dict

    parsed = parse_text((DATA / f"{name}.txt").read_text(encoding="utf-8"), source=name)
    data = report_to_dict(parsed, provenance=False)
    if data.get("published_on") is not None:
        data["published_on"] = str(data["published_on"])
    assert _mismatches(data, _expected(name)) == []
