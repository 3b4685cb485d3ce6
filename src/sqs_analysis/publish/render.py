"""Render one page: a briefing or the comparison, executed and exported to ``<out>/<name>.html``.

Why this module exists: it is where a page's notebook, parameters, title and file names are
decided, so ``sqs-analysis render``, a batch on reused kernels (:mod:`sqs_analysis.publish.kernels`)
and the tests build each page the same way. Execution is :mod:`~sqs_analysis.publish.execute`,
export :mod:`~sqs_analysis.publish.html`; the index page is :mod:`~sqs_analysis.publish.index`.
"""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqs_analysis import config
from sqs_analysis.config import BRIEFING_NOTEBOOK, COMPARISON_NOTEBOOK, EXECUTED_SUBDIR
from sqs_analysis.domain import SLUG
from sqs_analysis.publish.execute import execute_notebook
from sqs_analysis.publish.html import notebook_to_html
from sqs_analysis.publish.kernel_protocol import ReusableKernel
from sqs_analysis.tables.atomic import write_text_atomic

__all__ = [
    "SAFE_ID",
    "Rendered",
    "render_briefing",
    "render_comparison",
    "render_notebook",
]

#: What an inspection id may look like (the rule is in ``ids``): safe as a file name anywhere.
SAFE_ID = SLUG


@dataclass(frozen=True)
class Rendered:
    """Where one notebook's executed copy and HTML were written, and how long it took."""

    notebook: Path
    html: Path
    seconds: float


def render_notebook(
    template: Path,
    name: str,
    parameters: dict[str, Any],
    out_dir: Path,
    title: str,
    *,
    progress: bool = True,
    kernel: ReusableKernel | None = None,
    stamp: str | None = None,
    kind: str = "briefing",
) -> Rendered:
    """Execute into ``out/notebooks/<name>.ipynb`` and export ``out/<name>.html``.

    ``kernel``: run on this reused kernel (see :func:`execute_notebook`). ``stamp``: words for
    the page's title and a banner at its top; ``kind``: what the page is, for its stylesheet
    (see :func:`notebook_to_html`).
    """
    started = time.perf_counter()
    out_dir = Path(out_dir)
    executed = out_dir / EXECUTED_SUBDIR / f"{name}.ipynb"
    nb = execute_notebook(template, executed, parameters, progress=progress, kernel=kernel)
    target = out_dir / f"{name}.html"
    write_text_atomic(target, notebook_to_html(nb, title, stamp, kind=kind))
    return Rendered(executed, target, time.perf_counter() - started)


def _data_dir_param(data_dir: Path, notebooks_dir: Path) -> str:
    """``data_dir`` as the kernel (running in the notebooks folder) should spell it."""
    return os.path.relpath(Path(data_dir).resolve(), Path(notebooks_dir).resolve())


def render_briefing(
    inspection_id: str,
    data_dir: Path,
    out_dir: Path,
    notebooks_dir: Path | None = None,
    *,
    progress: bool = True,
    kernel: ReusableKernel | None = None,
    stamp: str | None = None,
) -> Rendered:
    """One inspection's briefing: ``<out>/<inspection_id>.html``."""
    if not SAFE_ID.fullmatch(inspection_id):
        # The id names files: only a slug can, so report text never chooses a path.
        raise ValueError(f"not an inspection id (a-z, 0-9 and hyphens): {inspection_id!r}")
    notebooks_dir = Path(notebooks_dir or config.notebooks_dir())
    params = {"inspection_id": inspection_id, "data_dir": _data_dir_param(data_dir, notebooks_dir)}
    title = f"SQS briefing: {inspection_id}"
    return render_notebook(
        notebooks_dir / BRIEFING_NOTEBOOK, inspection_id, params, out_dir, title,
        progress=progress, kernel=kernel, stamp=stamp,
    )  # fmt: skip


def render_comparison(
    data_dir: Path,
    out_dir: Path,
    inspection_ids: Sequence[str] | None = None,
    notebooks_dir: Path | None = None,
    *,
    progress: bool = True,
    kernel: ReusableKernel | None = None,
    stamp: str | None = None,
) -> Rendered:
    """The comparison across inspections: ``<out>/comparison.html``."""
    notebooks_dir = Path(notebooks_dir or config.notebooks_dir())
    params = {
        "inspection_ids": list(inspection_ids) if inspection_ids else None,
        "data_dir": _data_dir_param(data_dir, notebooks_dir),
    }
    return render_notebook(
        notebooks_dir / COMPARISON_NOTEBOOK,
        "comparison",
        params,
        out_dir,
        "SQS comparison across inspections",
        progress=progress,
        kernel=kernel,
        stamp=stamp,
        kind="comparison",
    )
