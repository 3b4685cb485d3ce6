"""The landing page of the reports: every briefing with its headline figures, and data quality.

Why this module exists: a board member opens ``reports/index.html`` first. It is built from the
extracted tables, not from the pages, and names without a link the briefings that are not built,
so it never links to a page that does not exist. Every value on it is report text, so the page is
a Jinja2 template (``templates/sqs_report/reports_index.html.j2``) rendered with autoescape.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2
import pandas as pd
from markupsafe import Markup

from sqs_analysis.publish.offline import check_self_contained
from sqs_analysis.publish.templates import read_template, stamped_title
from sqs_analysis.report import narrative as nr
from sqs_analysis.tables.atomic import write_text_atomic

if TYPE_CHECKING:  # pragma: no cover - typing only
    from sqs_analysis.tables.pipeline import Tables

INDEX_TEMPLATE = "sqs_report/reports_index.html.j2"
INDEX_TITLE = "SQS briefings"
HEADS = ("Briefing", "Inspection id", "Published", "Cases", "Reoffending rate",
         "E&W average (same cohort)", "Gap", "Cohort")  # fmt: skip
QUALITY_HEADS = ("File", "Inspection", "Severity", "Part of the report", "Problem")


def _escape(value: object) -> Markup:
    """Escape as :func:`html.escape` does, so the page stays byte for byte what it has always been.

    That is ``&#x27;`` and ``&quot;``, where Jinja writes ``&#39;`` and ``&#34;``.
    """
    return value if isinstance(value, Markup) else Markup(html.escape(str(value)))


@cache
def _template() -> jinja2.Template:
    """The index template, compiled once a process; every ``{{ value }}`` is escaped."""
    env = jinja2.Environment(
        autoescape=True, finalize=_escape, trim_blocks=True, keep_trailing_newline=True
    )
    return env.from_string(read_template(INDEX_TEMPLATE))


def _rows(table: pd.DataFrame, briefings_present: set[str] | None) -> Iterator[dict[str, object]]:
    """One row a briefing: its area (a link when the page is built) and its figures."""
    for r in table.itertuples(index=False):
        iid = str(r.Inspection)
        yield {
            "inspection_id": iid,
            "area": str(r.Area),
            "built": briefings_present is None or iid in briefings_present,
            "cells": [iid, r.Published, r.Cases, r.Rate, r[5], r.Gap, r.Cohort],
        }


def _quality_summary(quality: pd.DataFrame) -> str:
    """One sentence on what was refused and what was read with warnings."""
    if quality.empty:
        return "Every report file was read without a problem."
    refused = quality[quality["severity"] == "error"]
    warned = quality[quality["severity"] == "warning"]
    return (
        f"{len(refused)} file(s) could not be used and {warned['source_file'].nunique()} file(s) "
        f"were read with {len(warned)} warning(s). A refused file has no briefing; a warning "
        "means a figure is missing or something in the file was unusual. The same list is in "
        "data/processed/quality.csv."
    )


def _quality_rows(quality: pd.DataFrame) -> list[list[str]]:
    """Every refused file and every parse warning, missing values as empty cells.

    The part of the report is named in words (``Reoffending rate``, not its column's name).
    """
    return [
        ["" if nr.is_missing(v) else str(v) for v in
         (r.source_file, r.inspection_id, r.severity, nr.field_words(r.field), r.message)]
        for r in quality.itertuples(index=False)
    ]  # fmt: skip


def index_html(
    tables: Tables, briefings_present: set[str] | None = None, stamp: str | None = None
) -> str:
    """The landing page: every briefing with its headline figures; all report text escaped.

    ``stamp``: added to the title and shown in a banner at the top (as on every page).
    """
    table = nr.comparison_table(tables)
    return _template().render(
        title=stamped_title(INDEX_TITLE, stamp),
        stamp=stamp,
        summary=nr.comparison_rates_sentence(tables) if len(table) else "No inspections yet.",
        heads=HEADS,
        rows=list(_rows(table, briefings_present)),
        quality_summary=_quality_summary(tables.quality),
        quality_heads=QUALITY_HEADS,
        quality_rows=_quality_rows(tables.quality),
    )


def build_index(
    data_dir: Path,
    out_dir: Path,
    briefings_present: set[str] | None = None,
    stamp: str | None = None,
) -> Path:
    """Write ``<out>/index.html`` from the extracted tables.

    ``briefings_present``: the briefings that are built (the others are named without a link).
    ``stamp``: see :func:`index_html`.
    """
    # Deferred for start-up speed: the tables' schemas (pandera) load while kernels start.
    from sqs_analysis.tables.pipeline import read_tables

    tables = read_tables(Path(data_dir))
    out = Path(out_dir) / "index.html"
    page = index_html(tables, briefings_present, stamp)
    check_self_contained(page)
    write_text_atomic(out, page)
    return out


def inspection_ids(data_dir: Path) -> list[str]:
    """The extracted inspection ids, sorted (what ``make reports`` builds briefings for)."""
    table = pd.read_parquet(Path(data_dir) / "inspections.parquet", columns=["inspection_id"])
    return sorted(str(i) for i in table["inspection_id"].dropna())
