"""Every command's --help, wrapped at 80 columns, keeps each name and code of its
text whole: click cut a run of Chinese at the width wherever it fell, so a file
name came out split over two lines (`findings.parq` / `uet/` in `zfxxgk batch
--help`), and a Chinese line never starts with 。 or ends with （."""

from __future__ import annotations

import re

import click
from click.testing import CliRunner

from zfxxgk.cli import cli

TOKEN = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_./:-]*[A-Za-z0-9_/]")


def _commands(group: click.Group, path: list[str]):
    for name in group.list_commands(None):
        command = group.get_command(None, name)
        if isinstance(command, click.Group):
            yield from _commands(command, path + [name])
        else:
            yield path + [name], command


def test_help_keeps_names_whole_and_marks_on_their_line():
    runner, cut, stray = CliRunner(), [], []
    for path, command in _commands(cli, []):
        out = runner.invoke(cli, [*path, "--help"], terminal_width=80).output
        texts = [command.help or ""] + [p.help or "" for p in command.params if isinstance(p, click.Option)]
        cut += [(path, t) for text in texts for t in TOKEN.findall(text) if t not in out]
        stray += [(path, line) for line in out.splitlines()
                  if line.strip()[:1] in tuple("，。、；：）") or line.rstrip().endswith("（")]
    assert not cut, cut
    assert not stray, stray


def test_batch_help_names_its_parts():
    out = CliRunner().invoke(cli, ["batch", "--help"], terminal_width=80).output
    assert "findings.parquet/" in out and "cells.parquet/" in out
    # its source breaks the line after 运行，: no blank in the sentence where it did
    assert "运行，已处理" in out.replace("\n", "").replace(" ", "") and "运行， " not in out
