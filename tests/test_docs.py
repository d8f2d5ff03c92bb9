"""The README documents every command, and every command and option has help text
(as sqlite-utils' docs test does): an undocumented command fails the build."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from zfxxgk.cli import cli

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
CTX = click.Context(cli)
COMMANDS = cli.list_commands(CTX)


def test_commands_found():
    assert {"parse", "check", "schema", "rules"} <= set(COMMANDS)


@pytest.mark.parametrize("name", COMMANDS)
def test_command_in_readme(name):
    assert f"### zfxxgk {name}" in README, f"README.md has no section for `zfxxgk {name}`"


@pytest.mark.parametrize("name", COMMANDS)
def test_command_has_help(name):
    command = cli.get_command(CTX, name)
    assert command.help and command.help.strip(), f"{name} has no help text"
    for param in command.params:
        if param.param_type_name == "option" and param.name != "help":
            assert param.help, f"{name} {param.opts} has no help text"
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0 and command.help.strip().splitlines()[0] in result.stdout


@pytest.mark.parametrize("name", COMMANDS)
def test_command_listed_in_group_help(name):
    assert f"zfxxgk {name}" in cli.help
