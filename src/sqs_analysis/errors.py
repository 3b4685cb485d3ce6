"""The suite's exceptions: one hierarchy, each naming the file (or folder) and the reason."""

from __future__ import annotations

from pathlib import Path


class SqsError(Exception):
    """Something the suite cannot do, with the path it concerns and the reason in words."""

    def __init__(self, path: str | Path, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class ReportParseError(SqsError):
    """A file that is not a readable SQS report; carries the file and the reason for the quality table."""


class TablesNotReady(SqsError):
    """The tables folder holds no complete set of tables: never extracted, or a run was
    interrupted while it moved its tables into place (run ``make data``)."""


class OutputError(SqsError):
    """An output could not be written (disk full, read-only folder); the previous outputs stay."""
