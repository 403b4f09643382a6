"""What the schema check costs when a roadmap opens, beside the same open without it.

    python -m benchmarks.open_check [--sizes 1000,10000] [--repeats 31]

For each size a synthetic roadmap (benchmarks/roadmap_gen.py) is written with
`Store.create`. Opens with and without the check alternate in one loop, so
both see the same machine; the baseline swaps planner.store_files.check_schema
for a no-op. The table gives medians of: a read-only open (what export and
check do), a writable open, and a writable open plus `load()` (what the app
does before its first paint). Below it, the parts alone: the check on our own
file (the fast path: one query and a tuple comparison); the one PRAGMA each
edit runs to see the schema has not changed since; the check of a schema
whose SQL differs only in whitespace (every statement tokenised); and the
one-off cost of building a version's expected schema in memory.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from benchmarks.roadmap_gen import generate
from planner import migrations, store_files, store_schema
from planner.store import Store


def _median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def _time(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def _open_figures(path: Path, repeats: int) -> dict[str, tuple[float, float]]:
    """{what: (median ms without the check, median ms with it)}."""
    real = store_files.check_schema
    runs = {
        "read-only open": lambda: Store.open(path, read_only=True).close(),
        "writable open": lambda: Store.open(path).close(),
        "writable open + load": lambda: _open_and_load(path),
    }
    samples = {k: ([], []) for k in runs}
    for n in range(repeats):
        for name, run in runs.items():
            for checked in (n % 2, 1 - n % 2):  # alternate which goes first
                store_files.check_schema = real if checked else (lambda conn, path: None)
                try:
                    samples[name][checked].append(_time(run))
                finally:
                    store_files.check_schema = real
    return {k: (_median_ms(a), _median_ms(b)) for k, (a, b) in samples.items()}


def _open_and_load(path: Path) -> None:
    with Store.open(path) as store:
        store.load()


def _check_alone(path: Path, repeats: int) -> list[tuple[str, float]]:
    with Store.open(path, read_only=True) as store:
        conn = store.conn
        fast = [_time(lambda: store_files.check_schema(conn, path)) for _ in range(repeats * 10)]
        found = store_schema.schema_of(conn)
        cookie = [_time(lambda: store_files.schema_cookie(conn)) for _ in range(repeats * 10)]
    spaced = tuple(replace(o, sql=o.sql.replace(" ", "  ")) if o.sql else o for o in found)
    assert store_schema.differences(spaced, migrations.LATEST) == []
    slow = [_time(lambda: store_schema.differences(spaced, migrations.LATEST)) for _ in range(repeats * 10)]
    build = []
    for _ in range(repeats):
        store_schema._built.cache_clear()
        build.append(_time(lambda: store_schema.expected_schema(migrations.LATEST)))
    return [
        ("check on our own file (schema query + comparison)", _median_ms(fast)),
        ("before each edit: is the schema as checked? (one PRAGMA)", _median_ms(cookie)),
        ("check on SQL differing only in whitespace (tokenised)", _median_ms(slow)),
        ("building the expected schema (once per version per process)", _median_ms(build)),
    ]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--repeats", type=int, default=31)
    args = parser.parse_args(argv)
    print(f"Python {sys.version.split()[0]}, SQLite {__import__('sqlite3').sqlite_version}; medians of {args.repeats} runs\n")
    print(f"{'items':>7}  {'open':<22}{'without check':>15}{'with check':>12}{'added':>10}{'ratio':>8}")
    with tempfile.TemporaryDirectory() as folder:
        last = None
        for size in (int(s) for s in args.sizes.split(",")):
            path = Path(folder) / f"r{size}.roadmap"
            Store.create(path, generate(size)).close()
            Store.open(path, read_only=True).close()  # warm the page cache and the expected schema
            for name, (without, with_) in _open_figures(path, args.repeats).items():
                print(f"{size:>7,}  {name:<22}{without:>12.2f} ms{with_:>9.2f} ms{with_ - without:>7.2f} ms{with_ / without:>7.2f}x")
            last = path
        print()
        for name, ms in _check_alone(last, args.repeats):
            print(f"  {name:<62}{ms * 1000:>8.0f} µs")


if __name__ == "__main__":
    main()
