"""What `sqs-analysis publish` builds, in what order, and what it removes: decided from content."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import RAW, ROOT

from sqs_analysis import cli
from sqs_analysis.config import DEMO_STAMP
from sqs_analysis.publish import kernels, pages

SH, SO = "st-helens-2015-07", "somerset-2016-06"
NOTEBOOKS = ROOT / "notebooks"


def _raw(tmp_path: Path) -> Path:
    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw)
    return raw


@pytest.fixture
def fake_render(monkeypatch):
    """Stand in for the kernels: write each page and its executed notebook; fail where asked."""
    calls: list[list[str]] = []
    failing: set[str] = set()

    def render_batch(ids, data_dir, out_dir, *, comparison=False, stamp=None, **_):
        names = (["comparison"] if comparison else []) + list(ids)
        calls.append(names)
        outcomes = []
        for name in names:
            job = kernels.Job(None if name == "comparison" else name)
            error = "NotebookFailed: boom" if name in failing else None
            if error is None:
                (out_dir / "notebooks").mkdir(parents=True, exist_ok=True)
                (out_dir / f"{name}.html").write_text(
                    f"page {name}" + (f" [{stamp}]" if stamp else "")
                )
                (out_dir / "notebooks" / f"{name}.ipynb").write_text("{}")
            outcomes.append(kernels.Outcome(job, 0.0, error))
        return outcomes

    monkeypatch.setattr(kernels, "render_batch", render_batch)
    return calls, failing


def _links(index: Path) -> set[str]:
    return set(re.findall(r'href="([a-z0-9-]+)\.html"', index.read_text())) - {"comparison"}


def test_everything_is_stale_at_first_then_nothing(tmp_path, fake_render):
    calls, _ = fake_render
    data, out = tmp_path / "data", tmp_path / "reports"
    cli.extract(_raw(tmp_path), data, progress=False)
    todo = pages.plan(data, out, NOTEBOOKS)
    assert todo.lines() == [f"briefing {SO}", f"briefing {SH}", "comparison", "index"]
    pages.publish(data, out, NOTEBOOKS)
    assert calls == [["comparison", SO, SH]]
    assert _links(out / "index.html") == {SO, SH}
    assert pages.plan(data, out, NOTEBOOKS).empty


def test_a_changed_report_makes_only_its_briefing_stale(tmp_path, fake_render):
    raw, data, out = _raw(tmp_path), tmp_path / "data", tmp_path / "reports"
    cli.extract(raw, data, progress=False)
    pages.publish(data, out, NOTEBOOKS)
    somerset = raw / f"{SO}.md"
    somerset.write_text(somerset.read_text().replace("20 cases", "21 cases"))
    cli.extract(raw, data, progress=False)
    assert pages.plan(data, out, NOTEBOOKS).lines() == [f"briefing {SO}", "comparison", "index"]


def test_an_added_report_rebuilds_every_briefing_it_changes(tmp_path, fake_render):
    """Every briefing compares its area with all the others (rank of N, pooled shares)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import synth

    raw, data, out = _raw(tmp_path), tmp_path / "data", tmp_path / "reports"
    cli.extract(raw, data, progress=False)
    pages.publish(data, out, NOTEBOOKS)
    (added,) = synth.generate(1, tmp_path / "more")
    shutil.copy2(tmp_path / "more" / added.file, raw / added.file)
    cli.extract(raw, data, progress=False)
    lines = pages.plan(data, out, NOTEBOOKS).lines()
    briefings = sorted(f"briefing {i}" for i in (SO, SH, added.inspection_id))
    assert lines == [*briefings, "comparison", "index"]


def test_a_deleted_page_is_built_again(tmp_path, fake_render):
    data, out = tmp_path / "data", tmp_path / "reports"
    cli.extract(_raw(tmp_path), data, progress=False)
    pages.publish(data, out, NOTEBOOKS)
    (out / f"{SH}.html").unlink()
    assert pages.plan(data, out, NOTEBOOKS).lines() == [f"briefing {SH}", "index"]


def test_a_failed_briefing_is_not_linked_and_is_tried_again(tmp_path, fake_render):
    _calls, failing = fake_render
    data, out = tmp_path / "data", tmp_path / "reports"
    cli.extract(_raw(tmp_path), data, progress=False)
    failing.add(SH)
    _todo, failed = pages.publish(data, out, NOTEBOOKS)
    assert failed == [SH]
    index = (out / "index.html").read_text()
    assert _links(out / "index.html") == {SO} and "(briefing not built)" in index
    failing.clear()
    assert pages.plan(data, out, NOTEBOOKS).lines() == [f"briefing {SH}", "index"]
    pages.publish(data, out, NOTEBOOKS)
    assert _links(out / "index.html") == {SO, SH}


def test_a_report_gone_from_the_tables_takes_its_pages_but_nothing_else(tmp_path, fake_render):
    """Its own pages go; St Helens' briefing, which counted it among the inspections, is rebuilt."""
    raw, data, out = _raw(tmp_path), tmp_path / "data", tmp_path / "reports"
    cli.extract(raw, data, progress=False)
    pages.publish(data, out, NOTEBOOKS)
    (out / "pdf").mkdir()
    (out / "pdf" / f"{SO}.pdf").write_bytes(b"%PDF")
    (out / "notes.html").write_text("an analyst's own page, with no notebook beside it")
    (raw / f"{SO}.md").unlink()
    cli.extract(raw, data, progress=False)
    assert pages.plan(data, out, NOTEBOOKS).lines() == [
        f"briefing {SH}",
        "comparison",
        "index",
        f"remove {SO}",
    ]
    pages.publish(data, out, NOTEBOOKS)
    assert not (out / f"{SO}.html").exists() and not (out / "pdf" / f"{SO}.pdf").exists()
    assert not (out / "notebooks" / f"{SO}.ipynb").exists()
    assert (out / "notes.html").exists() and (out / f"{SH}.html").exists()
    assert _links(out / "index.html") == {SH}


def test_the_stamp_is_part_of_what_decides_staleness(tmp_path, fake_render, capsys):
    calls, _ = fake_render
    data, out = tmp_path / "data", tmp_path / "reports"
    cli.extract(_raw(tmp_path), data, progress=False)
    pages.publish(data, out, NOTEBOOKS)
    capsys.readouterr()
    everything = [f"briefing {SO}", f"briefing {SH}", "comparison", "index"]
    assert pages.plan(data, out, NOTEBOOKS).empty
    assert pages.plan(data, out, NOTEBOOKS, stamp=DEMO_STAMP).lines() == everything
    publish = ["publish", "--data-dir", str(data), "--out", str(out), "--notebooks", str(NOTEBOOKS)]
    assert cli.main([*publish, "--dry-run", "--stamp", DEMO_STAMP]) == cli.EXIT_OK
    assert capsys.readouterr().out.splitlines() == everything
    assert cli.main([*publish, "--stamp", DEMO_STAMP]) == cli.EXIT_OK
    assert calls[-1] == ["comparison", SO, SH]
    for name in ("comparison", SO, SH):
        assert (out / f"{name}.html").read_text() == f"page {name} [{DEMO_STAMP}]"
    index = (out / "index.html").read_text()
    assert f"<title>SQS briefings \u2014 {DEMO_STAMP}</title>" in index
    assert f'<p class="sqs-stamp">{DEMO_STAMP}</p>' in index
    assert pages.plan(data, out, NOTEBOOKS, stamp=DEMO_STAMP).empty
    assert pages.plan(data, out, NOTEBOOKS, stamp="other words").lines() == everything
    assert pages.plan(data, out, NOTEBOOKS).lines() == everything  # the stamp taken off


def _snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under ``folder``: its bytes and modification time."""
    return {
        str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_publishing_to_reports_leaves_reports_demo_alone(tmp_path, fake_render):
    """`make reports` builds, lists and removes pages in reports/ only, never in reports/demo/."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import synth

    out = tmp_path / "reports"
    demo_raw, demo_data, demo = tmp_path / "demo-raw", tmp_path / "demo-data", out / "demo"
    made = synth.generate(3, demo_raw)
    cli.extract(demo_raw, demo_data, progress=False)
    pages.publish(demo_data, demo, NOTEBOOKS, stamp=DEMO_STAMP)
    (demo / "pdf").mkdir()
    (demo / "pdf" / f"{made[0].inspection_id}.pdf").write_bytes(b"%PDF")
    before = _snapshot(demo)
    assert len([k for k in before if k.endswith(".html")]) == 5  # 3 briefings, comparison, index
    raw, data = _raw(tmp_path), tmp_path / "data"
    cli.extract(raw, data, progress=False)
    todo = pages.plan(data, out, NOTEBOOKS)
    assert todo.lines() == [f"briefing {SO}", f"briefing {SH}", "comparison", "index"]
    pages.publish(data, out, NOTEBOOKS)
    (raw / f"{SO}.md").unlink()  # a report gone: its pages are removed, in reports/ only
    cli.extract(raw, data, progress=False)
    assert pages.plan(data, out, NOTEBOOKS).lines() == [
        f"briefing {SH}",
        "comparison",
        "index",
        f"remove {SO}",
    ]
    pages.publish(data, out, NOTEBOOKS)
    assert _snapshot(demo) == before
    assert sorted(p.name for p in out.glob("*.html")) == [
        "comparison.html",
        "index.html",
        f"{SH}.html",
    ]
    index = (out / "index.html").read_text()
    assert "demo" not in index and not any(m.inspection_id in index for m in made)
    assert _links(out / "index.html") == {SH}
    assert pages.plan(data, out, NOTEBOOKS).empty
    assert pages.plan(demo_data, demo, NOTEBOOKS, stamp=DEMO_STAMP).empty  # the demo is current


def test_publish_refuses_tables_that_are_not_a_set(tmp_path, capsys):
    data = tmp_path / "data"
    cli.extract(_raw(tmp_path), data, progress=False)
    (data / "manifest.json").unlink()
    code = cli.main(["publish", "--data-dir", str(data), "--out", str(tmp_path / "r")])
    assert code == cli.EXIT_USAGE
    assert "not a complete set" in capsys.readouterr().err


def test_a_killed_publish_never_leaves_an_index_naming_a_briefing_not_built(tmp_path):
    """Killed at several moments while a report is added and another removed, the index links
    only briefings that exist with their notebooks; the next run completes the build."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import synth

    made, raw, data, out = tmp_path / "made", tmp_path / "raw", tmp_path / "data", tmp_path / "r"
    reports = synth.generate(4, made)
    raw.mkdir()
    for r in reports[:3]:
        shutil.copy(made / r.file, raw / r.file)
    exe = [sys.executable, "-m", "sqs_analysis.cli", "publish", "--data-dir", str(data),
           "--out", str(out), "--notebooks", str(NOTEBOOKS), "--jobs", "1"]  # fmt: skip
    cli.extract(raw, data, progress=False)
    assert subprocess.run(exe, capture_output=True, check=False).returncode == 0
    (raw / reports[0].file).unlink()
    shutil.copy(made / reports[3].file, raw / reports[3].file)
    cli.extract(raw, data, progress=False)
    for delay in (2.0, 5.0, 8.0):
        run = subprocess.Popen(exe, start_new_session=True, stdout=subprocess.DEVNULL)
        time.sleep(delay)
        os.killpg(run.pid, signal.SIGKILL)
        run.wait()
        linked = _links(out / "index.html")
        assert linked, "the previous index is never lost"
        for iid in linked:
            assert (out / f"{iid}.html").exists(), iid
            assert (out / "notebooks" / f"{iid}.ipynb").exists(), iid
    assert subprocess.run(exe, capture_output=True, check=False).returncode == 0
    assert _links(out / "index.html") == {r.inspection_id for r in reports[1:]}
    assert not (out / f"{reports[0].inspection_id}.html").exists()
    assert pages.plan(data, out, NOTEBOOKS).empty
