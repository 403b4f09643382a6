"""The README's Quick start: two commands that show progress, and CI runs the test one verbatim."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def quick_start_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", section, re.S)]


def test_quick_start_is_two_commands_that_show_progress():
    commands = quick_start_commands()
    assert len(commands) == 2 and all("\n" not in c for c in commands), commands
    for command in commands:
        pip = re.search(r"pip install ([^&]*)", command).group(1)
        # A first install downloads Qt for a minute or more: silence looks like a hang.
        assert not re.search(r"(^|\s)(-q|--quiet)\b", pip), command


def test_ci_runs_the_readme_test_command_verbatim():
    test_command = next(c for c in quick_start_commands() if "pytest" in c)
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert test_command in ci
