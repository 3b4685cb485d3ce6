"""The public entry points: parse a folder of reports, or read the tables ``extract`` wrote."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import pandas as pd

from . import schemas, tidy
from .errors import ReportParseError
from .ingest import find_reports
from .parse import parse_file
from .records import ParsedReport


@dataclass(frozen=True)
class Tables:
    """Every table of the suite as validated DataFrames (see the data dictionary)."""

    inspections: pd.DataFrame
    paragraphs: pd.DataFrame
    judgements: pd.DataFrame
    contacts: pd.DataFrame
    findings: pd.DataFrame
    judgement_themes: pd.DataFrame
    paragraph_themes: pd.DataFrame
    quality: pd.DataFrame

    def items(self) -> Iterator[tuple[str, pd.DataFrame]]:
        for f in fields(self):
            yield f.name, getattr(self, f.name)


@dataclass(frozen=True)
class ParseRun:
    """What parsing a folder gave: the reports that parsed and the files that were refused."""

    reports: list[ParsedReport]
    errors: list[ReportParseError]


#: Below this many reports a process pool costs more than it saves.
PARALLEL_MIN_REPORTS = 64


def parse_paths(paths: Iterable[Path], progress: bool = False, workers: int | None = 1) -> ParseRun:
    """Parse each file on its own: one bad report never stops the others.

    ``workers``: processes to parse in (``None``: one per core); the result is the same, in the
    same order, whatever the number. Small folders are always parsed in this process.
    """
    paths = list(paths)
    pool = _pool(workers, len(paths))
    if pool is None:
        results: Iterable[ParsedReport | tuple[str, str]] = map(_parse_one, paths)
    else:
        results = pool.map(_parse_one, paths, chunksize=_chunksize(len(paths), pool))
    if progress:
        from tqdm import tqdm

        results = tqdm(results, total=len(paths), desc="Parsing reports", unit="report")
    reports: list[ParsedReport] = []
    errors: list[ReportParseError] = []
    try:
        for result in results:
            if isinstance(result, ParsedReport):
                reports.append(result)
            else:
                errors.append(ReportParseError(*result))
    finally:
        if pool is not None:
            pool.shutdown()
    return ParseRun(_drop_duplicates(reports), errors)


def _parse_one(path: Path) -> ParsedReport | tuple[str, str]:
    """One file's report, or (path, reason): an exception with two arguments does not pickle."""
    try:
        return parse_file(path)
    except ReportParseError as exc:
        return (exc.path, exc.reason)


def _pool(workers: int | None, jobs: int) -> Any:
    """A process pool of ``workers`` (``None``: cores), or None when one process is better."""
    import os

    workers = workers if workers is not None else (os.cpu_count() or 1)
    workers = min(workers, jobs // (PARALLEL_MIN_REPORTS // 2) or 1)
    if workers <= 1 or jobs < PARALLEL_MIN_REPORTS:
        return None
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    methods = mp.get_all_start_methods()
    context = mp.get_context("fork" if "fork" in methods and os.name == "posix" else "spawn")
    return ProcessPoolExecutor(max_workers=workers, mp_context=context)


def _chunksize(jobs: int, pool: Any) -> int:
    return max(1, jobs // (pool._max_workers * 8))


def _drop_duplicates(reports: list[ParsedReport]) -> list[ParsedReport]:
    """Keep one report per inspection: the same file twice, or the text and the PDF of one report.

    The kept copy is the one with fewest warnings (then text before PDF, then by name); it gets a
    warning naming the copy that was set aside, so the quality table shows both files.
    """
    kept: dict[str, ParsedReport] = {}
    for report in sorted(reports, key=_preference):
        first = kept.setdefault(report.inspection_id, report)
        if first is report:
            continue
        same = (
            "identical content"
            if first.source_sha256 == report.source_sha256
            else "same inspection"
        )
        first.warn(
            "file",
            f"{report.source_file} is a duplicate of {first.source_file} ({same}); "
            f"{report.source_file} was not used",
        )
    return sorted(kept.values(), key=lambda r: r.inspection_id)


def _preference(report: ParsedReport) -> tuple[int, bool, str]:
    return (len(report.issues), report.source_file.lower().endswith(".pdf"), report.source_file)


def build_tables(run: ParseRun, workers: int | None = 1) -> Tables:
    """Every table from a parse run; ``workers`` processes share the per-report work
    (``None``: one per core). The tables are the same whatever the number."""
    pool = _pool(workers, len(run.reports))
    if pool is not None:
        try:
            return _build_tables_in(pool, run)
        finally:
            pool.shutdown()
    return Tables(
        **_report_tables(run.reports), quality=tidy.quality_table(run.reports, run.errors)
    )


def _report_tables(reports: list[ParsedReport]) -> dict[str, pd.DataFrame]:
    """The tables that come from the reports alone (all but ``quality``), for some reports."""
    return {
        name: getattr(tidy, f"{name}_table")(reports)
        for name in (f.name for f in fields(Tables))
        if name != "quality"
    }


def _build_tables_in(pool: Any, run: ParseRun) -> Tables:
    """:func:`build_tables` with the reports split into consecutive chunks, one task each; the
    chunks' tables are concatenated in order and validated again, as one table would be."""
    r = run.reports
    size = -(-len(r) // (pool._max_workers * 4))
    parts = list(pool.map(_report_tables, [r[i : i + size] for i in range(0, len(r), size)]))
    frames = {
        name: schemas.SCHEMAS[name].validate(
            pd.concat([part[name] for part in parts], ignore_index=True)
        )
        for name in parts[0]
    }
    return Tables(**frames, quality=tidy.quality_table(r, run.errors))


def load(raw_dir: str | Path = "data/raw", progress: bool = False) -> Tables:
    """Parse every report in ``raw_dir`` and return the tables (nothing is written)."""
    return build_tables(parse_paths(find_reports(raw_dir), progress=progress))


def read_tables(data_dir: str | Path = "data/processed") -> Tables:
    """Read the Parquet tables written by ``sqs-analysis extract``, validated against the schemas."""
    data_dir = Path(data_dir)
    frames = {}
    for f in fields(Tables):
        path = data_dir / f"{f.name}.parquet"
        if not path.exists():
            raise FileNotFoundError(f"{path} not found: run `make data` first")
        frames[f.name] = schemas.SCHEMAS[f.name].validate(pd.read_parquet(path))
    return Tables(**frames)
