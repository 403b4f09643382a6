"""The soak loop, run by test_soak.py in a child process so that an abort in Qt
(PySide6 6.12.0 on Python 3.11: `Fatal Python error: none_dealloc`) fails the
test with this process's stderr instead of killing pytest.

usage: python soak_child.py ROADMAP SETTINGS_DIR REPAINTS
Prints one line `soak: N repaints in S s` and exits 0 when every repaint ran.
"""

from __future__ import annotations

import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")


def main(argv: list[str]) -> int:
    roadmap, settings_dir, repaints = argv[0], argv[1], int(argv[2])

    from PySide6.QtCore import QSettings

    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, settings_dir)

    from ui.qt_app import application
    from ui.shell.main_window import MainWindow

    app = application(["soak"])
    window = MainWindow(persistent=False)
    window.load(roadmap)
    window.resize(1280, 800)
    window.show()
    for _ in range(10):
        app.processEvents()
    timeline = window.timeline

    # A repeating gesture: zoom in, pan later, zoom out, pan back, refit now and then.
    steps = [lambda: timeline.zoom(1.15)] * 6 + [lambda: timeline.pan(0.06)] * 6
    steps += [lambda: timeline.zoom(1 / 1.15)] * 6 + [lambda: timeline.pan(-0.06)] * 6
    print("soak: window shown", file=sys.stderr, flush=True)
    started = time.perf_counter()
    for n in range(repaints):
        if n % 250 == 249:
            timeline.fit_all()
        else:
            steps[n % len(steps)]()
        window.repaint()
        app.processEvents()
        if n % 10 == 9:
            print(f"soak: {n + 1} repaints", file=sys.stderr, flush=True)
    elapsed = time.perf_counter() - started
    window.close()
    print(f"soak: {repaints} repaints in {elapsed:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
