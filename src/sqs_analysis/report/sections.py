"""Page sections whose parts depend on the data: "How this area compares" in a briefing.

A notebook cell returns one :class:`~.display.Section`: with enough inspections, sentences, a
chart and two tables; with too few, only the sentences that say what cannot yet be compared
(never an empty chart).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from sqs_analysis.report import compare, compare_sentences, funnel
from sqs_analysis.report.charts.corpus import gap_strip
from sqs_analysis.report.display import Section, as_table, prose
from sqs_analysis.report.readable import FORMATS

if TYPE_CHECKING:  # pragma: no cover - typing only
    from sqs_analysis.tables.pipeline import Tables


def positions_table(tables: Tables, inspection_id: str) -> pd.DataFrame:
    """The area's counted findings beside all inspections' pooled share, in words."""
    placed = compare.area_positions(tables, inspection_id)
    pools = compare.aspect_pools(tables)
    rows = []
    for _, r in placed.iterrows():
        p = pools[r["aspect"]]
        rows.append(
            {
                "Aspect": r["aspect"],
                "Paragraph": FORMATS["paragraph_id"](r["paragraph_id"]),
                "This area": f"{r['cases_met']} of {r['cases']} ({r['share_met']:.0%})",
                "All inspections": f"{p.share:.0%} of {p.cases} cases "
                f"({p.n_findings} findings, {p.n_inspections} inspections)",
                "Where it falls": funnel.POSITION_LABELS[funnel.Position(r["position"])],
            }
        )
    return pd.DataFrame(
        rows, columns=["Aspect", "Paragraph", "This area", "All inspections", "Where it falls"]
    )


def recurrence_table(tables: Tables, inspection_id: str) -> pd.DataFrame:
    """This area's improvement themes and how many inspections share each."""
    rec = compare.improvement_recurrence(tables, inspection_id)
    return pd.DataFrame(
        {
            "Theme of its areas for improvement": rec["label"],
            "Inspections naming it as an area for improvement": [
                f"{r['inspections']} of {r['of']}" for _, r in rec.iterrows()
            ],
        }
    )


def how_this_area_compares(tables: Tables, inspection_id: str) -> Section:
    """The briefing section placing one inspection among all inspections in ``tables``."""
    sentences = compare_sentences.area_comparison(tables, inspection_id)
    if not compare.enough_to_compare(tables):
        return Section((prose(sentences),))
    return Section(
        (
            prose([*sentences, compare_sentences.thin_evidence_note()]),
            gap_strip(tables, inspection_id).figure_only(),  # its table: the appendix
            as_table(
                positions_table(tables, inspection_id),
                empty="No counted finding of this report is on an aspect with a funnel.",
                caption="Its counted findings against all inspections",
            ),
            as_table(
                recurrence_table(tables, inspection_id),
                empty="The report lists no areas for improvement with a theme.",
                caption="How common its areas for improvement are",
            ),
        )
    )
