"""Briefings rendered on one reused kernel are byte for byte those rendered each on its own."""

from __future__ import annotations

import shutil

import pytest
from conftest import RAW, ROOT, SH, SO

from sqs_analysis.publish import kernel_state, kernels, render


@pytest.fixture(scope="module")
def processed(tmp_path_factory):
    from sqs_analysis.cli import extract

    out = tmp_path_factory.mktemp("processed")
    assert extract(RAW, out, progress=False) == 0
    return out


def _files(out):
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and p.suffix in {".html", ".ipynb"}
    }


@pytest.mark.skipif(shutil.which("make") is None, reason="needs the project's kernel")
def test_one_worker_builds_what_fresh_kernels_build(processed, tmp_path):
    notebooks = ROOT / "notebooks"
    alone = tmp_path / "alone"
    for iid in (SO, SH):
        render.render_briefing(iid, processed, alone, notebooks, progress=False)
    render.render_comparison(processed, alone, None, notebooks, progress=False)

    shared = tmp_path / "shared"
    done = []
    outcomes = kernels.render_batch(
        [SO, SH], processed, shared, comparison=True, notebooks_dir=notebooks, jobs=1,
        on_done=done.append,
    )  # fmt: skip
    assert [o.error for o in outcomes] == [None, None, None]
    assert {o.worker for o in outcomes} == {0}  # all three on one kernel, the comparison first
    assert [o.job.name for o in done] == ["comparison", SO, SH]
    assert _files(shared) == _files(alone)


def test_a_failing_notebook_does_not_stop_the_batch(processed, tmp_path):
    outcomes = kernels.render_batch(
        ["nowhere-2020-01", SO], processed, tmp_path, index=True,
        notebooks_dir=ROOT / "notebooks", jobs=1,
    )  # fmt: skip
    assert "Known inspection ids" in (outcomes[0].error or "")
    assert outcomes[1].error is None
    assert (tmp_path / f"{SO}.html").exists() and (tmp_path / "index.html").exists()
    assert not (tmp_path / "nowhere-2020-01.html").exists()


def test_kernel_reset_forgets_the_namespace_and_restarts_the_count():
    shell = pytest.importorskip("IPython.core.interactiveshell").InteractiveShell.instance()
    try:
        shell.run_cell("leaked = 1", store_history=True)
        assert shell.execution_count > 1
        kernel_state.snapshot()
        kernel_state.reset(shell)
        assert "leaked" not in shell.user_ns and shell.execution_count == 1
    finally:
        shell.clear_instance()


def test_cli_batch_exit_codes(processed, tmp_path, capsys):
    from sqs_analysis.cli import main

    args = ["--data-dir", str(processed), "--out", str(tmp_path), "--notebooks"]
    args.append(str(ROOT / "notebooks"))
    assert main(["render", "batch", "--index", *args]) == 0
    assert (tmp_path / "index.html").exists()
    assert main(["render", "batch", "nowhere-2020-01", "--jobs", "1", *args]) == 1
    assert "error: nowhere-2020-01" in capsys.readouterr().err


def test_papermill_finds_the_engine_through_its_entry_point():
    """Registered by the ``papermill.engine`` entry point (pyproject.toml), not by our code."""
    from papermill.engines import papermill_engines

    from sqs_analysis.publish.engine import ReusedKernelEngine
    from sqs_analysis.publish.kernel_protocol import ENGINE_NAME

    assert papermill_engines.get_engine(ENGINE_NAME) is ReusedKernelEngine


def test_only_papermill_imports_the_engine():
    """Imported before ``papermill.engines``, the engine module would make papermill's loading
    of its entry points fail (the class would not exist yet), so the package never imports it."""
    import ast

    src = ROOT / "src" / "sqs_analysis"
    for path in src.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom):
                names = [f"{node.module}.{a.name}" for a in node.names]
            assert not any(n.startswith("sqs_analysis.publish.engine") for n in names), path


def test_a_small_batch_runs_on_one_kernel_and_a_large_one_on_every_core():
    from sqs_analysis.publish.kernels import NOTEBOOKS_PER_KERNEL, kernels_for

    assert kernels_for(3, jobs=2) == 1  # the seeds: two briefings and the comparison
    assert kernels_for(NOTEBOOKS_PER_KERNEL + 1, jobs=2) == 2
    assert kernels_for(151, jobs=2) == 2 and kernels_for(151, jobs=1) == 1
    assert kernels_for(0, jobs=4) == 1
