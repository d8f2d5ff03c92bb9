"""scripts/code_lines.py counts code, not docstrings, comments or blank lines
(issue 13 measures src/ with it)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "code_lines.py"


def _count():
    spec = importlib.util.spec_from_file_location("code_lines", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.count


def test_docstrings_comments_and_blank_lines_are_not_code():
    source = ('"""Module doc,\non two lines."""\n\n'
              "# a comment\n"
              "def f(x):\n"
              '    """Why f."""\n'
              "    return (x +\n"
              "            1)  # trailing comment\n"
              "\n"
              'TEXT = """not a docstring\nbut a value"""\n')
    assert _count()(source) == (5, 11)
