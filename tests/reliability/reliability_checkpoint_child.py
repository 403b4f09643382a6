"""Grows a roadmap by one big edit, then closes it (the checkpoint) so the parent can kill it mid-way.

usage: python reliability_checkpoint_child.py ROADMAP
Prints `ready` once the edit is committed (it is in the WAL), `closed` after the close.
"""

from __future__ import annotations

import sys
from pathlib import Path

from reliability_checkpoint import grow

from planner.store import Store


def main(argv: list[str]) -> int:
    store = Store.open(Path(argv[0]))
    store.apply(grow(store.load()))
    print("ready", flush=True)
    store.close()
    print("closed", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
