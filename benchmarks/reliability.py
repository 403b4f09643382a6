"""Reliability figures: crash trials, edit sequences, bad files and bad input, with how each was answered.

    python -m benchmarks.reliability [--trials 60] [--sequences 60]

Runs the same harnesses as tests/reliability (which assert on them):
- kill trials: a writer editing the sample roadmap through the GUI's edit
  path is SIGKILLed at seeded points (start-up, or inside step k+1, never
  after a delay); after each kill the file must open,
  pass integrity_check, hold every acknowledged step and no half step;
- edit sequences: Hypothesis sequences of edits, undos and redos with the
  file compared to the model after every step and restored exactly at the end;
- bad files: each through `Store.open` and `main.py export FILE --json OUT`,
  with the file's hash before and after;
- bad inputs: edits and JSON imports with hostile values, refused or kept.
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "reliability"))
sys.path.insert(0, str(ROOT / "tests"))  # the foreign-schema cases the bad files borrow

from reliability_cases import BAD_FILES, BAD_INPUTS, BAD_JSON, restore_permissions  # noqa: E402
from reliability_crash import run_trials, summary  # noqa: E402

from planner.interchange import InterchangeError, load_sample, roadmap_from_json, roadmap_to_json  # noqa: E402
from planner.store import Store, StoreError  # noqa: E402
from planner.validation import ValidationError  # noqa: E402


def _rows(title: str, rows: list[tuple[str, str]]) -> None:
    width = max(len(k) for k, _ in rows)
    print(f"\n{title}")
    print(f"  {'':-<{width}}  {'':-<60}")
    for key, value in rows:
        print(f"  {key:<{width}}  {value}")


def crash_figures(trials: int) -> None:
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        results = run_trials(Path(folder), trials)
    figures = summary(results)
    failures = figures.pop("failures")
    rows = [(k, str(v)) for k, v in figures.items()]
    rows.append(("failures", "; ".join(failures) or "none"))
    rows.append(("time", f"{time.perf_counter() - started:.1f} s"))
    _rows("Kill trials (SIGKILL at seeded steps of the writer, file checked after each)", rows)


def sequence_figures(examples: int) -> None:
    from test_edit_sequences import run_sequences

    started = time.perf_counter()
    figures = run_sequences(max_examples=examples)
    rows = [(k, f"{v:,}") for k, v in figures.items()]
    rows.append(("outcome", "file == model after every step; undo-all == original dump (all passed)"))
    rows.append(("time", f"{time.perf_counter() - started:.1f} s"))
    _rows("Edit / undo / redo sequences (Hypothesis)", rows)


def _digest(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None


def bad_file_figures() -> None:
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        good_path = folder / "good.roadmap"
        Store.create(good_path, load_sample()).close()
        good = good_path.read_bytes()
        for n, case in enumerate(BAD_FILES):
            where = folder / f"case{n}"
            where.mkdir()
            path = where / "plan.roadmap"
            case.make(path, good)
            before = _digest(path)
            try:
                try:
                    with Store.open(path) as store:
                        store_answer = "opens read-only" if store.read_only else "opens for writing"
                except StoreError as e:
                    store_answer = f"{type(e).__name__}: {e.reason}"
                env = {**os.environ, "XDG_DATA_HOME": str(folder / "xdg"), "QT_QPA_PLATFORM": "offscreen"}
                result = subprocess.run(
                    [sys.executable, str(ROOT / "main.py"), "export", str(path), "--json", str(folder / f"out{n}.json")],
                    capture_output=True, text=True, env=env, timeout=60,
                )
                cli = f"exit {result.returncode}"
                if result.returncode:
                    cli += f", {len(result.stderr.splitlines())} line"
                unchanged = _digest(path) == before
            finally:
                restore_permissions(path)
            rows.append((case.name, f"{store_answer[:110]} | CLI {cli} | bytes {'unchanged' if unchanged else 'CHANGED'}"))
    _rows(f"Bad files ({len(BAD_FILES)} tried): Store.open | main.py export --json | hash before/after", rows)


def bad_input_figures() -> None:
    sample = load_sample()
    rows = []
    refused = kept = 0
    for case in BAD_INPUTS:
        try:
            case.build(sample).changes(sample)
            answer, kept = "kept exactly (store and JSON)", kept + 1
        except ValidationError as e:
            answer, refused = f"refused: {e.message}", refused + 1
        rows.append((case.name, answer[:100]))
    data = roadmap_to_json(sample)
    json_refused = 0
    for name, spoil, _ in BAD_JSON:
        spoiled = copy.deepcopy(data)
        spoil(spoiled)
        try:
            roadmap_from_json(spoiled)
            answer = "ACCEPTED"
        except InterchangeError as e:
            answer, json_refused = f"refused: {e}", json_refused + 1
        rows.append((f"JSON: {name}", answer[:100]))
    rows.append(("total", f"{len(BAD_INPUTS)} edits ({refused} refused, {kept} kept); {len(BAD_JSON)} JSON imports ({json_refused} refused)"))
    _rows("Bad input (edits through validation, JSON imports)", rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=60, help="SIGKILL trials (default 60)")
    parser.add_argument("--sequences", type=int, default=60, help="Hypothesis edit sequences (default 60)")
    args = parser.parse_args()
    crash_figures(args.trials)
    sequence_figures(args.sequences)
    bad_file_figures()
    bad_input_figures()


if __name__ == "__main__":
    main()
