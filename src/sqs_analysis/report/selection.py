"""Which rows a page is about, and how well each theme's counted findings met the standard.

Pages ask for inspections by id; an unknown id stops the notebook with the ids that exist,
so a typo never yields an empty briefing. Findings are restated as the share of cases that
*met* the standard, so "in two cases the work was poor" and "in 7 of 11 cases it was good"
rank on the same scale.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pandas as pd

from sqs_analysis.errors import UnknownInspection
from sqs_analysis.report import evidence
from sqs_analysis.report.evidence import Pooled
from sqs_analysis.report.formatting import is_missing
from sqs_analysis.report.memo import per_tables

if TYPE_CHECKING:  # pragma: no cover - typing only
    from sqs_analysis.tables.pipeline import Tables

_ID_COLUMNS = [
    "inspection_id",
    "paragraph_id",
    "section",
    "quote",
    "aspect",
    "verdict",
    "denominator",
]
_MET_COLUMNS = [
    *_ID_COLUMNS,
    "cases_met",
    "share_met",
    "range_low",
    "range_high",
    "ci_low",
    "ci_high",
]


def known_inspection_ids(tables: Tables) -> list[str]:
    """Inspection ids present in the tables, in table order."""
    return [str(i) for i in tables.inspections["inspection_id"].tolist()]


@per_tables
def require_inspection(tables: Tables, inspection_id: str) -> pd.Series:
    """The inspection's row; stops a notebook with the known ids when the id is unknown."""
    df = tables.inspections
    match = df[df["inspection_id"] == inspection_id]
    if match.empty:
        raise UnknownInspection(inspection_id, known_inspection_ids(tables))
    return match.iloc[0]


@per_tables
def select_inspections(tables: Tables, inspection_ids: Iterable[str] | None = None) -> pd.DataFrame:
    """The inspections to compare (all when ``None``), in the order asked or table order."""
    df = tables.inspections
    if inspection_ids is None:
        return df.reset_index(drop=True)
    ids = list(inspection_ids)
    known = set(df["inspection_id"])
    for i in ids:
        if i not in known:
            raise UnknownInspection(i, known_inspection_ids(tables))
    return df.set_index("inspection_id", drop=False).loc[ids].reset_index(drop=True)


@per_tables
def inspection_findings(tables: Tables, inspection_id: str) -> pd.DataFrame:
    """The findings rows of one inspection (empty, with the contract's columns, if none)."""
    f = tables.findings
    if f.empty:
        return f
    return f[f["inspection_id"] == inspection_id].reset_index(drop=True)


def _num(value: Any) -> float:
    return math.nan if is_missing(value) else float(value)


def _met_row(r: pd.Series) -> dict[str, Any] | None:
    """One finding as the share met, or None when it has neither a proportion nor a range."""
    p, lo, hi = (
        _num(r.get("proportion")),
        _num(r.get("proportion_low")),
        _num(r.get("proportion_high")),
    )
    c_lo, c_hi = _num(r.get("ci_low")), _num(r.get("ci_high"))
    if math.isnan(p):
        if math.isnan(lo) or math.isnan(hi):
            return None
        p = (lo + hi) / 2
    num, den = r.get("numerator"), r.get("denominator")
    met = None if is_missing(num) or is_missing(den) else int(num)
    if r["verdict"] == "not_met":
        p, lo, hi, c_lo, c_hi = 1 - p, 1 - hi, 1 - lo, 1 - c_hi, 1 - c_lo
        met = None if met is None else int(den) - met
    return {
        **{c: r.get(c) for c in _ID_COLUMNS},
        "cases_met": met,
        "share_met": p,
        "range_low": lo,
        "range_high": hi,
        "ci_low": c_lo,
        "ci_high": c_hi,
    }


def findings_met(findings: pd.DataFrame) -> pd.DataFrame:
    """Findings restated as the share of cases *meeting* the standard, with flipped intervals.

    A ``not_met`` finding ("in two cases the classification was too low") counts the failures,
    so its share met is one minus its proportion. A finding given only as a range ("just over
    half": 50-60%) is placed at the range's midpoint. Findings with no verdict, or with
    neither a proportion nor a range (vague words such as "many"), are left out.
    """
    if findings is None or findings.empty or "verdict" not in findings:
        return pd.DataFrame(columns=_MET_COLUMNS)
    judged = findings[findings["verdict"].isin(["met", "not_met"])]
    rows = [m for _, r in judged.iterrows() if (m := _met_row(r)) is not None]
    out = pd.DataFrame(rows, columns=_MET_COLUMNS)
    out["cases_met"] = pd.array(out["cases_met"], dtype="Int64")
    out["denominator"] = pd.array(pd.to_numeric(out["denominator"]), dtype="Int64")
    return out


@dataclass(frozen=True)
class SectionScore:
    """How a report section's judged findings met the standard: pooled counts, never averages.

    ``counted`` pools the counted findings that the standard was met (cases over cases);
    ``n_worded`` counts findings given only in words, which are shown as ranges, not pooled.
    """

    section: str
    counted: Pooled | None
    n_worded: int
    smallest_denominator: int | None


def section_scores(findings: pd.DataFrame) -> list[SectionScore]:
    """Report sections with judged findings, from the highest pooled share met to the lowest.

    Sections with no counted finding come last, in report order of their keys.
    """
    counted = evidence.counted_met(findings)
    by_section = evidence.pooled_by(counted, "section")
    words = evidence.worded(findings)
    sections = sorted(set(by_section) | set(words["section"].dropna().astype(str)))
    scores = []
    for section in sections:
        dens = counted.loc[counted["section"] == section, "cases"].dropna()
        scores.append(
            SectionScore(
                section=section,
                counted=by_section.get(section),
                n_worded=int((words["section"] == section).sum()),
                smallest_denominator=int(dens.min()) if not dens.empty else None,
            )
        )
    return sorted(
        scores, key=lambda s: (s.counted is None, -(s.counted.share if s.counted else 0), s.section)
    )


def strongest_and_weakest(scores: list[SectionScore]) -> tuple[SectionScore, SectionScore] | None:
    """The best and worst sections, when the evidence supports saying so (else None).

    Only sections with enough counted findings are ranked, and the claim needs the best and
    the worst to differ clearly (:func:`~sqs_analysis.report.evidence.clear_difference`).
    """
    ranked = [s for s in scores if s.counted is not None and s.counted.enough]
    if len(ranked) < 2:
        return None
    best, worst = ranked[0], ranked[-1]
    if not evidence.clear_difference(best.counted, worst.counted):
        return None
    return best, worst
