"""A second program with a roadmap open, driven line by line from stdin.

usage: python reliability_holder_child.py ROADMAP [read-only]
  rename ID TITLE   rename item ID (as the inspector would) and print `ok`
  title ID          print item ID's title as this process reads it from the file now
  close             close the store, print `closed`, and exit
Prints `opened` or `refused: MESSAGE` first.
"""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

from planner.edits import UpdateItem
from planner.model import ItemId, apply_changes
from planner.store import Store, StoreError


def main(argv: list[str]) -> int:
    path = Path(argv[0])
    try:
        store = Store.open(path, read_only=len(argv) > 1 and argv[1] == "read-only")
    except StoreError as e:
        print(f"refused: {type(e).__name__}: {e}", flush=True)
        return 1
    roadmap = store.load()
    print("opened", flush=True)
    for line in sys.stdin:
        command, *rest = line.rstrip("\n").split(" ", 2)
        if command == "rename":
            item = roadmap.items[ItemId(int(rest[0]))]
            changes = UpdateItem(dataclasses.replace(item, title=rest[1])).changes(roadmap)
            store.apply(changes)
            roadmap = apply_changes(roadmap, changes)
            print("ok", flush=True)
        elif command == "title":
            print(store.load().items[ItemId(int(rest[0]))].title, flush=True)
        elif command == "close":
            store.close()
            print("closed", flush=True)
            return 0
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
