"""Timeline start-up, pan repaint and memory beside a bare pyqtgraph window, measured in the same run.

    python -m benchmarks.timeline [--sizes 1000,5000,10000,50000] [--repeats 3]

Every case runs in a fresh process on Qt's offscreen platform, and the cases
are interleaved repeat by repeat so drift on a noisy machine hits all alike.

- floor: a bare QMainWindow holding one pyqtgraph PlotWidget (1280x800).
- ours: the real MainWindow (persistent=False, so no settings are read or
  written) opening a roadmap file made beforehand by `benchmarks.roadmap_gen`
  (N items, half per band, about N/2 supports links).

Definitions, the same for both:
- first paint: from just before the parent starts the child process (so
  interpreter start-up and every import count) to the end of the first paint
  event of the plot's viewport, the QGraphicsView that shows the content.
  An event filter on the viewport runs that paint itself to stamp its end.
  Ours loads the roadmap before `show()`, so that first paint has the
  roadmap in it; the time includes Store.open + load and building the view.
- repaint: the view is panned first (`TimelineView.pan`, or the floor's
  ViewBox moved by the same share), then only a synchronous
  `viewport().repaint()` is timed; the events queued by the pan are then
  processed untimed, with the paint they request dropped (it would repeat
  the frame just painted). Modes: "24 mo", both bands showing 24 months (the
  tech band through `show_span(24)`, the business band set to the same
  range), panned by 3% of the width a frame; "fit all", `fit_all()` then
  panned by 1%. Each mode samples up to --frames frames per process, or
  fewer once --frame-seconds is spent (at least --min-frames), after one
  warm-up frame; frames are pooled over the repeats for median and p95.
- peak RSS: `resource.getrusage(RUSAGE_SELF).ru_maxrss` at the child's end.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
WINDOW = (1280, 800)
PAN_24 = 0.03
PAN_FIT = 0.01
BOUNCE = 8  # frames before a pan turns back, so the view stays over the data
FIRST_PAINT_TIMEOUT_S = 120.0

# Targets from issue 3.
FIRST_PAINT_VS_FLOOR_AT_5K = 1.4
PEER_GNOME_PLANNER_VS_FLOOR = 2.35
FIRST_PAINT_S_AT_10K = 1.5
PAN_24_MS_AT_10K = 8.0
PAN_FIT_MS_AT_10K = 16.0
RSS_MB_AT_10K = 400.0


# --- the child: one case in a fresh process ---------------------------------------


def _child(args: argparse.Namespace) -> None:
    """Measure one case and print a JSON line; nothing heavy is imported before here."""
    t_start = args.t_start
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")
    stamps: dict[str, float] = {}
    if args.child == "floor":
        from PySide6.QtWidgets import QApplication, QMainWindow

        import pyqtgraph as pg

        stamps["imports"] = time.monotonic()
        app = QApplication(["floor"])
        window = QMainWindow()
        plot = pg.PlotWidget()
        window.setCentralWidget(plot)
        window.resize(*WINDOW)
        stamps["window"] = stamps["view"] = time.monotonic()
        view = plot
        info: dict = {}
    else:
        from ui.qt_app import application
        from ui.shell.main_window import MainWindow

        stamps["imports"] = time.monotonic()
        app = application(["roadmap-planner"])
        window = MainWindow(persistent=False)
        stamps["window"] = time.monotonic()
        try:
            from ui.document.document import RoadmapDocument

            document = RoadmapDocument.open(args.file, parent=window)
            stamps["opened"] = time.monotonic()
            window.set_document(document)  # what MainWindow.load does when not persistent
        except (ImportError, AttributeError, TypeError):
            window.load(args.file)
        stamps["view"] = time.monotonic()
        view = window.timeline
        roadmap = view.roadmap
        info = {"items": len(roadmap.items), "links": len(roadmap.links)}

    from PySide6.QtCore import QEvent, QEventLoop, QObject, QtMsgType, qInstallMessageHandler

    def quiet(kind: QtMsgType, context, message: str) -> None:
        if "propagateSizeHints" not in message:
            print(message, file=sys.stderr)

    qInstallMessageHandler(quiet)

    class PaintStamp(QObject):
        """Runs the viewport's paint events itself, so their end can be stamped."""

        def __init__(self) -> None:
            super().__init__()
            self.paints: list[tuple[float, float]] = []
            self.swallow = False  # while draining after a timed repaint: the view is already painted

        def eventFilter(self, obj, event) -> bool:  # noqa: N802
            if event.type() != QEvent.Type.Paint:
                return False
            if self.swallow:
                return True
            begin = time.monotonic()
            view.viewportEvent(event)  # what QAbstractScrollArea's own filter would do next
            self.paints.append((begin, time.monotonic()))
            return True

    stamp = PaintStamp()
    viewport = view.viewport()
    viewport.installEventFilter(stamp)
    window.show()
    stamps["shown"] = time.monotonic()
    deadline = time.monotonic() + FIRST_PAINT_TIMEOUT_S
    while not stamp.paints and time.monotonic() < deadline:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
    if not stamp.paints:
        raise SystemExit("no paint within the timeout")
    stamps["paint_begin"], stamps["paint_end"] = stamp.paints[0]

    def settle(seconds: float) -> None:
        until = time.monotonic() + seconds
        while time.monotonic() < until:
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
            time.sleep(0.005)

    settle(0.3)  # resizes and layout after show

    if args.child == "floor":
        view_box = view.getPlotItem().getViewBox()
        view_box.setRange(xRange=(0, 100), yRange=(0, 10), padding=0)

        def pan(fraction: float) -> None:
            (x0, x1), _ = view_box.viewRange()
            shift = (x1 - x0) * fraction
            view_box.setXRange(x0 + shift, x1 + shift, padding=0)

        modes = {"pan": (lambda: None, PAN_24)}
    else:

        def pan(fraction: float) -> None:
            view.pan(fraction)

        def months_24() -> None:
            view.fit_all()
            view.show_span(24)
            x0, x1 = view.tech.x_range()
            view.business.view_box.setXRange(x0, x1, padding=0)

        modes = {"24mo": (months_24, PAN_24), "fit": (view.fit_all, PAN_FIT)}

    results: dict[str, dict] = {}
    for name, (prepare, step) in modes.items():
        prepare()
        settle(0.1)
        repaint_ms, pan_ms = [], []
        spent = 0.0
        frame = -1  # frame -1 is the warm-up
        while frame < args.frames:
            direction = 1 if (frame + 1) // BOUNCE % 2 == 0 else -1
            a = time.perf_counter()
            pan(step * direction)
            b = time.perf_counter()
            count = len(stamp.paints)
            viewport.repaint()
            c = time.perf_counter()
            if len(stamp.paints) == count:
                raise SystemExit("repaint() did not paint the viewport")
            if frame >= 0:
                pan_ms.append((b - a) * 1e3)
                repaint_ms.append((c - b) * 1e3)
                spent += c - a
            # Drain what the pan queued. Its paint would only repeat the frame just
            # painted (and double the run time at 50,000 items), so it is dropped.
            stamp.swallow = True
            app.processEvents()
            app.processEvents()
            stamp.swallow = False
            frame += 1
            if frame >= args.min_frames and spent > args.frame_seconds:
                break
        results[name] = {"repaint_ms": repaint_ms, "pan_ms": pan_ms}

    import resource

    import pyqtgraph
    import PySide6
    from PySide6.QtCore import qVersion

    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out = {
        "case": args.child, "t_start": t_start, "stamps": stamps, "modes": results, "rss_mb": rss_mb,
        "viewport": [viewport.width(), viewport.height()], "paints": len(stamp.paints),
        "versions": {"PySide6": PySide6.__version__, "Qt": qVersion(), "pyqtgraph": pyqtgraph.__version__},
        **info,
    }
    print("RESULT " + json.dumps(out), flush=True)
    window.close()
    os._exit(0)  # skip teardown: nothing left to measure


# --- the parent: files, runs, table ----------------------------------------------


def _run_child(case: str, args: argparse.Namespace, file: Path | None = None) -> dict:
    command = [sys.executable, "-m", "benchmarks.timeline", "--child", case,
               "--frames", str(args.frames_per_run), "--min-frames", str(args.min_frames),
               "--frame-seconds", str(args.frame_seconds)]
    if file is not None:
        command += ["--file", str(file)]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYQTGRAPH_QT_LIB": "PySide6"}
    t_start = time.monotonic()  # CLOCK_MONOTONIC is system-wide, so the child can subtract it
    proc = subprocess.run([*command, "--t-start", repr(t_start)], cwd=REPO, env=env, capture_output=True, text=True)
    lines = [l for l in proc.stdout.splitlines() if l.startswith("RESULT ")]
    if proc.returncode != 0 or not lines:
        raise SystemExit(f"{case} failed (exit {proc.returncode}):\n{proc.stdout[-2000:]}\n{proc.stderr[-4000:]}")
    return json.loads(lines[-1][len("RESULT "):])


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(0.95 * len(ordered)) - 1)]


def _machine(versions: dict) -> str:
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    py = sys.version.split()[0]
    return (f"machine: {cpus} cores (nproc) · Python {py} · PySide6 {versions['PySide6']} (Qt {versions['Qt']}) · "
            f"pyqtgraph {versions['pyqtgraph']} · QT_QPA_PLATFORM=offscreen · window {WINDOW[0]}x{WINDOW[1]}")


def _git_state() -> str:
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "ui", "planner"], cwd=REPO, capture_output=True, text=True).stdout.strip()
    except OSError:
        return "unknown"
    return f"{head}{' + uncommitted changes in ui/ or planner/' if dirty else ''}"


class Case:
    """Every run of one case, pooled."""

    def __init__(self, label: str, items: int | None) -> None:
        self.label, self.items = label, items
        self.runs: list[dict] = []

    def first_paint_ms(self) -> list[float]:
        return [(r["stamps"]["paint_end"] - r["t_start"]) * 1e3 for r in self.runs]

    def stage_ms(self, key: str, since: str | None = None) -> float | None:
        values = [(r["stamps"][key] - (r["stamps"][since] if since else r["t_start"])) * 1e3
                  for r in self.runs if key in r["stamps"] and (since is None or since in r["stamps"])]
        return statistics.median(values) if values else None

    def frames(self, mode: str, key: str = "repaint_ms") -> list[float]:
        return [v for r in self.runs for v in r["modes"].get(mode, {}).get(key, [])]

    def rss(self) -> float:
        return max(r["rss_mb"] for r in self.runs)

    @property
    def links(self) -> int | None:
        return self.runs[0].get("links") if self.runs else None


def _ratio(value: float | None, base: float | None) -> str:
    return "" if value is None or not base else f"{value / base:.2f}x"


def _print_tables(floor: Case, ours: list[Case], args: argparse.Namespace) -> None:
    floor_first = statistics.median(floor.first_paint_ms())
    floor_pan = statistics.median(floor.frames("pan"))
    floor_rss = floor.rss()

    print()
    print(f"{'case':<8} {'items':>7} {'links':>7} | {'first paint ms':>14} {'vs floor':>8} | "
          f"{'24-mo pan repaint ms':>22} {'vs floor':>8} | {'fit-all repaint ms':>22} {'vs floor':>8} | "
          f"{'peak RSS MB':>11} {'vs floor':>8}")
    print(f"{'':<8} {'':>7} {'':>7} | {'median':>14} {'':>8} | {'median / p95 (n)':>22} {'(median)':>8} | "
          f"{'median / p95 (n)':>22} {'(median)':>8} | {'':>11} {'':>8}")
    pan_all = floor.frames("pan")
    print(f"{'floor':<8} {'-':>7} {'-':>7} | {floor_first:>14.0f} {'1.00x':>8} | "
          f"{f'{floor_pan:.2f} / {_p95(pan_all):.2f} ({len(pan_all)})':>22} {'1.00x':>8} | {'(same pan)':>22} {'':>8} | "
          f"{floor_rss:>11.0f} {'1.00x':>8}")
    for case in ours:
        first = statistics.median(case.first_paint_ms())
        cells = []
        for mode in ("24mo", "fit"):
            frames = case.frames(mode)
            med = statistics.median(frames)
            fmt = ".2f" if med < 10 else ".1f" if med < 100 else ".0f"
            cells.append((f"{med:{fmt}} / {_p95(frames):{fmt}} ({len(frames)})", _ratio(med, floor_pan)))
        print(f"{'ours':<8} {case.items:>7,} {case.links:>7,} | {first:>14.0f} {_ratio(first, floor_first):>8} | "
              f"{cells[0][0]:>22} {cells[0][1]:>8} | {cells[1][0]:>22} {cells[1][1]:>8} | "
              f"{case.rss():>11.0f} {_ratio(case.rss(), floor_rss):>8}")

    print()
    print("where first paint goes (medians, ms from process start; deltas in brackets)")
    print(f"{'case':<14} {'imports':>8} {'window':>14} {'open+load':>14} {'set_document':>14} {'show':>12} "
          f"{'paint begins':>13} {'paint ends':>16} {'pan call 24-mo':>15}")
    for case in [floor, *ours]:
        label = "floor" if case is floor else f"ours {case.items:,}"
        imports = case.stage_ms("imports")
        window = case.stage_ms("window")
        opened = case.stage_ms("opened")
        view = case.stage_ms("view")
        shown = case.stage_ms("shown")
        begin = case.stage_ms("paint_begin")
        end = case.stage_ms("paint_end")

        def at(value, delta) -> str:
            if value is None:
                return "-"
            return f"{value:.0f} ({delta:+.0f})" if delta is not None else f"{value:.0f}"

        pan_calls = case.frames("24mo" if case is not floor else "pan", "pan_ms")
        pan_call = f"{statistics.median(pan_calls):.2f}" if pan_calls else "-"
        print(f"{label:<14} {imports:>8.0f} {at(window, case.stage_ms('window', 'imports')):>14} "
              f"{at(opened, case.stage_ms('opened', 'window')) if case is not floor else '-':>14} "
              f"{at(view, case.stage_ms('view', 'opened')) if case is not floor else '-':>14} "
              f"{at(shown, case.stage_ms('shown', 'view')):>12} {begin:>13.0f} "
              f"{at(end, case.stage_ms('paint_end', 'paint_begin')):>16} {pan_call:>15}")

    print()
    print("targets (issue 3)")
    by_size = {c.items: c for c in ours}
    rows = []
    if 5000 in by_size:
        ratio = statistics.median(by_size[5000].first_paint_ms()) / floor_first
        rows.append(("5,000 items: first paint vs floor", f"{ratio:.2f}x",
                     f"<= {FIRST_PAINT_VS_FLOOR_AT_5K}x (GNOME Planner {PEER_GNOME_PLANNER_VS_FLOOR}x)", ratio <= FIRST_PAINT_VS_FLOOR_AT_5K))
    if 10000 in by_size:
        c = by_size[10000]
        first_s = statistics.median(c.first_paint_ms()) / 1e3
        pan24 = statistics.median(c.frames("24mo"))
        panfit = statistics.median(c.frames("fit"))
        rows += [
            (f"10,000 items, {c.links:,} links: first paint", f"{first_s:.2f} s", f"<= {FIRST_PAINT_S_AT_10K} s", first_s <= FIRST_PAINT_S_AT_10K),
            ("10,000: pan repaint median, 24 months", f"{pan24:.1f} ms", f"<= {PAN_24_MS_AT_10K:.0f} ms", pan24 <= PAN_24_MS_AT_10K),
            ("10,000: pan repaint median, fit all", f"{panfit:.1f} ms", f"<= {PAN_FIT_MS_AT_10K:.0f} ms", panfit <= PAN_FIT_MS_AT_10K),
            ("10,000: peak memory", f"{c.rss():.0f} MB", f"<= {RSS_MB_AT_10K:.0f} MB", c.rss() <= RSS_MB_AT_10K),
        ]
    for label, measured, limit, ok in rows:
        print(f"  {label:<44} {measured:>10}  {limit:<34} {'PASS' if ok else 'MISS'}")
    if 50000 in by_size:
        c = by_size[50000]
        print(f"  50,000 items, {c.links:,} links (no target; state the figures): first paint "
              f"{statistics.median(c.first_paint_ms()) / 1e3:.2f} s, pan repaint median {statistics.median(c.frames('24mo')):.0f} ms "
              f"(24 months) / {statistics.median(c.frames('fit')):.0f} ms (fit all), peak {c.rss():.0f} MB")


def _compile_ours() -> None:
    """Write our modules' bytecode caches, as a user's first launch does.

    The floor's pyqtgraph was compiled when pip installed it; ours, run from the working tree, is
    compiled on import unless cached, and with PYTHONDONTWRITEBYTECODE set (as on the project's
    machines) every child would compile it again: about 120 ms of "first paint" no user pays twice.
    """
    import compileall

    for package in ("planner", "ui", "exports", "imports", "benchmarks"):
        compileall.compile_dir(REPO / package, quiet=1)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.timeline", description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,5000,10000,50000", help="item counts, comma-separated")
    parser.add_argument("--repeats", type=int, default=3, help="fresh processes per case (default 3)")
    parser.add_argument("--frames", type=int, default=60, help="repaint frames per mode, pooled over the repeats (default 60)")
    parser.add_argument("--min-frames", type=int, default=3, help="frames per mode and process even past the time budget")
    parser.add_argument("--frame-seconds", type=float, default=3.0, help="repaint time budget per mode and process")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--file", help=argparse.SUPPRESS)
    parser.add_argument("--t-start", type=float, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args)
        return
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    args.frames_per_run = max(args.min_frames, math.ceil(args.frames / max(args.repeats, 1)))

    from benchmarks import roadmap_gen

    _compile_ours()
    began = time.monotonic()
    floor = Case("floor", None)
    ours = [Case("ours", n) for n in sizes]
    with tempfile.TemporaryDirectory(prefix="timeline-bench-") as tmp:
        files = {}
        for n in sizes:
            files[n] = Path(tmp) / f"synthetic-{n}.roadmap"
            roadmap_gen.write(files[n], n)
        print(f"roadmaps written in {time.monotonic() - began:.1f} s; measuring {args.repeats} fresh process(es) per case",
              file=sys.stderr)
        for repeat in range(args.repeats):
            floor.runs.append(_run_child("floor", args))
            for case in ours:
                case.runs.append(_run_child("ours", args, files[case.items]))
            print(f"  repeat {repeat + 1}/{args.repeats} done at {time.monotonic() - began:.0f} s", file=sys.stderr)

    print(_machine(floor.runs[0]["versions"]))
    print(f"code: {_git_state()} · repeats {args.repeats} · up to {args.frames_per_run} frames per mode per process "
          f"(budget {args.frame_seconds:g} s, at least {args.min_frames}) · total {time.monotonic() - began:.0f} s")
    _print_tables(floor, ours, args)


if __name__ == "__main__":
    main()
