"""The benchmark's synthetic corpus parses to its known values.

Parallel extraction changes nothing.
"""

from __future__ import annotations

import sys
from dataclasses import replace

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
    synth.check(
        tables.inspections, expected, tables.quality,
        findings=tables.findings, contacts=tables.contacts,
    )  # fmt: skip
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


def test_counted_findings_vary_across_reports_and_parse_to_the_counts_written(tmp_path):
    expected = synth.generate(20, tmp_path)
    counts = [(e.inspection_id, c) for e in expected for c in e.counts]
    # every seed's exact counts are varied: St Helens 2.4; Somerset 2.3 (two) and 3.1
    assert {c.paragraph_id for _, c in counts} == {"2.4", "2.3", "3.1"}
    assert all(len(e.counts) == (1 if e.service == "YOS" else 3) for e in expected)
    assert all(0 <= c.numerator <= c.denominator for _, c in counts)
    for pid, denominator in (("2.4", 11), ("3.1", 19)):
        numerators = [
            c.numerator for _, c in counts if (c.paragraph_id, c.denominator) == (pid, denominator)
        ]
        assert len(set(numerators)) >= 4, (pid, numerators)  # not the seed's count copied
    # some areas are clearly better than others: shares of cases met span a wide range
    shares = [
        sum(c.numerator for c in e.counts) / sum(c.denominator for c in e.counts) for e in expected
    ]
    assert max(shares) - min(shares) > 0.4, shares
    # the sentence keeps its grammar, with the new numbers in it
    first = next(e for e in expected if e.service == "YOS")
    text = (tmp_path / first.file).read_text()
    assert f"these were good enough in {first.counts[0].numerator} of 11 cases." in text
    tables = pipeline.load(tmp_path)
    synth.check(tables.inspections, expected, tables.quality, findings=tables.findings)


def test_check_catches_a_wrong_numerator_or_a_lost_count(tmp_path):
    expected = synth.generate(2, tmp_path)
    tables = pipeline.load(tmp_path)
    somerset = next(e for e in expected if e.service == "YOT")
    first = somerset.counts[0]
    wrong = synth.Count(first.paragraph_id, (first.numerator + 1) % 12, first.denominator)
    for counts in ((wrong, *somerset.counts[1:]), somerset.counts[1:]):
        changed = [e if e is not somerset else replace(e, counts=counts) for e in expected]
        synth.check(tables.inspections, changed)  # the counts are checked only with findings
        with pytest.raises(AssertionError, match=f"{somerset.inspection_id}: counts parsed"):
            synth.check(tables.inspections, changed, findings=tables.findings)


def test_every_fifth_report_is_copied_to_a_welsh_body_the_others_to_an_english_one(tmp_path):
    expected = synth.generate(10, tmp_path)
    welsh = [e.inspection_id for e in expected if "Youth Justice Board Cymru" in e.copy_entry[0]]
    english = [e for e in expected if "Clinical Commissioning Group" in e.copy_entry[0]]
    assert welsh == [expected[4].inspection_id, expected[9].inspection_id]
    assert len(english) == 8
    tables = pipeline.load(tmp_path)
    synth.check(tables.inspections, expected, contacts=tables.contacts)
    added = tables.contacts.groupby("inspection_id").tail(1)  # the last entry of each copy list
    assert sorted(zip(added.inspection_id, added.role, added.name, strict=True)) == sorted(
        (e.inspection_id, *e.copy_entry) for e in expected
    )
    lost = [replace(expected[0], copy_entry=("Head of Youth Justice Board Cymru", "Nobody"))]
    with pytest.raises(AssertionError, match="copy-list entry not parsed"):
        first = tables.inspections[tables.inspections.inspection_id == expected[0].inspection_id]
        synth.check(first, lost, contacts=tables.contacts)


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
