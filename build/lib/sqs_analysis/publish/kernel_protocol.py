"""What a kernel kept alive across notebooks offers, and how papermill is told to run on it.

Why this module exists: :func:`sqs_analysis.publish.execute.execute_notebook` runs a notebook on
such a kernel through a papermill engine (:mod:`sqs_analysis.publish.engine`), and
:class:`sqs_analysis.publish.kernels.ReusedKernel` is one. The three meet here, at the bottom of
the layers, so none of them imports another to learn the contract.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from traitlets.config import Config

if TYPE_CHECKING:  # pragma: no cover - typing only
    from jupyter_client.asynchronous.client import AsyncKernelClient
    from jupyter_client.manager import AsyncKernelManager

#: The papermill engine that runs on a reused kernel; registered under this name through the
#: ``papermill.engine`` entry point in pyproject.toml.
ENGINE_NAME = "sqs-reused-kernel"
#: The keyword argument that hands the kernel to that engine, through
#: ``papermill.execute_notebook``.
KERNEL_ARGUMENT = "sqs_kernel"


class ReusableKernel(Protocol):
    """A started kernel that a notebook can run on instead of a new one.

    ``cwd`` is the folder it runs in (the notebook's); ``km`` and ``kc`` its manager and client,
    which the papermill engine uses as they are (it starts and stops nothing); ``reset`` makes it
    as good as new before each notebook.
    """

    cwd: Path
    km: AsyncKernelManager
    kc: AsyncKernelClient

    def reset(self) -> None:
        """Forget everything the previous notebook did to the kernel's session."""
        ...


def kernel_config(socket_dir: str) -> Config:
    """Talk to a kernel over Unix sockets in a private folder.

    So there are no TCP ports to clash under ``make -j2``, and nothing is sent over the network
    unencrypted.
    """
    return Config({"KernelManager": {"transport": "ipc", "ip": os.path.join(socket_dir, "k")}})
