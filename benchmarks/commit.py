"""What an edit costs after the mouse is released: release -> settled and undo -> settled.

    python -m benchmarks.commit [--sizes 40,1000,10000,50000] [--repeats 7]

For each size a fresh process opens a roadmap (40 is the bundled sample; the
others come from benchmarks.roadmap_gen) in the real main window offscreen,
with its default docks, and waits until the panels have attached. Then, each
repeat, it drags a tech bar by a few snap units through the viewport and
times from sending the release until every posted event is processed and the
view repainted (by its own update, or by us if it asked for none: one frame,
as a drag move is); then it times Edit > Undo the same way, and then one
repaint of the settled view with nothing changed (the "repaint" column: the
frame every settle ends with, so the floor a commit cannot go below). The bar pressed is
found by the timeline's own hit test, with nothing selected (a selected bar
grows a link handle where the press would land). The drag-move time
(one mouse move while dragging) is measured in the same process, so the table
shows what a commit costs beside what a move costs. Targets (issue 14): at
most 16 ms at the sample and at 1,000 items, 50 ms at 10,000.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

CHILD = r"""
import json, os, sys, time
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from datetime import date

path, repeats = sys.argv[1], int(sys.argv[2])
LEFT, NONE = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton

def send(w, t, pos, button, buttons):
    QApplication.sendEvent(w, QMouseEvent(t, pos, QPointF(w.mapToGlobal(pos.toPoint())), button, buttons, Qt.KeyboardModifier.NoModifier))

from PySide6.QtCore import QObject

class PaintCounter(QObject):
    paints = 0
    def eventFilter(self, obj, ev):
        if ev.type() == QEvent.Type.Paint:
            self.paints += 1
        return False

def settle():
    # Every posted event processed, the view's own repaint included; a repaint of our own only if it
    # asked for none (forcing one after it had painted counted two frames where the user sees one).
    before = counter.paints
    for _ in range(3):
        app.sendPostedEvents()
        app.processEvents()
    if counter.paints == before:
        viewport.repaint()

from planner.clock import fixed
from ui.qt_app import application
from ui.shell.main_window import MainWindow
app = application()
window = MainWindow(persistent=False, today=fixed(date(2026, 11, 28)))
window.load(path); window.resize(1280, 800); window.show()
tl = window.timeline; viewport = tl.viewport()
counter = PaintCounter(); viewport.installEventFilter(counter)
deadline = time.monotonic() + 30
while "Alignment Findings" not in window._attached and time.monotonic() < deadline:
    app.processEvents(); time.sleep(0.01)
tl.show_span(24)
settle()
from PySide6.QtCore import QPoint
from planner.layout import Part

def grab_point(item_id):
    # The middle of the viewport pixels the timeline's own hit test gives to the item's body, away from
    # a selected bar's link handle. At 10,000 items a bar can be two or three pixels tall, and the centre
    # of its rounded rect may miss it (a press there pans).
    r = tl.item_rect(item_id)
    bars = tl.band(window.document.roadmap.items[item_id].band).bars
    body = []
    for y in range(r.top() - 1, r.bottom() + 2):
        p = QPoint(r.center().x(), y)
        scene = tl.mapToScene(p)
        hit = bars.hit_at(bars.mapFromScene(scene))
        if hit is not None and hit.item_id == item_id and hit.part == Part.BODY and bars.on_link_handle(scene) is None:
            body.append(QPointF(p))
    return body[len(body) // 2] if body else None

box = viewport.rect()
middle = tl.mapFromScene(tl.band("tech").view_box.sceneBoundingRect().center()).y()
candidates = []  # tech bars in view, the tallest (easiest to grab) first, then those mid-band (clear of the axes)
for item in window.document.roadmap.items.values():
    r = tl.item_rect(item.id)
    if item.band == "tech" and r is not None and not item.is_milestone and r.width() > 60 and box.contains(r.center()):
        candidates.append((-r.height(), abs(r.center().y() - middle), item.id))
target = next(c[-1] for c in sorted(candidates) if grab_point(c[-1]) is not None)
moves, releases, undos, repaints = [], [], [], []
for n in range(repeats + 1):
    window.selection.clear()  # a selected tech bar grows a link handle where the press would land
    settle()
    start = grab_point(target)
    send(viewport, QEvent.Type.MouseMove, start, NONE, NONE); QTest.qWait(15)
    send(viewport, QEvent.Type.MouseButtonPress, start, LEFT, LEFT)
    for k in range(1, 9):
        QTest.qWait(12)  # past pyqtgraph's mouse rate limit
        t0 = time.perf_counter()
        send(viewport, QEvent.Type.MouseMove, start + QPointF(6 * k, 0), NONE, LEFT)
        viewport.repaint()
        moves.append((time.perf_counter() - t0) * 1000)
    QTest.qWait(12)
    t0 = time.perf_counter()
    send(viewport, QEvent.Type.MouseButtonRelease, start + QPointF(48, 0), LEFT, NONE)
    settle()
    released = (time.perf_counter() - t0) * 1000
    assert window.document.undo_stack.count() == 1, "the drag made no step"
    QTest.qWait(30)
    t0 = time.perf_counter()
    window.undo_action.trigger()
    settle()
    undone = (time.perf_counter() - t0) * 1000
    window.document.undo_stack.clear()
    QTest.qWait(30)
    t0 = time.perf_counter()
    viewport.repaint()  # the floor: one frame of the settled view, nothing changed
    repainted = (time.perf_counter() - t0) * 1000
    if n:  # the first round warms caches and imports
        releases.append(released); undos.append(undone); repaints.append(repainted)
    QTest.qWait(30)
print(json.dumps({"moves": moves[8:], "release": releases, "undo": undos, "repaint": repaints}))
"""


def run(path: str, repeats: int) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(Path(__file__).resolve().parents[1]))
    out = subprocess.run([sys.executable, "-c", CHILD, path, str(repeats)], capture_output=True, text=True, env=env, timeout=1800)
    if out.returncode != 0:
        raise SystemExit(f"{path}: child failed\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    from benchmarks.roadmap_gen import write
    from planner.interchange import load_sample
    from planner.store import Store

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="40,1000,10000,50000")
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    targets = {40: 16, 1000: 16, 10_000: 50}
    print(f"{'items':>8}{'repaint':>9}{'drag move':>11}{'release':>10}{'undo':>9}{'release/move':>14}  target (release, undo)")
    with tempfile.TemporaryDirectory() as folder:
        for size in (int(s) for s in args.sizes.split(",")):
            path = Path(folder) / f"commit-{size}.roadmap"
            if size == 40:
                Store.create(path, load_sample()).close()
            else:
                write(path, size)
            result = run(str(path), args.repeats)
            repaint, move, release, undo = (statistics.median(result[k]) for k in ("repaint", "moves", "release", "undo"))
            target = targets.get(size)
            verdict = "" if target is None else f"<= {target} ms {'PASS' if max(release, undo) <= target else 'MISS'}"
            print(f"{size:>8,}{repaint:>7.1f}ms{move:>9.1f}ms{release:>8.1f}ms{undo:>7.1f}ms{release / move:>13.1f}x  {verdict}")


if __name__ == "__main__":
    main()
