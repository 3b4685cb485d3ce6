"""Render many notebooks in one process with a small pool of long-lived kernels.

Why this module exists: starting Python, a kernel, pandas, matplotlib and nbconvert costs a few
seconds, and a briefing takes well under one once they are warm. ``sqs-analysis render batch``
therefore starts one kernel per worker (one per core by default), keeps it for every notebook
the worker runs, and exports HTML in the same process.

No state leaks from one notebook to the next: before each notebook the kernel's namespace is
reset (``InteractiveShell.reset(new_session=True)``, which also restarts the execution counter
at 1), the warning filters and "already warned" registries are restored, and matplotlib's
rcParams are put back as they were after start-up. The notebooks themselves still run through
papermill (:func:`sqs_analysis.publish.render.execute_notebook`), so an executed notebook and its HTML
are byte for byte what a fresh kernel gives; ``tests/publish/test_kernels.py`` checks this.

Kernels talk over Unix sockets in private folders (no TCP ports to clash), and each kernel is
only ever used by the thread that started it.
"""

from __future__ import annotations

import argparse
import os
import queue
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqs_analysis.config import KERNEL_ARGUMENTS, KERNEL_NAME
from sqs_analysis.errors import KernelError

#: Executed in each kernel as soon as it is ready, so that imports overlap with other work.
PRELOAD = "import sqs_analysis.publish.kernels, sqs_analysis.report.narrative, sqs_analysis.report.plots\n"
#: Executed (silently) in the kernel before every notebook.
RESET = "__import__('sqs_analysis.publish.kernels', fromlist=['_']).kernel_reset(get_ipython())\n"
ENGINE_NAME = "sqs-reused-kernel"

_SAVED: dict[str, Any] = {}


# --------------------------------------------------------------------------- kernel side


def kernel_snapshot() -> None:
    """(In the kernel) record the state :func:`kernel_reset` restores before each notebook."""
    import warnings

    _SAVED["warning_filters"] = list(warnings.filters)
    _SAVED["cwd"] = os.getcwd()
    mpl = sys.modules.get("matplotlib")
    if mpl is not None:
        _SAVED["rcparams"] = mpl.rcParams.copy()


def kernel_reset(shell: Any) -> None:
    """(In the kernel) forget everything the previous notebook did to the session."""
    import warnings

    shell.reset(new_session=True)  # empty namespace, In/Out, execution count back to 1
    if "cwd" in _SAVED:
        os.chdir(_SAVED["cwd"])
    if "warning_filters" in _SAVED:
        warnings.filters[:] = _SAVED["warning_filters"]
    warnings.onceregistry.clear()
    warnings._filters_mutated()  # every module's "already warned" registry starts afresh
    mpl = sys.modules.get("matplotlib")
    if mpl is not None and "rcparams" in _SAVED:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            mpl.rcParams.update({k: v for k, v in _SAVED["rcparams"].items() if k != "backend"})
    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is not None:
        pyplot.close("all")


# --------------------------------------------------------------------------- parent side


class ReusedKernel:
    """One kernel kept alive across notebooks; use it only from the thread that created it."""

    def __init__(self, cwd: Path, kernel_name: str | None = None, startup_timeout: int = 60):
        from jupyter_client.manager import AsyncKernelManager
        from jupyter_core.utils import run_sync
        from traitlets.config import Config

        self.cwd = Path(cwd).resolve()
        self.kernel_name = kernel_name or KERNEL_NAME
        self._run = run_sync
        self._socket_dir = tempfile.mkdtemp(prefix="sqs-kernel-")
        config = Config(
            {"KernelManager": {"transport": "ipc", "ip": os.path.join(self._socket_dir, "k")}}
        )
        self.km = AsyncKernelManager(kernel_name=self.kernel_name, config=config)
        run_sync(self.km.start_kernel)(extra_arguments=list(KERNEL_ARGUMENTS), cwd=str(self.cwd))
        self.kc = self.km.client()
        self.kc.start_channels()
        run_sync(self.kc.wait_for_ready)(timeout=startup_timeout)
        self._execute(PRELOAD + "sqs_analysis.publish.kernels.kernel_snapshot()\n", "preload")
        self.notebooks_run = 0

    def _execute(self, code: str, what: str) -> None:
        reply = self._run(self.kc.execute_interactive)(
            code,
            silent=True,
            store_history=False,
            allow_stdin=False,
            timeout=120,
            output_hook=lambda msg: None,
        )
        content = reply["content"]
        if content.get("status") != "ok":
            raise KernelError(
                self.cwd, f"kernel {what} failed: {content.get('ename')}: {content.get('evalue')}"
            )

    def reset(self) -> None:
        """Make the kernel as good as new for the next notebook (see :func:`kernel_reset`)."""
        self._execute(RESET, "reset")

    def engine_kwargs(self) -> dict[str, Any]:
        """Keyword arguments that make ``papermill.execute_notebook`` run on this kernel."""
        _register_engine()
        return {"engine_name": ENGINE_NAME, "sqs_kernel": self}

    def shutdown(self) -> None:
        try:
            self.kc.stop_channels()
            self._run(self.km.shutdown_kernel)(now=True)
        finally:
            shutil.rmtree(self._socket_dir, ignore_errors=True)


_ENGINE_LOCK = threading.Lock()


def _register_engine() -> None:
    """A papermill engine that executes on a :class:`ReusedKernel` instead of a new kernel."""
    from papermill.engines import papermill_engines

    with _ENGINE_LOCK:
        if ENGINE_NAME in papermill_engines._engines:
            return
        from papermill.clientwrap import PapermillNotebookClient
        from papermill.engines import NBClientEngine
        from papermill.log import logger
        from papermill.utils import remove_args

        class ReusedKernelEngine(NBClientEngine):
            @classmethod
            def execute_managed_notebook(
                cls,
                nb_man,
                kernel_name,
                log_output=False,
                stdout_file=None,
                stderr_file=None,
                start_timeout=60,
                execution_timeout=None,
                **kwargs,
            ):
                kernel: ReusedKernel = kwargs.pop("sqs_kernel")
                kwargs = remove_args(["input_path", "timeout", "startup_timeout"], **kwargs)
                client = PapermillNotebookClient(
                    nb_man,
                    km=kernel.km,
                    timeout=execution_timeout,
                    startup_timeout=start_timeout,
                    kernel_name=kernel_name,
                    log=logger,
                    log_output=log_output,
                    stdout_file=stdout_file,
                    stderr_file=stderr_file,
                    **kwargs,
                )
                client.kc = kernel.kc  # keep the kernel's client: nothing to start or stop
                return client.execute()

        papermill_engines.register(ENGINE_NAME, ReusedKernelEngine)


# --------------------------------------------------------------------------- the batch


@dataclass(frozen=True)
class Job:
    """One notebook to render: a briefing (``inspection_id``) or the comparison (``None``)."""

    inspection_id: str | None

    @property
    def name(self) -> str:
        return self.inspection_id or "comparison"


@dataclass(frozen=True)
class Outcome:
    job: Job
    seconds: float
    error: str | None = None
    worker: int = 0


def render_batch(
    briefing_ids: Sequence[str],
    data_dir: Path,
    out_dir: Path,
    *,
    comparison: bool = False,
    index: bool = False,
    notebooks_dir: Path | None = None,
    jobs: int | None = None,
    on_done: Callable[[Outcome], None] | None = None,
) -> list[Outcome]:
    """Render ``briefing_ids`` (and the comparison, and the index) with ``jobs`` reused kernels.

    The comparison, the slowest notebook, starts first; briefings follow in the given order.
    A failing notebook does not stop the others; its :class:`Outcome` carries the error.
    Returns the outcomes in job order (comparison first).
    """
    if notebooks_dir is None:
        here = Path("notebooks")
        notebooks_dir = here if (here / "inspection_briefing.ipynb").exists() else None
    if notebooks_dir is None:
        from sqs_analysis.publish.render import default_notebooks_dir

        notebooks_dir = default_notebooks_dir()
    notebooks_dir = Path(notebooks_dir).resolve()
    data_dir, out_dir = Path(data_dir), Path(out_dir)
    todo = ([Job(None)] if comparison else []) + [Job(i) for i in dict.fromkeys(briefing_ids)]
    workers = max(1, min(jobs or os.cpu_count() or 1, len(todo)))
    pending: queue.SimpleQueue[Job] = queue.SimpleQueue()
    for job in todo:
        pending.put(job)
    results: dict[Job, Outcome] = {}
    lock = threading.Lock()

    def record(outcome: Outcome) -> None:
        with lock:
            results[outcome.job] = outcome
            if on_done is not None:
                on_done(outcome)

    def work(worker: int) -> None:
        kernel: ReusedKernel | None = None
        try:
            while True:
                try:
                    job = pending.get_nowait()
                except queue.Empty:
                    return
                started = time.perf_counter()
                try:
                    if kernel is None:
                        kernel = ReusedKernel(notebooks_dir)
                    from sqs_analysis.publish import render

                    if job.inspection_id is None:
                        render.render_comparison(
                            data_dir, out_dir, None, notebooks_dir, progress=False, kernel=kernel
                        )
                    else:
                        render.render_briefing(
                            job.inspection_id, data_dir, out_dir, notebooks_dir,
                            progress=False, kernel=kernel,
                        )  # fmt: skip
                    error = None
                except Exception as exc:  # reported per notebook; the others go on
                    error = f"{type(exc).__name__}: {exc}"
                    if isinstance(exc, KernelError) and kernel is not None:
                        kernel.shutdown()
                        kernel = None
                record(Outcome(job, time.perf_counter() - started, error, worker))
        finally:
            if kernel is not None:
                kernel.shutdown()

    threads = [
        threading.Thread(target=work, args=(k,), name=f"sqs-kernel-{k}", daemon=True)
        for k in range(workers if todo else 0)
    ]
    for t in threads:
        t.start()
    from sqs_analysis.publish import render  # while the kernels start

    if index:
        render.build_index(data_dir, out_dir)
    for t in threads:
        t.join()
    return [results[job] for job in todo]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="sqs-analysis render batch",
        description="Render briefings (and the comparison and index) with reused kernels.",
    )
    parser.add_argument("inspection_ids", nargs="*", help="briefings to render")
    parser.add_argument("--comparison", action="store_true", help="render the comparison too")
    parser.add_argument("--index", action="store_true", help="write index.html too")
    parser.add_argument("--data-dir", type=Path, default=Path("data/processed"))
    parser.add_argument("--out", type=Path, default=Path("reports"))
    parser.add_argument("--notebooks", type=Path, default=None, help="notebook templates")
    parser.add_argument(
        "-j", "--jobs", type=int, default=None, help="kernels to run at once (default: cores)"
    )
    args = parser.parse_intermixed_args(argv)
    skip_slow_imports()
    started = time.perf_counter()

    def report(outcome: Outcome) -> None:
        what = outcome.job.name
        if outcome.error:
            print(f"error: {what}: {outcome.error}", file=sys.stderr)
        else:
            print(f"Wrote {args.out / (what + '.html')} in {outcome.seconds:.1f}s", flush=True)

    try:
        outcomes = render_batch(
            args.inspection_ids, args.data_dir, args.out, comparison=args.comparison,
            index=args.index, notebooks_dir=args.notebooks, jobs=args.jobs, on_done=report,
        )  # fmt: skip
    except FileNotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    failed = [o for o in outcomes if o.error]
    if args.index:
        print(f"Wrote {args.out / 'index.html'}")
    print(
        f"Rendered {len(outcomes) - len(failed)} of {len(outcomes)} notebook(s) "
        f"in {time.perf_counter() - started:.1f}s" + (f"; {len(failed)} failed" if failed else ""),
        flush=True,
    )
    return 1 if failed else 0


def skip_slow_imports() -> None:
    """Keep ``jsonschema`` from importing ``rfc3987_syntax``, which builds a grammar for ~1 s.

    nbformat only validates notebooks against their schema; it never checks the "iri" formats
    that package exists for, and jsonschema treats it as optional.
    """
    sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]
