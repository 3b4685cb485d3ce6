"""``sqs-analysis render``: render pages by hand, one at a time or as a batch on reused kernels.

Command line (also ``python -m sqs_analysis.publish.commands``)::

    briefing INSPECTION_ID --data-dir data/processed --out reports
    comparison [--ids A B ...] --data-dir data/processed --out reports
    index --data-dir data/processed --out reports
    ids --data-dir data/processed          # one inspection id a line
    batch [ID ...] [--comparison] [--index] [--jobs N] ...   # see sqs_analysis.publish.kernels

Why this module exists: it is the one place these commands are parsed and dispatched (``batch``
included); the modules it calls print nothing.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from sqs_analysis.errors import NotebookFailed
from sqs_analysis.publish.kernels import Outcome, render_batch
from sqs_analysis.publish.offline import ExternalResourceError
from sqs_analysis.publish.startup import skip_slow_imports


def _common(p: argparse.ArgumentParser, out: bool = True, progress: bool = True) -> None:
    p.add_argument("--data-dir", type=Path, default=Path("data/processed"))
    if out:
        p.add_argument("--out", type=Path, default=Path("reports"))
        p.add_argument("--notebooks", type=Path, default=None, help="notebook templates")
        p.add_argument("--stamp", metavar="TEXT", default=None, help="TEXT in title and banner")
    if out and progress:
        p.add_argument("--no-progress", action="store_true", help="hide papermill's bar")


def _parser() -> tuple[argparse.ArgumentParser, argparse.ArgumentParser]:
    """The ``render`` parser, and its ``batch`` parser (which takes ids among its options)."""
    parser = argparse.ArgumentParser(
        prog="sqs-analysis render",
        description="Execute the SQS notebooks and publish self-contained HTML briefings.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("briefing", help="one inspection's briefing")
    b.add_argument("inspection_id")
    c = sub.add_parser("comparison", help="the comparison across inspections")
    c.add_argument("--ids", nargs="*", default=None, help="inspection ids (default: all)")
    _common(b)
    _common(c)
    _common(sub.add_parser("index", help="reports/index.html linking every briefing"))
    _common(sub.add_parser("ids", help="print the extracted inspection ids, one a line"), False)
    batch = sub.add_parser(
        "batch",
        help="many notebooks on reused kernels, in one process",
        description="Render briefings (and the comparison and index) with reused kernels.",
    )
    batch.add_argument("inspection_ids", nargs="*", help="briefings to render")
    batch.add_argument("--comparison", action="store_true", help="render the comparison too")
    batch.add_argument("--index", action="store_true", help="write index.html too")
    _common(batch, progress=False)
    batch.add_argument(
        "-j", "--jobs", type=int, default=None, help="kernels to run at once (default: cores)"
    )
    return parser, batch


def _one_page(args: argparse.Namespace) -> int:
    """``briefing``, ``comparison``, ``index`` or ``ids``."""
    # Deferred for start-up speed: nbformat loads after skip_slow_imports, and `batch` starts its
    # kernels before pandas and nbconvert load.
    from sqs_analysis.publish import index, render

    if args.command == "index":
        print(f"Wrote {index.build_index(args.data_dir, args.out, stamp=args.stamp)}")
        return 0
    if args.command == "ids":
        print("\n".join(index.inspection_ids(args.data_dir)))
        return 0
    if args.command == "briefing":
        done = render.render_briefing(
            args.inspection_id, args.data_dir, args.out, args.notebooks,
            progress=not args.no_progress, stamp=args.stamp,
        )  # fmt: skip
    else:
        done = render.render_comparison(
            args.data_dir, args.out, args.ids, args.notebooks,
            progress=not args.no_progress, stamp=args.stamp,
        )  # fmt: skip
    print(f"Wrote {done.html} (executed notebook {done.notebook}) in {done.seconds:.1f}s")
    return 0


def _batch(args: argparse.Namespace) -> int:
    """``batch``: every page named, on reused kernels; 1 when any failed."""
    started = time.perf_counter()

    def report(outcome: Outcome) -> None:
        what = outcome.job.name
        if outcome.error:
            print(f"error: {what}: {outcome.error}", file=sys.stderr)
        else:
            print(f"Wrote {args.out / (what + '.html')} in {outcome.seconds:.2f}s", flush=True)

    outcomes = render_batch(
        args.inspection_ids, args.data_dir, args.out, comparison=args.comparison,
        index=args.index, notebooks_dir=args.notebooks, jobs=args.jobs, on_done=report,
        stamp=args.stamp,
    )  # fmt: skip
    failed = [o for o in outcomes if o.error]
    if args.index:
        print(f"Wrote {args.out / 'index.html'}")
    print(
        f"Rendered {len(outcomes) - len(failed)} of {len(outcomes)} notebook(s) "
        f"in {time.perf_counter() - started:.1f}s" + (f"; {len(failed)} failed" if failed else ""),
        flush=True,
    )
    return 1 if failed else 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run one ``sqs-analysis render`` command; returns its exit code (2: a missing input)."""
    argv = sys.argv[1:] if argv is None else list(argv)
    skip_slow_imports()
    parser, batch = _parser()
    if argv[:1] == ["batch"]:  # ids may come after options: argparse's subcommands cannot mix
        args = batch.parse_intermixed_args(argv[1:])
        args.command = "batch"
    else:
        args = parser.parse_args(argv)
    try:
        return _batch(args) if args.command == "batch" else _one_page(args)
    except NotebookFailed as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except (ExternalResourceError, FileNotFoundError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
