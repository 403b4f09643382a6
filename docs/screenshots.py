"""Make the pictures in docs/ from the bundled sample, offscreen, as of a fixed day.

    python docs/screenshots.py [--out docs]

Writes screenshot.png (the README picture, 1600x1000), timeline-1366x768.png
(default docks, nothing selected), timeline-1366x768-focus.png (a goal in
focus: what enables it), timeline-1920x1080.png and timeline-hierarchy.png
(the sample with a small outline, tests/ui/timeline/outline_sample.py: the
business goal expanded over its sub-goals, 'CRM rebuild' collapsed with its
go-live milestone on its bar).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

AS_OF = date(2026, 12, 1)
SHOTS = (
    ("screenshot.png", (1600, 1000), None),
    ("timeline-1366x768.png", (1366, 768), None),
    ("timeline-1366x768-focus.png", (1366, 768), "Customer NPS of +45"),
    ("timeline-1920x1080.png", (1920, 1080), None),
)


def shoot(roadmap_file: Path, out: Path, size: tuple[int, int], focus: str | None, folds: tuple[str, ...] = ()) -> None:
    from PySide6.QtCore import QEventLoop

    from planner import clock
    from ui.app import application
    from ui.shell.main_window import MainWindow

    app = application()
    window = MainWindow(persistent=False, today=clock.fixed(AS_OF))

    def settle() -> None:
        for _ in range(8):
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 40)

    window.load(roadmap_file)
    window.resize(*size)
    window.show()
    settle()
    window.timeline.fit_all()
    settle()
    if focus:
        item = next(i for i in window.document.roadmap.items.values() if i.title == focus)
        window.selection.set({item.id})
        window.timeline.focus_action.setChecked(True)
        settle()
    if folds:
        items = window.document.roadmap.items.values()
        window.timeline.set_collapsed({i.id for i in items if i.title in folds})
        settle()
    window.grab().save(str(out))
    window.close()
    window.deleteLater()
    settle()
    print(f"Wrote {out}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent)
    args = parser.parse_args()
    from planner.interchange import load_sample
    from planner.store import Store

    with tempfile.TemporaryDirectory() as folder:
        os.environ["XDG_DATA_HOME"] = folder  # backups and settings stay out of the user's folders
        roadmap_file = Path(folder) / "Northwind.roadmap"
        Store.create(roadmap_file, load_sample()).close()
        for name, size, focus in SHOTS:
            shoot(roadmap_file, args.out / name, size, focus)
        from tests.ui.timeline.outline_sample import with_outline

        outline_file = Path(folder) / "Northwind outline.roadmap"
        Store.create(outline_file, with_outline(load_sample())).close()
        shoot(outline_file, args.out / "timeline-hierarchy.png", (1366, 768), None, folds=("CRM rebuild",))


if __name__ == "__main__":
    main()
