"""Execute a notebook with papermill, on a new kernel or a reused one, and keep what it gave.

Why this module exists: an executed notebook must never half-exist and must be the same on every
rerun. So it is written to a temporary file and renamed into place, run timestamps and machine
paths are dropped, and a failing notebook keeps its executed copy and names the cell that failed
(:class:`~sqs_analysis.errors.NotebookFailed`).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

import nbformat
from nbformat import NotebookNode

from sqs_analysis.config import KERNEL_ARGUMENTS, KERNEL_NAME
from sqs_analysis.errors import NotebookFailed
from sqs_analysis.publish.kernel_protocol import (
    ENGINE_NAME,
    KERNEL_ARGUMENT,
    ReusableKernel,
    kernel_config,
)
from sqs_analysis.tables.atomic import write_text_atomic

if TYPE_CHECKING:  # pragma: no cover - typing only
    from papermill.exceptions import PapermillExecutionError


def _cell_label(cell: dict[str, Any]) -> str:
    """A human handle for a cell: its tags, id and first line of source."""
    first = next((line for line in cell.get("source", "").splitlines() if line.strip()), "")
    tags = cell.get("metadata", {}).get("tags", [])
    parts = []
    if tags:
        parts.append("tags: " + ", ".join(tags))
    if cell.get("id"):
        parts.append(f"id {cell['id']}")
    parts.append(repr(first[:80]))
    return "; ".join(parts)


def scrub_volatile_metadata(nb: NotebookNode) -> NotebookNode:
    """Drop run timestamps and machine paths so reruns write identical notebooks."""
    pm = nb.metadata.get("papermill")
    if pm is not None:
        nb.metadata["papermill"] = {
            k: pm[k] for k in ("parameters", "version", "exception") if k in pm
        }
    for cell in nb.cells:
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell["id"] = "injected-parameters"  # papermill gives it a random id
        cell.metadata.pop("execution", None)
        cell_pm = cell.metadata.get("papermill")
        if cell_pm is not None:
            cell.metadata["papermill"] = {k: cell_pm[k] for k in ("exception",) if k in cell_pm}
            if not cell.metadata["papermill"]:
                del cell.metadata["papermill"]
    return nb


def _how_to_run(template: Path, socket_dir: str, kernel: ReusableKernel | None) -> dict[str, Any]:
    """Papermill's keyword arguments for a new kernel in the template's folder, or ``kernel``."""
    if kernel is None:
        return {
            "cwd": str(template.parent),
            "extra_arguments": list(KERNEL_ARGUMENTS),
            "config": kernel_config(socket_dir),
        }
    if kernel.cwd != template.parent:
        raise ValueError(f"the kernel runs in {kernel.cwd}, not in {template.parent}")
    kernel.reset()
    return {"engine_name": ENGINE_NAME, KERNEL_ARGUMENT: kernel}


def _failure(
    template: Path, executed: Path, nb: NotebookNode, failure: PapermillExecutionError
) -> NotebookFailed:
    """The error naming the failed cell.

    Papermill adds a banner at the top, so the cell is found by its error output.
    """
    index, cell = next(
        (
            (k, c)
            for k, c in enumerate(nb.cells)
            if any(o.get("output_type") == "error" for o in c.get("outputs", []))
        ),
        (int(failure.cell_index), {}),
    )
    label = f"In [{failure.exec_count}]; " + _cell_label(cell) if cell else _cell_label(cell)
    return NotebookFailed(template, executed, index, label, f"{failure.ename}: {failure.evalue}")


def execute_notebook(
    template: Path,
    executed: Path,
    parameters: dict[str, Any],
    *,
    progress: bool = True,
    kernel_name: str = KERNEL_NAME,
    timeout: int = 600,
    kernel: ReusableKernel | None = None,
) -> NotebookNode:
    """Run ``template`` with ``parameters`` into ``executed`` (atomically); return the notebook.

    The kernel runs in the template's folder, so relative paths in the notebook mean the same
    in JupyterLab and here. On failure the executed copy is still written, and
    :class:`NotebookFailed` names the failing cell.

    ``kernel``: a kernel started in the template's folder to run on (it is reset first) instead
    of starting a new one; the result is the same.
    """
    # Deferred for start-up speed: a batch starts its kernels while papermill loads.
    import papermill as pm
    from papermill.exceptions import PapermillExecutionError

    template, executed = Path(template).resolve(), Path(executed).resolve()
    executed.parent.mkdir(parents=True, exist_ok=True)
    tmp = executed.with_name(f".{executed.stem}.{os.getpid()}.tmp.ipynb")
    failure: PapermillExecutionError | None = None
    socket_dir = tempfile.mkdtemp(prefix="sqs-kernel-")
    try:
        how = _how_to_run(template, socket_dir, kernel)
        try:
            pm.execute_notebook(
                str(template),
                str(tmp),
                parameters=parameters,
                kernel_name=kernel_name,
                progress_bar=progress,
                request_save_on_cell_execute=False,
                execution_timeout=timeout,
                **how,
            )
        except PapermillExecutionError as exc:
            failure = exc
        nb = nbformat.read(tmp, as_version=4)
        scrub_volatile_metadata(nb)
        write_text_atomic(executed, nbformat.writes(nb) + "\n")
    finally:
        tmp.unlink(missing_ok=True)
        shutil.rmtree(socket_dir, ignore_errors=True)
    if failure is not None:
        raise _failure(template, executed, nb, failure) from None
    return nb
