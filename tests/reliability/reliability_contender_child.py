"""One of several processes taking turns to open a roadmap for writing.

usage: python reliability_contender_child.py ROADMAP LOG SECONDS
Until SECONDS pass: try to open the roadmap for writing; when that works,
append `enter PID` and `exit PID` to LOG around a short hold, then close.
If the lock works, the log never shows two holders at once.
"""

from __future__ import annotations

import os
import random
import sys
import time
from pathlib import Path

from planner.store import AlreadyOpenError, Store


def main(argv: list[str]) -> int:
    path, log, seconds = Path(argv[0]), argv[1], float(argv[2])
    pid, rng = os.getpid(), random.Random(os.getpid())
    fd = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    deadline = time.monotonic() + seconds
    held = refused = 0
    while time.monotonic() < deadline:
        try:
            store = Store.open(path)
        except AlreadyOpenError:
            refused += 1
            continue
        os.write(fd, f"enter {pid}\n".encode())
        time.sleep(rng.uniform(0, 0.002))
        os.write(fd, f"exit {pid}\n".encode())
        store.close()
        held += 1
    print(f"{held} {refused}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
