"""Render -> the real loaders of issue 3 (zfxxgk.ingest: HTML, DOCX, XLSX) -> the
parser: every expected sample comes back identical."""

from __future__ import annotations

import pytest

from zfxxgk import api
from zfxxgk.render import render

from render_checks import as_data, differences, expected_files, load_expected


@pytest.mark.parametrize("fmt", ["html", "docx", "xlsx"])
def test_rendered_files_read_back_through_the_loaders(samples, tmp_path, fmt):
    for path in expected_files(samples):
        expected, report = load_expected(path)
        out = render(report, fmt)
        target = tmp_path / f"{path.stem}.{fmt}"
        target.write_bytes(out if isinstance(out, bytes) else out.encode("utf-8"))
        assert differences(expected, as_data(api.parse_path(target))) == [], f"{path.name} via {fmt}"
