"""Atomic, deterministic writes: a reader never sees half a file, and reruns give the same bytes."""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pandas loads only where a table is written: `extract` with nothing to do
    import pandas as pd  # never needs it


def write_bytes_atomic(path: str | Path, data: bytes) -> None:
    """Write to a temporary file beside ``path`` and rename it over ``path``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_text_atomic(path: str | Path, text: str) -> None:
    """Write UTF-8 text so that readers see the old file or the new one, never half."""
    write_bytes_atomic(path, text.encode("utf-8"))


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """A table as CSV bytes, written the same way every time (byte-identical builds).

    Written by polars, with the bytes pandas' ``to_csv`` gives (:mod:`sqs_analysis.tables.csvtext`).
    """
    from sqs_analysis.tables.csvtext import csv_bytes as written

    return written(frame)


def parquet_bytes(frame: pd.DataFrame) -> bytes:
    """A table as Parquet bytes, written the same way every time."""
    buffer = io.BytesIO()
    frame.to_parquet(buffer, index=False, engine="pyarrow", compression="zstd")
    return buffer.getvalue()


def table_files(name: str, frame: pd.DataFrame) -> list[tuple[str, bytes]]:
    """A table's files, ``name.csv`` and ``name.parquet``, with their bytes."""
    return [(f"{name}.csv", csv_bytes(frame)), (f"{name}.parquet", parquet_bytes(frame))]


def write_table(frame: pd.DataFrame, out_dir: str | Path, name: str) -> list[Path]:
    """Write ``name.csv`` and ``name.parquet``; returns the paths written."""
    out_dir = Path(out_dir)
    paths = [out_dir / f"{name}.csv", out_dir / f"{name}.parquet"]
    write_bytes_atomic(paths[0], csv_bytes(frame))
    write_bytes_atomic(paths[1], parquet_bytes(frame))
    return paths
