"""The standalone bundle's start beside the virtual environment's, measured in the same run.

    python -m benchmarks.bundle_start [--bundle dist/roadmap-planner] [--repeats 7]

Build the bundle first (`python packaging/build.py`). Each case is a whole
process timed from outside, start to exit, the two programs interleaved
repeat by repeat so drift on a noisy machine hits both alike:

- `--version`: interpreter start and the command line, no Qt;
- `FILE --screenshot PNG`: Qt starts offscreen, the sample roadmap is opened,
  the main window is painted and written to a PNG (1600x1000).

Both run with the same bare environment (PATH=/usr/bin:/bin, private HOME).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def timed(command: list[str], env: dict[str, str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, cwd=cwd, check=True, capture_output=True, timeout=120)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, default=REPO / "dist" / "roadmap-planner")
    parser.add_argument("--venv", type=Path, default=REPO / ".venv")
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args(argv)
    programs = {"bundle": args.bundle / "roadmap-planner", "venv": args.venv / "bin" / "roadmap-planner"}
    for name, exe in programs.items():
        if not exe.is_file():
            print(f"bundle_start: no {name} at {exe} (build it: python packaging/build.py)", file=sys.stderr)
            return 1
    with tempfile.TemporaryDirectory(prefix="bundle-start-") as scratch:
        work = Path(scratch)
        env = {"PATH": "/usr/bin:/bin", "HOME": str(work), "XDG_DATA_HOME": str(work / "share"),
               "XDG_CONFIG_HOME": str(work / "config"), "QT_QPA_PLATFORM": "offscreen", "LANG": "C.UTF-8"}
        subprocess.run([str(programs["venv"]), "new", "plan.roadmap", "--sample"], env=env, cwd=work, check=True, capture_output=True)
        cases = {"--version": ["--version"], "FILE --screenshot": ["plan.roadmap", "--screenshot", "shot.png"]}
        times: dict[tuple[str, str], list[float]] = {}
        for _ in range(args.repeats + 1):  # the first round warms the disk cache and is dropped
            for case, case_args in cases.items():
                for name, exe in programs.items():
                    times.setdefault((case, name), []).append(timed([str(exe), *case_args], env, work))
    print(f"{'case':<20} {'bundle s':>9} {'venv s':>9} {'bundle/venv':>12}   (medians of {args.repeats})")
    for case in cases:
        bundle = statistics.median(times[(case, "bundle")][1:])
        venv = statistics.median(times[(case, "venv")][1:])
        print(f"{case:<20} {bundle:>9.2f} {venv:>9.2f} {bundle / venv:>11.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
