"""The public entry points: parse a folder of reports, or read the tables ``extract`` wrote."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields
from pathlib import Path

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


def parse_paths(paths: Iterable[Path], progress: bool = False) -> ParseRun:
    """Parse each file on its own: one bad report never stops the others."""
    paths = list(paths)
    if progress:
        from tqdm import tqdm

        paths = tqdm(paths, desc="Parsing reports", unit="report")  # type: ignore[assignment]
    reports: list[ParsedReport] = []
    errors: list[ReportParseError] = []
    for path in paths:
        try:
            reports.append(parse_file(path))
        except ReportParseError as exc:
            errors.append(exc)
    return ParseRun(_drop_duplicates(reports), errors)


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
    r = run.reports
    return Tables(
        inspections=tidy.inspections_table(r),
        paragraphs=tidy.paragraphs_table(r),
        judgements=tidy.judgements_table(r),
        contacts=tidy.contacts_table(r),
        findings=tidy.findings_table(r),
        judgement_themes=tidy.judgement_themes_table(r),
        paragraph_themes=tidy.paragraph_themes_table(r),
        quality=tidy.quality_table(r, run.errors),
    )


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
