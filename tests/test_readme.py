"""The README stays true to the code: set-up commands, every command, every error code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tally.cli import app
from tally.errors import ALL_ERRORS, TallyError

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def section(title: str) -> str:
    return README.split(f"## {title}\n", 1)[1].split("\n## ", 1)[0]


def test_set_up_is_exactly_two_one_line_commands() -> None:
    blocks = re.findall(r"```sh\n(.*?)```", section("Set up"), re.DOTALL)
    assert [b.count("\n") for b in blocks] == [1, 1]
    assert "tally demo" in blocks[0] and blocks[1].strip() == "bash scripts/test.sh"


@pytest.mark.parametrize(
    "command", [c.name or c.callback.__name__ for c in app.registered_commands]
)  # type: ignore[union-attr]
def test_usage_shows_every_command(command: str) -> None:
    assert f"tally {command}" in section("Usage")


@pytest.mark.parametrize("error", ALL_ERRORS, ids=lambda e: e.code)
def test_the_error_table_lists_every_error(error: type[TallyError]) -> None:
    assert f"| {error.code} | {error.__name__} |" in section("Errors")
