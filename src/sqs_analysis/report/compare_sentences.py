"""Plain words for :mod:`.compare`: how one area compares, and what the corpus shows.

Each function returns short sentences (one claim each) so a board member reads the answer
and an analyst can check it against the table under it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import pandas as pd

from sqs_analysis.report import compare, funnel
from sqs_analysis.report.evidence import MIN_COUNTED
from sqs_analysis.report.formatting import (
    area_name,
    count_noun,
    fmt_points,
    gap_phrase,
    join_and,
    possessive,
    theme_label,
)
from sqs_analysis.report.selection import require_inspection, select_inspections
from sqs_analysis.report.sentences import name_some

if TYPE_CHECKING:  # pragma: no cover - typing only
    from sqs_analysis.tables.pipeline import Tables


def not_enough_sentences(tables: Tables, inspection_id: str | None = None) -> list[str]:
    """What can and cannot be compared with fewer than :data:`~.compare.ENOUGH_INSPECTIONS`."""
    n = len(tables.inspections)
    who = area_name(require_inspection(tables, inspection_id)) if inspection_id else "an area"
    return [
        f"These tables hold {count_noun(n, 'inspection')}, so there is not yet enough to "
        f"compare {who} with other areas.",
        "Ranking a reoffending gap, placing findings on funnel plots and saying how common an "
        f"area for improvement is each need at least {compare.ENOUGH_INSPECTIONS} inspections.",
        "What can be read now is each report's own figures and findings, as above; add reports "
        "to data/raw and rebuild to compare.",
    ]


def gap_rank_sentence(tables: Tables, inspection_id: str) -> str:
    """``St Helens' rate was 10.1 percentage points above ...: the 2nd largest gap ...``."""
    row = require_inspection(tables, inspection_id)
    rank = compare.gap_rank(tables, inspection_id)
    area = area_name(row)
    if rank is None:
        return (
            f"The report does not state both {possessive(area)} rate and its cohort's average, "
            "so its gap cannot be ranked."
        )
    if rank.side == "level":
        return f"{possessive(area)} reoffending rate was {compare.gap_rank_words(rank)}."
    return (
        f"{possessive(area)} reoffending rate was {gap_phrase(rank.gap)} its cohort's average: "
        f"{compare.gap_rank_words(rank)}."
    )


def _finding_place(r: pd.Series) -> str:
    where = (
        "operational management"
        if r["paragraph_id"] == "operational-management"
        else (f"paragraph {r['paragraph_id']}")
    )
    return f"{r['aspect']} ({where})"


def _is(n: int) -> str:
    return "is" if n == 1 else "are"


def _unknown_clause(unknown: int) -> str:
    """``1 inspection does not show its nation`` / ``2 inspections do not show theirs``."""
    if unknown == 0:
        return "every report shows its nation"
    if unknown == 1:
        return "1 inspection does not show its nation"
    return f"{unknown} inspections do not show their nation"


def positions_sentence(tables: Tables, inspection_id: str) -> str:
    """How many of the area's counted findings sit inside, above or below the funnel limits."""
    placed = compare.area_positions(tables, inspection_id)
    area = area_name(require_inspection(tables, inspection_id))
    if placed.empty:
        return (
            f"None of {possessive(area)} findings counts cases on an aspect that at least "
            f"{compare.ENOUGH_INSPECTIONS} inspections count, so none can be placed on a funnel."
        )
    within = placed[placed["position"] == funnel.Position.WITHIN.value]
    outside = placed[placed["position"] != funnel.Position.WITHIN.value]
    k = len(within)
    some = "none is" if k == 0 else "it is" if k == len(placed) == 1 else f"{k} {_is(k)}"
    text = (
        f"Of {possessive(area)} {count_noun(len(placed), 'counted finding')}, {some} within "
        "the range expected by chance"
    )
    if outside.empty:
        return text + "."
    parts = [
        f"{_finding_place(r)} is {funnel.POSITION_LABELS[funnel.Position(r['position'])]}"
        for _, r in outside.iterrows()
    ]
    return text + "; " + "; ".join(parts) + "."


#: At most this many improvement themes are said in words; the table under them lists all.
MAX_THEME_SENTENCES = 3


def improvement_sentences(tables: Tables, inspection_id: str) -> list[str]:
    """How common its most shared improvement themes are (e.g. 21 of 38 inspections)."""
    rec = compare.improvement_recurrence(tables, inspection_id)
    rec = rec.sort_values(["inspections", "theme"], ascending=[False, True])
    said = [
        f"{r['label']} was an area for improvement in {r['inspections']} of "
        f"{count_noun(int(r['of']), 'inspection')}."
        for _, r in rec.head(MAX_THEME_SENTENCES).iterrows()
    ]
    rest = len(rec) - len(said)
    if rest > 0:
        said.append(f"The table lists its {count_noun(rest, 'other improvement theme')}.")
    return said


def area_comparison(tables: Tables, inspection_id: str) -> list[str]:
    """The briefing's "How this area compares" paragraphs (or why there is not enough)."""
    if not compare.enough_to_compare(tables):
        return not_enough_sentences(tables, inspection_id)
    return [
        gap_rank_sentence(tables, inspection_id),
        positions_sentence(tables, inspection_id),
        *improvement_sentences(tables, inspection_id),
    ]


# --------------------------------------------------------------------------- the comparison page


def funnel_sentence(tables: Tables, inspection_ids: Iterable[str] | None = None) -> str:
    """Which aspects have a funnel, and how many counted findings fall outside the limits."""
    aspects = compare.funnel_aspects(tables, inspection_ids)
    if not aspects:
        return (
            "No aspect has counted findings from at least "
            f"{compare.ENOUGH_INSPECTIONS} inspections, so no funnel plot is drawn."
        )
    frames = [compare.funnel_data(tables, a, inspection_ids) for a in aspects]
    data = pd.concat(frames, ignore_index=True)
    outside = int((data["position"] != funnel.Position.WITHIN.value).sum())
    return (
        f"Funnel plots are drawn for {count_noun(len(aspects), 'aspect')} "
        f"({join_and(aspects)}); {outside} of {count_noun(len(data), 'counted finding')} fall "
        "outside the 95% limits."
    )


def _theme_clause(rec: pd.DataFrame, kind: str, words: str) -> str:
    k = rec[rec["kind"] == kind]
    if k.empty:
        return ""
    top = k[k["inspections"] == k["inspections"].max()]
    names = name_some([theme_label(t).lower() for t in top["theme"]], "other theme")
    r = top.iloc[0]
    return (
        f"The most common {words} theme was {names} ({r['inspections']} of {r['of']} inspections)."
    )


def recurrence_sentences(tables: Tables, inspection_ids: Iterable[str] | None = None) -> list[str]:
    """The strength and improvement themes that recur most across the inspections."""
    rec = compare.theme_recurrence(tables, inspection_ids)
    parts = [
        _theme_clause(rec, "strength", "key strength"),
        _theme_clause(rec, "improvement", "area for improvement"),
    ]
    return [p for p in parts if p] or ["No themes are tagged in these reports' judgements."]


def nation_sentence(tables: Tables, inspection_ids: Iterable[str] | None = None) -> str:
    """England beside Wales, only when the reports show both; otherwise why not."""
    present = compare.nations_present(tables, inspection_ids)
    unknown = compare.unknown_nation(tables, inspection_ids)
    n = len(select_inspections(tables, inspection_ids))
    if len(present) < 2:
        shown = f"only {present[0]}" if present else "neither nation"
        return (
            f"The reports show {shown}, so England and Wales are not compared; of "
            f"{count_noun(n, 'inspection')}, {_unknown_clause(unknown)}."
        )
    table = compare.nation_table(tables, inspection_ids)
    parts = [
        f"{r['nation']}: {r['with_gap_above_average']} of {r['with_stated_gap']} above their "
        f"cohort's average (median gap {fmt_points(r['median_gap_pct_points'])})"
        for _, r in table.iterrows()
    ]
    return "; ".join(parts) + f". {_unknown_clause(unknown).capitalize()}."


def thin_evidence_note() -> str:
    """The rule every comparison claim follows, said once."""
    return (
        f"A difference is claimed only when each side has at least {MIN_COUNTED} counted "
        "findings and their 95% intervals do not overlap; worded findings are shown as ranges."
    )
