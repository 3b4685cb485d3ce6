"""The suite's exceptions: one hierarchy, each naming the file (or folder) and the reason.

Every exception is picklable (it is rebuilt from ``args``), so a worker process can send it back.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from sqs_analysis.config import CHROMIUM_INSTALL_HINT


class SqsError(Exception):
    """Something the suite cannot do, with the path it concerns and the reason in words."""

    def __init__(self, path: str | Path, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(path, reason)

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


class ReportParseError(SqsError):
    """A file that is not a readable SQS report.

    It carries the file and the reason, for the quality table.
    """


class ReportReadError(ReportParseError):
    """A file whose bytes cannot be read as a report's text.

    Empty, binary, not UTF-8, UTF-16 or cp1252, an unsupported type, or a PDF that is not one,
    is encrypted or is damaged. It is a kind of :class:`ReportParseError`, so the file is refused
    the same way.
    """


class VocabularyError(SqsError):
    """A row of a shipped vocabulary (``vocab/*.csv``) the code cannot use.

    ``path`` is the vocabulary file and the reason names the line and what is wrong with it, so
    an analyst who edited the file can mend it.
    """


class TablesNotReady(SqsError):
    """The tables folder holds no complete set of tables.

    Either it was never extracted, or a run was interrupted while it moved its tables into place
    (run ``make data``).
    """


class OutputError(SqsError):
    """An output could not be written (disk full, read-only folder); the previous outputs stay."""


class KernelError(SqsError):
    """A reused kernel did not start, or failed while being reset (path: its working folder)."""


class NotebookFailed(SqsError):
    """A notebook raised while executing; names the cell and where its executed copy is kept."""

    def __init__(
        self, notebook: str | Path, kept: str | Path, cell_index: int, cell_label: str, error: str
    ) -> None:
        self.notebook = Path(notebook)
        self.kept = Path(kept)
        self.cell_index = cell_index
        self.cell_label = cell_label
        self.error = error
        SqsError.__init__(self, self.notebook, error)
        self.args = (notebook, kept, cell_index, cell_label, error)

    def __str__(self) -> str:
        return (
            f"{self.notebook.name} failed in cell {self.cell_index} ({self.cell_label}): "
            f"{self.error}\nThe executed notebook is kept at {self.kept}"
        )


class UnknownInspection(SqsError, LookupError):
    """An inspection id that is not in the tables; the message lists the ids that are."""

    def __init__(self, inspection_id: str, known: Sequence[str]) -> None:
        self.inspection_id = inspection_id
        self.known = list(known)
        listed = ", ".join(self.known) if self.known else "none"
        SqsError.__init__(
            self,
            "tables",
            f"Unknown inspection_id {inspection_id!r}. Known inspection ids: {listed}",
        )
        self.args = (inspection_id, self.known)

    def __str__(self) -> str:
        return self.reason


class ExternalResourceError(SqsError):
    """A page would fetch a script, stylesheet, frame or image from outside itself.

    ``path`` is the page, or ``exported HTML`` when it is checked before it is written.
    """


class BrowserError(SqsError):
    """Chromium did not start, or a page did not load or print (``path``: the page or browser)."""


class ChromiumNotFound(SqsError):
    """No Chromium executable: the reason says how to install one."""

    def __init__(self, path: str | Path = "chromium", reason: str = "") -> None:
        super().__init__(path, reason or CHROMIUM_INSTALL_HINT)
