"""Record a reused kernel's state after start-up and put it back before a notebook.

This module is run inside each reused kernel.

Why this module exists: a notebook rendered on a reused kernel must be byte for byte what a fresh
kernel gives. So before each notebook the namespace is reset
(``InteractiveShell.reset(new_session=True)``, which also restarts the execution counter at 1),
the warning filters and "already warned" registries are restored, and matplotlib's rcParams are
put back as they were after start-up. The kernel imports only this module (standard library
only) of the publishing code; :mod:`sqs_analysis.publish.kernels` runs it there.
"""

from __future__ import annotations

import gc
import os
import sys
import warnings
from typing import Any

_SAVED: dict[str, Any] = {}


def snapshot() -> None:
    """Record the state :func:`reset` restores before each notebook, and freeze the heap.

    Everything alive now (the imported libraries) is moved out of the garbage collector's
    reach (:func:`gc.freeze`), so the full collection of every reset scans only what
    notebooks made, not pandas' and matplotlib's hundreds of thousands of objects.
    """
    _SAVED["warning_filters"] = list(warnings.filters)
    _SAVED["cwd"] = os.getcwd()
    mpl = sys.modules.get("matplotlib")
    if mpl is not None:
        _SAVED["rcparams"] = mpl.rcParams.copy()
    gc.collect()
    gc.freeze()


def reset(shell: Any) -> None:
    """Forget everything the previous notebook did to the session of ``shell`` (IPython's)."""
    shell.reset(new_session=True)  # empty namespace, In/Out, execution count back to 1
    if "cwd" in _SAVED:
        os.chdir(_SAVED["cwd"])
    if "warning_filters" in _SAVED:
        warnings.filters[:] = _SAVED["warning_filters"]
    warnings.onceregistry.clear()
    for module in list(sys.modules.values()):  # every module's "already warned" registry
        registry = getattr(module, "__warningregistry__", None)
        if isinstance(registry, dict):
            registry.clear()
    mpl = sys.modules.get("matplotlib")
    if mpl is not None and "rcparams" in _SAVED:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            mpl.rcParams.update({k: v for k, v in _SAVED["rcparams"].items() if k != "backend"})
    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is not None:
        pyplot.close("all")
