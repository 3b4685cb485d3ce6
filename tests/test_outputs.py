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
from sqs_analysis.outputs import write_bytes_atomic

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


def _wait_for_change(path: Path, old: bytes, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while path.read_bytes() == old:
        assert time.monotonic() < deadline, "the run never wrote its first table"
        time.sleep(0.002)


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


@pytest.mark.parametrize("when", ["while parsing", "while writing"])
def test_killing_a_run_leaves_complete_tables(tmp_path, complete_runs, when):
    corpora, complete = complete_runs
    out = tmp_path / "out"
    subprocess.run([*EXTRACT, str(corpora["small"]), str(out), "--no-progress"], check=True)
    assert _snapshot(out) == complete["small"]

    # In a session of its own, so that the kill takes the run's worker processes with it (as
    # Ctrl-C in a terminal does) instead of leaving them orphaned.
    run = subprocess.Popen(
        [*EXTRACT, str(corpora["big"]), str(out), "--no-progress"], start_new_session=True
    )
    if when == "while parsing":
        time.sleep(1.0)
    else:  # the first table has just been replaced; the others are still being written
        _wait_for_change(out / "inspections.csv", complete["small"]["inspections.csv"])
    os.killpg(run.pid, signal.SIGKILL)
    run.wait()

    after = _snapshot(out)
    assert set(after) == set(complete["small"])  # nothing lost, nothing half-named
    for name, data in after.items():  # each file is one run's complete table, never a mixture
        assert data in (complete["small"][name], complete["big"][name]), name
    if when == "while writing":
        assert after["inspections.csv"] == complete["big"]["inspections.csv"]
    assert len(read_tables(out).inspections) in (2, 600)


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
    gone, alive = psutil.wait_procs(workers, timeout=10)
    assert not alive, f"workers still running after their parent was killed: {alive}"
