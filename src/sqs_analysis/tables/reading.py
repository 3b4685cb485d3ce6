"""Read one table file of a checked set: validated once, kept for the rest of the process.

Why this module exists: every page of ``make reports`` reads the same eight tables, and a kernel
renders a hundred pages. The tables were validated against the schemas when ``extract`` wrote
them, and :func:`sqs_analysis.tables.tableset.check` has just proved, by SHA-256, that each file
is the one that run wrote. So a table written by this version of the code (the manifest's code
version) is not validated again: only its columns are compared with the schema's, which is what
tells an upgrade's tables from this version's. A table another version wrote is validated in full.

Each file is read once per process and content (its SHA-256): later reads of the same bytes are
shallow copies of the first. pandas' copy-on-write makes a copy independent, so one notebook
changing its tables in place never changes what the next one reads.
"""

from __future__ import annotations

import hashlib
import io
from functools import lru_cache
from pathlib import Path

import pandas as pd

from sqs_analysis.errors import TablesNotReady
from sqs_analysis.tables import schemas

#: How many table files (of any folder) stay in memory: two sets of the eight tables.
KEPT = 16


def read_table(data_dir: Path, name: str, sha256: str, *, trusted: bool) -> pd.DataFrame:
    """Table ``name`` of ``data_dir``, whose file has the SHA-256 ``sha256``.

    ``trusted``: written by this version of the code, so validated when written; its columns
    are still checked. Otherwise it is validated against the schema. Either way a table with
    other columns than this version's raises :class:`TablesNotReady` (run ``make data``).
    """
    frame = _read(str(data_dir), name, sha256, trusted)
    _check_columns(Path(data_dir), name, frame)  # every time: the schema is this process's
    return frame.copy(deep=False)


@lru_cache(maxsize=KEPT)
def _read(data_dir: str, name: str, sha256: str, trusted: bool) -> pd.DataFrame:
    """The file's frame; cached by its content, so an edited file is read again."""
    folder = Path(data_dir)
    path = folder / f"{name}.parquet"
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise TablesNotReady(folder, f"{path.name} cannot be read ({exc.strerror})") from exc
    if hashlib.sha256(data).hexdigest() != sha256:
        raise TablesNotReady(
            folder, f"{path.name} changed while it was read: run `make data` again"
        )
    frame = pd.read_parquet(io.BytesIO(data))
    return frame if trusted else _validate(folder, name, frame)


def _check_columns(folder: Path, name: str, frame: pd.DataFrame) -> None:
    expected = list(schemas.TABLES[name].columns)  # the plain schema: no pandera to import
    if list(frame.columns) != expected:
        missing = [c for c in expected if c not in frame.columns]
        extra = [c for c in frame.columns if c not in expected]
        detail = f"missing {missing}" if missing else f"unexpected {extra}" if extra else "order"
        raise _not_this_version(folder, name, f"its columns differ: {detail}")


def _validate(folder: Path, name: str, frame: pd.DataFrame) -> pd.DataFrame:
    import pandera.pandas as pa

    try:
        return schemas.SCHEMAS[name].validate(frame)
    except (pa.errors.SchemaError, pa.errors.SchemaErrors) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise _not_this_version(folder, name, first) from exc


def _not_this_version(folder: Path, name: str, why: str) -> TablesNotReady:
    return TablesNotReady(
        folder,
        f"{name}.parquet does not match this version's tables ({why}): run `make data` "
        "to rebuild them",
    )
