"""A briefing depends on its own rows and on `compare.corpus_facts` alone.

`sqs-analysis publish` rebuilds a briefing when its own rows or these facts change, and no other
briefing, so every other change to another inspection must leave the page as it was. The
briefing here is the notebook's own cells, run on the tables without a kernel: a new cell that
reads something else from other inspections fails this test until `corpus_facts` covers it.
"""

from __future__ import annotations

import ast
import dataclasses
import sys

import nbformat
import pytest
from conftest import ROOT

import sqs_analysis
from sqs_analysis import load
from sqs_analysis.report.compare import corpus_facts

NOTEBOOK = ROOT / "notebooks" / "inspection_briefing.ipynb"
#: The briefing as built from the unedited tables, by inspection id (computed once).
_AS_BUILT: dict[str, list[str]] = {}


@pytest.fixture(scope="module")
def twelve(tmp_path_factory):
    """Twelve synthetic inspections: enough to rank, pool and place."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import synth

    raw = tmp_path_factory.mktemp("twelve")
    synth.generate(12, raw)
    return load(raw)


def _code_cells() -> list[str]:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    return [
        c.source
        for c in nb.cells
        if c.cell_type == "code" and "parameters" not in c.metadata.get("tags", [])
    ]


def briefing(tables, inspection_id: str, monkeypatch) -> list[str]:
    """What each cell of the briefing notebook shows for ``inspection_id`` (its HTML)."""
    monkeypatch.setattr(sqs_analysis, "read_tables", lambda data_dir: tables)
    namespace: dict[str, object] = {"inspection_id": inspection_id, "data_dir": None}
    shown = []
    for source in _code_cells():
        tree = ast.parse(source)
        last = tree.body.pop() if isinstance(tree.body[-1], ast.Expr) else None
        exec(compile(tree, "<cell>", "exec"), namespace)
        if last is not None:
            value = eval(compile(ast.Expression(last.value), "<cell>", "eval"), namespace)
            shown.append(value._repr_html_() if hasattr(value, "_repr_html_") else repr(value))
    return shown


def _rows_of(tables, inspection_id: str) -> list[tuple[str, int]]:
    """(table, row position) of every row about ``inspection_id``."""
    return [
        (name, pos)
        for name, frame in tables.items()
        for pos in range(len(frame))
        if frame["inspection_id"].iat[pos] == inspection_id
    ]


def _like(frame, column: str, pos: int, mine: list[int]):
    """A value for ``frame[column]`` at ``pos`` that differs from it: this area's, if it has one.

    Taking the value from the briefing's own inspection (its row in the same place first)
    makes the other inspection look like it (the same theme, aspect or area), where an edit is
    most likely to touch its comparison.
    """
    now = frame[column].iat[pos]
    for value in [frame[column].iat[p] for p in mine] + frame[column].tolist():
        if repr(value) != repr(now):
            return value
    return None


#: Rows of the other inspection edited per table (the first ones).
EDITED_ROWS = 8


def _edits_keeping_the_facts(tables, name: str, other: str, mine: str):
    """Another inspection's rows in ``name``, with each cell edited that keeps the facts.

    The edits accumulate: a cell is kept edited when the facts, with it and every cell kept
    before it, are still those of ``tables``.
    """
    frame = getattr(tables, name)
    rows = [p for n, p in _rows_of(tables, other) if n == name][:EDITED_ROWS]
    mine_rows = [p for n, p in _rows_of(tables, mine) if n == name]
    facts = corpus_facts(tables)
    edited, cells = frame.copy(), []
    for k, pos in enumerate(rows):
        for column in (c for c in frame.columns if c != "inspection_id"):
            value = _like(frame, column, pos, mine_rows[k:] + mine_rows[:k])
            if value is None:
                continue
            one = edited.copy()
            one.iat[pos, one.columns.get_loc(column)] = value
            if corpus_facts(dataclasses.replace(tables, **{name: one})) == facts:
                edited, cells = one, [*cells, (pos, column)]
    return dataclasses.replace(tables, **{name: edited}), cells


@pytest.mark.parametrize(
    "name", ["inspections", "paragraphs", "judgements", "contacts", "findings",
             "judgement_themes", "paragraph_themes"],
)  # fmt: skip
def test_a_change_to_another_inspection_that_keeps_the_facts_keeps_the_page(
    twelve, monkeypatch, name
):
    """Every cell of another inspection's row whose edit keeps the facts, edited at once."""
    mine, other = twelve.inspections["inspection_id"].iloc[:2]
    edited, columns = _edits_keeping_the_facts(twelve, name, other, mine)
    assert corpus_facts(edited) == corpus_facts(twelve), columns
    assert columns  # something was edited
    if mine not in _AS_BUILT:
        _AS_BUILT[mine] = briefing(twelve, mine, monkeypatch)
    assert briefing(edited, mine, monkeypatch) == _AS_BUILT[mine], columns


def test_prose_of_another_report_is_not_a_fact_but_its_gap_is(twelve, monkeypatch):
    mine, other = twelve.inspections["inspection_id"].iloc[:2]
    p = twelve.paragraphs.copy()
    p.loc[p["inspection_id"] == other, "text"] = "Reworded by hand."
    reworded = dataclasses.replace(twelve, paragraphs=p)
    assert corpus_facts(reworded) == corpus_facts(twelve)
    assert briefing(reworded, mine, monkeypatch) == briefing(twelve, mine, monkeypatch)
    i = twelve.inspections.copy()
    i.loc[i["inspection_id"] == other, "rate_gap_pct_points"] = 30.0
    regapped = dataclasses.replace(twelve, inspections=i)
    assert corpus_facts(regapped) != corpus_facts(twelve)
    assert briefing(regapped, mine, monkeypatch) != briefing(twelve, mine, monkeypatch)
