"""Command line: ``sqs-analysis extract``, ``render`` and ``dictionary``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

# Imported in the functions that use them: `sqs-analysis render batch` starts its kernels
# before anything loads pandas.


def extract(
    raw_dir: Path,
    out_dir: Path,
    progress: bool = True,
    workers: int | None = None,
    make_fragment: Path | None = None,
    reports_dir: Path = Path("reports"),
    cache: bool = True,
) -> int:
    """Parse every report in ``raw_dir`` and write each table; returns the process exit code.

    ``workers``: processes to parse in (``None``: one per core; small folders use one).
    ``make_fragment``: also write the make rules for the briefings there (``render makefile``).
    ``cache``: keep each parsed report in ``out_dir/.cache`` (:mod:`sqs_analysis.cache`), so
    that a rerun parses only the files that are new or changed.
    """
    from .corpus import extract as extract_tables
    from .ingest import find_reports
    from .outputs import write_table, write_text_atomic

    paths = find_reports(raw_dir)
    store = out_dir / ".cache" if cache else None
    run, tables = extract_tables(paths, progress=progress, workers=workers, cache=store)
    for name, frame in tables.items():
        write_table(frame, out_dir, name)
    if make_fragment is not None:
        from .batch import skip_slow_imports

        skip_slow_imports()
        from .render import make_fragment as fragment

        write_text_atomic(make_fragment, fragment(out_dir, raw_dir, reports_dir))
    for err in run.errors:
        print(f"error: {err}", file=sys.stderr)
    warnings = int((tables.quality["severity"] == "warning").sum())
    print(
        f"Parsed {len(run.reports)} of {len(paths)} report(s) from {raw_dir}: "
        f"{len(run.errors)} refused, {warnings} warning(s); tables written to {out_dir}"
    )
    return 1 if run.errors else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="sqs-analysis", description="Turn SQS inspection reports into tidy tables."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("extract", help="parse raw reports and write the tables (CSV + Parquet)")
    ex.add_argument("raw_dir", nargs="?", default="data/raw", type=Path)
    ex.add_argument("out_dir", nargs="?", default="data/processed", type=Path)
    ex.add_argument("--no-progress", action="store_true", help="hide the progress bar")
    ex.add_argument(
        "-j", "--jobs", type=int, default=None, help="processes to parse in (default: cores)"
    )
    ex.add_argument(
        "--no-cache",
        action="store_true",
        help="parse every file again (default: reuse reports parsed before, kept in OUT_DIR/.cache)",
    )
    ex.add_argument("--make-fragment", type=Path, default=None, help=argparse.SUPPRESS)
    ex.add_argument("--reports", type=Path, default=Path("reports"), help=argparse.SUPPRESS)
    rd = sub.add_parser(
        "render",
        help="execute notebooks and write HTML (see `sqs-analysis render --help`)",
        add_help=False,
    )
    rd.add_argument("render_args", nargs=argparse.REMAINDER)
    dd = sub.add_parser("dictionary", help="write the data dictionary (markdown)")
    dd.add_argument("out", nargs="?", default="docs/data-dictionary.md", type=Path)
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["render"]:
        from .batch import skip_slow_imports

        skip_slow_imports()
        if argv[1:2] == ["batch"]:  # starts its kernels before loading nbconvert
            from .batch import main as batch_main

            return batch_main(argv[2:])
        from . import render  # notebooks and nbconvert load only when rendering

        return render.main(argv[1:])
    args = parser.parse_args(argv)
    if args.command == "extract":
        try:
            return extract(
                args.raw_dir, args.out_dir, progress=not args.no_progress, workers=args.jobs,
                make_fragment=args.make_fragment, reports_dir=args.reports,
                cache=not args.no_cache,
            )  # fmt: skip
        except FileNotFoundError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
    from . import datadict
    from .outputs import write_text_atomic

    write_text_atomic(args.out, datadict.markdown())
    print(f"Data dictionary written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
