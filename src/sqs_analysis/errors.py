"""The one exception the library raises for a report it cannot use."""

from __future__ import annotations

from pathlib import Path


class ReportParseError(Exception):
    """A file that is not a readable SQS report; carries the file and the reason for the quality table."""

    def __init__(self, path: str | Path, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")
