"""Helpers of the render tests: expected reports read with exact money, and the
render -> text -> parse round trip. A plain module, not conftest.py: the test files
import it, and `from conftest import` gets whichever conftest pytest loaded last."""

from __future__ import annotations

import json
import sys
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from zfxxgk.model import dumps, report_from_json, report_to_dict  # noqa: E402
from zfxxgk.parse import parse_text  # noqa: E402

import extract  # noqa: E402

EXTRACT = {"md": lambda out: out, "html": extract.html_text, "docx": extract.docx_text,
           "xlsx": extract.xlsx_text, "pdf": extract.pdf_text}


def expected_files(samples: Path) -> list[Path]:
    return sorted(samples.glob("*-expected/*.json"))


def load_expected(path: Path):
    text = path.read_text(encoding="utf-8")
    return json.loads(text, parse_float=Decimal), report_from_json(text)


def as_data(report) -> dict:
    """The report as the interchange format prints it; money compared by its digits.
    `scope` is left out: the parser infers it from the wording (a 人民政府's report
    may read as a regional summary) and no rendered document states it as a field."""
    data = json.loads(dumps(report_to_dict(report)), parse_float=str)
    data.pop("scope", None)
    return data


def parse_back(fmt: str, out) -> dict:
    return as_data(parse_text(EXTRACT[fmt](out)))


def differences(expected: dict, got: dict) -> list[str]:
    """Keys of `expected` (report-json.md: the keys present) that differ, cell by cell."""
    exp = json.loads(dumps(expected), parse_float=str)
    out = []
    for key, value in exp.items():
        if isinstance(value, dict) and isinstance(got.get(key), dict):
            for row, cells in value.items():
                if cells != got[key].get(row):
                    out.append(f"{key}.{row}: {cells} != {got[key].get(row)}")
        elif value != got.get(key):
            out.append(f"{key}: {value!r} != {got.get(key)!r}")
    return out
