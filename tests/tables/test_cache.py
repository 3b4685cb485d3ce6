"""The report cache: a rerun parses only new or changed files, and the tables never change."""

from __future__ import annotations

import pickle
import sys

import pytest
from conftest import RAW, ROOT, SO, SOMERSET, ST_HELENS

from sqs_analysis.cli import extract as extract_cli
from sqs_analysis.extract.ingest import find_reports, sha256_bytes
from sqs_analysis.tables import cache, pipeline

sys.path.insert(0, str(ROOT / "benchmarks"))
import synth


def _copy_seeds(raw):
    raw.mkdir()
    for path in (ST_HELENS, SOMERSET):
        (raw / path.name).write_bytes(path.read_bytes())
    return raw


def _assert_same_tables(expected, actual):
    for name, frame in expected.items():
        other = getattr(actual, name)
        assert frame.dtypes.to_dict() == other.dtypes.to_dict(), name
        assert frame.equals(other), name


def _no_parsing(monkeypatch):
    def refuse(path):
        raise AssertionError(f"{path} was parsed again")

    monkeypatch.setattr(pipeline, "parse_file", refuse)


def test_a_rerun_reads_every_report_from_the_cache_and_gives_the_same_tables(tmp_path, monkeypatch):
    store = tmp_path / "cache"
    paths = find_reports(RAW)
    fresh = pipeline.build_tables(pipeline.parse_paths(paths))
    _, first = pipeline.extract(paths, cache=store)
    entries = sorted((store / cache.code_version()).iterdir())
    assert len(entries) == 2 and all(e.suffix == ".pickle" for e in entries)
    _no_parsing(monkeypatch)
    run, second = pipeline.extract(paths, cache=store)
    assert [r.inspection_id for r in run.reports] == [SO, "st-helens-2015-07"]
    _assert_same_tables(fresh, first)
    _assert_same_tables(fresh, second)
    assert second.inspections.set_index("inspection_id")["cases_examined"].to_dict() == {
        SO: 20,
        "st-helens-2015-07": 14,
    }


def test_a_changed_report_is_parsed_again(tmp_path):
    raw, store = _copy_seeds(tmp_path / "raw"), tmp_path / "cache"
    pipeline.extract(find_reports(raw), cache=store)
    somerset = raw / SOMERSET.name
    somerset.write_text(
        somerset.read_text().replace("We examined 20 cases", "We examined 21 cases")
    )
    _run, tables = pipeline.extract(find_reports(raw), cache=store)
    cases = tables.inspections.set_index("inspection_id")["cases_examined"]
    assert cases[SO] == 21 and cases["st-helens-2015-07"] == 14
    # the old entry of Somerset is gone: the cache holds this run's reports only
    assert len(list((store / cache.code_version()).iterdir())) == 2


def test_a_damaged_entry_is_a_miss_not_an_error(tmp_path):
    raw, store = _copy_seeds(tmp_path / "raw"), tmp_path / "cache"
    _, before = pipeline.extract(find_reports(raw), cache=store)
    first, second = sorted((store / cache.code_version()).iterdir())
    first.write_bytes(b"not a pickle")
    second.write_bytes(pickle.dumps(("a report", {})))  # a pickle, but not an entry
    run, after = pipeline.extract(find_reports(raw), cache=store)
    assert not run.errors
    _assert_same_tables(before, after)
    for entry in (first, second):  # written again
        key, report, rows = pickle.loads(entry.read_bytes())
        assert key == entry.stem
        assert report.inspection_id in (SO, "st-helens-2015-07") and "findings" in rows


def test_an_entry_belonging_to_another_report_is_a_miss(tmp_path):
    """A file copied over another's entry (or a key collision) must not make a report vanish."""
    raw, store = _copy_seeds(tmp_path / "raw"), tmp_path / "cache"
    _, before = pipeline.extract(find_reports(raw), cache=store)
    somerset, st_helens = (
        store
        / cache.code_version()
        / f"{cache.entry_key(p.name, sha256_bytes(p.read_bytes()))}.pickle"
        for p in (raw / SOMERSET.name, raw / ST_HELENS.name)
    )
    st_helens.write_bytes(somerset.read_bytes())  # St Helens's address now holds Somerset
    run, after = pipeline.extract(find_reports(raw), cache=store)
    assert [r.inspection_id for r in run.reports] == [SO, "st-helens-2015-07"]
    _assert_same_tables(before, after)


def test_an_entry_whose_report_was_read_from_other_bytes_is_a_miss(tmp_path):
    raw, store = _copy_seeds(tmp_path / "raw"), tmp_path / "cache"
    pipeline.extract(find_reports(raw), cache=store)
    path = raw / SOMERSET.name
    key = cache.entry_key(path.name, sha256_bytes(path.read_bytes()))
    entry = store / cache.code_version() / f"{key}.pickle"
    stored_key, report, rows = pickle.loads(entry.read_bytes())
    report.source_sha256 = "0" * 64  # its own record says it was parsed from other bytes
    entry.write_bytes(pickle.dumps((stored_key, report, rows)))
    assert cache.ReportCache(store).get(key, sha256_bytes(path.read_bytes())) is None
    assert cache.ReportCache(store).get(key) is not None  # without the content hash: trusted


def test_an_entry_missing_a_table_is_a_miss_not_a_crash(tmp_path):
    raw, store = _copy_seeds(tmp_path / "raw"), tmp_path / "cache"
    _, before = pipeline.extract(find_reports(raw), cache=store)
    for entry in (store / cache.code_version()).iterdir():
        key, report, rows = pickle.loads(entry.read_bytes())
        del rows["findings"]
        entry.write_bytes(pickle.dumps((key, report, rows)))
    run, after = pipeline.extract(find_reports(raw), cache=store)
    assert not run.errors
    _assert_same_tables(before, after)
    assert after.findings.inspection_id.nunique() == 2


def test_entries_of_another_code_version_are_never_read_and_are_removed(tmp_path, monkeypatch):
    raw, store = _copy_seeds(tmp_path / "raw"), tmp_path / "cache"
    pipeline.extract(find_reports(raw), cache=store)
    old = store / cache.code_version()
    monkeypatch.setattr(cache, "code_version", lambda: "0123456789abcdef")
    parsed = []
    real_parse = pipeline.parse_file
    monkeypatch.setattr(pipeline, "parse_file", lambda p: parsed.append(p.name) or real_parse(p))
    pipeline.extract(find_reports(raw), cache=store)
    assert sorted(parsed) == sorted(p.name for p in raw.iterdir())
    assert not old.exists() and len(list((store / "0123456789abcdef").iterdir())) == 2


def test_refused_files_are_not_cached_and_are_refused_again(tmp_path):
    raw, store = _copy_seeds(tmp_path / "raw"), tmp_path / "cache"
    (raw / "notes.md").write_text("Minutes of the board meeting.\n")
    for _ in range(2):
        run, _tables = pipeline.extract(find_reports(raw), cache=store)
        assert [e.path.rsplit("/", 1)[-1] for e in run.errors] == ["notes.md"]
        assert "not an SQS report" in str(run.errors[0])
        assert len(run.reports) == 2
    assert len(list((store / cache.code_version()).iterdir())) == 2


def test_workers_write_the_cache_and_a_warm_parallel_run_gives_the_same_tables(
    tmp_path, monkeypatch
):
    raw, store = tmp_path / "raw", tmp_path / "cache"
    expected = synth.generate(6, raw)
    paths = find_reports(raw)
    fresh = pipeline.build_tables(pipeline.parse_paths(paths))
    monkeypatch.setattr(pipeline, "PARALLEL_MIN_REPORTS", 2)
    pipeline.extract(paths[:3], workers=2, cache=store)  # half the corpus is cached
    _, mixed = pipeline.extract(paths, workers=2, cache=store)
    assert len(list((store / cache.code_version()).iterdir())) == 6
    _no_parsing(monkeypatch)
    _, warm = pipeline.extract(paths, workers=2, cache=store)
    _assert_same_tables(fresh, mixed)
    _assert_same_tables(fresh, warm)
    synth.check(warm.inspections, expected)


def test_cli_keeps_the_cache_beside_the_tables_and_can_do_without(tmp_path):
    raw = _copy_seeds(tmp_path / "raw")
    before = {p.name: p.read_bytes() for p in raw.iterdir()}
    assert extract_cli(raw, tmp_path / "with", progress=False) == 0
    assert extract_cli(raw, tmp_path / "with", progress=False) == 0  # from the cache
    assert extract_cli(raw, tmp_path / "without", progress=False, cache=False) == 0
    assert len(list((tmp_path / "with" / ".cache" / cache.code_version()).iterdir())) == 2
    assert not (tmp_path / "without" / ".cache").exists()
    for table in ("inspections", "findings", "paragraph_themes", "quality"):
        cached = (tmp_path / "with" / f"{table}.csv").read_bytes()
        assert cached == (tmp_path / "without" / f"{table}.csv").read_bytes(), table
    assert {p.name: p.read_bytes() for p in raw.iterdir()} == before


def test_code_version_follows_the_source_and_pypdf(tmp_path, monkeypatch):
    package = tmp_path / "pkg"
    (package / "vocab").mkdir(parents=True)
    (package / "parse.py").write_text("X = 1\n")
    (package / "vocab" / "themes.csv").write_text("theme,pattern\n")
    monkeypatch.setattr(cache, "_PACKAGE", package)
    versions = []
    for change in (None, "X = 2\n", "theme,pattern,note\n"):
        if change is not None:
            target = "parse.py" if change.startswith("X") else "vocab/themes.csv"
            (package / target).write_text(change)
        cache.code_version.cache_clear()
        versions.append(cache.code_version())
    monkeypatch.setattr(cache, "installed_version", lambda name: "99.0")  # pypdf upgraded
    cache.code_version.cache_clear()
    versions.append(cache.code_version())
    cache.code_version.cache_clear()
    assert len(set(versions)) == 4 and all(len(v) == 16 for v in versions)


def test_entry_key_depends_on_name_and_bytes():
    x, y = sha256_bytes(b"x"), sha256_bytes(b"y")
    assert cache.entry_key("a.md", x) != cache.entry_key("a.md", y)
    assert cache.entry_key("a.md", x) != cache.entry_key("b.md", x)
    assert cache.entry_key("a.md", x) == cache.entry_key("a.md", x)


@pytest.mark.parametrize("library", ["pypdf", "pypdfium2", "pandas", "no-such-library-here"])
def test_a_library_version_is_the_one_importlib_metadata_gives(library):
    from importlib import metadata

    from sqs_analysis.tables.cache import installed_version

    try:
        expected = metadata.version(library)
    except metadata.PackageNotFoundError:
        expected = "absent"
    assert installed_version(library) == expected
