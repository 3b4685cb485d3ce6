"""Plain-English sentences about inspections, built only from the tidy tables.

Notebooks call these so that every briefing says the same thing the same way, and so that each
sentence can be unit-tested. Every function copes with a missing value by saying "not stated"
rather than guessing. ``*_html`` helpers escape all report text before it reaches a page.
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pandas as pd

from sqs_analysis.domain import BY_KEY, COMMENTARY, MONTH_NAMES
from sqs_analysis.errors import UnknownInspection

if TYPE_CHECKING:  # pragma: no cover - typing only
    from sqs_analysis.tables.pipeline import Tables

NOT_STATED = "not stated"

#: Below this many cases, one case moves a proportion by more than ten percentage points.
SMALL_DENOMINATOR = 10

#: Human names of the report's themes, in report order.
THEME_LABELS: dict[str, str] = {key: BY_KEY[key].label for key in COMMENTARY}

_MONTHS = MONTH_NAMES


# --------------------------------------------------------------------------- small formatters


def is_missing(value: Any) -> bool:
    """True for None, NaN, pd.NA and NaT, so callers need not care which one a table holds."""
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def theme_label(theme: Any) -> str:
    """A readable name for a report theme or a judgement theme key such as ``planning``."""
    if is_missing(theme):
        return "Unassigned"
    key = str(theme)
    return THEME_LABELS.get(key, key.replace("_", " ").capitalize())


def possessive(name: str) -> str:
    """``St Helens'`` and ``Somerset's``: titles read naturally for either ending."""
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def fmt_pct(value: Any, digits: int = 1) -> str:
    """A percentage such as ``46.2%``, or "not stated"."""
    if is_missing(value):
        return NOT_STATED
    return f"{float(value):.{digits}f}%"


def fmt_points(value: Any) -> str:
    """A signed gap such as ``+10.1 points`` (a true minus sign for negatives), or "not stated"."""
    if is_missing(value):
        return NOT_STATED
    v = round(float(value), 1)
    if v == 0:
        return "0.0 points"
    sign = "+" if v > 0 else "\u2212"
    return f"{sign}{abs(v):.1f} points"


def fmt_int(value: Any) -> str:
    """A whole number, or "not stated"."""
    return NOT_STATED if is_missing(value) else str(int(value))


def fmt_date(value: Any) -> str:
    """``8 July 2015``, or "not stated"."""
    if is_missing(value):
        return NOT_STATED
    ts = pd.Timestamp(value)
    return f"{ts.day} {_MONTHS[ts.month - 1]} {ts.year}"


def fmt_month(value: Any) -> str:
    """``2012-04`` as ``April 2012`` (the report's cohort months), or "not stated"."""
    if is_missing(value):
        return NOT_STATED
    text = str(value)
    try:
        year, month = text.split("-")[:2]
        return f"{_MONTHS[int(month) - 1]} {int(year)}"
    except (ValueError, IndexError):
        return text


def fmt_cohort(row: pd.Series) -> str:
    """The cohort the rate and its average describe, e.g. ``April 2012 to March 2013``."""
    start, end = row.get("cohort_start"), row.get("cohort_end")
    if is_missing(start) and is_missing(end):
        return NOT_STATED
    return f"{fmt_month(start)} to {fmt_month(end)}"


def fmt_fieldwork(row: pd.Series) -> str:
    """Fieldwork dates such as ``15 to 17 June 2015``, or "not stated"."""
    start, end = row.get("fieldwork_start"), row.get("fieldwork_end")
    if is_missing(start) or is_missing(end):
        return fmt_date(start if not is_missing(start) else end)
    s, e = pd.Timestamp(start), pd.Timestamp(end)
    if s == e:
        return fmt_date(s)
    if (s.year, s.month) == (e.year, e.month):
        return f"{s.day} to {fmt_date(e)}"
    if s.year == e.year:
        return f"{s.day} {_MONTHS[s.month - 1]} to {fmt_date(e)}"
    return f"{fmt_date(s)} to {fmt_date(e)}"


def gap_phrase(gap: Any) -> str:
    """``10.1 percentage points above`` / ``below`` / ``the same as`` the average."""
    if is_missing(gap):
        return ""
    v = round(float(gap), 1)
    if v == 0:
        return "the same as"
    return f"{abs(v):.1f} percentage points {'above' if v > 0 else 'below'}"


def _area(row: pd.Series) -> str:
    area = row.get("area")
    return str(area) if not is_missing(area) else str(row.get("inspection_id"))


# --------------------------------------------------------------------------- table access


def known_inspection_ids(tables: Tables) -> list[str]:
    """Inspection ids present in the tables, in table order."""
    return [str(i) for i in tables.inspections["inspection_id"].tolist()]


def require_inspection(tables: Tables, inspection_id: str) -> pd.Series:
    """The inspection's row; stops a notebook with the known ids when the id is unknown."""
    df = tables.inspections
    match = df[df["inspection_id"] == inspection_id]
    if match.empty:
        raise UnknownInspection(inspection_id, known_inspection_ids(tables))
    return match.iloc[0]


def select_inspections(tables: Tables, inspection_ids: Iterable[str] | None = None) -> pd.DataFrame:
    """The inspections to compare (all when ``None``), in the order asked or table order."""
    df = tables.inspections
    if inspection_ids is None:
        return df.reset_index(drop=True)
    ids = list(inspection_ids)
    for i in ids:
        require_inspection(tables, i)
    return df.set_index("inspection_id", drop=False).loc[ids].reset_index(drop=True)


# --------------------------------------------------------------------------- one inspection


def rate_sentence(row: pd.Series) -> str:
    """The published rate and its gap to the England and Wales average of the same cohort."""
    area = _area(row)
    rate, avg, gap = row.get("reoffending_rate_pct"), row.get("ew_average_pct"), None
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


@dataclass(frozen=True)
class ThemeScore:
    """How well one theme's quantified findings met the standard (share of applicable cases)."""

    theme: str
    n_findings: int
    mean_share_met: float
    smallest_denominator: int | None


def _num(value: Any) -> float:
    return math.nan if is_missing(value) else float(value)


def findings_met(findings: pd.DataFrame) -> pd.DataFrame:
    """Findings restated as the share of cases *meeting* the standard, with flipped intervals.

    A ``not_met`` finding ("in two cases the classification was too low") counts the failures,
    so its share met is one minus its proportion. A finding given only as a range ("just over
    half": 50-60%) is placed at the range's midpoint. Findings with no judgement, or with
    neither a proportion nor a range (vague words such as "many"), are left out.
    """
    cols = ["inspection_id", "paragraph_id", "theme", "quote", "aspect", "denominator"]
    out_cols = cols + ["cases_met", "share_met", "range_low", "range_high", "ci_low", "ci_high"]
    if findings is None or findings.empty or "judgement" not in findings:
        return pd.DataFrame(columns=out_cols)
    rows = []
    for _, r in findings[findings["judgement"].isin(["met", "not_met"])].iterrows():
        p, lo, hi = (
            _num(r.get("proportion")),
            _num(r.get("proportion_low")),
            _num(r.get("proportion_high")),
        )
        c_lo, c_hi = _num(r.get("ci_low")), _num(r.get("ci_high"))
        if math.isnan(p):
            if math.isnan(lo) or math.isnan(hi):
                continue
            p = (lo + hi) / 2
        num, den = r.get("numerator"), r.get("denominator")
        met = None if is_missing(num) or is_missing(den) else int(num)
        if r["judgement"] == "not_met":
            p, lo, hi, c_lo, c_hi = 1 - p, 1 - hi, 1 - lo, 1 - c_hi, 1 - c_lo
            met = None if met is None else int(den) - met
        rows.append(
            {
                **{c: r.get(c) for c in cols},
                "cases_met": met,
                "share_met": p,
                "range_low": lo,
                "range_high": hi,
                "ci_low": c_lo,
                "ci_high": c_hi,
            }
        )
    out = pd.DataFrame(rows, columns=out_cols)
    out["cases_met"] = pd.array(out["cases_met"], dtype="Int64")
    out["denominator"] = pd.array(pd.to_numeric(out["denominator"]), dtype="Int64")
    return out


def theme_scores(findings: pd.DataFrame) -> list[ThemeScore]:
    """Themes ranked from strongest to weakest by the mean share of cases meeting the standard."""
    met = findings_met(findings)
    scores = []
    for theme, g in met.groupby("theme", sort=True, dropna=True):
        dens = pd.to_numeric(g["denominator"], errors="coerce").dropna()
        scores.append(
            ThemeScore(
                theme=str(theme),
                n_findings=len(g),
                mean_share_met=float(g["share_met"].mean()),
                smallest_denominator=int(dens.min()) if not dens.empty else None,
            )
        )
    return sorted(scores, key=lambda s: (-s.mean_share_met, s.theme))


def _score_text(s: ThemeScore) -> str:
    n = s.n_findings
    return (
        f"{theme_label(s.theme).lower()} (on average {s.mean_share_met:.0%} of applicable cases "
        f"met the standard, across {n} quantified finding{'s' if n != 1 else ''})"
    )


def themes_sentence(findings: pd.DataFrame) -> str:
    """The strongest and weakest themes, from the findings that count cases."""
    scores = theme_scores(findings)
    if not scores:
        return "The report gives no quantified findings to rank its themes by."
    if len(scores) == 1:
        return f"Only one theme has quantified findings: {_score_text(scores[0])}."
    return (
        f"Among quantified findings, the strongest theme was {_score_text(scores[0])} "
        f"and the weakest was {_score_text(scores[-1])}."
    )


def small_denominator_caveat(findings: pd.DataFrame, threshold: int = SMALL_DENOMINATOR) -> str:
    """A warning naming findings that rest on fewer than ``threshold`` cases ("" if none)."""
    if findings is None or findings.empty or "denominator" not in findings:
        return ""
    dens = pd.to_numeric(findings["denominator"], errors="coerce")
    small = findings[dens.notna() & (dens < threshold)].copy()
    if small.empty:
        return ""
    small = small.assign(den=pd.to_numeric(small["denominator"], errors="coerce"))
    small = small.drop_duplicates(["paragraph_id", "den"]).sort_values(["paragraph_id", "den"])
    items = [f"paragraph {r.paragraph_id}: {int(r.den)} cases" for r in small.itertuples()]
    n = len(items)
    return (
        f"Caution: {n} quantified finding{'s rest' if n != 1 else ' rests'} on fewer than "
        f"{threshold} cases ({'; '.join(items)}), so one case changes "
        f"{'them' if n != 1 else 'it'} by more than {100 // threshold} percentage points."
    )


def inspection_findings(tables: Tables, inspection_id: str) -> pd.DataFrame:
    """The findings rows of one inspection (empty, with the contract's columns, if none)."""
    f = tables.findings
    if f.empty:
        return f
    return f[f["inspection_id"] == inspection_id].reset_index(drop=True)


def inspection_summary(tables: Tables, inspection_id: str) -> list[str]:
    """The briefing's narrative: one short paragraph per topic, in reading order."""
    row = require_inspection(tables, inspection_id)
    findings = inspection_findings(tables, inspection_id)
    intro = (
        f"HM Inspectorate of Probation screened youth offending work in {_area(row)} "
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


# --------------------------------------------------------------------------- comparison


def join_and(parts: Sequence[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    parts = list(parts)
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def _names(df: pd.DataFrame) -> str:
    return join_and(
        [f"{_area(r)} {fmt_points(r['rate_gap_pct_points'])}" for _, r in df.iterrows()]
    )


def comparison_rates_sentence(tables: Tables, inspection_ids: Iterable[str] | None = None) -> str:
    """How many services sat above, below or at their own cohort's England and Wales average."""
    df = select_inspections(tables, inspection_ids).copy()
    if df.empty:
        return "There are no inspections to compare."
    gaps = pd.to_numeric(df["rate_gap_pct_points"], errors="coerce")
    df["rate_gap_pct_points"] = gaps
    above, below = df[gaps > 0], df[gaps < 0]
    same, unknown = df[gaps == 0], df[gaps.isna()]
    clauses = []
    if not above.empty:
        ordered = above.sort_values("rate_gap_pct_points", ascending=False)
        clauses.append(
            f"{len(above)} reported a reoffending rate above its cohort's England and Wales "
            f"average ({_names(ordered)})"
        )
    if not below.empty:
        ordered = below.sort_values("rate_gap_pct_points")
        clauses.append(
            f"{len(below)} reported a rate below its cohort's average ({_names(ordered)})"
        )
    if not same.empty:
        clauses.append(f"{len(same)} reported a rate level with its cohort's average")
    if not unknown.empty:
        clauses.append(f"{len(unknown)} did not state the rate or its average")
    n = len(df)
    if len(clauses) == 1:
        listed = clauses[0]
    elif len(clauses) == 2:
        listed = " and ".join(clauses)
    else:
        listed = "; ".join(clauses[:-1]) + "; and " + clauses[-1]
    sentence = f"Of {n} inspection{'s' if n != 1 else ''}, {listed}."
    return (
        sentence + " Each rate describes a different cohort, so compare each with its own "
        "average rather than the rates with each other."
    )


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


def comparison_themes_sentence(tables: Tables, inspection_ids: Iterable[str] | None = None) -> str:
    """The judgement themes that recur most often among strengths and among improvements."""
    df = select_inspections(tables, inspection_ids)
    jt = tables.judgement_themes
    if jt.empty:
        return "No themes have been assigned to the key strengths or areas for improvement."
    jt = jt[jt["inspection_id"].isin(df["inspection_id"])]
    parts = []
    for kind, label in (("strength", "key strengths"), ("improvement", "areas for improvement")):
        k = jt[jt["kind"] == kind].drop_duplicates(["inspection_id", "theme"])
        if k.empty:
            continue
        counts = k.groupby("theme")["inspection_id"].nunique()
        top = counts[counts == counts.max()].sort_index()
        names = join_and([theme_label(t).lower() for t in top.index])
        m = int(counts.max())
        parts.append(
            f"the most common theme among {label} was {names} "
            f"({m} of {len(df)} inspection{'s' if len(df) != 1 else ''})"
        )
    if not parts:
        return "No themes have been assigned to the key strengths or areas for improvement."
    text = "; ".join(parts)
    return text[0].upper() + text[1:] + "."


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


# --------------------------------------------------------------------------- tables for display


def headline_figures(tables: Tables, inspection_id: str) -> pd.DataFrame:
    """The figures a reader wants first, as text ready to show ("not stated" when missing)."""
    row = require_inspection(tables, inspection_id)
    items = [
        ("Service", row.get("service_name")),
        ("Published", fmt_date(row.get("publication_date"))),
        ("Fieldwork", fmt_fieldwork(row)),
        ("Cases examined", fmt_int(row.get("cases_examined"))),
        ("Reoffending rate", fmt_pct(row.get("reoffending_rate_pct"))),
        ("England and Wales average (same cohort)", fmt_pct(row.get("ew_average_pct"))),
        ("Gap to average", fmt_points(row.get("rate_gap_pct_points"))),
        ("Cohort", fmt_cohort(row)),
        ("Compared with previous year", row.get("reoffending_change_stated")),
        ("Key strengths", fmt_int(row.get("n_strengths"))),
        ("Areas requiring improvement", fmt_int(row.get("n_improvements"))),
    ]
    return pd.DataFrame(
        [(k, NOT_STATED if is_missing(v) else str(v)) for k, v in items],
        columns=["Figure", "Value"],
    )


def comparison_table(tables: Tables, inspection_ids: Iterable[str] | None = None) -> pd.DataFrame:
    """One row per inspection with its headline figures, formatted for reading."""
    df = select_inspections(tables, inspection_ids)
    return pd.DataFrame(
        {
            "Inspection": df["inspection_id"].astype(str),
            "Area": [_area(r) for _, r in df.iterrows()],
            "Published": [fmt_date(v) for v in df["publication_date"]],
            "Cases": [fmt_int(v) for v in df["cases_examined"]],
            "Rate": [fmt_pct(v) for v in df["reoffending_rate_pct"]],
            "E&W average": [fmt_pct(v) for v in df["ew_average_pct"]],
            "Gap": [fmt_points(v) for v in df["rate_gap_pct_points"]],
            "Cohort": [fmt_cohort(r) for _, r in df.iterrows()],
        }
    )


def judgements_with_themes(tables: Tables, inspection_id: str) -> pd.DataFrame:
    """Key strengths and areas for improvement in report order, each with its themes."""
    require_inspection(tables, inspection_id)
    j = tables.judgements
    j = j[j["inspection_id"] == inspection_id].sort_values(["kind", "position"])
    jt = tables.judgement_themes
    themes: dict[tuple[str, int], str] = {}
    if not jt.empty:
        sub = jt[jt["inspection_id"] == inspection_id]
        for (kind, pos), g in sub.groupby(["kind", "position"]):
            themes[(str(kind), int(pos))] = ", ".join(
                theme_label(t) for t in sorted(g["theme"].dropna().astype(str).unique())
            )
    kind_label = {"strength": "Key strength", "improvement": "Area requiring improvement"}
    rows = [
        {
            "Kind": kind_label.get(str(r.kind), str(r.kind)),
            "No.": int(r.position),
            "Text": str(r.text),
            "Themes": themes.get((str(r.kind), int(r.position)), "none assigned"),
        }
        for r in j.itertuples()
    ]
    order = {"Key strength": 0, "Area requiring improvement": 1}
    rows.sort(key=lambda d: (order.get(d["Kind"], 2), d["No."]))
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
    return pd.DataFrame(
        [(k, NOT_STATED if is_missing(v) else str(v)) for k, v in items], columns=["Item", "Value"]
    )


def quality_notes(tables: Tables, inspection_ids: Iterable[str] | None = None) -> pd.DataFrame:
    """Parsing problems recorded for these inspections (empty when the reports parsed cleanly)."""
    q = tables.quality
    if q.empty:
        return q.reset_index(drop=True)
    if inspection_ids is None:
        return q.reset_index(drop=True)
    ids = set(inspection_ids)
    return q[q["inspection_id"].isin(ids)].reset_index(drop=True)


# --------------------------------------------------------------------------- HTML display


@dataclass(frozen=True)
class Prose:
    """Paragraphs that show as escaped HTML in a notebook (and as plain text elsewhere)."""

    paragraphs: tuple[str, ...]
    heading: str | None = None
    level: int = 2

    def _repr_html_(self) -> str:
        tag = f"h{self.level}"
        head = f"<{tag}>{html.escape(self.heading)}</{tag}>\n" if self.heading else ""
        body = "\n".join(f"<p>{html.escape(p)}</p>" for p in self.paragraphs if p)
        return f'<div class="sqs-prose">{head}{body}</div>'

    def __str__(self) -> str:
        head = f"{self.heading}\n\n" if self.heading else ""
        return head + "\n\n".join(p for p in self.paragraphs if p)

    __repr__ = __str__


def prose(paragraphs: Iterable[str], heading: str | None = None, level: int = 2) -> Prose:
    """Wrap sentences so a notebook shows them as escaped paragraphs under an optional heading."""
    return Prose(tuple(paragraphs), heading, level)


def display_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy for showing: every missing value (None, NaN, pd.NA, NaT) reads "not stated"."""
    shown = frame.astype(object)
    return shown.where(frame.notna(), NOT_STATED)


@dataclass(frozen=True)
class TableView:
    """A DataFrame shown without its index (escaped), or a sentence when it is empty."""

    frame: pd.DataFrame
    empty_message: str = "None."
    caption: str | None = None

    def _repr_html_(self) -> str:
        if self.frame.empty:
            return f'<p class="sqs-empty">{html.escape(self.empty_message)}</p>'
        cap = f"<p><strong>{html.escape(self.caption)}</strong></p>" if self.caption else ""
        return cap + display_frame(self.frame).to_html(index=False, escape=True)

    def __repr__(self) -> str:
        if self.frame.empty:
            return self.empty_message
        return self.frame.to_string(index=False)


def as_table(frame: pd.DataFrame, empty: str = "None.", caption: str | None = None) -> TableView:
    """Show a table in a notebook or briefing without the row index, saying so if it is empty."""
    return TableView(frame, empty, caption)


def sources_table(tables: Tables, inspection_ids: Iterable[str] | None = None) -> pd.DataFrame:
    """Each compared report's source file and checksum, so figures can be traced to the file."""
    df = select_inspections(tables, inspection_ids)
    return pd.DataFrame(
        {
            "Inspection": df["inspection_id"].astype(str),
            "Source file": [NOT_STATED if is_missing(v) else str(v) for v in df["source_file"]],
            "SHA-256": [NOT_STATED if is_missing(v) else str(v) for v in df["source_sha256"]],
        }
    )


def table_overview(tables: Tables) -> pd.DataFrame:
    """Rows and columns of every table, for exploring what the extract produced."""
    rows = []
    for name, frame in tables.items():
        rows.append({"table": name, "rows": len(frame), "columns": ", ".join(map(str, frame))})
    return pd.DataFrame(rows)


def briefing_title(tables: Tables, inspection_id: str) -> str:
    """The page title of one inspection's briefing."""
    row = require_inspection(tables, inspection_id)
    service = row.get("service_name")
    who = str(service) if not is_missing(service) else _area(row)
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
    return f"{count}, {when}: " + ", ".join(_area(r) for _, r in df.iterrows()) + "."
