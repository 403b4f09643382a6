"""Soak: the main window on the sample survives 2,000 repaints with pans and zooms.

Guards the pinned Qt: PySide6 6.12.0 on Python 3.11 aborts a pyqtgraph window
after about 100 repaints (`Fatal Python error: none_dealloc`, see FACTS.md).
The loop runs in a child process so that such an abort fails this test with
the child's stderr instead of killing pytest.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = [pytest.mark.gui, pytest.mark.slow]

CHILD = Path(__file__).with_name("soak_child.py")
REPAINTS = 2000
TIMEOUT_S = 300


def _describe(returncode: int) -> str:
    if returncode < 0:
        try:
            return f"killed by {signal.Signals(-returncode).name}"
        except ValueError:
            return f"killed by signal {-returncode}"
    return f"exit status {returncode}"


def test_main_window_survives_2000_repaints(sample_file, tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYQTGRAPH_QT_LIB="PySide6", PYTHONFAULTHANDLER="1")
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, str(CHILD), str(sample_file), str(tmp_path / "settings"), str(REPAINTS)],
        capture_output=True, text=True, timeout=TIMEOUT_S, env=env, cwd=CHILD.parent,
    )
    elapsed = time.perf_counter() - started
    progress = [line for line in result.stderr.splitlines() if line.startswith("soak: ")]
    stderr_tail = "\n".join(line for line in result.stderr.splitlines()[-60:] if not line.startswith("soak: "))
    assert result.returncode == 0, (
        f"soak child {_describe(result.returncode)} after {elapsed:.1f} s "
        f"({progress[-1] if progress else 'before the window was shown'}).\n"
        f"--- child stderr ---\n{stderr_tail}"
    )
    assert f"soak: {REPAINTS} repaints in" in result.stdout, result.stdout
    print(f"{result.stdout.strip()} (child wall time {elapsed:.1f} s)")
