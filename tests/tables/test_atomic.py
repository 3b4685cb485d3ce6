"""Outputs are replaced whole: an interrupted run leaves the previous complete files."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import RAW

from sqs_analysis import read_tables
from sqs_analysis.errors import TablesNotReady
from sqs_analysis.tables.atomic import write_bytes_atomic

TABLES = ["inspections", "paragraphs", "judgements", "contacts", "findings", "quality"]


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "table.csv"
    write_bytes_atomic(target, b"old,complete\n")

    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_bytes_atomic(target, b"new,half")
    assert target.read_bytes() == b"old,complete\n"
    assert [p.name for p in tmp_path.iterdir()] == ["table.csv"]


def _corpus(folder: Path, n: int) -> None:
    """n distinct inspections made from the seeds (different areas), so the run takes a while."""
    folder.mkdir()
    seeds = [p.read_text(encoding="utf-8") for p in sorted(RAW.glob("*.md"))]
    for i in range(n):
        text = seeds[i % 2]
        area = "Somerset" if i % 2 == 0 else "St Helens"
        text = text.replace(
            f"youth offending work in {area}", f"youth offending work in Area {i:04d}"
        )
        (folder / f"area-{i:04d}.md").write_text(text, encoding="utf-8")


def _snapshot(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if not p.name.startswith(".")}


EXTRACT = [sys.executable, "-m", "sqs_analysis.cli", "extract"]


@pytest.fixture(scope="module")
def complete_runs(tmp_path_factory):
    """A small and a large corpus, and the complete output of each (outputs are deterministic)."""
    base = tmp_path_factory.mktemp("runs")
    corpora, outputs = {}, {}
    for name, n in (("small", 2), ("big", 600)):
        corpora[name] = base / name
        _corpus(corpora[name], n)
        out = base / f"{name}-out"
        subprocess.run([*EXTRACT, str(corpora[name]), str(out), "--no-progress"], check=True)
        outputs[name] = _snapshot(out)
    return corpora, outputs


@pytest.mark.parametrize("delay", [0.5, 1.5, "while writing"])
def test_killing_a_run_leaves_one_complete_set_of_tables(tmp_path, complete_runs, delay):
    """Killed at any moment, the folder holds one run's whole set (every table of the small run,
    or every table of the big one), or it says it is not a complete set; never a mixture."""
    corpora, complete = complete_runs
    out = tmp_path / "out"
    subprocess.run([*EXTRACT, str(corpora["small"]), str(out), "--no-progress"], check=True)
    assert _snapshot(out) == complete["small"]

    # In a session of its own, so that the kill takes the run's worker processes with it (as
    # Ctrl-C in a terminal does) instead of leaving them orphaned.
    run = subprocess.Popen(
        [*EXTRACT, str(corpora["big"]), str(out), "--no-progress"], start_new_session=True
    )
    if delay == "while writing":  # the staging folder of the new set has just appeared
        _wait_for_staging(out)
    else:
        time.sleep(delay)
    os.killpg(run.pid, signal.SIGKILL)
    run.wait()

    after = _snapshot(out)
    if after in (complete["small"], complete["big"]):
        assert len(read_tables(out).inspections) in (2, 600)
    else:  # killed between two renames: refused as a set, and the next run completes it
        with pytest.raises(TablesNotReady, match="run `make data` again"):
            read_tables(out)
        subprocess.run([*EXTRACT, str(corpora["big"]), str(out), "--no-progress"], check=True)
        assert _snapshot(out) == complete["big"]
    assert not list(out.glob(".*.tmp"))


def _wait_for_staging(out: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not list(out.glob(".staging-*")):
        assert time.monotonic() < deadline, "the run never started writing its tables"
        time.sleep(0.001)


def test_the_workers_of_a_killed_run_do_not_linger(tmp_path, complete_runs):
    import psutil

    corpora, _ = complete_runs
    run = subprocess.Popen([*EXTRACT, str(corpora["big"]), str(tmp_path), "--no-progress"])
    parent = psutil.Process(run.pid)
    deadline = time.monotonic() + 60
    while len(workers := parent.children()) < 2:  # the pool is up
        assert time.monotonic() < deadline and run.poll() is None, "no worker processes started"
        time.sleep(0.01)
    run.send_signal(signal.SIGKILL)  # the parent alone, as `kill -9 PID` does
    run.wait()
    _gone, alive = psutil.wait_procs(workers, timeout=10)
    assert not alive, f"workers still running after their parent was killed: {alive}"
