"""The tables pages show: headline figures, comparisons, judgements, sources and notes.

Each is text ready to read (formatted, "not stated" when missing), so a page never shows
a raw NaN or a machine date, and every figure can be traced back to its source file. Those
that return table rows as they are (``quality_notes``) are put in a reader's words where
they are shown (:class:`~sqs_analysis.report.display.TableView`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import pandas as pd

from sqs_analysis.report.formatting import (
    area_name,
    fmt_cohort,
    fmt_date,
    fmt_int,
    fmt_month,
    fmt_pct,
    fmt_points,
    fmt_text,
    theme_label,
)
from sqs_analysis.report.readable import KIND_LABELS
from sqs_analysis.report.selection import require_inspection, select_inspections

if TYPE_CHECKING:  # pragma: no cover - typing only
    from sqs_analysis.tables.pipeline import Tables

_KIND_ORDER = {"strength": 0, "improvement": 1}


def headline_figures(tables: Tables, inspection_id: str) -> pd.DataFrame:
    """The figures a reader wants first, as text ready to show ("not stated" when missing).

    The service, publication and fieldwork dates are in the briefing's title and dateline, so
    they are not repeated here: the summary fits one printed page with its chart.
    """
    row = require_inspection(tables, inspection_id)
    items = [
        ("Cases examined", fmt_int(row.get("cases_examined"))),
        ("Reoffending rate", fmt_pct(row.get("reoffending_rate_pct"))),
        ("England and Wales average (same cohort)", fmt_pct(row.get("ew_average_pct"))),
        ("Gap to average", fmt_points(row.get("rate_gap_pct_points"))),
        ("Cohort", fmt_cohort(row)),
        ("Compared with previous year", row.get("reoffending_change_stated")),
        ("Key strengths", fmt_int(row.get("n_strengths"))),
        ("Areas requiring improvement", fmt_int(row.get("n_improvements"))),
    ]
    return pd.DataFrame([(k, fmt_text(v)) for k, v in items], columns=["Figure", "Value"])


def comparison_table(tables: Tables, inspection_ids: Iterable[str] | None = None) -> pd.DataFrame:
    """One row per inspection with its headline figures, formatted for reading."""
    df = select_inspections(tables, inspection_ids)
    return pd.DataFrame(
        {
            "Inspection": df["inspection_id"].astype(str),
            "Area": [area_name(r) for _, r in df.iterrows()],
            "Published": [fmt_date(v) for v in df["publication_date"]],
            "Cases": [fmt_int(v) for v in df["cases_examined"]],
            "Rate": [fmt_pct(v) for v in df["reoffending_rate_pct"]],
            "E&W average": [fmt_pct(v) for v in df["ew_average_pct"]],
            "Gap": [fmt_points(v) for v in df["rate_gap_pct_points"]],
            "Cohort": [fmt_cohort(r) for _, r in df.iterrows()],
        }
    )


def _themes_by_judgement(tables: Tables, inspection_id: str) -> dict[tuple[str, int], str]:
    """Each judgement's (kind, position) mapped to its theme names, sorted and comma-joined."""
    jt = tables.judgement_themes
    themes: dict[tuple[str, int], str] = {}
    if jt.empty:
        return themes
    sub = jt[jt["inspection_id"] == inspection_id]
    for (kind, pos), g in sub.groupby(["kind", "position"]):
        themes[(str(kind), int(pos))] = ", ".join(
            theme_label(t) for t in sorted(g["theme"].dropna().astype(str).unique())
        )
    return themes


def judgements_with_themes(tables: Tables, inspection_id: str) -> pd.DataFrame:
    """Key strengths and areas for improvement in report order, each with its themes."""
    require_inspection(tables, inspection_id)
    j = tables.judgements
    j = j[j["inspection_id"] == inspection_id]
    j = j.assign(_o=j["kind"].map(_KIND_ORDER).fillna(2)).sort_values(["_o", "position"])
    themes = _themes_by_judgement(tables, inspection_id)
    rows = [
        {
            "Kind": KIND_LABELS.get(str(r.kind), str(r.kind)),
            "No.": int(r.position),
            "Text": str(r.text),
            "Themes": themes.get((str(r.kind), int(r.position)), "none assigned"),
        }
        for r in j.itertuples()
    ]
    return pd.DataFrame(rows, columns=["Kind", "No.", "Text", "Themes"])


def data_notes(tables: Tables, inspection_id: str) -> pd.DataFrame:
    """Where the figures came from: source file and its checksum, for checking by hand."""
    row = require_inspection(tables, inspection_id)
    items = [
        ("Inspection id", inspection_id),
        ("Source file", row.get("source_file")),
        ("SHA-256 of source file", row.get("source_sha256")),
        ("Rate published", fmt_month(row.get("rate_published"))),
        ("Lead inspector", row.get("lead_inspector")),
        ("Assistant Chief Inspector", row.get("assistant_chief_inspector")),
    ]
    return pd.DataFrame([(k, fmt_text(v)) for k, v in items], columns=["Item", "Value"])


def quality_notes(tables: Tables, inspection_ids: Iterable[str] | None = None) -> pd.DataFrame:
    """Parsing problems recorded for these inspections (empty when the reports parsed cleanly)."""
    q = tables.quality
    if q.empty or inspection_ids is None:
        return q.reset_index(drop=True)
    ids = set(inspection_ids)
    return q[q["inspection_id"].isin(ids)].reset_index(drop=True)


def sources_table(tables: Tables, inspection_ids: Iterable[str] | None = None) -> pd.DataFrame:
    """Each compared report's source file and checksum, so figures can be traced to the file."""
    df = select_inspections(tables, inspection_ids)
    return pd.DataFrame(
        {
            "Inspection": df["inspection_id"].astype(str),
            "Source file": [fmt_text(v) for v in df["source_file"]],
            "SHA-256": [fmt_text(v) for v in df["source_sha256"]],
        }
    )


def table_overview(tables: Tables) -> pd.DataFrame:
    """Rows and columns of every table, for exploring what the extract produced."""
    rows = []
    for name, frame in tables.items():
        rows.append({"table": name, "rows": len(frame), "columns": ", ".join(map(str, frame))})
    return pd.DataFrame(rows)
