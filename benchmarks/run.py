"""`make bench`: how fast is the suite, against a naive pipeline on the same machine and corpus.

Measures, and prints as a table with the machine's core count (also written to
``benchmarks/results/``, which git ignores):

- extraction (``sqs-analysis extract``) of synthetic corpora of N = 10, 100, 1000 reports:
  reports/s and MB/s end to end (process start included, no cache yet), the parser alone in one
  process, and the peak memory (RSS summed over the process and its workers, sampled every
  10 ms); then the same extract again (every report from the cache) and after adding one report;
- ``make reports`` in a copy of the project for N = 2 (the shipped reports), 50 and 150: cold,
  timed as its stages (``make data``: extraction and the workbook; then the pages), with each
  page's time on its kernel (median briefing, the comparison) and the pages' sizes; no-op
  (nothing changed); after one report's prose changed (its briefing, the comparison and the
  index are rebuilt) and after one report was added (every briefing compares its area with
  all the others, so all are rebuilt); what each rebuilt;
- in the same run, at N = 50, the naive baseline on the same corpus: ``sqs-analysis extract``,
  then for each notebook the ``papermill`` CLI and then ``jupyter nbconvert --to html
  --no-input``, one after the other; and the ratio baseline / suite;
- that the fast build's pages are byte for byte those of a plain sequential build
  (``sqs-analysis render briefing|comparison|index``, each in its own process): all of them for
  N = 2, the comparison and two briefings otherwise.

Every synthetic corpus is checked to parse to the values it was generated with (synth.check),
so the benchmark fails loudly if parsing drifts. Options: ``python benchmarks/run.py --help``;
``make bench BENCH_ARGS="--quick"`` for a short run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import synth

ROOT = Path(__file__).resolve().parents[1]
VENV = ROOT / ".venv"
BIN = VENV / "bin"
RESULTS = ROOT / "benchmarks" / "results"


# --------------------------------------------------------------------------- measuring


class PeakRSS:
    """Peak memory of a process and its children, sampled in a thread: the largest RSS of one
    process (``peak``), and the sum over the processes of their proportional set size (``pss``,
    Linux; shared pages of forked workers counted once)."""

    def __init__(self, pid: int, interval: float = 0.01):
        import psutil

        self.proc = psutil.Process(pid)
        self.peak = 0
        self.pss = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(interval,), daemon=True)
        self._thread.start()

    def _run(self, interval: float) -> None:
        import psutil

        while not self._stop.is_set():
            try:
                procs = [self.proc, *self.proc.children(recursive=True)]
                total = 0
                for p in procs:
                    try:
                        info = p.memory_full_info()
                    except psutil.Error:
                        continue
                    self.peak = max(self.peak, info.rss)
                    total += getattr(info, "pss", info.rss)
                self.pss = max(self.pss, total)
            except psutil.Error:
                return
            time.sleep(interval)

    def stop(self) -> tuple[int, int]:
        self._stop.set()
        self._thread.join()
        return self.peak, self.pss


def clean_env() -> dict[str, str]:
    """The environment for child processes, without the outer make's flags."""
    env = {k: v for k, v in os.environ.items() if k not in {"MAKEFLAGS", "MFLAGS", "MAKELEVEL"}}
    env["PYTHONHASHSEED"] = "0"
    return env


def run(
    cmd: list[str], cwd: Path, *, rss: bool = False, output: list[str] | None = None
) -> tuple[float, tuple[int, int]]:
    """Run ``cmd``; return (wall seconds, (peak RSS of one process, peak total PSS) in bytes or
    zeros), appending its standard output to ``output`` if given. Fails loudly on an error."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        cmd, cwd=cwd, env=clean_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    meter = PeakRSS(proc.pid) if rss else None
    out, err = proc.communicate()
    seconds = time.perf_counter() - started
    peak = meter.stop() if meter else (0, 0)
    if proc.returncode != 0:
        raise SystemExit(
            f"benchmark step failed ({proc.returncode}): {' '.join(map(str, cmd))}\n"
            f"{out[-2000:]}\n{err[-4000:]}"
        )
    if output is not None:
        output.append(out)
    return seconds, peak


# --------------------------------------------------------------------------- extraction


def check_corpus(processed: Path, expected: list) -> None:
    """The extracted tables hold what the synthetic reports were made with (synth.check)."""
    import pandas as pd

    inspections, findings, contacts = (
        pd.read_parquet(processed / f"{name}.parquet")
        for name in ("inspections", "findings", "contacts")
    )
    synth.check(inspections, expected, findings=findings, contacts=contacts)


def bench_extraction(sizes: list[int], work: Path) -> list[dict]:
    sys.path.insert(0, str(ROOT / "src"))
    from sqs_analysis.extract.ingest import find_reports
    from sqs_analysis.tables.pipeline import parse_paths

    rows = []
    for n in sizes:
        raw, out = work / f"extract-{n}" / "raw", work / f"extract-{n}" / "processed"
        expected = synth.generate(n, raw)
        megabytes = sum(p.stat().st_size for p in raw.iterdir()) / 1e6
        cmd = [str(BIN / "sqs-analysis"), "extract", "--no-progress", str(raw), str(out)]
        seconds, peak = run(cmd, ROOT, rss=True)  # cold: no cache yet
        check_corpus(out, expected)
        paths = find_reports(raw)
        started = time.perf_counter()
        parsed = parse_paths(paths)
        parse_seconds = time.perf_counter() - started
        assert len(parsed.reports) == n and not parsed.errors
        # nothing changed: a no-op; forced, every report from the cache; then with one new
        # report (the first n are the same)
        noop_seconds, _ = run(cmd, ROOT)
        rerun_seconds, rerun_peak = run([*cmd, "--force"], ROOT, rss=True)
        more = synth.generate(n + 1, work / f"extract-{n}" / "more")
        shutil.copy2(work / f"extract-{n}" / "more" / more[-1].file, raw / more[-1].file)
        added_seconds, added_peak = run(cmd, ROOT, rss=True)
        check_corpus(out, more)
        rows.append(
            {
                "n": n,
                "megabytes": round(megabytes, 2),
                "seconds": round(seconds, 3),
                "reports_per_s": round(n / seconds, 1),
                "mb_per_s": round(megabytes / seconds, 2),
                "peak_rss_mb": round(peak[0] / 2**20, 1),
                "peak_pss_total_mb": round(peak[1] / 2**20, 1),
                "parse_only_reports_per_s": round(n / parse_seconds, 1),
                "noop_s": round(noop_seconds, 3),
                "rerun_cached_s": round(rerun_seconds, 3),
                "one_added_s": round(added_seconds, 3),
                "cached_peak_rss_mb": round(max(rerun_peak[0], added_peak[0]) / 2**20, 1),
            }
        )
        print(f"  extract N={n}: {rows[-1]}", flush=True)
    return rows


# --------------------------------------------------------------------------- PDF extraction


def bench_pdf_extraction(n: int = 150) -> dict:
    """``sqs-analysis extract`` on ``n`` synthetic reports printed to PDF (issue 16's target:
    at most 60 ms a report PDF, 150 in at most 10 s on two cores).

    The reports are ``synth.generate(n)``, laid out as A4 PDFs by ``tests/pdfbuild.py`` (fpdf2:
    running header, page numbers, footnotes at the page foot, the copy list in two columns, about
    five pages each), built once and kept under ``build/bench-pdf/<digest of synth.py and
    pdfbuild.py>/`` (git ignores ``build/``). Times the cold extract (process start included, no
    cache), checks its tables against what synth made, and times the PDF text alone in this
    process (``pdf_to_text`` on each file's bytes, the median and the slowest).
    """
    import dataclasses
    import hashlib

    sys.path.insert(0, str(ROOT / "tests"))
    sys.path.insert(0, str(ROOT / "src"))
    from pdfbuild import build_pdf

    from sqs_analysis.extract.pdftext import pdf_to_text

    sources = [ROOT / "benchmarks" / "synth.py", ROOT / "tests" / "pdfbuild.py"]
    digest = hashlib.sha256(b"".join(p.read_bytes() for p in sources)).hexdigest()[:12]
    folder = ROOT / "build" / "bench-pdf" / f"{digest}-{n}"
    texts, pdfs = folder / "text", folder / "pdf"
    expected = synth.generate(n, texts)
    if not (folder / "complete").exists():
        shutil.rmtree(pdfs, ignore_errors=True)
        pdfs.mkdir(parents=True)
        started = time.perf_counter()
        for e in expected:
            build_pdf(texts / e.file, pdfs / f"{Path(e.file).stem}.pdf")
        (folder / "complete").write_text(f"built in {time.perf_counter() - started:.1f} s\n")
    expected = [dataclasses.replace(e, file=f"{Path(e.file).stem}.pdf") for e in expected]
    with tempfile.TemporaryDirectory(prefix="sqs-bench-pdf-") as tmp:
        out = Path(tmp) / "processed"
        cmd = [str(BIN / "sqs-analysis"), "extract", "--no-progress", str(pdfs), str(out)]
        seconds, peak = run(cmd, ROOT, rss=True)
        check_corpus(out, expected)
    files = sorted(pdfs.glob("*.pdf"))
    times = []
    for f in files:
        data = f.read_bytes()
        started = time.perf_counter()
        pdf_to_text(data, f)
        times.append(time.perf_counter() - started)
    from pypdf import PdfReader

    pages = statistics.mean(len(PdfReader(f).pages) for f in files[:10])
    row = {
        "n": n,
        "pages_per_pdf": round(pages, 1),
        "extract_s": round(seconds, 2),
        "extract_ms_per_pdf": round(1000 * seconds / n, 1),
        "peak_rss_mb": round(peak[0] / 2**20, 1),
        "pdf_text_median_ms": round(1000 * statistics.median(times), 1),
        "pdf_text_max_ms": round(1000 * max(times), 1),
        "targets_met": seconds <= 10 and 1000 * seconds / n <= 60,
    }
    print(f"  PDF extract N={n}: {row}", flush=True)
    return row


# --------------------------------------------------------------------------- make reports


def make_project(work: Path, raw_files: list[Path]) -> Path:
    """A copy of the project to build in, with its own data/raw (the shared .venv is used)."""
    project = work
    if project.exists():
        shutil.rmtree(project)
    (project / "data" / "raw").mkdir(parents=True)
    for name in ("Makefile", "pyproject.toml"):
        shutil.copy2(ROOT / name, project / name)
    # Older than the venv's install stamp, so make never reinstalls the shared .venv from here.
    os.utime(project / "pyproject.toml", (0, 0))
    for name in ("src", "notebooks"):
        shutil.copytree(ROOT / name, project / name, copy_function=shutil.copy2)
    for f in raw_files:
        shutil.copy2(f, project / "data" / "raw" / f.name)
    return project


def make(project: Path, *args: str, output: list[str] | None = None) -> float:
    return run(["make", "--no-print-directory", f"VENV={VENV}", *args], project, output=output)[0]


_WROTE = re.compile(r"^Wrote \S*?([^/\s]+)\.html in ([0-9.]+)s$", re.MULTILINE)


def page_times(output: str) -> dict[str, float]:
    """Seconds each page took on its kernel, from publish's ``Wrote X.html in 0.31s`` lines."""
    return {name: float(sec) for name, sec in _WROTE.findall(output)}


def page_sizes(reports: Path) -> dict[str, float]:
    """Kilobytes of the briefings (median, largest), the comparison and the index."""
    briefings = sorted(
        p.stat().st_size / 1024
        for p in reports.glob("*.html")
        if p.stem not in {"comparison", "index"}
    )
    return {
        "briefing_kb_median": round(statistics.median(briefings), 1),
        "briefing_kb_max": round(briefings[-1], 1),
        "comparison_kb": round((reports / "comparison.html").stat().st_size / 1024, 1),
        "index_kb": round((reports / "index.html").stat().st_size / 1024, 1),
    }


def _cold(project: Path, row: dict) -> None:
    """A cold ``make reports``, timed as its two stages: ``make data``, then the pages."""
    row["extract_s"] = make(project, "data")
    output: list[str] = []
    row["publish_s"] = make(project, "reports", output=output)
    row["cold_s"] = row["extract_s"] + row["publish_s"]
    times = page_times(output[0])
    briefings = [t for name, t in times.items() if name != "comparison"]
    row["per_briefing_s"] = row["cold_s"] / (len(times) - ("comparison" in times))
    row["briefing_on_kernel_s"] = round(statistics.median(briefings), 3)
    row["comparison_s"] = times.get("comparison")
    row |= page_sizes(project / "reports")


def _plan(project: Path) -> str:
    plan = subprocess.run(
        [str(VENV / "bin" / "sqs-analysis"), "publish", "--dry-run", "--notebooks", "notebooks"],
        cwd=project, env=clean_env(), capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    lines = [line for line in plan.splitlines() if line and line != "Nothing to do"]
    briefings = sum(line.startswith("briefing ") for line in lines)
    rest = [line for line in lines if not line.startswith("briefing ")]
    return " ".join([f"{briefings} briefing(s)", *rest]) if lines else "nothing"


def _changed(project: Path, row: dict, key: str) -> None:
    """``make data`` then ``make reports`` after a change to data/raw: seconds, what was rebuilt."""
    extract_s = make(project, "data")
    row[f"{key}_rebuilds"] = _plan(project)
    row[f"{key}_s"] = extract_s + make(project, "reports")


def bench_reports(n: int, work: Path, baseline: bool) -> dict:
    if n == 2:
        raw_files = sorted(p for p in (ROOT / "data" / "raw").iterdir() if p.is_file())
        expected = None
    else:
        seeds = work / f"synth-{n}"
        expected = synth.generate(n, seeds)
        raw_files = sorted(seeds.iterdir())
    project = make_project(work / f"project-{n}", raw_files)
    raw = project / "data" / "raw"
    row: dict = {"n": n}
    _cold(project, row)
    if expected is not None:
        check_corpus(project / "data" / "processed", expected)
    pages = sorted((project / "reports").glob("*.html"))
    assert len(pages) == n + 2, f"{len(pages)} pages for {n} reports"
    row["noop_s"] = make(project, "reports")
    # One raw report's prose changed (a word added to its context paragraph): its briefing,
    # the comparison and the index are rebuilt; the other briefings do not read its prose.
    changed = raw / raw_files[0].name
    prose = b"The aim of the youth justice system"
    assert prose in changed.read_bytes(), f"{changed.name} has no context paragraph"
    changed.write_bytes(
        changed.read_bytes().replace(prose, b"The stated aim of the youth justice system", 1)
    )
    _changed(project, row, "one_changed")
    # One report added: every briefing compares its area with all the others (rank of N+1).
    more = synth.generate(n + 1, work / f"synth-{n}-more")
    shutil.copy2(work / f"synth-{n}-more" / more[-1].file, raw / more[-1].file)
    _changed(project, row, "one_added")
    row["identical_to_sequential"] = check_identical(project, n)
    if baseline:
        row["baseline_s"] = naive_baseline(project, work / f"baseline-{n}")
        row["ratio"] = row["baseline_s"] / row["cold_s"]
    print(f"  make reports N={n}: {row}", flush=True)
    return row


def check_identical(project: Path, n: int) -> str:
    """Build pages with the plain per-page commands and compare them with the fast build's."""
    ref = project / "sequential"
    ids = sorted(p.stem for p in (project / "reports").glob("*.html"))
    ids = [i for i in ids if i not in {"comparison", "index"}]
    sample = ids if n <= 2 else [ids[0], ids[-1]]
    render = [str(BIN / "sqs-analysis"), "render"]
    common = ["--data-dir", "data/processed", "--out", str(ref)]
    for iid in sample:
        run([*render, "briefing", iid, *common, "--no-progress"], project)
    run([*render, "comparison", *common, "--no-progress"], project)
    run([*render, "index", *common], project)
    names = [f"{i}.html" for i in sample] + ["comparison.html", "index.html"]
    names += [f"notebooks/{i}.ipynb" for i in [*sample, "comparison"]]
    differ = [
        name
        for name in names
        if (ref / name).read_bytes() != (project / "reports" / name).read_bytes()
    ]
    if differ:
        raise SystemExit(f"fast and sequential builds differ (N={n}): {differ}")
    return f"yes ({len(names)} files)"


def naive_baseline(project: Path, out: Path) -> float:
    """extract, then papermill CLI + nbconvert CLI per notebook, one after the other."""
    out.mkdir(parents=True, exist_ok=True)
    processed = out / "processed"
    started = time.perf_counter()
    run(
        [str(BIN / "sqs-analysis"), "extract", "--no-progress", "data/raw", str(processed)], project
    )
    import pandas as pd

    ids = sorted(pd.read_parquet(processed / "inspections.parquet")["inspection_id"])
    notebooks = project / "notebooks"
    jobs = [("inspection_briefing.ipynb", i, ["-p", "inspection_id", i]) for i in ids]
    jobs.append(("comparison.ipynb", "comparison", []))
    for template, name, params in jobs:
        executed = out / f"{name}.ipynb"
        run(
            [str(BIN / "papermill"), str(notebooks / template), str(executed), *params,
             "-p", "data_dir", str(processed), "-k", "sqs-analysis", "--cwd", str(notebooks),
             "--no-progress-bar"],
            project,
        )  # fmt: skip
        run([str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(executed)], out)
    return time.perf_counter() - started


# --------------------------------------------------------------------------- report


def table(extraction: list[dict], reports: list[dict], machine: dict, pdf: dict) -> str:
    lines = [
        f"# sqs-analysis benchmark, {machine['when']}",
        "",
        f"Machine: {machine['cores']} cores, {machine['platform']}, Python {machine['python']}, "
        f"load average at start {machine['load']}",
        "",
        "## Extraction (`sqs-analysis extract`, text input, end to end)",
        "",
        "| N | MB | seconds | reports/s | MB/s | peak RSS, largest process (MB) "
        "| peak PSS, all processes (MB) | parser alone, 1 process (reports/s) "
        "| nothing changed (s) | forced rerun, all cached (s) | one report added (s) "
        "| peak RSS, cached runs (MB) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in extraction:
        lines.append(
            f"| {r['n']} | {r['megabytes']:.1f} | {r['seconds']:.2f} | {r['reports_per_s']:.0f} "
            f"| {r['mb_per_s']:.2f} | {r['peak_rss_mb']:.0f} | {r['peak_pss_total_mb']:.0f} "
            f"| {r['parse_only_reports_per_s']:.0f} | {r['noop_s']:.2f} | {r['rerun_cached_s']:.2f} "
            f"| {r['one_added_s']:.2f} | {r['cached_peak_rss_mb']:.0f} |"
        )
    lines += [
        "",
        "## PDF input (`sqs-analysis extract` on report PDFs, end to end, no cache)",
        "",
        "| N | pages a PDF | seconds | ms a PDF | PDF text alone, median ms (slowest) "
        "| peak RSS (MB) |",
        "|---:|---:|---:|---:|---:|---:|",
        f"| {pdf['n']} | {pdf['pages_per_pdf']:.1f} | {pdf['extract_s']:.1f} "
        f"| {pdf['extract_ms_per_pdf']:.0f} | {pdf['pdf_text_median_ms']:.0f} "
        f"({pdf['pdf_text_max_ms']:.0f}) | {pdf['peak_rss_mb']:.0f} |",
        "",
        "## `make reports` (seconds; sizes in KB)",
        "",
        "| N | cold | of which extract + workbook | per page | briefing on its kernel (median) "
        "| comparison on its kernel | briefing KB (median, largest) | comparison KB | no-op "
        "| one report's prose changed | rebuilt | one report added | rebuilt | naive baseline "
        "| baseline / suite | same bytes as sequential |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---|---:|---:|---|",
    ]
    for r in reports:
        base = f"{r['baseline_s']:.1f}" if "baseline_s" in r else "-"
        ratio = f"{r['ratio']:.1f}x" if "ratio" in r else "-"
        comparison = f"{r['comparison_s']:.2f}" if r.get("comparison_s") is not None else "-"
        lines.append(
            f"| {r['n']} | {r['cold_s']:.1f} | {r['extract_s']:.1f} | {r['per_briefing_s']:.2f} "
            f"| {r['briefing_on_kernel_s']:.2f} | {comparison} "
            f"| {r['briefing_kb_median']:.0f}, {r['briefing_kb_max']:.0f} "
            f"| {r['comparison_kb']:.0f} | {r['noop_s']:.3f} | {r['one_changed_s']:.1f} "
            f"| {r['one_changed_rebuilds']} | {r['one_added_s']:.1f} | {r['one_added_rebuilds']} "
            f"| {base} | {ratio} | {r['identical_to_sequential']} |"
        )
    lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--extract-sizes", type=int, nargs="*", default=[10, 100, 1000])
    parser.add_argument("--report-sizes", type=int, nargs="*", default=[2, 50, 150])
    parser.add_argument(
        "--baseline-sizes", type=int, nargs="*", default=[50],
        help="the report sizes to run the naive baseline at too (slow: minutes per 10 reports)",
    )  # fmt: skip
    parser.add_argument("--no-baseline", action="store_true", help="skip the naive baseline")
    parser.add_argument("--quick", action="store_true", help="N=10,100 and 2,10; no baseline")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    args = parser.parse_args(argv)
    if args.quick:
        args.extract_sizes, args.report_sizes, args.no_baseline = [10, 100], [2, 10], True
    machine = {
        "when": dt.datetime.now().isoformat(timespec="seconds"),
        "cores": os.cpu_count(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "load": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }
    print(f"Benchmarking on {machine['cores']} cores (load {machine['load']})", flush=True)
    work = Path(tempfile.mkdtemp(prefix="sqs-bench-"))
    try:
        extraction = bench_extraction(args.extract_sizes, work)
        pdf = bench_pdf_extraction(20 if args.quick else 150)
        baseline = set() if args.no_baseline else set(args.baseline_sizes)
        reports = [bench_reports(n, work, n in baseline) for n in args.report_sizes]
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    text = table(extraction, reports, machine, pdf)
    print("\n" + text)
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = machine["when"].replace(":", "")
    payload = {"machine": machine, "extraction": extraction, "pdf": pdf, "make_reports": reports}
    (RESULTS / f"bench-{stamp}.json").write_text(json.dumps(payload, indent=2) + "\n")
    (RESULTS / f"bench-{stamp}.md").write_text(text)
    (RESULTS / "latest.md").write_text(text)
    print(f"Results written to {RESULTS.relative_to(ROOT)}/bench-{stamp}.{{md,json}}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
