"""The README's research examples (`zfxxgk sql`, `zfxxgk stats --by`) run as written,
on a batch of the project's examples in a folder named as in the README."""

from __future__ import annotations

import os
import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from zfxxgk.cli import cli
from zfxxgk.corpus.engines import LocalEngine
from zfxxgk.corpus.run import run_batch

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
EXAMPLES = re.findall(r"^\$ (zfxxgk (?:sql|stats 结果/ --by) .*)$", README, flags=re.M)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    root = tmp_path_factory.mktemp("readme")
    inputs = [str(p) for p in sorted((ROOT / "examples").iterdir()) if p.name != "README.md"]
    assert run_batch(inputs, root / "结果", LocalEngine(1)).failed == 0
    return root


def test_readme_has_the_research_examples():
    assert sum(e.startswith("zfxxgk sql") for e in EXAMPLES) >= 3
    assert any(e.startswith("zfxxgk stats") for e in EXAMPLES)


@pytest.mark.parametrize("line", EXAMPLES)
def test_readme_example_runs_as_written(workdir, line):
    args = shlex.split(line)[1:]
    cwd = os.getcwd()
    os.chdir(workdir)
    try:
        result = CliRunner().invoke(cli, args)
    finally:
        os.chdir(cwd)
    assert result.exit_code == 0, result.output
    lines = [x for x in result.stdout.splitlines() if x.strip()]
    assert len(lines) >= 2, result.output  # a header and at least one row


@pytest.mark.parametrize("table", ["cells", "findings"])
def test_readme_lists_every_parquet_column(table):
    """The README's table of batch files names each column a researcher can query:
    a column missing there (findings' year, scope) is one they will not think to use."""
    from zfxxgk.corpus.worker import TABLES

    row = re.search(rf"^\| `{table}\.parquet/` \| (.*) \|$", README, flags=re.M)
    assert row, f"README has no row for {table}.parquet/"
    listed = set(re.findall(r"(?<![A-Za-z0-9_])[a-z][a-z0-9_]*(?![A-Za-z0-9_])", row.group(1)))
    columns = set(TABLES[table].names) | {"counted"} if table == "cells" else set(TABLES[table].names)
    assert columns <= listed, sorted(columns - listed)
