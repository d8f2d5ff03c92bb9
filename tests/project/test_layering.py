"""The import layering holds: standard < model < ingest < parse < check < render <
corpus/cases < app < cli/commands/web, checked by the project's shared tool."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TOOL = ROOT.parent / "shared" / "tools" / "layers.py"


def test_no_import_reaches_up_or_into_a_face():
    if not TOOL.is_file():
        message = f"layering tool not found: {TOOL}"
        if os.environ.get("CI", "").lower() in ("true", "1"):
            pytest.fail(message)
        pytest.skip(message)
    result = subprocess.run([sys.executable, str(TOOL), str(ROOT / "src" / "zfxxgk")],
                            capture_output=True, text=True, timeout=120)
    assert result.stdout.strip().endswith("imports against the layering: 0"), result.stdout
    assert result.returncode == 0
