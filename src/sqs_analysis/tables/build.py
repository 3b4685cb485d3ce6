"""Flatten parsed reports into long, validated tables.

The tables are described in :mod:`sqs_analysis.tables.schemas`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import pandas as pd

from sqs_analysis.errors import ReportParseError
from sqs_analysis.extract.findings import extract_findings
from sqs_analysis.extract.ingest import Skipped
from sqs_analysis.extract.records import ParsedReport
from sqs_analysis.extract.themes import tag_themes
from sqs_analysis.tables import frames, schemas


def frame(name: str, rows: Sequence[dict[str, object]], validate: bool = True) -> pd.DataFrame:
    """Rows as table ``name``, in the schema's column order.

    Validated: each column of its schema's dtype and checked by its rules
    (:func:`~sqs_analysis.tables.frames.table_frame`); else the rows as pandas reads them.
    """
    if validate:
        return frames.table_frame(name, frames.columns_of(name, rows))
    return pd.DataFrame(list(rows), columns=list(schemas.TABLES[name].columns))


def table(name: str, reports: Iterable[ParsedReport]) -> pd.DataFrame:
    """One of the tables that come from the reports alone (every table but ``quality``)."""
    return frame(name, ROWS[name](reports))


def inspections_rows(reports: Iterable[ParsedReport]) -> list[dict[str, object]]:
    """Rows of the ``inspections`` table, one dict per row."""
    rows = []
    for r in reports:
        rows.append(
            {
                "inspection_id": r.inspection_id,
                "area": r.area,
                "service": r.service,
                "service_name": r.service_name,
                "nation": r.nation,
                "nation_evidence": r.nation_evidence,
                "publication_date": r.publication_date,
                "fieldwork_start": r.fieldwork_start,
                "fieldwork_end": r.fieldwork_end,
                "cases_examined": r.cases_examined,
                "custody_cases_included": r.custody_cases_included,
                "reoffending_rate_pct": r.reoffending_rate_pct,
                "reoffending_vs_previous_year": r.reoffending_vs_previous_year,
                "reoffending_change_stated": r.reoffending_change_stated,
                "ew_average_pct": r.ew_average_pct,
                "rate_gap_pct_points": r.rate_gap_pct_points,
                "cohort_start": r.cohort_start,
                "cohort_end": r.cohort_end,
                "rate_published": r.rate_published,
                "addressee": r.addressee,
                "addressee_role": r.addressee_role,
                "assistant_chief_inspector": r.assistant_chief_inspector,
                "lead_inspector": r.lead_inspector,
                "n_paragraphs": r.count("commentary"),
                "n_strengths": r.count("strengths"),
                "n_improvements": r.count("improvements"),
                "n_warnings": len(r.issues),
                "source_file": r.source_file,
                "source_sha256": r.source_sha256,
            }
        )
    return rows


def paragraphs_rows(reports: Iterable[ParsedReport]) -> list[dict[str, object]]:
    """Rows of the ``paragraphs`` table, one dict per row."""
    rows = [
        {
            "inspection_id": r.inspection_id,
            "section_no": p.section_no,
            "section": p.section,
            "paragraph_id": p.paragraph_id,
            "text": p.text,
        }
        for r in reports
        for p in r.paragraphs
    ]
    return rows


def judgements_rows(reports: Iterable[ParsedReport]) -> list[dict[str, object]]:
    """Rows of the ``judgements`` table, one dict per row."""
    rows = [
        {"inspection_id": r.inspection_id, "kind": j.kind, "position": j.position, "text": j.text}
        for r in reports
        for j in r.judgements
    ]
    return rows


def contacts_rows(reports: Iterable[ParsedReport]) -> list[dict[str, object]]:
    """Rows of the ``contacts`` table, one dict per row."""
    rows = [
        {"inspection_id": r.inspection_id, "position": i, "role": c.role, "name": c.name}
        for r in reports
        for i, c in enumerate(r.contacts, start=1)
    ]
    return rows


def findings_rows(reports: Iterable[ParsedReport]) -> list[dict[str, object]]:
    """Quantified statements of every paragraph; the quote keeps each number's provenance."""
    rows = []
    for r in reports:
        for p in r.paragraphs:
            for f in extract_findings(p.text, cases_examined=r.cases_examined):
                row = {"inspection_id": r.inspection_id, "paragraph_id": p.paragraph_id}
                row["section"] = p.section
                row.update(vars(f))  # a flat dataclass: no need for asdict's deep copy
                rows.append(row)
    return rows


def judgement_themes_rows(reports: Iterable[ParsedReport]) -> list[dict[str, object]]:
    """Rows of the ``judgement_themes`` table, one dict per row."""
    rows = [
        {
            "inspection_id": r.inspection_id,
            "kind": j.kind,
            "position": j.position,
            "theme": tag.theme,
            "matched": tag.matched,
        }
        for r in reports
        for j in r.judgements
        for tag in tag_themes(j.text)
    ]
    return rows


def paragraph_themes_rows(reports: Iterable[ParsedReport]) -> list[dict[str, object]]:
    """Rows of the ``paragraph_themes`` table, one dict per row."""
    rows = [
        {
            "inspection_id": r.inspection_id,
            "paragraph_id": p.paragraph_id,
            "theme": tag.theme,
            "matched": tag.matched,
        }
        for r in reports
        for p in r.paragraphs
        for tag in tag_themes(p.text)
    ]
    return rows


#: Row builders of the tables that come from the reports alone, in :class:`corpus.Tables` order.
ROWS: dict[str, Callable[[Iterable[ParsedReport]], list[dict[str, object]]]] = {
    "inspections": inspections_rows,
    "paragraphs": paragraphs_rows,
    "judgements": judgements_rows,
    "contacts": contacts_rows,
    "findings": findings_rows,
    "judgement_themes": judgement_themes_rows,
    "paragraph_themes": paragraph_themes_rows,
}


def quality_table(
    reports: Iterable[ParsedReport],
    errors: Iterable[ReportParseError],
    skipped: Iterable[Skipped] = (),
) -> pd.DataFrame:
    """The ``quality`` table: what each report's parse warned about or refused."""
    rows: list[dict[str, object]] = [
        {
            "source_file": r.source_file,
            "inspection_id": r.inspection_id,
            "severity": i.severity,
            "field": i.field,
            "message": i.message,
        }
        for r in reports
        for i in r.issues
    ]
    rows += [
        {
            "source_file": e.path.rsplit("/", 1)[-1],
            "inspection_id": None,
            "severity": "error",
            "field": "file",
            "message": e.reason,
        }
        for e in errors
    ]
    rows += [
        {
            "source_file": s.path.name,
            "inspection_id": None,
            "severity": s.severity,
            "field": "file",
            "message": s.reason,
        }
        for s in skipped
    ]
    rows.sort(key=lambda row: (str(row["source_file"]), row["severity"] != "error"))
    return frame("quality", rows)
