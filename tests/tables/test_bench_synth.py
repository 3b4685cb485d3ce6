"""The benchmark's synthetic corpus parses to its known values.

Parallel extraction changes nothing.
"""

from __future__ import annotations

import sys

import pytest
from conftest import DATA, RAW, ROOT

from sqs_analysis.extract.ingest import find_reports
from sqs_analysis.tables import pipeline

sys.path.insert(0, str(ROOT / "benchmarks"))
import synth


def test_three_synthetic_reports_parse_to_their_known_values(tmp_path):
    expected = synth.generate(3, tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(e.file for e in expected)
    assert len({e.inspection_id for e in expected}) == 3
    tables = pipeline.load(tmp_path)
    synth.check(tables.inspections, expected, tables.quality)
    # the shuffled strengths are the seed's, in another order
    seed = pipeline.load(RAW).judgements
    synthetic = tables.judgements
    for e in expected:
        source = next(s for s in synth.SEEDS if s.service == e.service)
        seed_id = source.file.removesuffix(".md")
        mine = synthetic[synthetic.inspection_id == e.inspection_id]
        theirs = seed[seed.inspection_id == seed_id]
        assert sorted(mine.text.str.replace(e.area, source.area)) == sorted(theirs.text)


def test_check_fails_loudly_when_values_drift(tmp_path):
    expected = synth.generate(2, tmp_path)
    tables = pipeline.load(tmp_path)
    wrong = [expected[0].__class__(**{**expected[0].__dict__, "cases_examined": 999}), expected[1]]
    with pytest.raises(AssertionError, match="cases_examined"):
        synth.check(tables.inspections, wrong)


def test_parallel_extraction_gives_the_same_tables_in_the_same_order(tmp_path, monkeypatch):
    synth.generate(8, tmp_path)
    for name in ("newtown-2016-05.md", "truncated-somerset.md", "full-joint-inspection.md"):
        (tmp_path / name).write_bytes((DATA / name).read_bytes())
    (tmp_path / "copy-of-somerset.md").write_bytes((RAW / "somerset-2016-06.md").read_bytes())
    (tmp_path / "somerset-2016-06.md").write_bytes((RAW / "somerset-2016-06.md").read_bytes())
    paths = find_reports(tmp_path)
    sequential_run = pipeline.parse_paths(paths)
    sequential = pipeline.build_tables(sequential_run)
    monkeypatch.setattr(pipeline, "PARALLEL_MIN_REPORTS", 2)
    run, parallel = pipeline.extract(paths, workers=2)
    assert [str(e) for e in run.errors] == [str(e) for e in sequential_run.errors]
    assert len(run.errors) == 1 and len(run.reports) == 10  # two copies of somerset set aside
    assert sequential.quality["message"].str.startswith("somerset-2016-06.md is a duplicate").any()
    for name, frame in sequential.items():
        other = getattr(parallel, name)
        assert frame.dtypes.to_dict() == other.dtypes.to_dict(), name
        assert frame.equals(other), name
