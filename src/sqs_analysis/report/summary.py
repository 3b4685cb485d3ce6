"""The answer first: the four to six sentences that open a briefing.

A board member reads these before anything else, so each says one thing in plain words:
the rate against its cohort's average, what the inspectors looked at, what the counted
findings show, how the area compares, and what the report asks it to improve. Each sentence
makes only the claims the evidence allows (:mod:`.evidence`, :mod:`.compare`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from sqs_analysis.report import compare, compare_sentences, evidence
from sqs_analysis.report.formatting import (
    area_name,
    count_noun,
    fmt_fieldwork,
    fmt_pct,
    gap_phrase,
    is_missing,
    possessive,
    theme_label,
)
from sqs_analysis.report.selection import inspection_findings, require_inspection
from sqs_analysis.report.sentences import name_some

if TYPE_CHECKING:  # pragma: no cover - typing only
    from sqs_analysis.tables.pipeline import Tables


def rate_message(row: pd.Series) -> str:
    """``St Helens' reoffending rate was 46.2%, 10.1 percentage points above ...``."""
    area, rate, avg = area_name(row), row.get("reoffending_rate_pct"), row.get("ew_average_pct")
    if is_missing(rate):
        return f"The report does not state {possessive(area)} reoffending rate."
    if is_missing(avg):
        return f"{possessive(area)} reoffending rate was {fmt_pct(rate)}; no average is given."
    gap = round(float(rate) - float(avg), 1)
    where = "the same as" if gap == 0 else gap_phrase(gap)
    return (
        f"{possessive(area)} reoffending rate was {fmt_pct(rate)}, {where} the England and "
        "Wales average for the same cohort."
    )


def cases_message(row: pd.Series) -> str:
    """``Inspectors examined 14 cases during fieldwork on 15 to 17 June 2015.``."""
    cases = row.get("cases_examined")
    when = fmt_fieldwork(row)
    during = f" during fieldwork on {when}" if when != "not stated" else ""
    if is_missing(cases):
        return f"The report does not state how many cases inspectors examined{during}."
    return f"Inspectors examined {count_noun(int(cases), 'case')}{during}."


def findings_message(findings: pd.DataFrame) -> str:
    """The range of the counted findings, lowest and highest, as the report counts them."""
    counted = evidence.counted_met(findings)
    if counted.empty:
        return "The report gives no finding that counts the cases meeting the standard."
    if len(counted) == 1:
        r = counted.iloc[0]
        return f"Its one counted finding: {r['cases_met']} of {r['cases']} cases met the standard."
    ordered = counted.assign(s=counted["share_met"].astype(float)).sort_values("s", kind="stable")
    low, high = ordered.iloc[0], ordered.iloc[-1]
    return (
        f"Its {len(counted)} counted findings run from {low['cases_met']} of {low['cases']} cases "
        f"meeting the standard ({low['aspect']}) to {high['cases_met']} of {high['cases']} "
        f"({high['aspect']})."
    )


def _judgement_message(tables: Tables, inspection_id: str, kind: str) -> str:
    row = require_inspection(tables, inspection_id)
    column, words = (
        ("n_strengths", "key strength") if kind == "strength" else
        ("n_improvements", "area requiring improvement")
    )  # fmt: skip
    n = row.get(column)
    if is_missing(n):
        return ""
    jt = tables.judgement_themes
    mine = jt[(jt["inspection_id"] == inspection_id) & (jt["kind"] == kind)]
    labels = [theme_label(t).lower() for t in dict.fromkeys(mine["theme"])]
    plural = "areas requiring improvement" if kind == "improvement" else "key strengths"
    noun = words if int(n) == 1 else plural
    if not labels:
        return f"The report lists {int(n)} {noun}."
    return f"The report lists {int(n)} {noun}, on {name_some(labels, 'other theme')}."


def comparison_message(tables: Tables, inspection_id: str) -> str:
    """The gap's rank among all inspections, or that there are not yet enough to compare."""
    if not compare.enough_to_compare(tables):
        n = len(tables.inspections)
        return (
            f"With {count_noun(n, 'inspection')} in these tables, there is not yet enough to "
            "compare it with other areas."
        )
    rank = compare.gap_rank(tables, inspection_id)
    if rank is None:
        return compare_sentences.gap_rank_sentence(tables, inspection_id)
    return f"Among all inspections, that is {compare.gap_rank_words(rank)}."


def key_messages(tables: Tables, inspection_id: str) -> list[str]:
    """The briefing's opening sentences, in reading order (four to six of them)."""
    row = require_inspection(tables, inspection_id)
    messages = [
        rate_message(row),
        cases_message(row),
        findings_message(inspection_findings(tables, inspection_id)),
        comparison_message(tables, inspection_id),
        _judgement_message(tables, inspection_id, "improvement"),
        _judgement_message(tables, inspection_id, "strength"),
    ]
    return [m for m in messages if m]
