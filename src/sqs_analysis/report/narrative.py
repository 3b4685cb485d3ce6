"""The words and tables a notebook shows: a deliberate facade over the modules that make them.

Why a facade: notebooks are where analysts read and edit, so each page imports two names,
``narrative`` (sentences, tables, display) and ``plots`` (charts), and a cell reads
``narrative.inspection_summary(...)`` whatever module the code lives in. The code itself is in
:mod:`.formatting`, :mod:`.selection`, :mod:`.sentences`, :mod:`.compare_sentences`,
:mod:`.sections`, :mod:`.summary`, :mod:`.display`, :mod:`.display_tables` and
:mod:`.readable`; moving a function between them changes this list, never a notebook (nor
``publish``, which renders the index with these names). Library code and tests import the real
modules, not this one. Nothing is defined here.
"""

from __future__ import annotations

from sqs_analysis.report.compare import nation_table
from sqs_analysis.report.compare_sentences import (
    area_comparison,
    funnel_sentence,
    nation_sentence,
    recurrence_sentences,
    thin_evidence_note,
)
from sqs_analysis.report.display import Prose, Section, TableView, as_table, display_frame, prose
from sqs_analysis.report.display_tables import (
    comparison_table,
    data_notes,
    headline_figures,
    judgements_with_themes,
    quality_notes,
    sources_table,
    table_overview,
)
from sqs_analysis.report.formatting import (
    NOT_STATED,
    THEME_LABELS,
    fmt_cohort,
    fmt_date,
    fmt_fieldwork,
    fmt_int,
    fmt_month,
    fmt_pct,
    fmt_points,
    gap_phrase,
    is_missing,
    join_and,
    possessive,
    theme_label,
)
from sqs_analysis.report.readable import field_words, for_readers
from sqs_analysis.report.sections import how_this_area_compares, positions_table, recurrence_table
from sqs_analysis.report.selection import (
    SectionScore,
    findings_met,
    inspection_findings,
    known_inspection_ids,
    require_inspection,
    section_scores,
    select_inspections,
)
from sqs_analysis.report.sentences import (
    SMALL_DENOMINATOR,
    briefing_dateline,
    briefing_title,
    comparison_dateline,
    comparison_rates_sentence,
    comparison_sample_sentence,
    comparison_summary,
    comparison_themes_sentence,
    detail_summary,
    inspection_summary,
    previous_year_sentence,
    rate_sentence,
    sample_sentence,
    small_denominator_caveat,
    themes_sentence,
)
from sqs_analysis.report.summary import key_messages

__all__ = [
    "NOT_STATED",
    "SMALL_DENOMINATOR",
    "THEME_LABELS",
    "Prose",
    "Section",
    "SectionScore",
    "TableView",
    "area_comparison",
    "as_table",
    "briefing_dateline",
    "briefing_title",
    "comparison_dateline",
    "comparison_rates_sentence",
    "comparison_sample_sentence",
    "comparison_summary",
    "comparison_table",
    "comparison_themes_sentence",
    "data_notes",
    "detail_summary",
    "display_frame",
    "field_words",
    "findings_met",
    "fmt_cohort",
    "fmt_date",
    "fmt_fieldwork",
    "fmt_int",
    "fmt_month",
    "fmt_pct",
    "fmt_points",
    "for_readers",
    "funnel_sentence",
    "gap_phrase",
    "headline_figures",
    "how_this_area_compares",
    "inspection_findings",
    "inspection_summary",
    "is_missing",
    "join_and",
    "judgements_with_themes",
    "key_messages",
    "known_inspection_ids",
    "nation_sentence",
    "nation_table",
    "positions_table",
    "possessive",
    "previous_year_sentence",
    "prose",
    "quality_notes",
    "rate_sentence",
    "recurrence_sentences",
    "recurrence_table",
    "require_inspection",
    "sample_sentence",
    "section_scores",
    "select_inspections",
    "small_denominator_caveat",
    "sources_table",
    "table_overview",
    "theme_label",
    "themes_sentence",
    "thin_evidence_note",
]
