"""The writer a crash trial kills: opens a roadmap and edits it until killed.

usage: python reliability_crash_child.py ROADMAP SEED BACKUPS_DIR TODAY

Does what the main window does: opens the file for writing, makes the day's
rolling backup, then applies a `Session`'s steps as `RoadmapDocument` does
(Store.apply in one transaction, then the model). After each completed step
it prints `ack N KIND ROWS`; the parent counts only whole lines.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from reliability_stream import REOPEN, Session

from planner.backups import rolling_backup
from planner.store import Store


def main(argv: list[str]) -> int:
    path, seed, backups, today = Path(argv[0]), int(argv[1]), Path(argv[2]), date.fromisoformat(argv[3])
    store = Store.open(path)
    session = Session(store.load(), seed)
    rolling_backup(path, backups, today, keep=5)
    print("ready", flush=True)
    n = 0
    while True:
        kind, changes = session.next()
        if kind == REOPEN:
            store.close()  # the checkpoint: the file grows here
            store = Store.open(path)
        else:
            store.apply(changes)
        session.done(kind, changes)
        n += 1
        print(f"ack {n} {kind} {len(changes)}", flush=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
