"""Roadmap Planner's command line: open the app, or run a headless command."""

from __future__ import annotations

import argparse
import difflib
import errno
import os
import sys
from pathlib import Path

from planner import __version__, clock

PROG = "roadmap-planner"
COMMANDS = ("new", "export", "import", "check")
# Each export format's file name ending; text formats may also go to standard output as `-`.
EXTENSIONS = {"json": ".json", "xlsx": ".xlsx", "png": ".png", "svg": ".svg", "pdf": ".pdf"}
FORMAT_NAMES = {"json": "JSON", "xlsx": "an Excel workbook", "png": "a PNG picture", "svg": "an SVG drawing", "pdf": "a PDF document"}
TEXT_FORMATS = {"json"}
STDOUT = "-"
DEFAULT_SIZE = (1600, 1000)

EXAMPLES = f"""\
examples:
  {PROG}                              open the app on your default roadmap
  {PROG} plan.roadmap                 open the app on plan.roadmap
  {PROG} plan.roadmap --screenshot shot.png --size 1600x1000
  {PROG} new plan.roadmap --sample    create a roadmap from the sample
  {PROG} export plan.roadmap --json plan.json
  {PROG} export plan.roadmap --xlsx board-pack.xlsx
  {PROG} export plan.roadmap --png timeline.png --size 2000x1200
  {PROG} check plan.roadmap           alignment score and findings (exit 1 on errors)
  {PROG} import plan.json --to copy.roadmap

commands:
  new FILE [--sample] [--title TEXT]  create a roadmap file
  export FILE --json OUT              write the roadmap as JSON (OUT - for standard output)
  export FILE --xlsx OUT              write the Excel board pack (with the timeline picture)
  export FILE --png|--svg|--pdf OUT [--size WxH]
                                      write a picture of the dual timeline
  check FILE [--json]                 print the alignment score and findings;
                                      exit status 1 when any finding is an error
  import IN.json --to FILE            create a roadmap file from JSON

The default roadmap lives in your user data folder and starts as the sample.
"""


class UserError(Exception):
    """A mistake the user can fix: printed as one line, exit status 1."""


class UsageError(Exception):
    """A mistake in the command line itself: one line with a pointer to --help, exit status 2."""

    def __init__(self, message: str, prog: str = PROG):
        super().__init__(message)
        self.prog = prog


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
        for kind in ("png", "svg", "pdf"):
            fmt.add_argument(f"--{kind}", metavar="OUT", type=Path, help=f"write the dual timeline as {kind.upper()}")
        p.add_argument("--size", metavar="WxH", type=_size, help="picture size in pixels (default 1600x1000; PNG is drawn at 2x)")
    elif command == "check":
        p.add_argument("file", type=Path)
        p.add_argument("--json", action="store_true", help="print the report as JSON")
    elif command == "import":
        p.add_argument("json_file", type=Path, metavar="IN.json")
        p.add_argument("--to", metavar="FILE", type=Path, required=True, help="roadmap file to create")
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
    from planner.interchange import json_text
    from planner.store import opened

    kind = next(k for k in EXTENSIONS if getattr(args, k) is not None)
    out = getattr(args, kind)
    if args.size is not None and kind not in ("png", "svg", "pdf"):
        raise UsageError(f"--size applies to --png, --svg and --pdf, not --{kind}", f"{PROG} export")
    _check_target(out, kind)
    with opened(args.file, read_only=True) as store:
        roadmap = store.load()
    if kind == "xlsx":
        from exports.excel import export_board_pack
        from planner.alignment import analyse

        today = clock.today()
        report = analyse(roadmap, today)
        export_board_pack(
            roadmap, out, today=today, picture_png=_picture_or_none(roadmap),
            findings=report.findings, alignment_score=report.score,
        )
    elif kind == "json":
        write_text_output(out, json_text(roadmap))
    else:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from ui.picture import export_headless

        export_headless(roadmap, out, args.size or DEFAULT_SIZE)
    if str(out) != STDOUT:
        print(f"Wrote {out}")


def write_text_output(out: Path, text: str) -> None:
    """A text export to the file `out` (atomically), or to standard output when `out` is `-`."""
    if str(out) == STDOUT:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    from planner.atomic import write_text

    write_text(out, text)


def _picture_or_none(roadmap) -> bytes | None:
    """The timeline picture for the board pack; the workbook is complete without it."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        from ui.picture import png_bytes

        return png_bytes(roadmap)
    except Exception as e:  # no usable Qt here: say so and carry on
        print(f"{PROG}: note: the timeline picture was left out ({e})", file=sys.stderr)
        return None


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
    from planner.interchange import InterchangeError, read_json
    from planner.store import Store

    if not args.json_file.is_file():
        raise UserError(f"{args.json_file}: no such file")
    if args.to.exists():
        raise UserError(f"{args.to}: already exists; choose a new file name")
    try:
        roadmap = read_json(args.json_file)
    except InterchangeError as e:
        raise UserError(f"{args.json_file}: {e}") from e
    Store.create(args.to, roadmap).close()
    print(f"Imported {args.json_file} into {args.to} ({len(roadmap.items)} items)")


def _check_target(path: Path, kind: str, option: str | None = None) -> None:
    """Before any work: the name ends as the format does, and is a place a file can be written."""
    from planner.atomic import WriteError, resolve_target

    option = option or f"--{kind}"
    prog = f"{PROG} export" if option != "--screenshot" else PROG
    if str(path) == STDOUT:
        if kind in TEXT_FORMATS:
            return
        raise UsageError(f"{option} writes {FORMAT_NAMES[kind]}, which cannot go to standard output; give a file name ending in {EXTENSIONS[kind]}", prog)
    try:
        resolve_target(path)  # a folder, a device, a missing folder: one line naming the file
    except WriteError as e:
        if e.errno == errno.ESPIPE and kind in TEXT_FORMATS:
            raise UserError(f"{e}; give - to write to standard output") from e
        raise
    if path.suffix.lower() != EXTENSIONS[kind]:
        raise UsageError(f"{path}: {option} writes {FORMAT_NAMES[kind]}; give a file name ending in {EXTENSIONS[kind]}", prog)


def _roadmap_path(file: Path | None) -> Path:
    if file is not None:
        return file
    from planner.locations import ensure_default_roadmap

    return ensure_default_roadmap()


def _screenshot(file: Path | None, png: Path, size: tuple[int, int]) -> None:
    from planner.store import Store

    _check_target(png, "png", "--screenshot")
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
    close = difflib.get_close_matches(word, COMMANDS, n=1)
    hint = f" (did you mean {close[0]}?)" if close else ""
    return UsageError(f"unknown command {word!r}{hint}, and no file of that name; the commands are {', '.join(COMMANDS)}")


def run(argv: list[str]) -> int:
    from planner.interchange import InterchangeError
    from planner.store import StoreError
    from planner.validation import ValidationError

    try:
        if argv and argv[0] in COMMANDS:
            command = argv[0]
            args = _command_parser(command).parse_args(argv[1:])
            status = {"new": _cmd_new, "export": _cmd_export, "import": _cmd_import, "check": _cmd_check}[command](args)
            return status or 0
        if argv and (unknown := _unknown_command(argv[0])):
            raise unknown
        args = _open_parser().parse_args(argv)
        if args.size is not None and not args.screenshot:
            raise UsageError("--size applies only with --screenshot")
        if args.screenshot:
            _screenshot(args.file, args.screenshot, args.size or DEFAULT_SIZE)
            return 0
        path = _roadmap_path(args.file)
        from ui.app import run_app

        return run_app(path, [sys.argv[0]])
    except UsageError as e:
        print(f"{PROG}: error: {e} (see {e.prog} --help)", file=sys.stderr)
        return 2
    except (UserError, StoreError, InterchangeError, ValidationError, clock.ClockError) as e:
        print(f"{PROG}: error: {e}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # e.g. `check FILE | head`: the reader has all it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as e:
        where = f"{e.filename}: " if e.filename else ""
        print(f"{PROG}: error: {where}{e.strerror or e}", file=sys.stderr)
        return 1


def main() -> None:
    sys.exit(run(sys.argv[1:]))


if __name__ == "__main__":
    main()
