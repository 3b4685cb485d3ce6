"""The tables of one run, published together: a reader never takes tables of two runs for one set.

``extract`` writes every table into a staging folder inside the tables folder (so on the same
file system), removes the manifest, moves the tables into place and writes ``manifest.json``
last. The manifest names the SHA-256 of each table file and of every input the run read, with
the version of the code. So:

- :func:`check` (used by :func:`sqs_analysis.read_tables`) accepts the folder only when every
  file equals the manifest: a run killed between two renames leaves no manifest, or files that
  do not match it, and is refused with a clear error, never read as a mixture;
- :func:`up_to_date` tells ``extract`` that nothing changed (same inputs by content, same code,
  a complete set) without importing pandas, so make need not compare file times; a raw file
  edited while a run reads it has a hash the manifest does not hold, so it is read next time;
- a failure while writing (disk full, a read-only folder) raises :class:`OutputError` before
  anything is moved: the previous set stays whole.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

from sqs_analysis.errors import OutputError, TablesNotReady
from sqs_analysis.tables.atomic import write_bytes_atomic

MANIFEST = "manifest.json"
_STAGING = ".staging-"
_LOCK = ".extract.lock"


@dataclass(frozen=True)
class Manifest:
    """What one run published: its code version, inputs, table files and refused count."""

    code_version: str
    #: Input file name -> SHA-256 of its bytes (None: it could not be read); folder entries not
    #: read as reports -> "skipped".
    inputs: dict[str, str | None]
    #: Table file name -> SHA-256 of its bytes.
    tables: dict[str, str]
    refused: int

    @property
    def generation(self) -> str:
        """One name for this set of tables: a digest of their hashes."""
        text = json.dumps(self.tables, sort_keys=True)
        return hashlib.sha256(text.encode()).hexdigest()[:16]

    def to_json(self) -> bytes:
        """The manifest as JSON bytes, the same for the same tables."""
        body = {**asdict(self), "generation": self.generation}
        return (json.dumps(body, indent=1, sort_keys=True) + "\n").encode()


def read_manifest(folder: str | Path) -> Manifest | None:
    """The folder's manifest, or None if there is none or it cannot be read."""
    try:
        body = json.loads((Path(folder) / MANIFEST).read_text(encoding="utf-8"))
        return Manifest(
            str(body["code_version"]), dict(body["inputs"]), dict(body["tables"]),
            int(body["refused"]),
        )  # fmt: skip
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _sha256(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def check(folder: str | Path, tables: list[str] | None = None) -> Manifest:
    """The folder's manifest, if every table file in it is the one the manifest names.

    When ``tables`` is given, only the tables named are checked. When the check fails,
    :class:`TablesNotReady` is raised, saying what is wrong.
    """
    folder = Path(folder)
    manifest = read_manifest(folder)
    if manifest is None:
        why = (
            "no tables yet: run `make data` first"
            if not any(folder.glob("*.parquet"))
            else "the tables are not a complete set (no manifest.json: an extract was "
            "interrupted or the tables were written by hand): run `make data` again"
        )
        raise TablesNotReady(folder, why)
    for name in tables if tables is not None else manifest.tables:
        if name not in manifest.tables or _sha256(folder / name) != manifest.tables[name]:
            raise TablesNotReady(
                folder,
                f"{name} is not the file of the last complete extract (an interrupted run "
                "or an edit by hand): run `make data` again",
            )
    return manifest


def up_to_date(
    folder: str | Path, inputs: Mapping[str, str | None], code_version: str
) -> Manifest | None:
    """The folder's manifest if its tables are complete and up to date, else None.

    Up to date: extracted from exactly ``inputs`` by this ``code_version``.
    """
    try:
        manifest = check(folder)
    except TablesNotReady:
        return None
    if manifest.code_version != code_version or manifest.inputs != dict(inputs):
        return None
    return manifest


@contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """One writer at a time per tables folder (a second ``extract`` waits)."""
    with open(folder / _LOCK, "a+b") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def publish(
    files: Mapping[str, bytes],
    folder: str | Path,
    *,
    code_version: str,
    inputs: Mapping[str, str | None],
    refused: int,
) -> Manifest:
    """Write ``files`` (name -> bytes) into ``folder`` as one set; returns its manifest.

    For ``code_version``, ``inputs`` and ``refused``, see :class:`Manifest`.

    Leftover staging folders of killed runs are removed first. On any failure before the swap
    nothing in ``folder`` changes and :class:`OutputError` says why.
    """
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with _locked(folder):
            for old in folder.glob(_STAGING + "*"):
                shutil.rmtree(old, ignore_errors=True)
            staging = Path(tempfile.mkdtemp(prefix=_STAGING, dir=folder))
            try:
                hashes = {}
                for name, data in files.items():
                    with open(staging / name, "wb") as fh:
                        fh.write(data)
                        fh.flush()
                        os.fsync(fh.fileno())
                    os.chmod(staging / name, 0o644)
                    hashes[name] = hashlib.sha256(data).hexdigest()
                manifest = Manifest(code_version, dict(inputs), hashes, refused)
                (folder / MANIFEST).unlink(missing_ok=True)  # from here the set is in transition
                for name in files:
                    os.replace(staging / name, folder / name)
                write_bytes_atomic(folder / MANIFEST, manifest.to_json())
            finally:
                shutil.rmtree(staging, ignore_errors=True)
    except OSError as exc:
        raise OutputError(folder, f"could not write the tables: {exc.strerror or exc}") from exc
    return manifest
