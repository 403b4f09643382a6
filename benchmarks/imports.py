"""Import time for a 2,000-task MS Project plan and a 2,000-row spreadsheet, beside their floors.

    python -m benchmarks.imports [--tasks 2000] [--repeats 5]

Generates both inputs in a temporary folder: an MSPDI file (20 summary tasks of
99 children, a milestone each, FS/SS links with lags) and an .xlsx with the
same shape (indented titles, start, end, predecessors). Each figure is the
median of the runs of `read_plan` + `new_roadmap` (the whole import short of
writing the file), measured beside a floor from the same run: a bare JVM
start with MPXJ on the class path in a child process (MPXJ path), and
calamine reading the sheet's cells (spreadsheet). Targets: MSPDI with Java
launch within 3 s, the spreadsheet within 1 s.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from imports import mpxj
from imports.mapping import Placement, new_roadmap
from imports.reading import ReadOptions, read_plan

START = date(2027, 1, 4)


def write_mspdi(path: Path, tasks: int) -> None:
    rows = ['<?xml version="1.0" encoding="UTF-8"?>', '<Project xmlns="http://schemas.microsoft.com/project">',
            "<Name>Bench</Name><MinutesPerDay>480</MinutesPerDay><Tasks>",
            "<Task><UID>0</UID><ID>0</ID><Name>Bench</Name><OutlineLevel>0</OutlineLevel><Summary>1</Summary>"
            f"<Start>{START}T08:00:00</Start><Finish>{START + timedelta(days=400)}T17:00:00</Finish></Task>"]
    for uid, (level, name, start, end, milestone, pred) in enumerate(_shape(tasks), start=1):
        link = ""
        if pred:
            kind, lag = (1, 4800) if uid % 3 else (3, -9600)
            link = f"<PredecessorLink><PredecessorUID>{pred}</PredecessorUID><Type>{kind}</Type><LinkLag>{lag}</LinkLag><LagFormat>7</LagFormat></PredecessorLink>"
        rows.append(
            f"<Task><UID>{uid}</UID><ID>{uid}</ID><Name>{name}</Name><OutlineLevel>{level}</OutlineLevel>"
            f"<Summary>{int(level == 1)}</Summary><Milestone>{int(milestone)}</Milestone>"
            f"<Start>{start}T08:00:00</Start><Finish>{end}T17:00:00</Finish>{link}</Task>"
        )
    rows.append("</Tasks></Project>")
    path.write_text("\n".join(rows), encoding="utf-8")


def write_xlsx(path: Path, tasks: int) -> None:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Plan")
    sheet.append(["ID", "Task", "Start", "End", "Predecessors", "Owner"])
    for n, (level, name, start, end, milestone, pred) in enumerate(_shape(tasks), start=1):
        sheet.append([n, "   " * (level - 1) + name, start, end, f"{pred}FS+1d" if pred else "", f"Owner {n % 7}"])
    book.save(path)


def _shape(tasks: int):
    """(outline level, name, start, end, milestone, predecessor uid) for `tasks` tasks."""
    out, uid = [], 0
    per_group = 100
    for g in range(max(1, tasks // per_group)):
        uid += 1
        group_uid = uid
        g_start = START + timedelta(days=7 * g)
        out.append((1, f"Workstream {g + 1}", g_start, g_start + timedelta(days=200), False, None))
        for k in range(per_group - 1):
            uid += 1
            s = g_start + timedelta(days=2 * k)
            milestone = k == per_group - 2
            pred = uid - 1 if k and uid - 1 != group_uid else None
            out.append((2, f"Task {g + 1}.{k + 1}", s, s if milestone else s + timedelta(days=3), milestone, pred))
    return out[:tasks]


def median_time(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def run_import(path: Path, engine: str) -> None:
    plan = read_plan(path, ReadOptions(START, engine=engine))
    new_roadmap(plan, Placement(), START)


def bare_jvm() -> None:
    code = "import jpype, mpxj; jpype.startJVM('-Xshare:auto', '-XX:TieredStopAtLevel=1')"
    subprocess.run([sys.executable, "-c", code], check=True)


def bare_calamine(path: Path) -> None:
    from python_calamine import CalamineWorkbook

    CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()


def main(argv: list[str] | None = None) -> None:
    args = argparse.ArgumentParser()
    args.add_argument("--tasks", type=int, default=2000)
    args.add_argument("--repeats", type=int, default=5)
    opts = args.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        xml, xlsx = Path(tmp) / "plan.xml", Path(tmp) / "plan.xlsx"
        write_mspdi(xml, opts.tasks)
        write_xlsx(xlsx, opts.tasks)
        rows = []
        if mpxj.available():
            floor = median_time(bare_jvm, opts.repeats)
            t = median_time(lambda: run_import(xml, "mpxj"), opts.repeats)
            rows.append(("MSPDI via MPXJ (child process, JVM start included)", t, "bare JVM + MPXJ class path", floor, 3.0))
        else:
            print(f"MPXJ path not measured: {mpxj.why_unavailable()}")
        floor = median_time(lambda: read_plan(xml, ReadOptions(START, engine="builtin")), opts.repeats)
        t = median_time(lambda: run_import(xml, "builtin"), opts.repeats)
        rows.append(("MSPDI, built-in reader", t, "built-in read alone", floor, 3.0))
        floor = median_time(lambda: bare_calamine(xlsx), opts.repeats)
        t = median_time(lambda: run_import(xlsx, "auto"), opts.repeats)
        rows.append((".xlsx spreadsheet", t, "calamine reading the cells", floor, 1.0))
    print(f"{opts.tasks:,} tasks, median of {opts.repeats}")
    print(f"{'import':<52} {'median s':>9} {'target s':>9}  {'floor':<30} {'floor s':>8} {'ratio':>6}")
    for name, t, floor_name, floor, target in rows:
        print(f"{name:<52} {t:>9.3f} {target:>9.1f}  {floor_name:<30} {floor:>8.3f} {t / floor:>6.1f}")


if __name__ == "__main__":
    main()
