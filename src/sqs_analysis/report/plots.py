"""Charts of the SQS tables, each returned with the data it plots, its message and alt text.

Figures are built with ``matplotlib.figure.Figure`` (never pyplot), so they work under any
backend, never pop up twice in a notebook and never leak. Colours are the Okabe-Ito
colour-blind-safe set, and every distinction they draw is repeated by a marker, a hatch or a
label. Each title states the chart's message. Rendering is deterministic: SVG ids are salted
with a fixed string and dates are left out of the file metadata.
"""

from __future__ import annotations

import base64
import html
import io
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import matplotlib as mpl
import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.figure import Figure

from sqs_analysis.report import narrative as nr
from sqs_analysis.report.inert import make_inert

if TYPE_CHECKING:  # pragma: no cover - typing only
    from sqs_analysis.tables.pipeline import Tables

#: Okabe-Ito colours (Wong 2011, Nature Methods), safe for the common colour-vision deficiencies.
OKABE_ITO = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "vermillion": "#D55E00",
    "green": "#009E73",
    "sky": "#56B4E9",
    "purple": "#CC79A7",
    "yellow": "#F0E442",
    "grey": "#6E6E6E",
}
#: Marker shapes cycled across inspections so series differ by shape as well as colour.
MARKERS = ["o", "s", "D", "^", "v", "P", "X", "<", ">", "h"]

#: rcParams that make SVG and PNG output byte-for-byte repeatable, whatever the local
#: matplotlibrc says; no text is TeX and no tick label is mathtext (see ``inert``).
DETERMINISTIC_RC = {
    "svg.hashsalt": "sqs-analysis",
    "svg.fonttype": "path",
    "font.size": 10,
    "text.usetex": False,
    "text.parse_math": True,
    "axes.formatter.use_mathtext": False,
}
_SAVE_METADATA = {
    "svg": {"Date": None, "Creator": "sqs-analysis"},
    "png": {"Software": "sqs-analysis"},
}


@dataclass(frozen=True)
class Chart:
    """A figure with its message (title), a text alternative and the data it draws."""

    figure: Figure
    data: pd.DataFrame
    alt_text: str
    title: str

    def __post_init__(self) -> None:
        # Report text in the figure is drawn as typed, never as maths. ``title``, ``alt_text``
        # and ``data`` keep the text unescaped (HTML escapes them itself).
        make_inert(self.figure)

    def to_bytes(self, fmt: str = "svg") -> bytes:
        """The figure as SVG or PNG bytes, identical from run to run; all its text literal."""
        buf = io.BytesIO()
        with mpl.rc_context(DETERMINISTIC_RC):
            make_inert(self.figure)  # again, for any text added since the chart was made
            self.figure.savefig(buf, format=fmt, metadata=_SAVE_METADATA[fmt], dpi=110)
        return buf.getvalue()

    def to_html(self, fmt: str = "svg") -> str:
        """An embedded image with alt text and caption, followed by the chart's data as a table."""
        mime = "image/svg+xml" if fmt == "svg" else "image/png"
        payload = base64.b64encode(self.to_bytes(fmt)).decode("ascii")
        table = nr.display_frame(self.data).to_html(index=False, classes="sqs-chart-data")
        if self.data.empty:
            table += "<p>No rows: there is nothing to plot.</p>"
        return (
            '<figure class="sqs-chart">'
            f'<img src="data:{mime};base64,{payload}" alt="{html.escape(self.alt_text)}" '
            'style="max-width:100%;height:auto">'
            f"<figcaption>{html.escape(self.title)}</figcaption>"
            "</figure>\n"
            '<details class="sqs-chart-data" open><summary>Data for this chart</summary>'
            f"{table}</details>"
        )

    def _repr_html_(self) -> str:
        return self.to_html()

    def __repr__(self) -> str:
        return f"Chart({self.title!r})"


def _figure(width: float, height: float) -> tuple[Figure, object]:
    """A seaborn-styled figure with one axes, not registered with pyplot."""
    with sns.axes_style("whitegrid"), mpl.rc_context(DETERMINISTIC_RC):
        fig = Figure(figsize=(width, height), layout="constrained")
        ax = fig.add_subplot()
    return fig, ax


def _empty(title: str, message: str, columns: list[str]) -> Chart:
    """A chart that says there is nothing to draw, rather than an error or a blank square."""
    fig, ax = _figure(6.5, 1.8)
    ax.axis("off")
    ax.text(0.5, 0.5, message, ha="center", va="center", fontsize=11, transform=ax.transAxes)
    fig.suptitle(title, fontsize=11, wrap=True)
    return Chart(fig, pd.DataFrame(columns=columns), f"{title}. {message}", title)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _float(value: object) -> float | None:
    return None if nr.is_missing(value) else float(value)


# --------------------------------------------------------------------------- rate vs average


def rate_vs_average(tables: Tables, inspection_id: str) -> Chart:
    """One service's reoffending rate beside the England and Wales average of the same cohort."""
    row = nr.require_inspection(tables, inspection_id)
    area = str(row.get("area") if not nr.is_missing(row.get("area")) else inspection_id)
    rate, avg = _float(row.get("reoffending_rate_pct")), _float(row.get("ew_average_pct"))
    cohort = nr.fmt_cohort(row)
    data = pd.DataFrame(
        {
            "measure": [f"{area} reoffending rate", "England and Wales average (same cohort)"],
            "percent": pd.array([rate, avg], dtype="Float64"),
            "cohort": [cohort, cohort],
        }
    )
    if rate is None or avg is None:
        title = f"{possessive_title(area)} reoffending rate or its cohort average is not stated"
        chart = _empty(title, "The report does not state both figures.", list(data.columns))
        return Chart(chart.figure, data, chart.alt_text, title)
    gap = round(rate - avg, 1)
    title = (
        f"{possessive_title(area)} reoffending rate was {nr.gap_phrase(gap).replace('percentage ', '')}"
        f" its cohort's England and Wales average"
        if gap != 0
        else f"{possessive_title(area)} reoffending rate equalled its cohort's average"
    )
    fig, ax = _figure(6.5, 2.6)
    labels = [f"{area}", "England and Wales\naverage"]
    colours = [OKABE_ITO["blue"], OKABE_ITO["grey"]]
    hatches = ["", "//"]
    bars = ax.barh(labels[::-1], [avg, rate], color=colours[::-1], edgecolor="black")
    for bar, hatch in zip(bars, hatches[::-1], strict=True):
        bar.set_hatch(hatch)
        bar.set_facecolor(mpl.colors.to_rgba(bar.get_facecolor(), 0.85))
    for bar, value in zip(bars, [avg, rate], strict=True):
        ax.text(
            bar.get_width() + 0.8,
            bar.get_y() + bar.get_height() / 2,
            f"{value:.1f}%",
            va="center",
            fontsize=10,
        )
    ax.set_xlim(0, max(rate, avg) * 1.3)
    ax.set_xlabel(f"Proven reoffending rate, % (cohort {cohort})")
    ax.set_title(title, fontsize=11, loc="left", wrap=True)
    ax.annotate(
        f"Gap: {nr.fmt_points(gap)}",
        xy=(max(rate, avg) * 1.12, 0.5),
        ha="center",
        va="center",
        fontsize=10,
        fontweight="bold",
    )
    alt = (
        f"Bar chart. {area}: {rate:.1f}% reoffending; England and Wales average for the same "
        f"cohort ({cohort}): {avg:.1f}%. Gap {nr.fmt_points(gap)}."
    )
    return Chart(fig, data, alt, title)


def possessive_title(name: str) -> str:
    """``St Helens'`` / ``Somerset's`` for chart titles."""
    return nr.possessive(name)


# --------------------------------------------------------------------------- gaps across inspections


def gap_data(tables: Tables, inspection_ids: Iterable[str] | None = None) -> pd.DataFrame:
    """Each inspection's gap to its own cohort's average, largest gap first."""
    df = nr.select_inspections(tables, inspection_ids)
    out = pd.DataFrame(
        {
            "inspection_id": df["inspection_id"].astype(str),
            "area": df["area"].astype(str),
            "rate_pct": pd.array(df["reoffending_rate_pct"], dtype="Float64"),
            "ew_average_pct": pd.array(df["ew_average_pct"], dtype="Float64"),
            "gap_pct_points": pd.array(df["rate_gap_pct_points"], dtype="Float64"),
            "cohort": [nr.fmt_cohort(r) for _, r in df.iterrows()],
        }
    )
    return out.sort_values("gap_pct_points", ascending=False, na_position="last").reset_index(
        drop=True
    )


def rate_gaps(tables: Tables, inspection_ids: Iterable[str] | None = None) -> Chart:
    """Every inspection's gap to its own cohort's average (never raw rates of different cohorts)."""
    data = gap_data(tables, inspection_ids)
    known = data[data["gap_pct_points"].notna()]
    if known.empty:
        return _empty(
            "No inspection states both its reoffending rate and its cohort average",
            "Nothing to compare.",
            list(data.columns),
        )
    above = int((known["gap_pct_points"] > 0).sum())
    below = int((known["gap_pct_points"] < 0).sum())
    if len(known) <= 3:
        title = "; ".join(
            f"{r.area} {abs(r.gap_pct_points):.1f} points "
            f"{'above' if r.gap_pct_points > 0 else 'below' if r.gap_pct_points < 0 else 'level with'}"
            for r in known.itertuples()
        )
        title += (
            " its cohort's England and Wales average"
            if len(known) == 1
            else (" their cohorts' England and Wales averages")
        )
    else:
        title = (
            f"{above} of {len(known)} services had reoffending above their cohort's England and "
            f"Wales average, {below} below"
        )
    n = len(data)
    fig, ax = _figure(7.5, 1.4 + 0.7 * n)
    y = np.arange(n)[::-1]
    span = max(float(known["gap_pct_points"].abs().max()), 1.0)
    for yi, r in zip(y, data.itertuples(), strict=True):
        if nr.is_missing(r.gap_pct_points):
            ax.text(
                0,
                yi,
                "rate or average not stated",
                va="center",
                ha="center",
                fontsize=9,
                style="italic",
            )
            continue
        g = float(r.gap_pct_points)
        worse = g > 0
        ax.barh(
            yi,
            g,
            color=OKABE_ITO["vermillion"] if worse else OKABE_ITO["blue"],
            hatch="//" if worse else "..",
            edgecolor="black",
            height=0.6,
        )
        word = "higher" if worse else "lower" if g < 0 else "level"
        ax.text(
            g + (0.04 if g >= 0 else -0.04) * span,
            yi,
            f"{nr.fmt_points(g)} ({word})",
            va="center",
            ha="left" if g >= 0 else "right",
            fontsize=9,
            fontweight="bold",
        )
    ax.set_xlim(-span * 1.8, span * 1.8)
    ax.axvline(0, color="black", linewidth=1.2)
    ax.text(0, n - 0.45, "0 = the service's own cohort average", ha="center", fontsize=8.5)
    ax.set_ylim(-0.7, n)
    ticks = []
    for r in data.itertuples():
        if nr.is_missing(r.gap_pct_points):
            ticks.append(f"{r.area}")
        else:
            ticks.append(
                f"{r.area}\n{float(r.rate_pct):.1f}% vs {float(r.ew_average_pct):.1f}%\n"
                f"cohort {r.cohort}"
            )
    ax.set_yticks(y, ticks, fontsize=8.5)
    ax.set_xlabel(
        "Percentage points from the service's own cohort England and Wales average\n"
        "(right, hatched = more reoffending than average; left, dotted = less)",
        fontsize=9,
    )
    ax.set_title(title, fontsize=11, loc="left", wrap=True)
    ax.grid(axis="y", visible=False)
    parts = []
    for r in data.itertuples():
        if nr.is_missing(r.gap_pct_points):
            parts.append(f"{r.area}: not stated")
        else:
            parts.append(
                f"{r.area}: {nr.fmt_points(r.gap_pct_points)} ({float(r.rate_pct):.1f}% against "
                f"{float(r.ew_average_pct):.1f}% for the {r.cohort} cohort)"
            )
    alt = (
        "Horizontal bar chart of each service's gap to its cohort's average. "
        + "; ".join(parts)
        + "."
    )
    return Chart(fig, data, alt, title)


# --------------------------------------------------------------------------- case samples


def case_samples(tables: Tables, inspection_ids: Iterable[str] | None = None) -> Chart:
    """How many cases each inspection examined: the base of every proportion it reports."""
    df = nr.select_inspections(tables, inspection_ids)
    data = pd.DataFrame(
        {
            "inspection_id": df["inspection_id"].astype(str),
            "area": df["area"].astype(str),
            "cases_examined": pd.array(df["cases_examined"], dtype="Int64"),
            "custody_cases_included": pd.array(df["custody_cases_included"], dtype="boolean"),
        }
    )
    known = data["cases_examined"].dropna()
    if known.empty:
        return _empty(
            "No report states how many cases it examined", "Nothing to show.", list(data.columns)
        )
    if len(data) == 1:
        title = f"Inspectors examined {int(known.iloc[0])} cases in {data['area'].iloc[0]}"
    elif known.min() == known.max():
        title = f"Inspectors examined {int(known.min())} cases in each service"
    else:
        title = (
            f"Inspectors examined between {int(known.min())} and {int(known.max())} cases per "
            "service: small samples"
        )
    n = len(data)
    fig, ax = _figure(6.5, 1.2 + 0.5 * n)
    y = np.arange(n)[::-1]
    for yi, r in zip(y, data.itertuples(), strict=True):
        if nr.is_missing(r.cases_examined):
            ax.text(0.2, yi, "not stated", va="center", fontsize=9, style="italic")
            continue
        ax.barh(yi, int(r.cases_examined), color=OKABE_ITO["green"], edgecolor="black", height=0.6)
        custody = (
            ""
            if nr.is_missing(r.custody_cases_included)
            else " (incl. custody)"
            if r.custody_cases_included
            else " (community only)"
        )
        ax.text(
            int(r.cases_examined) + 0.3,
            yi,
            f"{int(r.cases_examined)} cases{custody}",
            va="center",
            fontsize=9,
        )
    ax.set_yticks(y, data["area"].tolist())
    ax.set_xlim(0, float(known.max()) * 1.6)
    ax.set_xlabel("Cases examined")
    ax.set_title(title, fontsize=11, loc="left", wrap=True)
    ax.grid(axis="y", visible=False)
    alt = (
        "Bar chart of cases examined. "
        + "; ".join(f"{r.area}: {nr.fmt_int(r.cases_examined)}" for r in data.itertuples())
        + "."
    )
    return Chart(fig, data, alt, title)


# --------------------------------------------------------------------------- findings by theme


def findings_data(tables: Tables, inspection_ids: Iterable[str] | None = None) -> pd.DataFrame:
    """Quantified findings as the share of cases meeting the standard, ordered by theme."""
    ids = nr.select_inspections(tables, inspection_ids)["inspection_id"].tolist()
    f = tables.findings
    if f.empty:
        return nr.findings_met(pd.DataFrame())
    met = nr.findings_met(f[f["inspection_id"].isin(ids)])
    if met.empty:
        return met
    order = {k: i for i, k in enumerate(nr.THEME_LABELS)}
    met = met.assign(_o=met["theme"].map(order).fillna(99))
    met = met.sort_values(["_o", "inspection_id", "paragraph_id"]).drop(columns="_o")
    return met.reset_index(drop=True)


def _finding_label(r: object, with_id: bool) -> str:
    """``Protecting the public 2.3 review: 7/9`` (the count only when the report gives one)."""
    para = "" if r.paragraph_id == "operational-management" else f" {r.paragraph_id}"
    aspect = "" if nr.is_missing(r.aspect) else f" {r.aspect}"
    count = "" if nr.is_missing(r.cases_met) else f": {int(r.cases_met)}/{int(r.denominator)}"
    who = f" [{r.inspection_id}]" if with_id else ""
    return f"{nr.theme_label(r.theme)}{para}{aspect}{count}{who}"


#: Above this many inspections ``findings_by_theme`` draws one dot per inspection and theme
#: instead of one row per finding (a row per finding for 50 inspections is a chart 7 m tall).
DETAIL_MAX_INSPECTIONS = 4


def findings_by_theme(
    tables: Tables, inspection_ids: Iterable[str] | str | None = None, detail: bool | None = None
) -> Chart:
    """Each counted finding as a proportion of cases, with its stated range and Wilson interval.

    ``detail=False`` (the default above :data:`DETAIL_MAX_INSPECTIONS` inspections) summarises
    instead: each inspection's average share met per theme, so the chart stays readable.
    """
    if isinstance(inspection_ids, str):
        inspection_ids = [inspection_ids]
    ids = list(inspection_ids) if inspection_ids is not None else None
    data = findings_data(tables, ids)
    if data.empty:
        return _empty(
            "No quantified findings to chart",
            "No finding states a count or proportion of cases.",
            list(data.columns),
        )
    scores = nr.theme_scores(data.assign(judgement="met", proportion=data["share_met"]))
    if len(scores) >= 2:
        title = (
            f"{nr.theme_label(scores[0].theme)} scored best ({scores[0].mean_share_met:.0%} of "
            f"cases met the standard on average); {nr.theme_label(scores[-1].theme).lower()} "
            f"worst ({scores[-1].mean_share_met:.0%})"
        )
    else:
        title = (
            f"{nr.theme_label(scores[0].theme)}: on average {scores[0].mean_share_met:.0%} of "
            "cases met the standard"
        )
    inspections = list(dict.fromkeys(data["inspection_id"].astype(str)))
    if detail is None:
        detail = len(inspections) <= DETAIL_MAX_INSPECTIONS
    if not detail:
        return _findings_overview(data, scores, title)
    marker = {i: MARKERS[k % len(MARKERS)] for k, i in enumerate(inspections)}
    colour_cycle = [OKABE_ITO[c] for c in ("blue", "vermillion", "green", "purple", "orange")]
    colour = {i: colour_cycle[k % len(colour_cycle)] for k, i in enumerate(inspections)}
    n = len(data)
    fig, ax = _figure(8.5, 2.0 + 0.36 * n)
    y = np.arange(n)[::-1]
    for yi, r in zip(y, data.itertuples(), strict=True):
        iid = str(r.inspection_id)
        counted = not nr.is_missing(r.cases_met)
        if not (nr.is_missing(r.ci_low) or nr.is_missing(r.ci_high)):
            ax.hlines(yi, r.ci_low, r.ci_high, color="black", linewidth=1)
            ax.vlines([r.ci_low, r.ci_high], yi - 0.15, yi + 0.15, color="black", linewidth=1)
        if not counted and not (nr.is_missing(r.range_low) or nr.is_missing(r.range_high)):
            ax.hlines(yi, r.range_low, r.range_high, color=colour[iid], linewidth=7, alpha=0.4)
        ax.plot(
            r.share_met,
            yi,
            marker=marker[iid],
            color=colour[iid],
            markerfacecolor=colour[iid] if counted else "white",
            markeredgecolor="black",
            markersize=7,
            linestyle="none",
        )
    ax.set_yticks(
        y, [_finding_label(r, len(inspections) > 1) for r in data.itertuples()], fontsize=8
    )
    # Separate the themes with a rule so each group reads as one block.
    themes = data["theme"].astype(str).tolist()
    for k in range(1, n):
        if themes[k] != themes[k - 1]:
            ax.axhline(y[k] + 0.5, color="#999999", linewidth=0.8, linestyle="--")
    ax.set_xlim(-0.02, 1.02)
    ax.set_ylim(-0.7, n - 0.3)
    ax.xaxis.set_major_formatter(mpl.ticker.PercentFormatter(1.0))
    ax.set_xlabel("Share of applicable cases meeting the standard", fontsize=9)
    handles = [
        mpl.lines.Line2D(
            [],
            [],
            marker="o",
            color="black",
            markerfacecolor="#555555",
            linestyle="-",
            linewidth=1,
            label="counted (x of y), with 95% Wilson interval",
        ),
        mpl.lines.Line2D(
            [],
            [],
            marker="o",
            color="#999999",
            markerfacecolor="white",
            markeredgecolor="black",
            linewidth=7,
            alpha=0.7,
            label="worded (e.g. 'just over half'): range and its midpoint",
        ),
    ]
    if len(inspections) > 1:
        handles += [
            mpl.lines.Line2D(
                [],
                [],
                marker=marker[i],
                color=colour[i],
                markeredgecolor="black",
                linestyle="none",
                label=f"{i} (marker shape)",
            )
            for i in inspections
        ]
    fig.legend(handles=handles, loc="outside lower center", ncol=2, fontsize=8, frameon=False)
    ax.set_title(title, fontsize=11, loc="left", wrap=True)
    ax.grid(axis="y", visible=False)
    parts = []
    for r in data.itertuples():
        if not nr.is_missing(r.cases_met):
            what = f"{int(r.cases_met)} of {int(r.denominator)} cases ({r.share_met:.0%})"
            if not nr.is_missing(r.ci_low):
                what += f", 95% interval {float(r.ci_low):.0%} to {float(r.ci_high):.0%}"
        else:
            what = f"between {float(r.range_low):.0%} and {float(r.range_high):.0%} ({r.quote!s})"
        parts.append(f"{r.inspection_id} paragraph {r.paragraph_id} ({r.aspect}): {what}")
    alt = (
        f"Dot chart of {n} quantified findings, grouped by theme, as the share of cases meeting "
        "the standard. " + "; ".join(parts) + "."
    )
    return Chart(fig, data, alt, title)


def findings_overview_data(data: pd.DataFrame) -> pd.DataFrame:
    """Per theme and inspection: how many findings, how many counted, the average share met."""
    grouped = data.assign(counted=data["cases_met"].notna()).groupby(
        ["theme", "inspection_id"], sort=False, observed=True
    )
    out = grouped.agg(
        findings=("share_met", "size"),
        counted_findings=("counted", "sum"),
        mean_share_met=("share_met", "mean"),
    ).reset_index()
    order = {k: i for i, k in enumerate(nr.THEME_LABELS)}
    out = out.assign(_o=out["theme"].map(order).fillna(99))
    out = out.sort_values(["_o", "inspection_id"]).drop(columns="_o").reset_index(drop=True)
    out["counted_findings"] = out["counted_findings"].astype(int)
    out["mean_share_met"] = out["mean_share_met"].astype(float)
    return out


def _findings_overview(data: pd.DataFrame, scores: list[nr.ThemeScore], title: str) -> Chart:
    """One dot per inspection and theme (its average share met) and each theme's average."""
    summary = findings_overview_data(data)
    themes = list(dict.fromkeys(summary["theme"]))
    n_ids = summary["inspection_id"].nunique()
    fig, ax = _figure(8.5, 1.6 + 0.55 * len(themes))
    y_of = {t: len(themes) - 1 - k for k, t in enumerate(themes)}
    mean_of = {s.theme: s.mean_share_met for s in scores}
    for theme, g in summary.groupby("theme", sort=False):
        y = y_of[theme]
        # A fixed spread (not random) so the chart is the same on every run.
        offsets = np.linspace(-0.22, 0.22, len(g)) if len(g) > 1 else np.zeros(1)
        ax.plot(
            g["mean_share_met"],
            y + offsets,
            marker="o",
            markersize=4,
            color=OKABE_ITO["sky"],
            markeredgecolor="black",
            markeredgewidth=0.4,
            linestyle="none",
        )
        ax.plot(mean_of[theme], y, marker="D", markersize=9, color="black", linestyle="none")
    ax.set_yticks(
        [y_of[t] for t in themes],
        [f"{nr.theme_label(t)} ({_count(int((summary['theme'] == t).sum()), 'inspection')})"
         for t in themes],
        fontsize=8,
    )  # fmt: skip
    ax.set_xlim(-0.02, 1.02)
    ax.set_ylim(-0.6, len(themes) - 0.4)
    ax.xaxis.set_major_formatter(mpl.ticker.PercentFormatter(1.0))
    ax.set_xlabel("Average share of applicable cases meeting the standard", fontsize=9)
    ax.grid(axis="y", visible=False)
    handles = [
        mpl.lines.Line2D([], [], marker="o", color=OKABE_ITO["sky"], markeredgecolor="black",
                         linestyle="none", label="one inspection (its findings' average)"),
        mpl.lines.Line2D([], [], marker="D", color="black", linestyle="none",
                         label="average of all findings in the theme"),
    ]  # fmt: skip
    fig.legend(handles=handles, loc="outside lower center", ncol=2, fontsize=8, frameon=False)
    ax.set_title(title, fontsize=11, loc="left", wrap=True)
    parts = []
    for theme in themes:
        g = summary[summary["theme"] == theme]["mean_share_met"]
        parts.append(
            f"{nr.theme_label(theme)}: {_count(len(g), 'inspection')}, averages from "
            f"{g.min():.0%} to {g.max():.0%}, {mean_of[theme]:.0%} over all its findings"
        )
    alt = (
        f"Dot chart of {len(data)} quantified findings from {_count(n_ids, 'inspection')}, "
        "summarised per theme as each inspection's average share of cases meeting the standard. "
        + "; ".join(parts)
        + "."
    )
    return Chart(fig, summary.round({"mean_share_met": 3}), alt, title)


# --------------------------------------------------------------------------- theme grid


def theme_grid_data(tables: Tables, inspection_ids: Iterable[str] | None = None) -> pd.DataFrame:
    """Counts of key strengths and areas for improvement per judgement theme and inspection."""
    ids = nr.select_inspections(tables, inspection_ids)["inspection_id"].astype(str).tolist()
    jt = tables.judgement_themes
    cols = ["theme", "inspection_id", "strengths", "improvements"]
    if jt.empty:
        return pd.DataFrame(columns=cols)
    jt = jt[jt["inspection_id"].isin(ids)].drop_duplicates(
        ["inspection_id", "kind", "position", "theme"]
    )
    if jt.empty:
        return pd.DataFrame(columns=cols)
    counts = jt.groupby(["theme", "inspection_id", "kind"]).size().unstack("kind", fill_value=0)
    counts = counts.reindex(columns=["strength", "improvement"], fill_value=0)
    counts = counts.rename(columns={"strength": "strengths", "improvement": "improvements"})
    counts.columns.name = None
    full = pd.MultiIndex.from_product(
        [sorted(jt["theme"].astype(str).unique()), ids], names=["theme", "inspection_id"]
    )
    counts = counts.reindex(full, fill_value=0).reset_index()
    counts["strengths"] = counts["strengths"].astype("int64")
    counts["improvements"] = counts["improvements"].astype("int64")
    return counts[cols]


def theme_grid(tables: Tables, inspection_ids: Iterable[str] | None = None) -> Chart:
    """Which themes the key strengths and the areas for improvement fall under, per inspection
    (inspections as columns up to :data:`DETAIL_MAX_INSPECTIONS`, as rows above)."""
    data = theme_grid_data(tables, inspection_ids)
    if data.empty:
        return _empty(
            "No themes have been assigned to the key strengths or areas for improvement",
            "Nothing to show.",
            ["theme", "inspection_id", "strengths", "improvements"],
        )
    totals = data.groupby("theme")[["strengths", "improvements"]].sum()
    parts = []
    for col, lead in (("strengths", "strengths most often concerned"),
                      ("improvements", "improvements most often")):  # fmt: skip
        top = totals[col][totals[col] == totals[col].max()]
        if totals[col].max() <= 0:
            continue
        if len(top) > 3:
            parts.append(f"{col} spread over {len(top)} themes equally")
        else:
            parts.append(f"{lead} {nr.join_and([nr.theme_label(t).lower() for t in top.index])}")
    title = "; ".join(parts) or "No themed judgements"
    title = title[0].upper() + title[1:]
    themes = sorted(data["theme"].unique(), key=lambda t: nr.theme_label(t))
    ids = list(dict.fromkeys(data["inspection_id"]))
    # Inspections across while they fit; above DETAIL_MAX_INSPECTIONS they run down the page.
    across = len(ids) <= DETAIL_MAX_INSPECTIONS
    columns, rows = (ids, themes[::-1]) if across else (themes, ids[::-1])
    if across:
        fig, ax = _figure(1.8 + 2.2 * len(columns), 1.4 + 0.42 * len(rows))
    else:
        fig, ax = _figure(2.2 + 0.95 * len(columns), 2.4 + 0.32 * len(rows))
    up, down = (-0.18, 0.18) if across else (-0.32, 0.08)  # marker offsets in a cell
    xi = {c: k for k, c in enumerate(columns)}
    yi = {r: k for k, r in enumerate(rows)}
    for r in data.itertuples():
        x, y = (xi[r.inspection_id], yi[r.theme]) if across else (xi[r.theme], yi[r.inspection_id])
        if r.strengths:
            ax.plot(
                x + up,
                y,
                marker="^",
                markersize=5 + 3 * r.strengths,
                color=OKABE_ITO["blue"],
                markeredgecolor="black",
                linestyle="none",
            )
            ax.text(x + up + 0.13, y, f"+{r.strengths}", va="center", fontsize=8.5)
        if r.improvements:
            ax.plot(
                x + down,
                y,
                marker="v",
                markersize=5 + 3 * r.improvements,
                color=OKABE_ITO["orange"],
                markeredgecolor="black",
                linestyle="none",
            )
            ax.text(x + down + 0.12, y, f"\u2212{r.improvements}", va="center", fontsize=8.5)
    if across:
        ax.set_xticks(range(len(columns)), columns, fontsize=8.5)
        ax.set_yticks(range(len(rows)), [nr.theme_label(t) for t in rows], fontsize=8.5)
    else:
        labels = [nr.theme_label(t) for t in columns]
        ax.set_xticks(range(len(columns)), labels, fontsize=8, rotation=40, ha="right")
        ax.set_yticks(range(len(rows)), rows, fontsize=8)
        # Rules between the theme columns, not through them, so each pair reads as one cell.
        ax.grid(axis="x", visible=False)
        for k in range(1, len(columns)):
            ax.axvline(k - 0.5, color="#cccccc", linewidth=0.8)
    ax.set_xlim(-0.6, len(columns) - 0.4)
    ax.set_ylim(-0.6, len(rows) - 0.4)
    handles = [
        mpl.lines.Line2D(
            [],
            [],
            marker="^",
            color=OKABE_ITO["blue"],
            markeredgecolor="black",
            linestyle="none",
            label="+n key strengths (\u25b2)",
        ),
        mpl.lines.Line2D(
            [],
            [],
            marker="v",
            color=OKABE_ITO["orange"],
            markeredgecolor="black",
            linestyle="none",
            label="\u2212n areas for improvement (\u25bc)",
        ),
    ]
    fig.legend(handles=handles, loc="outside lower center", ncol=2, fontsize=8, frameon=False)
    ax.set_title(title, fontsize=11, loc="left", wrap=True)
    alt_parts = []
    for r in data.itertuples():
        if r.strengths or r.improvements:
            alt_parts.append(
                f"{r.inspection_id}, {nr.theme_label(r.theme).lower()}: "
                f"{_count(r.strengths, 'strength')}, {_count(r.improvements, 'improvement')}"
            )
    alt = "Grid of themes by inspection. " + "; ".join(alt_parts) + "."
    return Chart(fig, data, alt, title)
