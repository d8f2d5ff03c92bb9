"""Where the shared samples are, and how a parse is compared with an expected file."""

from __future__ import annotations

import json
import os
from decimal import Decimal
from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parents[1].parent / "shared" / "samples"


def samples_dir() -> Path:
    """The shared samples; under CI their absence is a failure, not a skip."""
    if not SAMPLES.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"../shared/samples is missing: {SAMPLES}")
        pytest.skip("../shared/samples not present")
    return SAMPLES


def sample_pairs(kind: str) -> list[tuple[str, str]]:
    """(text file, expected file) names for `seeds` or `real`, known without the folder
    so that test ids exist even when it is missing."""
    folder = SAMPLES / f"{kind}-expected"
    if not folder.is_dir():
        return [("missing", "missing")]
    return [(p.stem + ".txt", p.name) for p in sorted(folder.glob("*.json"))]


def load_expected(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)


def differences(expected, actual, path: str = "") -> list[str]:
    """Every key of `expected` must be equal in `actual` (report-json.md)."""
    out: list[str] = []
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return [f"{path}: expected an object, got {actual!r}"]
        for key, value in expected.items():
            if key not in actual:
                out.append(f"{path}.{key}: missing")
            else:
                out += differences(value, actual[key], f"{path}.{key}")
        return out
    if type(expected) is not type(actual) and not (
        isinstance(expected, (int, Decimal)) and isinstance(actual, (int, Decimal))
        and not isinstance(expected, bool)
    ):
        return [f"{path}: expected {expected!r}, got {actual!r}"]
    if expected != actual:
        out.append(f"{path}: expected {expected!r}, got {actual!r}")
    return out
