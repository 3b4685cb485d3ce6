"""What every publishing command does first, before it imports nbformat (kept free of imports).

Why this module exists: ``sqs-analysis publish`` with nothing to do must answer in a few
milliseconds, so what it runs first cannot import the kernels' machinery (jupyter_client, zmq).
"""

from __future__ import annotations

import sys


def skip_slow_imports() -> None:
    """Keep ``jsonschema`` from importing ``rfc3987_syntax``, which builds a grammar for ~1 s.

    nbformat only validates notebooks against their schema; it never checks the "iri" formats
    that package exists for, and jsonschema treats it as optional.
    """
    sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]
