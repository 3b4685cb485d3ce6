"""Command line: ``sqs-analysis extract | workbook | publish | render | dictionary``."""

from __future__ import annotations

import argparse
import itertools
import logging
import sys
import traceback
from collections.abc import Callable
from pathlib import Path

from sqs_analysis import __version__
from sqs_analysis.config import WORKBOOK_NAME
from sqs_analysis.errors import OutputError, SqsError

# Imported in the functions that use them: `sqs-analysis render batch` starts its kernels
# before anything loads pandas.


#: Exit codes of ``sqs-analysis extract`` (and ``workbook``, ``publish``); each means one thing.
EXIT_OK, EXIT_REFUSED, EXIT_USAGE, EXIT_OUTPUT, EXIT_INTERNAL = 0, 1, 2, 3, 4


def extract(
    raw_dir: Path,
    out_dir: Path,
    progress: bool = True,
    workers: int | None = None,
    cache: bool = True,
    force: bool = False,
) -> int:
    """Parse every report in ``raw_dir`` and publish the tables as one set; returns the exit code.

    Exit codes: 0 every report parsed, 1 some files refused (the tables are written, the refused
    files are in ``quality``), 3 the tables could not be written (the previous ones stay).

    Nothing is done when the tables were extracted from the same inputs (by content) by the same
    code, unless ``force``. ``workers``: processes to parse in (``None``: one per core; small
    folders use one). ``cache``: keep each parsed report in ``out_dir/.cache``
    (:mod:`sqs_analysis.tables.cache`), so that a new run parses only the files that are new or
    changed.
    """
    from sqs_analysis.extract.ingest import fingerprint, scan_raw
    from sqs_analysis.tables import tableset
    from sqs_analysis.tables.cache import code_version

    paths, skipped = scan_raw(raw_dir)
    inputs = {p.name: fingerprint(p) for p in paths} | {s.path.name: "skipped" for s in skipped}
    done = None if force or not cache else tableset.up_to_date(out_dir, inputs, code_version())
    if done is not None:
        print(
            f"Tables in {out_dir} are up to date with the {len(paths)} file(s) in {raw_dir}"
            + (f" ({done.refused} refused, see quality.csv)" if done.refused else "")
        )
        return EXIT_REFUSED if done.refused else EXIT_OK
    table_files, extract_tables = _extract_imports()
    store = out_dir / ".cache" if cache else None
    run, tables = extract_tables(
        paths, progress=progress, workers=workers, cache=store, skipped=skipped
    )
    files = {
        name: data for table, frame in tables.items() for name, data in table_files(table, frame)
    }
    recorded = run.inputs | {s.path.name: "skipped" for s in skipped}
    try:
        tableset.publish(
            files, out_dir, code_version=code_version(), inputs=recorded, refused=run.refused
        )
    except OutputError as exc:
        print(f"error: {exc}; the previous tables are kept", file=sys.stderr)
        return EXIT_OUTPUT
    for err in run.errors:
        print(f"error: {err}", file=sys.stderr)
    for entry in skipped:
        print(f"{entry.severity}: {entry.path}: {entry.reason}", file=sys.stderr)
    warnings = int((tables.quality["severity"] == "warning").sum())
    print(
        f"Parsed {len(run.reports)} of {len(paths)} report(s) from {raw_dir}: "
        f"{run.refused} refused, {warnings} warning(s); tables written to {out_dir}"
    )
    return EXIT_REFUSED if run.refused else EXIT_OK


def build(raw_dir: Path, data_dir: Path, out_dir: Path, **publishing: object) -> int:
    """``make reports`` in one process: :func:`extract`, :func:`workbook`, :func:`publish`.

    One interpreter and one set of imports for the three steps, so that a build with nothing
    to do answers in tens of milliseconds. Files refused by extract do not stop the build (they
    are in ``quality``); any other failure of a step stops it with that step's exit code.
    ``publishing``: :func:`publish`'s ``notebooks``, ``jobs`` and ``stamp``; ``progress``.
    """
    progress = bool(publishing.pop("progress", True))
    code = extract(raw_dir, data_dir, progress=progress)
    if code not in (EXIT_OK, EXIT_REFUSED):
        return code
    code = workbook(data_dir)
    if code != EXIT_OK:
        return code
    return publish(data_dir, out_dir, dry_run=False, **publishing)  # type: ignore[arg-type]


def _extract_imports() -> tuple[Callable, Callable]:
    """What extracting needs (pandas and all), imported; then :func:`_quiet_gc`."""
    from sqs_analysis.tables.atomic import table_files
    from sqs_analysis.tables.pipeline import extract as extract_tables

    _quiet_gc()
    return table_files, extract_tables


def _quiet_gc() -> None:
    """Keep the garbage collector from walking, again and again, objects that stay.

    What the imports made (modules, classes, functions) lives until the process ends, yet each
    full collection would walk it all again: it is frozen, and so stays shared with the worker
    processes that fork from here instead of being copied when walked. Parsing makes many small
    objects that mostly stay (reports, rows), so the youngest generation is collected every
    10,000 allocations rather than 700: together about 0.5 s less of a 1,000-report extract.
    """
    import gc

    gc.collect()
    gc.freeze()
    gc.set_threshold(10_000, *gc.get_threshold()[1:])


def workbook(data_dir: Path, out: Path | None = None, force: bool = False) -> int:
    """Write the tables in ``data_dir`` as one Excel workbook, if it changed; returns the exit code.

    Exit codes: 0 the workbook is written or already shows these tables (by the manifest's
    generation), 2 the tables are not a complete set, 3 it could not be written (the previous
    workbook stays). ``out``: default beside the tables
    (:func:`~sqs_analysis.tables.workbook.default_path`); ``force``: write even if it is current.
    """
    from sqs_analysis.tables import workbook as book  # pandas and openpyxl load only here

    try:
        done = book.update(data_dir, out, force=force)
    except OutputError as exc:
        print(f"error: {exc}; the previous workbook is kept", file=sys.stderr)
        return EXIT_OUTPUT
    if done.written:
        print(f"Workbook of the tables in {data_dir} written to {done.path}")
    else:
        print(f"Workbook {done.path} is up to date with the tables in {data_dir}")
    return EXIT_OK


def publish(
    data_dir: Path,
    out_dir: Path,
    notebooks: Path | None,
    jobs: int | None,
    dry_run: bool,
    stamp: str | None = None,
) -> int:
    """Build the pages that are stale (:mod:`sqs_analysis.publish.pages`); returns the exit code.

    Exit codes: 0 every page current, 1 some pages failed (the others are written; the index names
    only those). ``stamp``: words every page shows in its title and in a banner at its top
    (``make demo``: :data:`sqs_analysis.config.DEMO_STAMP`).
    """
    import time

    from sqs_analysis.publish.startup import skip_slow_imports

    skip_slow_imports()
    from sqs_analysis.publish import pages

    started = time.perf_counter()
    if notebooks is None:
        from sqs_analysis.config import notebooks_dir

        notebooks = notebooks_dir()
    if dry_run:
        todo = pages.plan(data_dir, out_dir, notebooks, stamp)
        print("\n".join(todo.lines()) if not todo.empty else "Nothing to do")
        return EXIT_OK

    def report(outcome) -> None:
        if outcome.error:
            print(f"error: {outcome.job.name}: {outcome.error}", file=sys.stderr)
        else:
            print(
                f"Wrote {out_dir / (outcome.job.name + '.html')} in {outcome.seconds:.2f}s",
                flush=True,
            )

    todo, failed = pages.publish(
        data_dir, out_dir, notebooks, jobs=jobs, on_done=report, stamp=stamp
    )
    if todo.empty:
        print(f"Pages in {out_dir} are up to date")
        return EXIT_OK
    for iid in todo.remove:
        print(f"Removed the briefing of {iid} (no longer in the tables)")
    print(
        f"Built {len(todo.briefings) - sum(f != 'comparison' for f in failed)} briefing(s)"
        + (", the comparison" if todo.comparison else "")
        + f" and the index in {time.perf_counter() - started:.1f}s"
        + (f"; {len(failed)} failed: {', '.join(failed)}" if failed else "")
    )
    return EXIT_REFUSED if failed else EXIT_OK


def _extract_options(ex: argparse.ArgumentParser) -> None:
    ex.add_argument(
        "raw_dir", nargs="?", default="data/raw", type=Path,
        help="the reports (default: %(default)s)",
    )  # fmt: skip
    ex.add_argument(
        "out_dir", nargs="?", default="data/processed", type=Path,
        help="where the tables go (default: %(default)s)",
    )  # fmt: skip
    ex.add_argument("--no-progress", action="store_true", help="hide the progress bar")
    ex.add_argument(
        "-j", "--jobs", type=int, default=None, help="processes to parse in (default: cores)"
    )
    ex.add_argument(
        "--no-cache",
        action="store_true",
        help="parse every file again (default: reuse reports parsed before, kept in OUT_DIR/.cache)",
    )
    ex.add_argument(
        "--force", action="store_true", help="extract even if the inputs and code are unchanged"
    )


def _workbook_options(wb: argparse.ArgumentParser) -> None:
    wb.add_argument(
        "data_dir", nargs="?", default="data/processed", type=Path,
        help="the tables (default: %(default)s)",
    )  # fmt: skip
    wb.add_argument(
        "--out", type=Path, default=None,
        help=f"the workbook to write (default: DATA_DIR/{WORKBOOK_NAME})",
    )  # fmt: skip
    wb.add_argument(
        "--force", action="store_true", help="write it even if it shows the current tables"
    )


def _publish_options(pb: argparse.ArgumentParser) -> None:
    pb.add_argument(
        "--data-dir", type=Path, default=Path("data/processed"),
        help="the tables (default: %(default)s)",
    )  # fmt: skip
    pb.add_argument(
        "--out", type=Path, default=Path("reports"),
        help="where the pages go (default: %(default)s)",
    )  # fmt: skip
    pb.add_argument("--notebooks", type=Path, default=None, help="notebook templates")
    pb.add_argument("-j", "--jobs", type=int, default=None, help="kernels (default: cores)")
    pb.add_argument("--dry-run", action="store_true", help="print what is stale, build nothing")
    pb.add_argument(
        "--stamp", metavar="TEXT", default=None,
        help="put TEXT in every page's title and in a banner at its top (make demo stamps its "
        "pages as synthetic data)",
    )  # fmt: skip


def parser() -> argparse.ArgumentParser:
    """The whole command line: one parser, a sub-command each (``render`` has its own)."""
    top = argparse.ArgumentParser(
        prog="sqs-analysis", description="Turn SQS inspection reports into tidy tables."
    )
    top.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    top.add_argument(
        "-v", "--verbose", action="store_true",
        help="log what is done on the way: cache hits, the worker pool, kernel restarts",
    )  # fmt: skip
    sub = top.add_subparsers(dest="command", required=True)
    _extract_options(
        sub.add_parser("extract", help="parse raw reports and write the tables (CSV + Parquet)")
    )
    _workbook_options(
        sub.add_parser(
            "workbook", help="write the tables and the data dictionary as one Excel workbook"
        )
    )
    _publish_options(sub.add_parser("publish", help="build the pages that are stale"))
    bd = sub.add_parser("build", help="extract, workbook and publish in one process (make reports)")
    bd.add_argument(
        "raw_dir", nargs="?", default="data/raw", type=Path,
        help="the reports (default: %(default)s)",
    )  # fmt: skip
    bd.add_argument("--no-progress", action="store_true", help="no progress bar")
    _publish_options(bd)
    rd = sub.add_parser(
        "render",
        help="execute notebooks and write HTML (see `sqs-analysis render --help`)",
        add_help=False,
    )
    rd.add_argument("render_args", nargs=argparse.REMAINDER)
    dd = sub.add_parser("dictionary", help="write the data dictionary (markdown)")
    dd.add_argument(
        "out", nargs="?", default="docs/data-dictionary.md", type=Path,
        help="the markdown file to write (default: %(default)s)",
    )  # fmt: skip
    return top


def _render(render_args: list[str]) -> int:
    from sqs_analysis.publish import commands  # notebooks and kernels load only when rendering

    return commands.main(render_args)


def _log(verbose: bool) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )


def main(argv: list[str] | None = None) -> int:
    """Run one command; returns its exit code (see ``EXIT_*``)."""
    argv = sys.argv[1:] if argv is None else list(argv)
    flags = list(itertools.takewhile(lambda a: a in ("-v", "--verbose"), argv))
    if argv[len(flags) : len(flags) + 1] == ["render"]:
        _log(bool(flags))  # straight to its own parser: kernels start before pandas loads
        return _render(argv[len(flags) + 1 :])
    args = parser().parse_args(argv)
    _log(args.verbose)
    if args.command == "extract":
        return _guarded(
            lambda: extract(
                args.raw_dir,
                args.out_dir,
                progress=not args.no_progress,
                workers=args.jobs,
                cache=not args.no_cache,
                force=args.force,
            )
        )
    if args.command == "workbook":
        return _guarded(lambda: workbook(args.data_dir, args.out, args.force))
    if args.command == "build":
        if args.dry_run:
            return _guarded(lambda: publish(args.data_dir, args.out, args.notebooks, None, True))
        return _guarded(
            lambda: build(
                args.raw_dir,
                args.data_dir,
                args.out,
                notebooks=args.notebooks,
                jobs=args.jobs,
                stamp=args.stamp,
                progress=not args.no_progress,
            )
        )
    if args.command == "publish":
        return _guarded(
            lambda: publish(
                args.data_dir, args.out, args.notebooks, args.jobs, args.dry_run, args.stamp
            )
        )
    from sqs_analysis.tables import dictionary
    from sqs_analysis.tables.atomic import write_text_atomic

    write_text_atomic(args.out, dictionary.markdown())
    print(f"Data dictionary written to {args.out}")
    return 0


def _guarded(command: Callable[[], int]) -> int:
    """Run a command, turning what escapes it into an exit code that means one thing."""
    try:
        return command()
    except FileNotFoundError as exc:  # the raw or tables folder named on the command line
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except OutputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_OUTPUT
    except SqsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:  # writing an output: disk full, a read-only folder
        print(f"error: could not write an output: {exc}", file=sys.stderr)
        return EXIT_OUTPUT
    except Exception:  # a bug: say so, with the traceback to report
        traceback.print_exc()
        print(
            "internal error: this is a bug in sqs-analysis; nothing was published", file=sys.stderr
        )
        return EXIT_INTERNAL


if __name__ == "__main__":
    raise SystemExit(main())
