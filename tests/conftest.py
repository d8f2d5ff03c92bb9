"""Shared test setup: Hypothesis profiles and where the real samples live.

The samples are the published reports in ../shared/samples (beside the repository,
never copied into it). Under CI=true a missing samples folder is a failure, not a
skip: a green run that silently tested nothing would be worse than a red one."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# CI draws the same examples on every run (derandomize): a run of main must not pass
# or fail by the luck of the draw. Developers' runs ("dev") stay random and keep
# finding new cases; a case found there becomes a named test.
settings.register_profile("ci", max_examples=25, deadline=None, derandomize=True)
settings.register_profile("dev", max_examples=100, deadline=None)

IN_CI = os.environ.get("CI", "").lower() in ("true", "1")
settings.load_profile("ci" if IN_CI else "dev")

ROOT = Path(__file__).resolve().parents[1]


def _samples_dir() -> Path:
    if os.environ.get("ZFXXGK_SAMPLES"):
        return Path(os.environ["ZFXXGK_SAMPLES"])
    return ROOT.parent / "shared" / "samples"  # beside the repository, never a machine path


SAMPLES = _samples_dir()


@pytest.fixture(scope="session")
def samples() -> Path:
    """The samples folder; fails under CI when it is missing, skips elsewhere."""
    if not SAMPLES.is_dir():
        message = f"samples folder not found: {SAMPLES}"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return SAMPLES
