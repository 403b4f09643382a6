"""Roadmap Planner's command line: open the app, or run a headless command."""

from __future__ import annotations

import argparse
import difflib
import os
import sys
from datetime import date, timezone
from pathlib import Path

from planner import __version__, clock

PROG = "roadmap-planner"
COMMANDS = ("new", "export", "import", "check", "repair")

EXAMPLES = f"""\
examples:
  {PROG}                              open the app on your default roadmap
  {PROG} plan.roadmap                 open the app on plan.roadmap
  {PROG} plan.roadmap --screenshot shot.png --size 1600x1000
  {PROG} new plan.roadmap --sample    create a roadmap from the sample
  {PROG} export plan.roadmap --json plan.json
  {PROG} export plan.roadmap --xlsx board-pack.xlsx
  {PROG} export plan.roadmap --pptx board-slides.pptx
  {PROG} export plan.roadmap --png timeline.png --size 2000x1200 --scale 2
  {PROG} export plan.roadmap --mspdi tech-plan.xml
  {PROG} export plan.roadmap --ics milestones.ics
  {PROG} check plan.roadmap           alignment score and findings (exit 1 on errors)
  {PROG} import plan.json --to copy.roadmap
  {PROG} import delivery.mpp --to delivery.roadmap --band tech
  {PROG} import plan.xlsx --to plan.roadmap --map "Task=title,Start=start" --dates dmy
  {PROG} repair sent.roadmap --to clean.roadmap
  {PROG} --install-desktop            add the app and the .roadmap file type to your desktop

commands:
  new FILE [--sample] [--title TEXT]  create a roadmap file
  export FILE --json OUT              write the roadmap as JSON (OUT - for standard output)
  export FILE --xlsx OUT              write the Excel board pack (with the timeline picture)
  export FILE --pptx OUT              write the board slides (16:9, native editable shapes)
  export FILE --png|--svg|--pdf OUT [--size WxH] [--scale S]
                                      write a picture of the dual timeline: a PNG of
                                      exactly WxH pixels, drawn S times sharper;
                                      a PDF on A4 landscape pages
  export FILE --mspdi OUT.xml [--band business|tech]
                                      write one band (default tech) as MS Project XML
  export FILE --ics OUT.ics           write every item as an all-day calendar event (- as for --json)
  check FILE [--json]                 print the alignment score and findings;
                                      exit status 1 when any finding is an error
  import IN.json --to FILE            create a roadmap file from JSON
  import IN --to FILE [--band business|tech] [--lane NAME] [--map "Col=role,..."]
         [--dates dmy|mdy] [--sheet NAME]
                                      create a roadmap from MS Project (.xml, .mpp), GanttProject
                                      (.gan), a spreadsheet (.xlsx, .xls, .ods), CSV/TSV or iCalendar
                                      (.ics); prints what was imported and what was not
  repair FILE --to CLEAN              copy the data of a roadmap refused for objects
                                      we did not write (triggers, views...) into a
                                      new clean file; FILE is only read

The default roadmap lives in your user data folder and starts as the sample.
"""


class UserError(Exception):
    """A mistake the user can fix: printed as one line, exit status 1."""


class UsageError(Exception):
    """A mistake in the command line itself: one line with a pointer to --help, exit status 2."""

    def __init__(self, message: str, prog: str = PROG):
        super().__init__(f"{message} (see {prog} --help)")


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage mistake is one line naming it instead of the whole usage text."""

    def error(self, message: str):
        raise UsageError(message, self.prog)


def _size(text: str) -> tuple[int, int]:
    try:
        w, h = (int(p) for p in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"size must look like 1600x1000, not {text!r}") from None
    if not (100 <= w <= 10000 and 100 <= h <= 10000):
        raise argparse.ArgumentTypeError("width and height must be 100-10000 pixels")
    return w, h


def _scale(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"scale must be a number such as 2, not {text!r}") from None
    if not 0.5 <= value <= 8:
        raise argparse.ArgumentTypeError("scale must be 0.5-8")
    return value


def _open_parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog=PROG,
        description="Plan business strategy and the technology work that enables it, on one dual timeline.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("file", nargs="?", type=Path, help="roadmap file to open (default: your default roadmap)")
    p.add_argument("--screenshot", metavar="PNG", type=Path, help="render the main window offscreen to PNG and exit")
    p.add_argument("--size", metavar="WxH", type=_size, help="window size for --screenshot (default 1600x1000)")
    desktop = p.add_mutually_exclusive_group()
    desktop.add_argument("--install-desktop", action="store_true",
                         help="add the app, its icon and the .roadmap file type to your Linux desktop menu (per user) and exit")
    desktop.add_argument("--uninstall-desktop", action="store_true", help="remove what --install-desktop added and exit")
    p.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return p


def _command_parser(command: str) -> argparse.ArgumentParser:
    p = _Parser(prog=f"{PROG} {command}")
    if command == "new":
        p.add_argument("file", type=Path)
        p.add_argument("--sample", action="store_true", help="fill it with the sample roadmap")
        p.add_argument("--title", default=None, help="roadmap title (default: the file name)")
    elif command == "export":
        p.add_argument("file", type=Path)
        fmt = p.add_mutually_exclusive_group(required=True)
        fmt.add_argument("--json", metavar="OUT", type=Path, help="write the roadmap as JSON (- for standard output)")
        fmt.add_argument("--xlsx", metavar="OUT", type=Path, help="write the Excel board pack (a workbook to print)")
        fmt.add_argument("--pptx", metavar="OUT", type=Path, help="write the board slides (a PowerPoint deck)")
        for kind in ("png", "svg", "pdf"):
            fmt.add_argument(f"--{kind}", metavar="OUT", type=Path, help=f"write the dual timeline as {kind.upper()}")
        fmt.add_argument("--mspdi", metavar="OUT.xml", type=Path, help="write one band as MS Project XML (MSPDI)")
        fmt.add_argument("--ics", metavar="OUT.ics", type=Path, help="write every item as an all-day iCalendar event")
        p.add_argument("--size", metavar="WxH", type=_size,
                       help="picture size in pixels (default 1600x1000): a PNG is exactly this size (an SVG's drawing size)")
        p.add_argument("--scale", metavar="S", type=_scale,
                       help="PNG sharpness for print: the timeline drawn S times larger, text and lines "
                            "included, in the same pixels (default 1)")
        p.add_argument("--band", choices=("business", "tech"), help="the band --mspdi writes (default: tech)")
    elif command == "check":
        p.add_argument("file", type=Path)
        p.add_argument("--json", action="store_true", help="print the report as JSON")
    elif command == "import":
        p.add_argument("source", type=Path, metavar="IN", help="our JSON, or another tool's plan file")
        p.add_argument("--to", metavar="FILE", type=Path, required=True, help="roadmap file to create")
        p.add_argument("--band", choices=("business", "tech"), help="band for the imported items (default tech)")
        p.add_argument("--lane", metavar="NAME", help="put every item in this lane (default: one lane per top-level group)")
        p.add_argument("--map", metavar="COL=ROLE,...", default="", help="spreadsheet columns: e.g. \"Task=title,Start=start,Notes=ignore\"")
        p.add_argument("--dates", choices=("dmy", "mdy"), help="read 03/04/2025-like dates day-first or month-first")
        p.add_argument("--sheet", metavar="NAME", help="the workbook sheet to import (default: the active one)")
    elif command == "repair":
        p.add_argument("file", type=Path, help="the roadmap to copy from (only read)")
        p.add_argument("--to", metavar="CLEAN", type=Path, required=True, help="new roadmap file to create")
    return p


def _cmd_new(args: argparse.Namespace) -> None:
    from planner.interchange import load_sample
    from planner.store import Store
    from planner.templates import empty_roadmap

    roadmap = load_sample() if args.sample else empty_roadmap(args.title or args.file.stem, clock.today())
    if args.sample and args.title:
        import dataclasses

        roadmap = dataclasses.replace(roadmap, info=dataclasses.replace(roadmap.info, title=args.title))
    Store.create(args.file, roadmap).close()
    print(f"Created {args.file}")


def _cmd_export(args: argparse.Namespace) -> None:
    from exports.formats import APPLIES, FORMATS
    from planner.store import opened

    kind = next(k for k in FORMATS if getattr(args, k) is not None)
    out = getattr(args, kind)
    for option, kinds in APPLIES.items():
        if getattr(args, option) is not None and kind not in kinds:
            raise UsageError(f"--{option} applies to {', '.join('--' + k for k in kinds)}, not --{kind}", f"{PROG} export")
    _check_output(out, kind)
    with opened(args.file, read_only=True) as store:
        roadmap = store.load()
    said = f"Wrote {out}"
    if kind in ("mspdi", "ics"):
        said = _export_plan(roadmap, kind, out, args)
    elif kind == "xlsx":
        from exports.excel import export_board_pack

        today = clock.today()  # the exporter analyses the roadmap's alignment as of today itself
        export_board_pack(roadmap, out, today=today, timeline=_timeline_or_none(roadmap, today))
    elif kind == "pptx":
        from exports.slides import export_slides

        said += f" ({export_slides(roadmap, out, today=clock.today(), source=args.file.name)} slides)"
    elif kind == "json":
        from planner.atomic import write_output
        from planner.interchange import json_text

        write_output(out, json_text(roadmap))
    else:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from ui.output.picture import export_headless

        export_headless(roadmap, out, args.size or (1600, 1000), args.scale or 1.0)
    if str(out) != "-":  # standard output holds the export itself
        print(said)


def _export_plan(roadmap, kind: str, out: Path, args: argparse.Namespace) -> str:
    """MS Project XML of one band, or iCalendar of every item; returns what to tell the user."""
    if kind == "mspdi":
        from exports.mspdi import export_mspdi
        from planner.model import Band

        plan = export_mspdi(roadmap, out, Band(args.band or "tech"))
        links = sum(len(t.predecessors) for t in plan.tasks)
        other = "business" if plan.band == Band.TECH else "tech"
        note = f"; {_count(plan.left_out, 'dependency', 'dependencies')} to the {other} band left out" if plan.left_out else ""
        return f"Wrote {out} ({_count(len(plan.tasks), 'task', 'tasks')}, {_count(links, 'dependency', 'dependencies')}{note})"
    from exports.ics import export_ics

    events = export_ics(roadmap, out, clock.utc_now().replace(tzinfo=timezone.utc))
    return f"Wrote {out} ({_count(events, 'event', 'events')})"


def _count(n: int, one: str, many: str) -> str:
    return f"{n:,} {one if n == 1 else many}"


def _timeline_or_none(roadmap, today: date):
    """What draws the board pack's timeline pages; the workbook is complete without it."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        from ui.output.page_picture import timeline_renderer
        from ui.qt_app import application

        application()
    except Exception as e:  # no usable Qt here: say so and carry on
        print(f"{PROG}: note: the timeline pictures were left out ({e})", file=sys.stderr)
        return None
    return timeline_renderer(roadmap, today)


def _cmd_check(args: argparse.Namespace) -> int:
    import json

    from planner.alignment import analyse, format_report, report_to_json
    from planner.store import opened

    with opened(args.file, read_only=True) as store:
        roadmap = store.load()
    report = analyse(roadmap, clock.today())
    print(json.dumps(report_to_json(report), indent=2, ensure_ascii=False) if args.json else format_report(report, roadmap))
    return 1 if report.has_errors else 0


def _cmd_import(args: argparse.Namespace) -> None:
    from planner.store import Store

    if not args.source.is_file():
        raise UserError(f"{args.source}: no such file")
    if args.to.exists():
        raise UserError(f"{args.to}: already exists; choose a new file name")
    from planner.atomic import resolve_target

    resolve_target(args.to)
    if args.source.suffix.lower() == ".json":
        from planner.interchange import InterchangeError, read_json

        for option in ("band", "lane", "map", "dates", "sheet"):
            if getattr(args, option):
                raise UsageError(f"--{option} applies to other tools' files, not to our JSON", f"{PROG} import")

        try:
            roadmap = read_json(args.source)
        except InterchangeError as e:
            raise UserError(f"{args.source}: {e}") from e
        Store.create(args.to, roadmap).close()
        print(f"Imported {args.source} into {args.to} ({len(roadmap.items)} items)")
        return
    from imports.columns import parse_map
    from imports.mapping import Placement, new_roadmap, preview
    from imports.plan import ImportFileError
    from imports.reading import ReadOptions, read_plan
    from planner.model import Band
    from planner.templates import empty_roadmap

    try:
        overrides = parse_map(args.map) if args.map else {}
    except ValueError as e:
        raise UserError(str(e)) from None
    today = clock.today()
    options = ReadOptions(undated_start=date(today.year, today.month, 1), overrides=overrides, dates=args.dates, sheet=args.sheet)
    placement = Placement(Band(args.band or "tech"), args.lane)
    try:
        plan = read_plan(args.source, options)
        if not plan.tasks:
            raise UserError(f"{args.source}: no tasks to import")
        roadmap = new_roadmap(plan, placement, today)
    except ImportFileError as e:
        raise UserError(str(e)) from None
    print(preview(plan, empty_roadmap(roadmap.info.title, today), placement))
    Store.create(args.to, roadmap).close()
    print(f"Imported {args.source} into {args.to} ({len(plan.tasks)} items, {len(roadmap.links)} links)")


def _cmd_repair(args: argparse.Namespace) -> None:
    from planner.store_repair import repair

    repaired = repair(args.file, args.to)
    counts = f"{len(repaired.roadmap.items)} items, {len(repaired.roadmap.links)} links"
    print(f"Copied the data of {args.file} into {args.to} ({counts}); {args.file} was not changed")
    for problem in repaired.left_behind:
        print(f"  not copied: the original {problem}")


def _check_output(path: Path, kind: str, option: str | None = None) -> None:
    """Before any work: a place a file can go, named as its format is (or `-` for a text format)."""
    from exports.formats import output_mistake
    from planner.atomic import resolve_target

    option = option or f"--{kind}"
    if str(path) != "-":
        resolve_target(path)  # a folder, a device, a stream, a missing folder: one line naming the file
    if mistake := output_mistake(str(path), kind, option):
        raise UsageError(mistake, PROG if option == "--screenshot" else f"{PROG} export")


def _roadmap_path(file: Path | None) -> Path:
    if file is not None:
        return file
    from planner.locations import ensure_default_roadmap

    return ensure_default_roadmap()


def _screenshot(file: Path | None, png: Path, size: tuple[int, int]) -> None:
    from planner.store import Store

    _check_output(png, "png", "--screenshot")
    path = _roadmap_path(file)
    Store.open(path, read_only=True).close()  # a bad file is a one-line error, before Qt starts
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from ui.app import save_screenshot

    save_screenshot(path, png, size)
    print(f"Wrote {png} ({size[0]}x{size[1]})")


def _unknown_command(word: str) -> UsageError | None:
    """`roadmap-planner frobnicate ...`: a first word that is neither a command nor a file name."""
    if word.startswith("-") or word in COMMANDS or Path(word).exists() or Path(word).suffix or os.sep in word:
        return None
    hint = "".join(f" (did you mean {close}?)" for close in difflib.get_close_matches(word, COMMANDS, n=1))
    return UsageError(f"unknown command {word!r}{hint}, and no file of that name; the commands are {', '.join(COMMANDS)}")


def _desktop_integration(install: bool) -> None:
    if not sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        raise UserError("--install-desktop is for Linux desktops; on Windows and macOS use the bundle (packaging/README.md)")
    from desktop import xdg

    try:
        if install:
            command = xdg.launcher_command(sys.argv[0], sys.executable, getattr(sys, "frozen", False))
            outcome = xdg.install(command)
        else:
            outcome = xdg.uninstall()
    except xdg.DesktopError as e:
        raise UserError(str(e)) from e
    verb = "Installed" if install else "Removed"
    for path in outcome.files:
        print(f"{verb} {path}")
    for tool in outcome.tools_run:
        print(f"Ran {tool}")
    for note in outcome.notes:
        print(f"{PROG}: note: {note}", file=sys.stderr)


def run(argv: list[str]) -> int:
    from planner.interchange import InterchangeError
    from planner.store import ForeignSchemaError, StoreError
    from planner.validation import ValidationError

    if argv[:1] == ["--mpxj-child"]:  # imports.mpxj.CHILD_FLAG: a bundle reading a project file in a child
        from imports.mpxj_child import main as mpxj_child

        return mpxj_child(argv[1:])
    try:
        if argv and argv[0] in COMMANDS:
            command = argv[0]
            args = _command_parser(command).parse_args(argv[1:])
            commands = {"new": _cmd_new, "export": _cmd_export, "import": _cmd_import, "check": _cmd_check, "repair": _cmd_repair}
            status = commands[command](args)
            return status or 0
        if argv and (unknown := _unknown_command(argv[0])):
            raise unknown
        args = _open_parser().parse_args(argv)
        if args.size is not None and not args.screenshot:
            raise UsageError("--size applies only with --screenshot")
        if args.install_desktop or args.uninstall_desktop:
            _desktop_integration(install=args.install_desktop)
            return 0
        if args.screenshot:
            _screenshot(args.file, args.screenshot, args.size or (1600, 1000))
            return 0
        path = _roadmap_path(args.file)
        from ui.app import run_app

        return run_app(path, [sys.argv[0]])
    except UsageError as e:
        print(f"{PROG}: error: {e}", file=sys.stderr)
        return 2
    except ForeignSchemaError as e:
        print(f"{PROG}: error: {e}. To copy its data into a clean file: {_repair_hint(e.path)}", file=sys.stderr)
        return 1
    except (UserError, StoreError, InterchangeError, ValidationError) as e:
        print(f"{PROG}: error: {e}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # e.g. `check FILE | head`: the reader has all it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as e:
        where = f"{e.filename}: " if e.filename else ""
        print(f"{PROG}: error: {where}{e.strerror or e}", file=sys.stderr)
        return 1


def _repair_hint(path: Path) -> str:
    import shlex

    from planner.store_repair import clean_copy_name

    return f"{PROG} repair {shlex.quote(str(path))} --to {shlex.quote(str(clean_copy_name(path)))}"


def main() -> None:
    sys.exit(run(sys.argv[1:]))


if __name__ == "__main__":
    main()
