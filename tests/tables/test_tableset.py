"""The tables of a run are published as one set: readers see a whole set or are told it is not."""

from __future__ import annotations

import errno
import os
import shutil

import pytest
from conftest import RAW

from sqs_analysis import cli, read_tables
from sqs_analysis.errors import OutputError, TablesNotReady
from sqs_analysis.tables import pipeline, tableset


def _raw(tmp_path, names=("somerset-2016-06.md", "st-helens-2015-07.md")):
    raw = tmp_path / "raw"
    raw.mkdir()
    for name in names:
        shutil.copy(RAW / name, raw / name)
    return raw


def _files(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def test_the_manifest_names_every_table_file_and_every_input(tmp_path):
    raw, out = _raw(tmp_path), tmp_path / "out"
    assert cli.extract(raw, out, progress=False) == 0
    manifest = tableset.check(out)
    assert manifest.inputs == {
        "somerset-2016-06.md": "8282723c31c59eaa2d74ad55ec86b68dfcc544c5756f79a139e4715f7f511122",
        "st-helens-2015-07.md": "0254a91584d2c8f4896b59338ad7c44a8ac97e6aaf495093a7475e69faee21d7",
    }
    assert sorted(manifest.tables) == sorted(
        f"{name}.{ext}" for name, _ in read_tables(out).items() for ext in ("csv", "parquet")
    )
    assert manifest.refused == 0 and len(manifest.generation) == 16


def test_an_interrupted_swap_is_refused_as_a_set_and_the_next_run_completes_it(
    tmp_path, monkeypatch
):
    raw, out = _raw(tmp_path), tmp_path / "out"
    cli.extract(raw, out, progress=False)
    (raw / "st-helens-2015-07.md").unlink()  # the next run has other tables
    real_replace, moved = os.replace, []

    def killed_after_three(src, dst):
        if len(moved) == 3:
            raise KeyboardInterrupt  # as a kill between two renames
        moved.append(dst)
        real_replace(src, dst)

    monkeypatch.setattr(tableset.os, "replace", killed_after_three)
    with pytest.raises(KeyboardInterrupt):
        cli.extract(raw, out, progress=False)
    monkeypatch.setattr(tableset.os, "replace", real_replace)
    with pytest.raises(TablesNotReady, match="not a complete set"):
        read_tables(out)
    assert not list(out.glob(".staging-*"))
    assert cli.extract(raw, out, progress=False) == 0  # not "up to date": it has no manifest
    assert read_tables(out).inspections.inspection_id.tolist() == ["somerset-2016-06"]


def test_a_table_edited_by_hand_is_not_read_as_part_of_the_set(tmp_path):
    raw, out = _raw(tmp_path), tmp_path / "out"
    cli.extract(raw, out, progress=False)
    (out / "findings.parquet").write_bytes((out / "contacts.parquet").read_bytes())
    with pytest.raises(TablesNotReady, match=r"findings\.parquet is not the file"):
        read_tables(out)
    assert cli.extract(raw, out, progress=False) == 0  # the next run writes the set again
    assert len(read_tables(out).findings) > 0


def test_no_tables_is_a_clear_error(tmp_path):
    with pytest.raises(TablesNotReady, match="no tables yet: run `make data` first"):
        read_tables(tmp_path)


@pytest.mark.parametrize("failure", [errno.ENOSPC, errno.EROFS])
def test_a_full_disk_or_read_only_folder_keeps_the_previous_set_and_exits_3(
    tmp_path, monkeypatch, capsys, failure
):
    raw, out = _raw(tmp_path), tmp_path / "out"
    cli.extract(raw, out, progress=False)
    before = _files(out)
    (raw / "st-helens-2015-07.md").unlink()
    real_fsync, written = os.fsync, []

    def full(fd):
        if len(written) == 5:
            raise OSError(failure, os.strerror(failure))
        written.append(fd)
        real_fsync(fd)

    monkeypatch.setattr(tableset.os, "fsync", full)
    assert cli.main(["extract", str(raw), str(out), "--no-progress"]) == cli.EXIT_OUTPUT
    err = capsys.readouterr().err
    assert "could not write the tables" in err and os.strerror(failure) in err
    assert "the previous tables are kept" in err
    assert _files(out) == before and not list(out.glob(".staging-*"))
    assert len(read_tables(out).inspections) == 2


def test_publish_raises_output_error_naming_the_folder(tmp_path):
    target = tmp_path / "a-file"
    target.write_text("not a folder")
    with pytest.raises(OutputError, match="a-file: could not write the tables"):
        tableset.publish({"x.csv": b"1"}, target, code_version="v", inputs={}, refused=0)


def test_nothing_changed_means_nothing_is_written(tmp_path, capsys):
    raw, out = _raw(tmp_path), tmp_path / "out"
    cli.extract(raw, out, progress=False)
    stamps = {p.name: p.stat().st_mtime_ns for p in out.iterdir() if p.is_file()}
    os.utime(raw / "somerset-2016-06.md")  # a new time, the same bytes
    assert cli.extract(raw, out, progress=False) == 0
    assert "are up to date" in capsys.readouterr().out
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir() if p.is_file()} == stamps


def test_a_file_changed_while_the_run_reads_it_is_read_again_next_time(tmp_path, monkeypatch):
    """The manifest records the bytes the run read, not the file as it is when the run ends."""
    raw, out = _raw(tmp_path), tmp_path / "out"
    somerset = raw / "somerset-2016-06.md"
    real_extract = pipeline.extract

    def edited_during_the_run(*args, **kwargs):
        result = real_extract(*args, **kwargs)
        somerset.write_text(somerset.read_text().replace("20 cases", "21 cases"))
        return result

    monkeypatch.setattr(pipeline, "extract", edited_during_the_run)
    cli.extract(raw, out, progress=False)
    monkeypatch.setattr(pipeline, "extract", real_extract)
    assert read_tables(out).inspections.cases_examined.tolist() == [20, 14]
    assert cli.extract(raw, out, progress=False) == 0  # not up to date: read again
    assert read_tables(out).inspections.cases_examined.tolist() == [21, 14]


def test_an_internal_failure_exits_4_and_publishes_nothing(tmp_path, monkeypatch, capsys):
    raw, out = _raw(tmp_path), tmp_path / "out"
    cli.extract(raw, out, progress=False)
    before = _files(out)
    (raw / "st-helens-2015-07.md").unlink()

    def bug(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(pipeline, "extract", bug)
    assert cli.main(["extract", str(raw), str(out), "--no-progress"]) == cli.EXIT_INTERNAL
    err = capsys.readouterr().err
    assert "RuntimeError: a bug" in err and "internal error" in err
    assert _files(out) == before
