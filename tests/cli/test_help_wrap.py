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


def _all_commands():
    yield [], cli
    for path, command in _commands(cli, []):
        yield path, command
    for name in cli.list_commands(None):  # the groups themselves
        group = cli.get_command(None, name)
        if isinstance(group, click.Group):
            yield [name], group


def test_help_fits_80_screen_columns():
    """A Chinese character takes two columns of a terminal; click counted one, so its
    help ran to 95-112 columns at width 80 and was broken again by the terminal.
    Only a command of an example may run past (it is kept whole, to be copied)."""
    from zfxxgk.render.text_table import display_width

    runner, wide = CliRunner(), []
    command_line = re.compile(r"\s*(例：)?(zfxxgk|echo) ")
    for path, _ in _all_commands():
        out = runner.invoke(cli, [*path, "--help"], terminal_width=80).output
        wide += [(path, line) for line in out.splitlines()
                 if display_width(line) > 80 and not command_line.match(line)]
    assert not wide, wide


def test_option_help_lines_up_in_screen_columns():
    """The descriptions start in one column whatever the option's placeholder: `--data
    文件夹` (6 columns for 3 characters) pushed its text 3 columns right of the rest."""
    from zfxxgk.render.text_table import display_width

    out = CliRunner().invoke(cli, ["compile", "--help"], terminal_width=80).output
    starts = {display_width(m.group(1)) for m in re.finditer(r"(?m)^(  -[^\n]*?\S  +)\S", out)}
    assert len(starts) == 1, out


def test_help_extras_and_headings_are_chinese():
    out = CliRunner().invoke(cli, ["compile", "--help"], terminal_width=80).output
    assert "[必填]" in out and "required" not in out
    assert "选项：" in out and "选项:" not in out
    assert "--year 整数" in out and "TEXT" not in out and "INTEGER" not in out
    assert out.startswith("用法：") and "[选项]" in out.splitlines()[0]
    group = CliRunner().invoke(cli, ["cases", "--help"], terminal_width=80).output
    assert "[选项] 命令 [参数]…" in group.splitlines()[0] and "命令：" in group


def test_command_list_cut_by_screen_columns():
    """Each command's line in its group's list fits the screen: its first sentence,
    cut at 80 columns with '...' (click cut it by characters)."""
    from zfxxgk.render.text_table import display_width

    out = CliRunner().invoke(cli, ["cases", "--help"], terminal_width=80).output
    listed = out[out.index("命令："):].splitlines()[1:]
    assert listed and all(display_width(line) <= 80 for line in listed)
    assert any(line.rstrip().endswith("...") for line in listed)
    assert all(line.startswith("  ") and len(line.split()) >= 2 for line in listed)  # one line each
