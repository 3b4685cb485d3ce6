"""Answers remembered per set of tables: the same as computed afresh, never shared by mistake."""

from __future__ import annotations

import types

import pandas as pd
from corpus_tables import IDS, corpus
from hypothesis import given, settings
from hypothesis import strategies as st

from sqs_analysis.report import compare, memo, selection


def _counting():
    calls = []

    @memo.per_tables
    def gaps(tables, inspection_ids=None):
        calls.append(inspection_ids)
        return compare.known_gaps.__wrapped__(tables, inspection_ids)

    return gaps, calls


def test_an_answer_is_computed_once_per_tables_and_arguments():
    gaps, calls = _counting()
    tables = corpus()
    first = gaps(tables, IDS[:3])
    again = gaps(tables, list(IDS[:3]))  # the same ids in another container
    gaps(tables, IDS[:2])
    assert len(calls) == 2
    pd.testing.assert_frame_equal(first, again)
    assert first["rate_gap_pct_points"].tolist() == [4.0, -2.5, 4.0]


def test_other_frames_are_other_tables():
    """A new set of frames (tables rebuilt, or one table replaced) is computed afresh."""
    gaps, calls = _counting()
    tables = corpus()
    gaps(tables)
    changed = types.SimpleNamespace(**vars(tables))
    changed.inspections = tables.inspections[tables.inspections["inspection_id"] != IDS[3]]
    assert 9.1 not in gaps(changed)["rate_gap_pct_points"].tolist()
    assert 9.1 in gaps(tables)["rate_gap_pct_points"].tolist()
    assert len(calls) == 2


def test_a_caller_changing_its_answer_does_not_change_the_next():
    tables = corpus()
    first = compare.known_gaps(tables)
    first.loc[0, "rate_gap_pct_points"] = 99.0
    first["extra"] = 1
    second = compare.known_gaps(tables)
    assert 99.0 not in second["rate_gap_pct_points"].tolist()
    assert "extra" not in second.columns
    pools = compare.aspect_pools(tables)
    pools.clear()
    assert "planning" in compare.aspect_pools(tables)


def test_a_generator_of_ids_is_read_once():
    gaps, calls = _counting()
    tables = corpus()
    out = gaps(tables, (i for i in IDS[:2]))
    assert out["inspection_id"].tolist() == IDS[:2]
    assert calls == [list(IDS[:2])]


def test_the_cache_is_bounded():
    gaps, _ = _counting()
    tables = corpus()
    for k in range(memo.MAX_ENTRIES + 20):
        gaps(tables, IDS[: 1 + k % 5] * (1 + k // 5))
    cache = gaps.cache_clear.__self__  # the OrderedDict behind the function
    assert len(cache) == memo.MAX_ENTRIES


@settings(deadline=None)  # a dozen pandas calls per example: slow on a loaded machine
@given(st.lists(st.sampled_from(IDS), min_size=1, max_size=5, unique=True))
def test_remembered_answers_equal_fresh_ones(ids):
    """For any selection, each remembered function gives what the undecorated one gives."""
    tables = corpus()
    for func in (compare.known_gaps, compare.theme_recurrence, selection.select_inspections):
        pd.testing.assert_frame_equal(func(tables, ids), func.__wrapped__(tables, ids))
    assert compare.aspect_pools(tables, ids) == compare.aspect_pools.__wrapped__(tables, ids)
    assert compare.nations_present(tables, ids) == compare.nations_present.__wrapped__(tables, ids)
    row = selection.require_inspection(tables, ids[0])
    pd.testing.assert_series_equal(row, selection.require_inspection.__wrapped__(tables, ids[0]))
