"""The JupyterLab explorer: pick inspections and an aspect, see the funnel and its table.

The widgets only choose; what is shown is :meth:`FunnelExplorer.view`, an ordinary page
section built by the same tested functions as the static pages. ipywidgets is imported when
an explorer is made, so static pages and the command line never load it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from sqs_analysis.report import compare
from sqs_analysis.report.charts.funnels import funnel_plot
from sqs_analysis.report.display import Section, as_table, prose
from sqs_analysis.report.formatting import area_name, fmt_date

if TYPE_CHECKING:  # pragma: no cover - typing only
    from sqs_analysis.tables.pipeline import Tables


def inspection_options(tables: Tables) -> list[tuple[str, str]]:
    """``("St Helens, 8 July 2015", "st-helens-2015-07")`` for every inspection, by area."""
    rows = [
        (f"{area_name(r)}, {fmt_date(r.get('publication_date'))}", str(r["inspection_id"]))
        for _, r in tables.inspections.iterrows()
    ]
    return sorted(rows)


def aspect_options(tables: Tables) -> list[str]:
    """Aspects with counted findings, those with a funnel over all inspections first."""
    pools = compare.aspect_pools(tables)
    drawn = compare.funnel_aspects(tables)
    return drawn + [a for a in pools if a not in drawn]


def funnel_view(tables: Tables, inspection_ids: Sequence[str], aspect: str | None) -> Section:
    """The funnel of ``aspect`` over the chosen inspections, or what to choose instead."""
    ids = list(inspection_ids)
    if aspect is None:
        return Section((prose(["No finding in these tables counts cases on any aspect."]),))
    if len(ids) < compare.ENOUGH_INSPECTIONS:
        return Section(
            (prose([f"Choose at least {compare.ENOUGH_INSPECTIONS} inspections to compare."]),)
        )
    chart = funnel_plot(tables, aspect, ids)
    return Section((chart, as_table(chart.data, empty=f"No counted findings on {aspect}.")))


class FunnelExplorer:
    """Two widgets (inspections, aspect) and an output that redraws when either changes."""

    def __init__(self, tables: Tables) -> None:
        import ipywidgets as widgets  # only here: static pages never need it

        self.tables = tables
        options = inspection_options(tables)
        aspects = aspect_options(tables)
        self.inspections = widgets.SelectMultiple(
            options=options, value=[i for _, i in options], rows=10, description="Inspections"
        )
        self.aspect = widgets.Dropdown(
            options=aspects, value=aspects[0] if aspects else None, description="Aspect"
        )
        self.output = widgets.Output()
        self.shown: Section | None = None
        for w in (self.inspections, self.aspect):
            w.observe(self._redraw, names="value")
        self.widget = widgets.VBox([widgets.HBox([self.inspections, self.aspect]), self.output])
        self._redraw()

    def view(self) -> Section:
        """What the current choice shows."""
        return funnel_view(self.tables, self.inspections.value, self.aspect.value)

    def _redraw(self, _change: Any = None) -> None:
        from IPython.display import display

        self.shown = self.view()
        self.output.clear_output(wait=True)
        with self.output:
            display(self.shown)

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)
