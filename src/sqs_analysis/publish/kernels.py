"""Render many notebooks in one process with a small pool of long-lived kernels.

Why this module exists: starting Python, a kernel, pandas, matplotlib and nbconvert costs a few
seconds, and a briefing takes well under one once they are warm. ``sqs-analysis render batch``
and ``sqs-analysis publish`` therefore start one kernel per worker (one per core by default),
keep it for every notebook the worker runs, and export HTML in the same process.

No state leaks from one notebook to the next: before each notebook the kernel is reset
(:mod:`sqs_analysis.publish.kernel_state`). The notebooks still run through papermill
(:func:`sqs_analysis.publish.execute.execute_notebook`, on the engine of
:mod:`sqs_analysis.publish.engine`), so an executed notebook and its HTML are byte for byte what
a fresh kernel gives; ``tests/publish/test_kernels.py`` checks this.

Kernels talk over Unix sockets in private folders (no TCP ports to clash), and each kernel is
only ever used by the thread that started it.
"""

from __future__ import annotations

import logging
import os
import queue
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import run_sync

from sqs_analysis import config
from sqs_analysis.config import KERNEL_ARGUMENTS, KERNEL_NAME
from sqs_analysis.errors import KernelError
from sqs_analysis.publish.kernel_protocol import kernel_config

logger = logging.getLogger(__name__)

#: Executed in each kernel as soon as it is ready, so that imports overlap with other work:
#: what every notebook imports (the report functions, and what ``read_tables`` needs to read
#: Parquet), before :func:`~sqs_analysis.publish.kernel_state.snapshot` freezes the heap.
PRELOAD = (
    "import sqs_analysis.publish.kernel_state, sqs_analysis.report.narrative, "
    "sqs_analysis.report.plots, sqs_analysis.tables.pipeline, pyarrow.parquet\n"
    "sqs_analysis.publish.kernel_state.snapshot()\n"
)
#: A kernel takes as long to start (Python, pandas, matplotlib) as this many notebooks take to
#: run on a warm one, so a batch starts another kernel only for this many more notebooks.
NOTEBOOKS_PER_KERNEL = 6


def kernels_for(notebooks: int, jobs: int | None = None) -> int:
    """How many kernels to run ``notebooks`` on: at most ``jobs`` (default: one per core).

    The three pages of the two seed reports build faster on one kernel than on two that start
    side by side; 150 briefings on one kernel per core.
    """
    wanted = -(-notebooks // NOTEBOOKS_PER_KERNEL)  # ceiling
    return max(1, min(jobs or os.cpu_count() or 1, wanted))


#: Executed (silently) in the kernel before every notebook.
RESET = "__import__('sqs_analysis.publish.kernel_state', fromlist=['_']).reset(get_ipython())\n"


class ReusedKernel:
    """One kernel kept alive across notebooks; use it only from the thread that created it.

    It is a :class:`~sqs_analysis.publish.kernel_protocol.ReusableKernel`: what
    :func:`~sqs_analysis.publish.execute.execute_notebook` runs a notebook on.
    """

    def __init__(self, cwd: Path, kernel_name: str | None = None, startup_timeout: int = 60):
        started = time.perf_counter()
        self.cwd = Path(cwd).resolve()
        self.kernel_name = kernel_name or KERNEL_NAME
        self._socket_dir = tempfile.mkdtemp(prefix="sqs-kernel-")
        self.km = AsyncKernelManager(
            kernel_name=self.kernel_name, config=kernel_config(self._socket_dir)
        )
        run_sync(self.km.start_kernel)(extra_arguments=list(KERNEL_ARGUMENTS), cwd=str(self.cwd))
        self.kc = self.km.client()
        self.kc.start_channels()
        run_sync(self.kc.wait_for_ready)(timeout=startup_timeout)
        self._execute(PRELOAD, "preload")
        logger.info(
            "kernel %s started in %s (%.1fs)",
            self.kernel_name, self.cwd, time.perf_counter() - started,
        )  # fmt: skip

    def _execute(self, code: str, what: str) -> None:
        reply = run_sync(self.kc.execute_interactive)(
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
        """Make the kernel as good as new for the next notebook (see :mod:`kernel_state`)."""
        self._execute(RESET, "reset")

    def shutdown(self) -> None:
        """Stop the kernel and remove its sockets' folder."""
        try:
            self.kc.stop_channels()
            run_sync(self.km.shutdown_kernel)(now=True)
        finally:
            shutil.rmtree(self._socket_dir, ignore_errors=True)


@dataclass(frozen=True)
class Job:
    """One notebook to render: a briefing (``inspection_id``) or the comparison (``None``)."""

    inspection_id: str | None

    @property
    def name(self) -> str:
        """The page the job writes: the inspection id, or ``comparison``."""
        return self.inspection_id or "comparison"


@dataclass(frozen=True)
class Outcome:
    """How one job went: its time, the error if it failed, and the worker that ran it."""

    job: Job
    seconds: float
    error: str | None = None
    worker: int = 0


@dataclass(frozen=True)
class _Batch:
    """What every worker of one batch shares."""

    data_dir: Path
    out_dir: Path
    notebooks_dir: Path
    pending: queue.SimpleQueue[Job]
    record: Callable[[Outcome], None]
    stamp: str | None = None

    def render(self, job: Job, kernel: ReusedKernel) -> None:
        """Render one job's page on ``kernel``."""
        from sqs_analysis.publish import render  # deferred for start-up speed: see render_batch

        if job.inspection_id is None:
            render.render_comparison(
                self.data_dir, self.out_dir, None, self.notebooks_dir, progress=False,
                kernel=kernel, stamp=self.stamp,
            )  # fmt: skip
        else:
            render.render_briefing(
                job.inspection_id, self.data_dir, self.out_dir, self.notebooks_dir,
                progress=False, kernel=kernel, stamp=self.stamp,
            )  # fmt: skip

    def work(self, worker: int) -> None:
        """Take jobs until none is left, on one kernel started for the first of them.

        A failing notebook is reported and the worker goes on; a kernel that failed is replaced.
        """
        kernel: ReusedKernel | None = None
        try:
            while True:
                try:
                    job = self.pending.get_nowait()
                except queue.Empty:
                    return
                started = time.perf_counter()
                error = None
                try:
                    if kernel is None:
                        kernel = ReusedKernel(self.notebooks_dir)
                    self.render(job, kernel)
                except Exception as exc:  # reported per notebook; the others go on
                    error = f"{type(exc).__name__}: {exc}"
                    if isinstance(exc, KernelError) and kernel is not None:
                        logger.warning("worker %d restarts its kernel after: %s", worker, exc)
                        kernel.shutdown()
                        kernel = None
                self.record(Outcome(job, time.perf_counter() - started, error, worker))
        finally:
            if kernel is not None:
                kernel.shutdown()


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
    stamp: str | None = None,
) -> list[Outcome]:
    """Render ``briefing_ids`` (and the comparison, and the index) with ``jobs`` reused kernels.

    The comparison, the slowest notebook, starts first; briefings follow in the given order.
    A failing notebook does not stop the others; its :class:`Outcome` carries the error.
    Returns the outcomes in job order (comparison first). ``stamp``: words every page shows in
    its title and a banner (:func:`~sqs_analysis.publish.html.notebook_to_html`).
    """
    # Deferred for start-up speed: a batch starts its kernels while pandas and nbconvert load.
    from sqs_analysis.publish.index import build_index

    todo = ([Job(None)] if comparison else []) + [Job(i) for i in dict.fromkeys(briefing_ids)]
    workers = kernels_for(len(todo), jobs)
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

    notebooks = Path(notebooks_dir or config.notebooks_dir()).resolve()
    batch = _Batch(Path(data_dir), Path(out_dir), notebooks, pending, record, stamp)
    threads = [
        threading.Thread(target=batch.work, args=(k,), name=f"sqs-kernel-{k}", daemon=True)
        for k in range(workers if todo else 0)
    ]
    logger.info("rendering %d notebook(s) on %d kernel(s)", len(todo), len(threads))
    for t in threads:
        t.start()
    if index:  # while the kernels start
        build_index(batch.data_dir, batch.out_dir, stamp=stamp)
    for t in threads:
        t.join()
    return [results[job] for job in todo]
