"""Render -> the REAL reading path -> the identical report (issues 3 and 5).

Every expected file in ../shared/samples/*-expected/ (both templates, blanks,
published mistakes) is rendered to each of the five formats and read back with
`zfxxgk.api.parse_bytes`: Markdown through the text path, HTML, DOCX, XLSX and PDF
through format detection, the ingest loaders and the sandbox worker — no test-only
extraction. Each rendered file must parse to its expected file: every key of the
expected file equal (tests/samples.py `differences`), money by its printed digits.

Generated reports (tests/strategies.py: blanks, broken identities, the mixed
（六）其他处理 row) make the same trip through the fast formats, with the Hypothesis
profile loaded in tests/conftest.py.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samples import differences
from strategies import reports
from zfxxgk import api
from zfxxgk.model import dumps, report_from_json, report_to_dict
from zfxxgk.render import render

from render_checks import expected_files

FORMATS = ("md", "html", "docx", "xlsx", "pdf")
FAST = ("md", "html", "docx", "xlsx")
# what a rendered document states; `scope` is not among them (the parser infers it
# from the wording, e.g. a 人民政府's report may read as its area's summary)
PRINTED = ("schema", "agency", "year", "template", "published_on",
           "active", "applications", "review_litigation")


def data(report) -> dict:
    """The report as zfxxgk.report/1 data; numbers keep their printed digits
    (25.3190 is not 25.319), so money that lost a decimal place shows."""
    return json.loads(dumps(report_to_dict(report, provenance=False)), parse_float=str)


def read_back(fmt: str, out: bytes | str, name: str) -> dict:
    raw = out if isinstance(out, bytes) else out.encode("utf-8")
    return data(api.parse_bytes(raw, source=f"{name}.{fmt}"))


@pytest.fixture(scope="module")
def rendered(samples):
    """{format: [(name, expected data, rendered file)]}: each sample rendered once
    per format (WeasyPrint's PDF is the slow part, about half a second each)."""
    files = expected_files(samples)
    assert len(files) >= 8, f"expected files missing in {samples}"
    out: dict[str, list] = {fmt: [] for fmt in FORMATS}
    for path in files:
        text = path.read_text(encoding="utf-8")
        expected, report = json.loads(text, parse_float=str), report_from_json(text)
        for fmt in FORMATS:
            out[fmt].append((path.stem, expected, render(report, fmt)))
    return out


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_expected_sample_reads_back_through_the_loaders(rendered, fmt):
    failures = {name: diff for name, expected, out in rendered[fmt]
                if (diff := differences(expected, read_back(fmt, out, name)))}
    assert failures == {}, f"{fmt}: {failures}"


def test_the_rendered_files_are_the_formats_they_claim(rendered):
    """parse_bytes routes by content: make sure each file is what the loader for
    its format sees (a Markdown file is text, the others are not)."""
    from zfxxgk.ingest.detect import DOCX, HTML, PDF, TEXT, XLSX, sniff

    kinds = {"md": TEXT, "html": HTML, "docx": DOCX, "xlsx": XLSX, "pdf": PDF}
    for fmt, kind in kinds.items():
        for name, _, out in rendered[fmt]:
            raw = out if isinstance(out, bytes) else out.encode("utf-8")
            assert sniff(raw) == kind, f"{name}.{fmt}"


generated = st.tuples(st.booleans(), st.booleans(), st.booleans()).flatmap(
    lambda f: reports(consistent=f[0], blanks=f[1], mixed=f[2]))
# the profile of tests/conftest.py (ci or dev), its example count capped for the
# zipped formats: DOCX and XLSX cost about 0.5 and 0.25 s a report (render + sandbox)
PROFILE = settings(settings.default, suppress_health_check=[HealthCheck.too_slow])
ZIPPED = settings(PROFILE, max_examples=min(PROFILE.max_examples, 12))


def check_generated(fmt: str, report) -> None:
    """Both templates, blanks (single cells and whole rows), broken identities and
    the single （六） row: what was rendered is what is read."""
    want = data(report)
    expected = {key: want[key] for key in PRINTED if key in want}
    got = read_back(fmt, render(report, fmt), "generated")
    assert differences(expected, got) == []


@pytest.mark.parametrize("fmt", ["md", "html"])
@PROFILE
@given(report=generated)
def test_generated_reports_read_back_as_text_and_html(fmt, report):
    check_generated(fmt, report)


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
@ZIPPED
@given(report=generated)
def test_generated_reports_read_back_from_docx_and_xlsx(fmt, report):
    check_generated(fmt, report)
