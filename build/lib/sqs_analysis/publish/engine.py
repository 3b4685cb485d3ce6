"""The papermill engine that executes a notebook on a :class:`ReusableKernel`.

Why this module exists: papermill starts a kernel per notebook; a reused kernel saves seconds a
notebook (:mod:`sqs_analysis.publish.kernels`). Papermill finds this engine through the
``papermill.engine`` entry point in pyproject.toml, and loads it while ``papermill.engines`` is
being imported. So nothing in the package imports this module: it would then import
``papermill.engines`` before the engine class exists, and papermill's loading of its entry
points would fail. Callers name the engine instead (``kernel_protocol.ENGINE_NAME``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from papermill.clientwrap import PapermillNotebookClient
from papermill.engines import NBClientEngine
from papermill.log import logger
from papermill.utils import remove_args

from sqs_analysis.publish.kernel_protocol import KERNEL_ARGUMENT

if TYPE_CHECKING:  # pragma: no cover - typing only
    from nbformat import NotebookNode
    from papermill.engines import NotebookExecutionManager

    from sqs_analysis.publish.kernel_protocol import ReusableKernel


class ReusedKernelEngine(NBClientEngine):
    """Papermill's nbclient engine, on a kernel that is already running and stays running."""

    @classmethod
    def execute_managed_notebook(
        cls,
        nb_man: NotebookExecutionManager,
        kernel_name: str,
        log_output: bool = False,
        stdout_file: Any = None,
        stderr_file: Any = None,
        start_timeout: int = 60,
        execution_timeout: int | None = None,
        **kwargs: Any,
    ) -> NotebookNode:
        """Run ``nb_man``'s notebook on the kernel passed as ``sqs_kernel``."""
        kernel: ReusableKernel = kwargs.pop(KERNEL_ARGUMENT)
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
