"""One inspection against all of them: gap rank, funnel positions, how common each theme is.

Everything here is computed from whatever tables it is given, so a briefing built from
``data/processed`` is compared with every inspection there. With fewer than
:data:`ENOUGH_INSPECTIONS` inspections nothing is ranked or placed: a rank of 2 among 2
says nothing. Shares are pooled from counted findings only (:mod:`.evidence`); limits are
exact binomial ones (:mod:`.funnel`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from sqs_analysis.report import evidence, funnel
from sqs_analysis.report.evidence import Pooled
from sqs_analysis.report.formatting import area_name, is_missing, theme_label
from sqs_analysis.report.memo import per_tables
from sqs_analysis.report.selection import require_inspection, select_inspections

if TYPE_CHECKING:  # pragma: no cover - typing only
    from sqs_analysis.tables.pipeline import Tables

#: Fewer inspections than this and nothing is ranked, pooled or placed on a funnel.
ENOUGH_INSPECTIONS = 3

FUNNEL_COLUMNS = [
    "inspection_id", "area", "paragraph_id", "section", "aspect", "quote", "cases_met",
    "cases", "share_met", "pooled_share_met", "low_998", "low_95", "high_95", "high_998",
    "position",
]  # fmt: skip


def enough_to_compare(tables: Tables, inspection_ids: Iterable[str] | None = None) -> bool:
    """True when there are at least :data:`ENOUGH_INSPECTIONS` inspections to compare."""
    return len(select_inspections(tables, inspection_ids)) >= ENOUGH_INSPECTIONS


# --------------------------------------------------------------------------- reoffending gap


@dataclass(frozen=True)
class GapRank:
    """Where one inspection's gap to its cohort's average sits among all known gaps."""

    gap: float
    side: str  # "above", "below" or "level"
    rank: int  # 1 = the largest gap on its side
    tied: int  # how many share that rank (1 = no tie)
    n_side: int  # inspections on the same side
    n_known: int  # inspections whose gap is known


@per_tables
def known_gaps(tables: Tables, inspection_ids: Iterable[str] | None = None) -> pd.DataFrame:
    """Inspections with a stated gap: id, area, gap, publication date and nation."""
    df = select_inspections(tables, inspection_ids)
    gaps = pd.to_numeric(df["rate_gap_pct_points"], errors="coerce").astype(float)
    nation = df["nation"] if "nation" in df else pd.Series(pd.NA, index=df.index)
    out = pd.DataFrame(
        {
            "inspection_id": df["inspection_id"].astype(str),
            "area": _areas(df),
            "publication_date": pd.to_datetime(df["publication_date"], errors="coerce"),
            "nation": nation.astype(object),
            "rate_gap_pct_points": gaps.round(1),
        }
    )
    return out[out["rate_gap_pct_points"].notna()].reset_index(drop=True)


def _side(gap: float) -> str:
    return "above" if gap > 0 else "below" if gap < 0 else "level"


def gap_rank(tables: Tables, inspection_id: str) -> GapRank | None:
    """The inspection's gap rank on its side of the average (None if its gap is unknown)."""
    require_inspection(tables, inspection_id)
    gaps = known_gaps(tables)
    mine = gaps[gaps["inspection_id"] == inspection_id]
    if mine.empty:
        return None
    gap = float(mine["rate_gap_pct_points"].iloc[0])
    side = _side(gap)
    same = gaps["rate_gap_pct_points"].map(_side) == side
    size = gaps.loc[same, "rate_gap_pct_points"].abs()
    return GapRank(
        gap=gap,
        side=side,
        rank=int((size > abs(gap)).sum()) + 1,
        tied=int((size == abs(gap)).sum()),
        n_side=int(same.sum()),
        n_known=len(gaps),
    )


def ordinal(n: int) -> str:
    """``1st``, ``2nd``, ``3rd``, ``11th``, ``22nd``."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def gap_rank_words(r: GapRank) -> str:
    """``the 12th largest gap above average of 38 inspections`` (``joint`` when tied)."""
    of = f"of {r.n_known} inspections with a stated gap"
    if r.side == "level":
        others = r.tied - 1
        return f"level with its cohort's average, as were {others} other inspections {of}"
    joint = "joint " if r.tied > 1 else ""
    place = f"{joint}{ordinal(r.rank)} largest" if r.rank > 1 or r.tied > 1 else "largest"
    return f"the {place} gap {r.side} average {of}"


# --------------------------------------------------------------------------- funnel plots


@per_tables
def aspect_pools(tables: Tables, inspection_ids: Iterable[str] | None = None) -> dict[str, Pooled]:
    """Per aspect (assessment, planning, ...): the pooled counted share across inspections."""
    ids = select_inspections(tables, inspection_ids)["inspection_id"]
    return evidence.pooled_by(_counted_of(tables, ids), "aspect")


def funnel_aspects(tables: Tables, inspection_ids: Iterable[str] | None = None) -> list[str]:
    """Aspects with counted findings from enough inspections to draw a funnel for."""
    pools = aspect_pools(tables, inspection_ids)
    return [a for a, p in pools.items() if p.n_inspections >= ENOUGH_INSPECTIONS]


def _areas(df: pd.DataFrame) -> pd.Series:
    """Each inspection's area, or its id when the report does not name one (as ``area_name``)."""
    return df["area"].astype(object).where(df["area"].notna(), df["inspection_id"])


def _place(counted: pd.DataFrame, pools: dict[str, Pooled]) -> pd.DataFrame:
    """Counted findings with the pooled share of their aspect, the limits and the position."""
    rows = []
    for aspect, x, n in zip(counted["aspect"], counted["cases_met"], counted["cases"], strict=True):
        p0 = pools[aspect].share
        lim = funnel.funnel_limits(p0, int(n))
        rows.append(
            {
                "pooled_share_met": round(p0, 4),
                "low_998": lim.low_998,
                "low_95": lim.low_95,
                "high_95": lim.high_95,
                "high_998": lim.high_998,
                "position": funnel.funnel_position(int(x), int(n), p0).value,
            }
        )
    placed = pd.DataFrame(rows, index=counted.index, columns=FUNNEL_COLUMNS[9:])
    return pd.concat([counted, placed], axis=1)


@per_tables
def _counted_of(tables: Tables, ids: Iterable[str]) -> pd.DataFrame:
    f = tables.findings
    return evidence.counted_met(f[f["inspection_id"].isin(list(ids))] if not f.empty else f)


@per_tables
def funnel_data(
    tables: Tables, aspect: str, inspection_ids: Iterable[str] | None = None
) -> pd.DataFrame:
    """Each counted finding on ``aspect``: its share, the limits at its size and its position."""
    df = select_inspections(tables, inspection_ids)
    counted = _counted_of(tables, df["inspection_id"])
    pools = aspect_pools(tables, inspection_ids)
    if aspect not in pools:
        return pd.DataFrame(columns=FUNNEL_COLUMNS)
    counted = counted[counted["aspect"] == aspect].reset_index(drop=True)
    areas = dict(zip(df["inspection_id"], _areas(df), strict=True))
    out = _place(counted, pools).assign(area=counted["inspection_id"].map(areas))
    out = out[FUNNEL_COLUMNS].sort_values(["cases", "inspection_id", "paragraph_id"])
    return out.reset_index(drop=True)


def area_positions(tables: Tables, inspection_id: str) -> pd.DataFrame:
    """The inspection's counted findings on every aspect that has a funnel over all of them."""
    row = require_inspection(tables, inspection_id)
    pools = aspect_pools(tables)
    drawn = [a for a, p in pools.items() if p.n_inspections >= ENOUGH_INSPECTIONS]
    mine = _counted_of(tables, [inspection_id])
    mine = mine[mine["aspect"].isin(drawn)]
    if mine.empty:
        return pd.DataFrame(columns=FUNNEL_COLUMNS)
    out = _place(mine, pools).assign(area=area_name(row))[FUNNEL_COLUMNS]
    return out.sort_values(["aspect", "paragraph_id"]).reset_index(drop=True)


# --------------------------------------------------------------------------- recurring themes


@per_tables
def theme_recurrence(tables: Tables, inspection_ids: Iterable[str] | None = None) -> pd.DataFrame:
    """How many inspections name each theme among their strengths and their improvements.

    ``of`` is the number of inspections whose report has that list at all, so a report cut
    off before its areas for improvement does not count as one without a theme.
    """
    df = select_inspections(tables, inspection_ids)
    jt = tables.judgement_themes
    jt = jt[jt["inspection_id"].isin(df["inspection_id"])]
    has = {
        "strength": int(df["n_strengths"].notna().sum()),
        "improvement": int(df["n_improvements"].notna().sum()),
    }
    counts = jt.drop_duplicates(["inspection_id", "kind", "theme"]).groupby(["kind", "theme"])
    out = counts.size().rename("inspections").reset_index()
    out["of"] = out["kind"].map(has).astype(int)
    out["label"] = out["theme"].map(theme_label)
    out = out.sort_values(["kind", "inspections", "theme"], ascending=[False, False, True])
    return out[["kind", "theme", "label", "inspections", "of"]].reset_index(drop=True)


def improvement_recurrence(tables: Tables, inspection_id: str) -> pd.DataFrame:
    """For each theme among this inspection's areas for improvement, how common it is."""
    require_inspection(tables, inspection_id)
    jt = tables.judgement_themes
    mine = jt[(jt["inspection_id"] == inspection_id) & (jt["kind"] == "improvement")]
    rec = theme_recurrence(tables)
    rec = rec[(rec["kind"] == "improvement") & rec["theme"].isin(set(mine["theme"]))]
    return rec.drop(columns="kind").reset_index(drop=True)


# --------------------------------------------------------------------------- England and Wales


@per_tables
def nations_present(tables: Tables, inspection_ids: Iterable[str] | None = None) -> list[str]:
    """The nations the reports show, in a fixed order (England, Wales)."""
    df = select_inspections(tables, inspection_ids)
    if "nation" not in df:
        return []
    shown = set(df["nation"].dropna().astype(str))
    return [n for n in ("England", "Wales") if n in shown]


def nation_table(tables: Tables, inspection_ids: Iterable[str] | None = None) -> pd.DataFrame:
    """England beside Wales: inspections, gaps above average and pooled counted findings."""
    df = select_inspections(tables, inspection_ids)
    rows = []
    for nation in nations_present(tables, inspection_ids):
        ids = df.loc[df["nation"] == nation, "inspection_id"].tolist()
        gaps = known_gaps(tables, ids)["rate_gap_pct_points"]
        f = tables.findings
        pool = evidence.pooled(evidence.counted_met(f[f["inspection_id"].isin(ids)]))
        rows.append(
            {
                "nation": nation,
                "inspections": len(ids),
                "with_gap_above_average": int((gaps > 0).sum()),
                "with_stated_gap": len(gaps),
                "median_gap_pct_points": None if gaps.empty else round(float(gaps.median()), 1),
                "counted_cases_met": None if pool is None else pool.cases_met,
                "counted_cases": None if pool is None else pool.cases,
            }
        )
    return pd.DataFrame(rows)


def unknown_nation(tables: Tables, inspection_ids: Iterable[str] | None = None) -> int:
    """How many inspections do not show which nation they are in."""
    df = select_inspections(tables, inspection_ids)
    return len(df) if "nation" not in df else int(df["nation"].map(is_missing).sum())


# --------------------------------------------------------------------------- what a briefing reads


def corpus_facts(tables: Tables) -> str:
    """Everything a briefing reads from the other inspections, as text.

    A briefing's page depends on its own rows and on this alone: the number of inspections,
    every stated gap with its area, date and nation (the gap's rank and the strip of all gaps),
    the pooled share of each aspect (the funnel positions) and how often each theme recurs.
    ``sqs-analysis publish`` fingerprints it, so adding a report rebuilds every briefing whose
    comparison it changes, and editing a report's prose rebuilds only that report's briefing.
    ``tests/publish/test_pages.py`` checks that no other change to another inspection changes
    a briefing.
    """
    pools = "\n".join(f"{aspect}: {pool!r}" for aspect, pool in aspect_pools(tables).items())
    return "\n\n".join(
        [
            f"inspections: {len(tables.inspections)}",
            known_gaps(tables).to_csv(index=False),
            pools,
            theme_recurrence(tables).to_csv(index=False),
        ]
    )
