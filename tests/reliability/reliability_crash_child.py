"""The writer a crash trial kills: opens a roadmap, then edits it one step per word from the parent.

usage: python reliability_crash_child.py ROADMAP SEED BACKUPS_DIR TODAY

Does what the main window does: opens the file for writing, makes the day's
rolling backup, then applies a `Session`'s steps as `RoadmapDocument` does
(Store.apply in one transaction, then the model). It says `started`, `opened`
and `ready` on the way; then for each `go` line on its input it says
`begin N KIND ROWS`, makes step N (saying `committed N KIND ROWS` once it is
in the file) and says `ack N KIND ROWS`. So the parent decides how many steps
there are and times its kill by what the child said, never by a delay; it
counts only whole `ack` lines. End of input ends it.
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
    print("started", flush=True)  # a kill now lands in opening the file and WAL recovery
    store = Store.open(path)
    session = Session(store.load(), seed)
    print("opened", flush=True)  # a kill now lands in the rolling backup
    rolling_backup(path, backups, today, keep=5)
    print("ready", flush=True)
    n = 0
    while sys.stdin.readline() == "go\n":
        kind, changes = session.next()
        n += 1
        print(f"begin {n} {kind} {len(changes)}", flush=True)  # a kill now lands in this step
        if kind == REOPEN:
            store.close()  # the checkpoint: the file grows here
            store = Store.open(path)
        else:
            store.apply(changes)
        print(f"committed {n} {kind} {len(changes)}", flush=True)  # a kill now lands between the commit and the ack
        session.done(kind, changes)
        print(f"ack {n} {kind} {len(changes)}", flush=True)
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
