"""sqs-analysis: HM Inspectorate of Probation Short Quality Screening reports as tidy data."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover - typing only
    from sqs_analysis.errors import ReportParseError
    from sqs_analysis.extract.parse import parse_file
    from sqs_analysis.tables.pipeline import Tables, load, read_tables

__all__ = ["ReportParseError", "Tables", "load", "parse_file", "read_tables"]
#: The one place for the version (pyproject.toml reads it; CHANGELOG.md says what changed).
__version__ = "0.3.0"

#: The public names, imported on first use: a command that needs no pandas (``sqs-analysis
#: render batch`` starting its kernels) does not pay for it.
_LAZY = {
    "Tables": "tables.pipeline",
    "load": "tables.pipeline",
    "read_tables": "tables.pipeline",
    "ReportParseError": "errors",
    "parse_file": "extract.parse",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY])
