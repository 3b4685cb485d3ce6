"""The public entry points: parse a folder of reports, or read the tables ``extract`` wrote."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from sqs_analysis.errors import ReportParseError
from sqs_analysis.extract.ingest import Skipped, fingerprint, scan_raw
from sqs_analysis.extract.parse import parse_file
from sqs_analysis.extract.records import ParsedReport
from sqs_analysis.tables import build, frames, reading, schemas, tableset
from sqs_analysis.tables.cache import Entry, ReportCache, code_version, entry_key

logger = logging.getLogger(__name__)


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
        """Each table's name and frame, in field order."""
        for f in fields(self):
            yield f.name, getattr(self, f.name)


@dataclass(frozen=True)
class ParseRun:
    """What parsing a folder gave: the reports that parsed and the files that were refused."""

    reports: list[ParsedReport]
    errors: list[ReportParseError]
    #: Entries of the raw folder not read as reports (hidden files, folders, FIFOs...).
    skipped: list[Skipped] = field(default_factory=list)
    #: Every file read: its name and the SHA-256 of its bytes when the run started (None: it
    #: could not be read), so that a file changed during the run is read again next time.
    inputs: dict[str, str | None] = field(default_factory=dict)

    @property
    def refused(self) -> int:
        """Files that could not be used: refused reports and unreadable folder entries."""
        return len(self.errors) + sum(s.severity == "error" for s in self.skipped)


#: Below this many reports a process pool costs more than it saves.
PARALLEL_MIN_REPORTS = 64


def parse_paths(paths: Iterable[Path], progress: bool = False) -> ParseRun:
    """Parse each file on its own, in this process: one bad report never stops the others.

    (:func:`extract` parses large folders in parallel.)
    """
    paths = list(paths)
    bar = _bar(progress, len(paths))
    reports: list[ParsedReport] = []
    errors: list[ReportParseError] = []
    for path in paths:
        result = _parse_one(path)
        if isinstance(result, ParsedReport):
            reports.append(result)
        else:
            errors.append(ReportParseError(*result))
        if bar is not None:
            bar.update()
    if bar is not None:
        bar.close()
    return ParseRun(_drop_duplicates(reports), errors)


def _bar(progress: bool, total: int) -> Any:
    """A progress bar over ``total`` reports, or None."""
    if not progress:
        return None
    from tqdm import tqdm

    return tqdm(total=total, desc="Parsing reports", unit="report")


def _parse_one(path: Path) -> ParsedReport | tuple[str, str]:
    """One file's report, or (path, reason): an exception with two arguments does not pickle."""
    try:
        return parse_file(path)
    except ReportParseError as exc:
        return (exc.path, exc.reason)
    except Exception as exc:
        logger.debug("internal error reading %s", path, exc_info=True)
        return (str(path), f"internal error while reading it ({type(exc).__name__}: {exc})")


def _pool(workers: int | None, jobs: int) -> tuple[Any, int]:
    """A process pool of ``workers`` and its size, or (None, 1) when one process is better.

    ``workers`` set to ``None`` means one per core.
    """
    import os

    workers = workers if workers is not None else (os.cpu_count() or 1)
    workers = min(workers, jobs // (PARALLEL_MIN_REPORTS // 2) or 1)
    if workers <= 1 or jobs < PARALLEL_MIN_REPORTS:
        return None, 1
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    methods = mp.get_all_start_methods()
    context = mp.get_context("fork" if "fork" in methods and os.name == "posix" else "spawn")
    pool = ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_exit_with, initargs=(os.getpid(),)
    )
    return pool, workers


def _exit_with(parent: int) -> None:
    """In a worker: leave as soon as the process that started it is gone.

    A killed ``extract`` would otherwise leave its workers waiting for work for ever (each sibling
    holds the queue open, so they never see it close).
    """
    import os
    import threading
    import time

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.2)
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


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


def build_tables(run: ParseRun) -> Tables:
    """Every table from a parse run, in this process."""
    return Tables(
        **{name: build.table(name, run.reports) for name in build.ROWS},
        quality=build.quality_table(run.reports, run.errors),
    )


def extract(
    paths: Iterable[Path],
    progress: bool = False,
    workers: int | None = 1,
    cache: str | Path | None = None,
    skipped: Iterable[Skipped] = (),
) -> tuple[ParseRun, Tables]:
    """Parse the files and build every table: what ``sqs-analysis extract`` writes.

    ``workers``: processes to work in (``None``: one per core); fewer than
    :data:`PARALLEL_MIN_REPORTS` files to parse are always read in this process. Each process
    parses a run of files and builds those reports' rows too, so a report crosses between
    processes once and each table is validated once.

    ``cache``: a folder for :class:`~sqs_analysis.tables.cache.ReportCache`: a file parsed before by
    this version of the code is read from there instead, and new entries are written as files
    are parsed. Either way the tables equal those of :func:`build_tables` on :func:`parse_paths`.

    ``skipped``: entries of the raw folder that are not reports
    (:func:`~sqs_analysis.extract.ingest.scan_raw`), for the quality table.
    """
    paths = list(paths)
    digests = [fingerprint(p) for p in paths]
    store = ReportCache(cache, _WORKER_TABLES) if cache is not None else None
    keys = [
        entry_key(p.name, d) if store and d else None for p, d in zip(paths, digests, strict=True)
    ]
    bar = _bar(progress, len(paths))
    parts = _from_cache(store, keys, digests, bar) if store else []
    found = {i for outcome, _ in parts for i, _ in outcome}
    todo = [(i, p, keys[i]) for i, p in enumerate(paths) if i not in found]
    if store:
        logger.info(
            "%d of %d file(s) read from the cache in %s", len(found), len(paths), store.root
        )
    root = store.root if store else None
    pool, size_of_pool = _pool(workers, len(todo))
    logger.info("parsing %d file(s) in %d process(es)", len(todo), size_of_pool)
    size = -(-len(todo) // (size_of_pool * 8)) if pool else _IN_PROCESS_CHUNK
    chunks = [todo[i : i + size] for i in range(0, len(todo), size)]
    try:
        if pool is None:
            done: Iterable[_Part] = (_extract_chunk(chunk, root) for chunk in chunks)
        else:
            done = pool.map(_extract_chunk, chunks, [root] * len(chunks))
        for part in done:
            parts.append(part)
            if bar is not None:
                bar.update(len(part[0]))
    finally:
        if pool is not None:
            pool.shutdown()
        if bar is not None:
            bar.close()
    if store:
        store.prune({k for k in keys if k})
    run, tables = _assemble(parts, list(skipped))
    run.inputs.update((p.name, d) for p, d in zip(paths, digests, strict=True))
    return run, tables


#: Tables whose rows are built as each file is parsed; ``inspections`` and ``quality`` are built
#: afterwards, as setting duplicates aside adds a warning to the copy that is kept.
_WORKER_TABLES = tuple(name for name in build.ROWS if name != "inspections")

_Outcome = list[tuple[int, "ParsedReport | tuple[str, str]"]]
#: A table's rows as typed arrays by column, with a ``_key`` column: the file each row is of.
_Columns = dict[str, Any]
_Part = tuple[_Outcome, dict[str, _Columns]]


#: Files parsed in this process between updates of the progress bar.
_IN_PROCESS_CHUNK = 8


#: Cached reports are turned into frames this many at a time, so their rows never pile up.
_CACHE_BATCH = 128


def _from_cache(
    store: ReportCache, keys: list[str | None], digests: list[str | None], bar: Any
) -> list[_Part]:
    """The parts for the files whose reports are in the cache (damaged entries are left out)."""
    parts: list[_Part] = []
    batch: list[tuple[int, Entry]] = []
    for i, key in enumerate(keys):
        entry = store.get(key, digests[i]) if key else None
        if entry is not None:
            batch.append((i, entry))
        if batch and (len(batch) == _CACHE_BATCH or i == len(keys) - 1):
            parts.append(([(j, report) for j, (report, _) in batch], _frames(batch)))
            if bar is not None:
                bar.update(len(batch))
            batch = []
    return parts


def _assemble(parts: list[_Part], skipped: list[Skipped]) -> tuple[ParseRun, Tables]:
    """Set duplicates aside, order every table's rows by kept report and build each once."""
    parsed: dict[int, ParsedReport] = {}
    errors: list[ReportParseError] = []
    pieces: dict[str, list[_Columns]] = {name: [] for name in _WORKER_TABLES}
    for outcome, part_columns in parts:
        for key, result in outcome:
            if isinstance(result, ParsedReport):
                parsed[key] = result
            else:
                errors.append(ReportParseError(*result))
        for name, columns in part_columns.items():
            pieces[name].append(columns)
    parts.clear()  # the pieces are let go as their tables are built
    kept = _drop_duplicates(list(parsed.values()))
    rank_of_report = {id(r): rank for rank, r in enumerate(kept)}
    rank = np.full(max(parsed, default=0) + 1, -1, dtype=np.int64)
    for key, report in parsed.items():
        rank[key] = rank_of_report.get(id(report), -1)
    tables = {"inspections": build.table("inspections", kept)}
    for name in list(pieces):
        tables[name] = frames.checked_frame(name, _in_order(name, pieces.pop(name), rank))
    quality = build.quality_table(kept, errors, skipped)
    return ParseRun(kept, errors, skipped), Tables(**tables, quality=quality)


def _in_order(name: str, pieces: list[_Columns], rank: np.ndarray) -> dict[str, Any]:
    """A table's pieces as one, the rows of kept reports only, by the rank of their report.

    Stable: a report's rows keep their order.
    """
    if not pieces:
        pieces = [_frames([])[name]]
    keys = np.concatenate([piece["_key"] for piece in pieces])
    ranks = rank[keys] if len(keys) else keys
    rows = np.flatnonzero(ranks >= 0)
    order = rows[np.argsort(ranks[rows], kind="stable")]
    whole = {}
    for column in schemas.TABLES[name].columns:
        values = pd.concat([pd.Series(p[column], copy=False) for p in pieces], ignore_index=True)
        whole[column] = values.array if _is_identity(order, len(keys)) else values.array.take(order)
    return whole


def _is_identity(order: np.ndarray, n: int) -> bool:
    return len(order) == n and bool((order == np.arange(n)).all())


def _extract_chunk(items: list[tuple[int, Path, str | None]], cache: Path | None) -> _Part:
    """Parse a run of files and build their rows into frames.

    Each report is stored with its rows in the cache (if any), and each row keeps its file's key for
    ordering.
    """
    store = ReportCache(cache) if cache is not None else None
    outcome: _Outcome = []
    entries: list[tuple[int, Entry]] = []
    for key, path, address in items:
        result = _parse_one(path)
        entry = None
        if isinstance(result, ParsedReport):
            try:
                entry = (result, {name: build.ROWS[name]([result]) for name in _WORKER_TABLES})
            except Exception as exc:
                logger.debug("internal error building the rows of %s", path, exc_info=True)
                result = (str(path), f"internal error building its rows ({type(exc).__name__})")
        outcome.append((key, result))
        if entry is not None:
            entries.append((key, entry))
            if store is not None and address is not None:
                store.put(address, entry)
    return outcome, _frames(entries)


def _frames(entries: list[tuple[int, Entry]]) -> dict[str, _Columns]:
    """Each table's rows of these reports as typed arrays by column, with a ``_key`` column.

    Typed where the rows are built (in the workers): the arrays cross between processes in a
    few buffers each, and the parent only joins them (:func:`_assemble`).
    """
    out = {}
    for name in _WORKER_TABLES:
        columns: dict[str, list[object]] = {c: [] for c in schemas.TABLES[name].columns}
        keys: list[int] = []
        for key, (_, table_rows) in entries:
            rows = table_rows[name]
            for column, values in columns.items():
                values += [row.get(column) for row in rows]
            keys += [key] * len(rows)
        out[name] = {**frames.typed_columns(name, columns), "_key": np.array(keys, dtype=np.int64)}
    return out


def extract_folder(raw_dir: str | Path, **options: Any) -> tuple[ParseRun, Tables]:
    """:func:`extract` on every entry of a folder.

    The entries that are not reports go in the quality table. ``options``: those of :func:`extract`.
    """
    paths, skipped = scan_raw(raw_dir)
    return extract(paths, skipped=skipped, **options)


def load(raw_dir: str | Path = "data/raw", progress: bool = False) -> Tables:
    """Parse every report in ``raw_dir`` and return the tables (nothing is written)."""
    return extract_folder(raw_dir, progress=progress)[1]


def read_tables(data_dir: str | Path = "data/processed") -> Tables:
    """Read the Parquet tables written by ``sqs-analysis extract``, validated against the schemas.

    Only a complete set is read: :class:`~sqs_analysis.errors.TablesNotReady` if the folder
    holds no tables, or files that are not those of its last complete extract
    (:mod:`sqs_analysis.tables.tableset`). Tables this version of the code wrote were validated
    when written and are read once per process (:mod:`sqs_analysis.tables.reading`).
    """
    data_dir = Path(data_dir)
    names = [f.name for f in fields(Tables)]
    manifest = tableset.check(data_dir, [f"{name}.parquet" for name in names])
    trusted = manifest.code_version == code_version()
    return Tables(
        **{
            name: reading.read_table(
                data_dir, name, manifest.tables[f"{name}.parquet"], trusted=trusted
            )
            for name in names
        }
    )
