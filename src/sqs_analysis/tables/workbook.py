"""Every table in one Excel workbook, for readers who open a spreadsheet rather than CSV files.

``sqs-analysis workbook`` (run by ``make data`` after ``extract``) calls :func:`update`: it writes
the workbook of a complete table set (:mod:`~sqs_analysis.tables.tableset`) beside the tables,
only when the workbook does not show that set already. What a workbook shows is recorded in its
custom document properties: the set's generation (a digest of the manifest's table hashes) and
the version of the code that wrote it, so that a new writer replaces an old workbook too.

Deciding that takes the standard library only (a manifest, and one small XML part of the zip),
so a ``make data`` with nothing to do never loads pandas or openpyxl; what is in the file, and
how it is made byte-deterministic, is :mod:`~sqs_analysis.tables.sheets`. The file is replaced
atomically (:func:`~sqs_analysis.tables.atomic.write_bytes_atomic`): a failure while writing
leaves the previous workbook as it was.
"""

from __future__ import annotations

import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from xml.etree import ElementTree

from sqs_analysis.config import WORKBOOK_NAME
from sqs_analysis.errors import OutputError, TablesNotReady
from sqs_analysis.tables import tableset
from sqs_analysis.tables.atomic import write_bytes_atomic
from sqs_analysis.tables.cache import code_version

if TYPE_CHECKING:  # pandas and openpyxl load only when a workbook is written
    import pandas as pd

#: Custom document properties saying what the workbook shows: the table set (its manifest's
#: generation) and the code that wrote it.
TABLES_PROPERTY = "sqs-analysis tables"
CODE_PROPERTY = "sqs-analysis code"
_CUSTOM = "docProps/custom.xml"


@dataclass(frozen=True)
class Outcome:
    """What :func:`update` did: the workbook's path, whether it wrote it, and the set it shows."""

    path: Path
    written: bool
    generation: str


def default_path(data_dir: str | Path) -> Path:
    """Where the workbook of the tables in ``data_dir`` goes: beside them."""
    return Path(data_dir) / WORKBOOK_NAME


def stored_properties(path: str | Path) -> dict[str, str]:
    """The custom document properties of the workbook at ``path``; empty if it has none.

    Read from the zip directly, so checking that a workbook is current never loads its sheets.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            root = ElementTree.fromstring(archive.read(_CUSTOM))
    except (OSError, KeyError, zipfile.BadZipFile, ElementTree.ParseError):
        return {}  # no workbook, not a zip, or no custom properties: not one of ours
    return {prop.get("name", ""): "".join(prop.itertext()) for prop in root}


def write(
    tables: Mapping[str, pd.DataFrame], path: str | Path, properties: Mapping[str, str]
) -> None:
    """Write the workbook of ``tables`` to ``path``, replacing the old one whole or not at all.

    ``properties``: its custom document properties (name -> text).

    Raises:
        OutputError: it could not be written (disk full, a read-only folder); the previous
            workbook is left as it was.
    """
    from sqs_analysis.tables import sheets

    data = sheets.workbook_bytes(tables, properties)
    try:
        write_bytes_atomic(path, data)
    except OSError as exc:
        raise OutputError(path, f"could not write the workbook: {exc.strerror or exc}") from exc


def update(data_dir: str | Path, out: str | Path | None = None, *, force: bool = False) -> Outcome:
    """Write the workbook of the tables in ``data_dir`` unless it already shows exactly them.

    ``out`` defaults to :func:`default_path`; ``force`` writes even when the workbook is current.

    Raises:
        TablesNotReady: ``data_dir`` holds no complete table set, or it changed while read.
        OutputError: the workbook could not be written; the previous one stays.
    """
    path = Path(out) if out is not None else default_path(data_dir)
    manifest = tableset.check(data_dir)
    wanted = {TABLES_PROPERTY: manifest.generation, CODE_PROPERTY: code_version()}
    if not force and stored_properties(path) == wanted:
        return Outcome(path, False, manifest.generation)
    from sqs_analysis.tables.pipeline import read_tables

    tables = dict(read_tables(data_dir).items())
    again = tableset.read_manifest(data_dir)
    if again is None or again.generation != manifest.generation:
        raise TablesNotReady(data_dir, "the tables changed while they were read: run it again")
    write(tables, path, wanted)
    return Outcome(path, True, manifest.generation)
