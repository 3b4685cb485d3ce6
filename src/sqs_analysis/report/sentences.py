"""Plain-English sentences about inspections, built only from the tidy tables.

Notebooks show these so that every briefing says the same thing the same way, and so that
each sentence can be unit-tested. A missing value reads "not stated", never a guess.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import pandas as pd

from sqs_analysis.report.evidence import MIN_COUNTED
from sqs_analysis.report.formatting import (
    NOT_STATED,
    area_name,
    count_noun,
    fmt_cohort,
    fmt_date,
    fmt_fieldwork,
    fmt_pct,
    fmt_points,
    gap_phrase,
    is_missing,
    join_and,
    possessive,
    theme_label,
)
from sqs_analysis.report.selection import (
    SectionScore,
    inspection_findings,
    require_inspection,
    section_scores,
    select_inspections,
    strongest_and_weakest,
)

if TYPE_CHECKING:  # pragma: no cover - typing only
    from sqs_analysis.tables.pipeline import Tables

#: Below this many cases, one case moves a proportion by more than ten percentage points.
SMALL_DENOMINATOR = 10

_NO_THEMES = "No themes have been assigned to the key strengths or areas for improvement."


# --------------------------------------------------------------------------- one inspection


def rate_sentence(row: pd.Series) -> str:
    """The published rate and its gap to the England and Wales average of the same cohort."""
    area = area_name(row)
    rate, avg = row.get("reoffending_rate_pct"), row.get("ew_average_pct")
    if is_missing(rate):
        return f"{possessive(area)} published reoffending rate is not stated in the report."
    gap = row.get("rate_gap_pct_points")
    if is_missing(gap) and not is_missing(avg):
        gap = round(float(rate) - float(avg), 1)
    cohort = fmt_cohort(row)
    cohort_text = f" ({cohort} cohort)" if cohort != NOT_STATED else ""
    if is_missing(avg):
        return (
            f"{possessive(area)} published reoffending rate was {fmt_pct(rate)}{cohort_text}; "
            "the England and Wales average for comparison is not stated."
        )
    return (
        f"{possessive(area)} published reoffending rate was {fmt_pct(rate)}{cohort_text}, "
        f"{gap_phrase(gap)} the England and Wales average of {fmt_pct(avg)} for the same cohort."
    )


def previous_year_sentence(row: pd.Series) -> str:
    """How the report says the rate moved against the previous year, in its own words."""
    direction = row.get("reoffending_vs_previous_year")
    stated = row.get("reoffending_change_stated")
    if is_missing(direction) and is_missing(stated):
        return "The report does not state how the rate compared with the previous year."
    text = str(stated) if not is_missing(stated) else str(direction)
    if any(ch.isdigit() for ch in text):
        return f"Compared with the previous year, the report says the rate was {text}."
    return (
        f"Compared with the previous year, the report says the rate was {text}; "
        "it does not give the size of the change."
    )


def sample_sentence(row: pd.Series) -> str:
    """How many cases the findings rest on, and what one case is worth as a proportion."""
    cases = row.get("cases_examined")
    if is_missing(cases):
        return "The number of cases examined is not stated."
    n = int(cases)
    custody = row.get("custody_cases_included")
    text = f"Inspectors examined {n} case{'s' if n != 1 else ''}"
    if not is_missing(custody) and not bool(custody):
        text += "; none were custody cases, so the findings describe community cases only"
    elif not is_missing(custody):
        text += ", including custody cases"
    text += "."
    if n > 0:
        text += (
            f" With {n} cases, one case moves a proportion by about "
            f"{100 / n:.0f} percentage points."
        )
    return text


def _pooled_text(score: SectionScore) -> str:
    """``7 of 11 cases (64%) over 2 counted findings``."""
    p = score.counted
    assert p is not None
    return (
        f"{p.cases_met} of {p.cases} cases ({p.share:.0%}) over "
        f"{count_noun(p.n_findings, 'counted finding')}"
    )


def themes_sentence(findings: pd.DataFrame) -> str:
    """The strongest and weakest themes, only when the counted findings are enough to say so.

    Shares are pooled over counted findings (cases over cases); worded findings ("just over
    half") have no count and are never averaged in. See :mod:`~sqs_analysis.report.evidence`.
    """
    scores = section_scores(findings)
    if not scores:
        return "The report gives no quantified findings to rank its themes by."
    pair = strongest_and_weakest(scores)
    if pair is not None:
        best, worst = pair
        return (
            f"Among counted findings, the strongest theme was {theme_label(best.section).lower()} "
            f"({_pooled_text(best)}) and the weakest was {theme_label(worst.section).lower()} "
            f"({_pooled_text(worst)}); their 95% intervals do not overlap."
        )
    return (
        "The evidence is too thin to say which theme was strongest. That needs at least "
        f"{MIN_COUNTED} counted findings in each theme and a clear difference between them."
    )


def small_denominator_caveat(findings: pd.DataFrame, threshold: int = SMALL_DENOMINATOR) -> str:
    """A warning naming the paragraphs whose findings rest on fewer than ``threshold`` cases."""
    if findings is None or findings.empty or "denominator" not in findings:
        return ""
    dens = pd.to_numeric(findings["denominator"], errors="coerce")
    small = findings[dens.notna() & (dens < threshold)].copy()
    if small.empty:
        return ""
    small = small.assign(den=pd.to_numeric(small["denominator"], errors="coerce"))
    small = small.drop_duplicates(["paragraph_id", "den"])
    paras = sorted(set(small["paragraph_id"].astype(str)))
    n = len(small)
    where = f"paragraph{'s' if len(paras) != 1 else ''} {join_and(paras)}"
    return (
        f"Caution: {count_noun(n, 'quantified finding')} {'rest' if n != 1 else 'rests'} on "
        f"fewer than {threshold} cases ({where}). One case moves "
        f"{'each of them' if n != 1 else 'it'} by more than {100 // threshold} percentage points."
    )


def inspection_summary(tables: Tables, inspection_id: str) -> list[str]:
    """The briefing's narrative: one short paragraph per topic, in reading order."""
    row = require_inspection(tables, inspection_id)
    findings = inspection_findings(tables, inspection_id)
    intro = (
        f"HM Inspectorate of Probation screened youth offending work in {area_name(row)} "
        f"(fieldwork {fmt_fieldwork(row)}) and published its report on "
        f"{fmt_date(row.get('publication_date'))}."
    )
    paras = [
        intro,
        f"{rate_sentence(row)} {previous_year_sentence(row)}",
        sample_sentence(row),
        themes_sentence(findings),
    ]
    caveat = small_denominator_caveat(findings)
    if caveat:
        paras.append(caveat)
    return paras


def detail_summary(tables: Tables, inspection_id: str) -> list[str]:
    """The findings in more detail, after the briefing's opening summary says the headlines."""
    row = require_inspection(tables, inspection_id)
    findings = inspection_findings(tables, inspection_id)
    paras = [previous_year_sentence(row), sample_sentence(row), themes_sentence(findings)]
    caveat = small_denominator_caveat(findings)
    return [*paras, caveat] if caveat else paras


# --------------------------------------------------------------------------- comparison


def _gap_clauses(df: pd.DataFrame) -> list[str]:
    """One clause each for services above, below, level with and silent about their average."""
    gaps = df["rate_gap_pct_points"]
    counts = [
        ((gaps > 0).sum(), "reported a rate above its cohort's England and Wales average"),
        ((gaps < 0).sum(), "a rate below it"),
        ((gaps == 0).sum(), "a rate level with it"),
        (gaps.isna().sum(), "did not state the rate or its average"),
    ]
    return [f"{int(n)} {words}" for n, words in counts if n]


def _extremes_sentence(df: pd.DataFrame) -> str:
    """The largest gap above and below average, named ("" when there is neither)."""
    gaps = df["rate_gap_pct_points"]
    parts = []
    if (gaps > 0).any():
        top = df.loc[gaps.idxmax()]
        parts.append(
            f"above average was {area_name(top)} ({fmt_points(top['rate_gap_pct_points'])})"
        )
    if (gaps < 0).any():
        low = df.loc[gaps.idxmin()]
        parts.append(f"below was {area_name(low)} ({fmt_points(low['rate_gap_pct_points'])})")
    return f"The largest gap {'; the largest '.join(parts)}." if parts else ""


def _list_clauses(clauses: list[str]) -> str:
    """``a``, ``a and b``, ``a; b; and c``: clauses that may hold commas themselves."""
    if len(clauses) == 1:
        return clauses[0]
    if len(clauses) == 2:
        return " and ".join(clauses)
    return "; ".join(clauses[:-1]) + "; and " + clauses[-1]


def comparison_rates_sentence(tables: Tables, inspection_ids: Iterable[str] | None = None) -> str:
    """How many services sat above, below or at their own cohort's England and Wales average."""
    df = select_inspections(tables, inspection_ids).copy()
    if df.empty:
        return "There are no inspections to compare."
    df["rate_gap_pct_points"] = pd.to_numeric(df["rate_gap_pct_points"], errors="coerce")
    n = len(df)
    listed = _list_clauses(_gap_clauses(df))
    parts = [f"Of {count_noun(n, 'inspection')}, {listed}.", _extremes_sentence(df)]
    parts.append(
        "Each rate describes a different cohort, so compare each with its own average, not the "
        "rates with each other."
    )
    return " ".join(p for p in parts if p)


def comparison_sample_sentence(tables: Tables, inspection_ids: Iterable[str] | None = None) -> str:
    """Total and range of cases examined across the compared inspections."""
    df = select_inspections(tables, inspection_ids)
    cases = pd.to_numeric(df["cases_examined"], errors="coerce").dropna().astype(int)
    if cases.empty:
        return "The number of cases examined is not stated in any of these reports."
    missing = len(df) - len(cases)
    text = f"Inspectors examined {int(cases.sum())} cases in total"
    if len(cases) > 1:
        text += f", between {int(cases.min())} and {int(cases.max())} per inspection"
    text += "."
    if missing:
        text += f" {missing} report{'s do' if missing != 1 else ' does'} not state the number."
    return text


#: At most this many names are listed in one sentence; the rest are counted.
MAX_NAMES = 3


def name_some(names: list[str], noun: str = "other") -> str:
    """``a, b and c``, or ``a, b, c and 4 others`` when there are more than :data:`MAX_NAMES`."""
    if len(names) <= MAX_NAMES:
        return join_and(names)
    rest = len(names) - MAX_NAMES
    return join_and([*names[:MAX_NAMES], count_noun(rest, noun)])


def _most_common_theme(jt: pd.DataFrame, kind: str, label: str, n_inspections: int) -> str:
    """The sentence naming the theme(s) most inspections share for one kind ("" if none)."""
    k = jt[jt["kind"] == kind].drop_duplicates(["inspection_id", "theme"])
    if k.empty:
        return ""
    counts = k.groupby("theme")["inspection_id"].nunique()
    top = counts[counts == counts.max()].sort_index()
    names = name_some([theme_label(t).lower() for t in top.index], "other theme")
    m = int(counts.max())
    verb = "was" if len(top) == 1 else "were"
    return (
        f"The most common {'theme' if len(top) == 1 else 'themes'} among {label} {verb} {names} "
        f"({m} of {count_noun(n_inspections, 'inspection')})."
    )


def comparison_themes_sentence(tables: Tables, inspection_ids: Iterable[str] | None = None) -> str:
    """The judgement themes that recur most often among strengths and among improvements."""
    df = select_inspections(tables, inspection_ids)
    jt = tables.judgement_themes
    if jt.empty:
        return _NO_THEMES
    jt = jt[jt["inspection_id"].isin(df["inspection_id"])]
    kinds = (("strength", "key strengths"), ("improvement", "areas for improvement"))
    parts = [c for kind, label in kinds if (c := _most_common_theme(jt, kind, label, len(df)))]
    return " ".join(parts) if parts else _NO_THEMES


def comparison_summary(tables: Tables, inspection_ids: Iterable[str] | None = None) -> list[str]:
    """The comparison's narrative, one paragraph per topic."""
    ids = list(inspection_ids) if inspection_ids is not None else None
    df = select_inspections(tables, ids)
    dates = pd.to_datetime(df["publication_date"], errors="coerce").dropna()
    span = (
        f", published between {fmt_date(dates.min())} and {fmt_date(dates.max())}"
        if len(dates) > 1
        else ""
    )
    intro = (
        f"This comparison covers {len(df)} Short Quality Screening report"
        + ("s" if len(df) != 1 else "")
        + f"{span}."
    )
    return [
        intro,
        comparison_rates_sentence(tables, ids),
        comparison_sample_sentence(tables, ids),
        comparison_themes_sentence(tables, ids),
    ]


# --------------------------------------------------------------------------- titles and datelines


def briefing_title(tables: Tables, inspection_id: str) -> str:
    """The page title of one inspection's briefing."""
    row = require_inspection(tables, inspection_id)
    service = row.get("service_name")
    who = str(service) if not is_missing(service) else area_name(row)
    return f"{who}: Short Quality Screening briefing"


def briefing_dateline(tables: Tables, inspection_id: str) -> str:
    """The line under a briefing's title: the inspection's fieldwork and publication dates."""
    row = require_inspection(tables, inspection_id)
    return (
        f"Inspection fieldwork: {fmt_fieldwork(row)}. "
        f"Report published: {fmt_date(row.get('publication_date'))}."
    )


def comparison_dateline(tables: Tables, inspection_ids: Iterable[str] | None = None) -> str:
    """The line under the comparison's title: which inspections, published when."""
    df = select_inspections(tables, inspection_ids)
    dates = pd.to_datetime(df["publication_date"], errors="coerce").dropna()
    count = f"{len(df)} inspection{'' if len(df) == 1 else 's'}"
    if dates.empty:
        return f"{count}; publication dates not stated."
    first, last = fmt_date(dates.min()), fmt_date(dates.max())
    when = f"published {first}" if first == last else f"published between {first} and {last}"
    names = [area_name(r) for _, r in df.iterrows()]
    if len(names) > MAX_NAMES * 2:
        return f"{count}, {when}."
    return f"{count}, {when}: {join_and(names)}."
