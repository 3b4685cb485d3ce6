"""A content-addressed store of parsed reports, so a rerun parses only new or changed files.

An entry is one report file's :class:`~sqs_analysis.extract.records.ParsedReport` and its table
rows, addressed by the SHA-256 of the file's name and bytes (:func:`entry_key`), in a folder named
for the version of this code (its source and vocabularies, and the versions of Python, pypdfium2
and pypdf): any change to the parser starts a new folder, so an entry can never be older than the
code that reads it. Files that were refused are not stored; they are read again each run and
refused again with the same reason.

The store is a private working folder (``data/processed/.cache`` for ``sqs-analysis extract``)
of pickles written by this suite; an entry that cannot be read is a miss, never an error, and
so is one that does not prove it belongs to the file asked about: each entry records its own
key, and its report the SHA-256 of the bytes it was parsed from, and it must hold every table
(a file copied over another entry's name, or written by a version with fewer tables, is parsed
again rather than trusted). After a run, :meth:`ReportCache.prune` keeps only that run's entries.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import sys
import tempfile
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from sqs_analysis.extract.ingest import sha256_bytes
from sqs_analysis.extract.records import ParsedReport

#: What an entry holds: the parsed report and its rows, by table name.
Entry = tuple[ParsedReport, dict[str, list[dict[str, object]]]]

_PACKAGE = Path(__file__).resolve().parents[1]  # the whole sqs_analysis package


#: Libraries whose version can change what a report parses to (pypdfium2: the text of a PDF;
#: pypdf: the reason a PDF with no text is refused).
_LIBRARIES = ("pypdfium2", "pypdf")


def installed_version(library: str) -> str:
    """The installed version of ``library`` ("absent" if it is not installed).

    Read from the name of its ``<name>-<version>.dist-info`` folder on ``sys.path`` when there is
    one: :mod:`importlib.metadata` takes longer to import than a no-op ``make reports`` may take.
    """
    prefix = f"{library}-"
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for name in names:
            if name.startswith(prefix) and name.endswith(".dist-info"):
                return name[len(prefix) : -len(".dist-info")]
    from importlib import metadata  # an installation without a dist-info folder (rare)

    try:
        return metadata.version(library)
    except metadata.PackageNotFoundError:
        return "absent"


@lru_cache(maxsize=1)
def code_version() -> str:
    """A digest of everything that decides what a report parses to."""
    digest = hashlib.sha256(f"python {sys.version_info[0]}.{sys.version_info[1]}\n".encode())
    for library in _LIBRARIES:
        digest.update(f"{library} {installed_version(library)}\n".encode())
    files = sorted(
        p for p in _PACKAGE.rglob("*") if p.suffix in {".py", ".csv", ".j2", ".css"} and p.is_file()
    )
    for path in files:
        digest.update(path.relative_to(_PACKAGE).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def entry_key(name: str, sha256: str) -> str:
    """The address of a file's entry, from its name and the SHA-256 of its bytes.

    The name matters too, as reports record their file name.
    """
    return sha256_bytes(name.encode("utf-8") + b"\0" + sha256.encode("ascii"))


class ReportCache:
    """Entries under ``root/<code version>/<key>.pickle``.

    ``tables``: the tables every entry must hold rows for.
    """

    def __init__(self, root: str | Path, tables: Iterable[str] = ()):
        self.root = Path(root)
        self.folder = self.root / code_version()
        self.tables = frozenset(tables)

    def get(self, key: str, sha256: str | None = None) -> Entry | None:
        """The entry at ``key``, or None if it is missing, damaged or does not belong there.

        An entry does not belong there when its recorded key differs, its report was parsed from
        other bytes than ``sha256`` (when given), or it lacks one of the tables.
        """
        try:
            with open(self.folder / f"{key}.pickle", "rb") as fh:
                stored = pickle.load(fh)
        except Exception:  # none, or a truncated or foreign file: a miss, so parse the report
            return None
        if not (isinstance(stored, tuple) and len(stored) == 3 and stored[0] == key):
            return None
        _, report, rows = stored
        if not isinstance(report, ParsedReport) or not isinstance(rows, dict):
            return None
        if sha256 is not None and report.source_sha256 != sha256:
            return None
        if not self.tables <= rows.keys() or not all(
            isinstance(rows[t], list) for t in self.tables
        ):
            return None
        return report, rows

    def put(self, key: str, entry: Entry) -> None:
        """Store an entry atomically (a reader never sees half of one).

        A failure only costs a miss next time, so it is not raised.
        """
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{key}.", suffix=".tmp", dir=self.folder)
        except OSError:
            return
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump((key, *entry), fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self.folder / f"{key}.pickle")
        except OSError:
            Path(tmp).unlink(missing_ok=True)

    def prune(self, keep: set[str]) -> None:
        """Delete other code versions' folders and this version's entries not in ``keep``."""
        if not self.root.is_dir():
            return
        for other in self.root.iterdir():
            if other.is_dir() and other != self.folder:
                shutil.rmtree(other, ignore_errors=True)
        if self.folder.is_dir():
            for entry in self.folder.iterdir():
                if entry.name.removesuffix(".pickle") not in keep:
                    entry.unlink(missing_ok=True)
