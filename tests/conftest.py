"""Shared fixtures: the shipped seed corpus and the small variant files under tests/data/."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import settings

# Property tests draw the same examples on every run, so a verdict never hangs on the draw (CI
# and `make test`); `HYPOTHESIS_PROFILE=explore` draws new ones to hunt for counter-examples.
settings.register_profile("fixed", derandomize=True, print_blob=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "fixed"))

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
DATA = Path(__file__).resolve().parent / "data"
ST_HELENS = RAW / "st-helens-2015-07.md"
SOMERSET = RAW / "somerset-2016-06.md"
SH, SO = "st-helens-2015-07", "somerset-2016-06"


@pytest.fixture(scope="session")
def seed_tables():
    from sqs_analysis import load

    return load(RAW)


@pytest.fixture(scope="session")
def workbook_seeds(tmp_path_factory) -> Path:
    """The seeds' tables and their workbook, written the way `make data` writes them."""
    from sqs_analysis import cli
    from sqs_analysis.config import WORKBOOK_NAME
    from sqs_analysis.tables import workbook

    data = tmp_path_factory.mktemp("seeds")
    assert cli.extract(RAW, data, progress=False, cache=False) == 0
    assert not (data / WORKBOOK_NAME).exists()  # extract alone never writes it (its hot path)
    assert workbook.update(data).written
    return data


@pytest.fixture
def workbook_data(workbook_seeds, tmp_path) -> Path:
    """A copy of the seeds' tables and workbook that a test may change."""
    import shutil

    copy = tmp_path / "processed"
    shutil.copytree(workbook_seeds, copy, ignore=shutil.ignore_patterns(".*"))
    return copy


def synthetic_findings() -> pd.DataFrame:
    """Three findings whose ranking and caveat are known by hand."""
    return pd.DataFrame(
        {
            "inspection_id": [SH] * 3,
            "paragraph_id": ["2.4", "3.2", "4.3"],
            "section": ["protecting_the_public", "protecting_the_child", "sentence_served"],
            "quote": ["in 7 of 11 cases", "in two cases", "all but one individual"],
            "numerator": pd.array([7, 2, 13], dtype="Int64"),
            "denominator": pd.array([11, 8, 14], dtype="Int64"),
            "proportion": [7 / 11, 2 / 8, 13 / 14],
            "proportion_low": [7 / 11, 2 / 8, 13 / 14],
            "proportion_high": [7 / 11, 2 / 8, 13 / 14],
            "ci_low": [0.35, 0.07, 0.69],
            "ci_high": [0.85, 0.59, 0.99],
            "aspect": ["planning", "assessment", "compliance"],
            "verdict": ["met", "not_met", "met"],
        }
    )


def ranked_findings(
    public: tuple[tuple[int, int], ...] = ((5, 11), (4, 10), (6, 12)),
) -> pd.DataFrame:
    """Counted findings enough to rank: sentence served 39 of 42 (93%), the public 15 of 33.

    Three counted findings on each side; Wilson intervals 81%-98% and 29%-62% do not overlap,
    so the narrative may name the strongest and weakest theme. A worded finding ("just over
    half") is there to show it is never averaged in.
    """
    served = ((13, 14), (12, 14), (14, 14))
    rows = [("sentence_served", n, d) for n, d in served] + [
        ("protecting_the_public", n, d) for n, d in public
    ]
    frame = pd.DataFrame(
        {
            "inspection_id": [SH] * len(rows),
            "paragraph_id": [
                ("4." if s == "sentence_served" else "2.") + str(k + 1)
                for k, (s, _, _) in enumerate(rows)
            ],
            "section": [s for s, _, _ in rows],
            "quote": [f"in {n} of {d} cases" for _, n, d in rows],
            "numerator": pd.array([n for _, n, _ in rows], dtype="Int64"),
            "denominator": pd.array([d for _, _, d in rows], dtype="Int64"),
            "proportion": [n / d for _, n, d in rows],
            "proportion_low": [n / d for _, n, d in rows],
            "proportion_high": [n / d for _, n, d in rows],
            "ci_low": [0.0] * len(rows),
            "ci_high": [1.0] * len(rows),
            "aspect": ["compliance"] * 3 + ["planning"] * len(public),
            "verdict": ["met"] * len(rows),
        }
    )
    worded = frame.iloc[[0]].assign(
        paragraph_id="2.9", section="protecting_the_public", quote="just over half",
        numerator=pd.NA, denominator=pd.NA, proportion=float("nan"),
        proportion_low=0.5, proportion_high=0.6, ci_low=float("nan"), ci_high=float("nan"),
    )  # fmt: skip
    return pd.concat([frame, worded], ignore_index=True)


# --------------------------------------------------------------------------- browser and PDF tests


@pytest.fixture(scope="session")
def chromium() -> str:
    """The Chromium to drive: skip without one, except in CI, where .ci/run installs it."""
    import os

    from sqs_analysis.publish.printing import find_chromium

    found = find_chromium()
    if found is None:
        message = (
            "needs Chromium (apt-get install chromium, or set SQS_CHROMIUM); "
            ".ci/run installs it so CI always runs this test"
        )
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return found


@pytest.fixture(scope="session")
def briefings(tmp_path_factory) -> dict[str, Path]:
    """Both seed briefings, the comparison and the index, rendered once for the whole session."""
    from sqs_analysis.cli import extract
    from sqs_analysis.publish import index, render

    data = tmp_path_factory.mktemp("processed-browser")
    assert extract(RAW, data, progress=False) == 0
    out = tmp_path_factory.mktemp("reports-browser")
    notebooks = ROOT / "notebooks"
    pages = {iid: render.render_briefing(iid, data, out, notebooks, progress=False).html
             for iid in (SH, SO)}  # fmt: skip
    pages["comparison"] = render.render_comparison(data, out, None, notebooks, progress=False).html
    pages["index"] = index.build_index(data, out)
    pages["_data"] = data  # the extracted tables the pages were built from
    return pages


@pytest.fixture(scope="session")
def stamped_pages(briefings, tmp_path_factory) -> dict[str, Path]:
    """St Helens' briefing and the index as `make demo` stamps them (the demo's words)."""
    from sqs_analysis.config import DEMO_STAMP
    from sqs_analysis.publish import index, render

    out = tmp_path_factory.mktemp("reports-stamped")
    data, notebooks = briefings["_data"], ROOT / "notebooks"
    page = render.render_briefing(SH, data, out, notebooks, progress=False, stamp=DEMO_STAMP)
    return {SH: page.html, "index": index.build_index(data, out, stamp=DEMO_STAMP)}


#: Marks by test file (see the markers in pyproject.toml): `pytest -m "not slow and not browser
#: and not make"` is the quick loop.
MARKS = {
    "test_metamorphic.py": "slow",
    "test_robustness.py": "slow",
    "test_faults.py": "slow",
    "test_pdf_printed.py": "slow",
    "test_bench_synth.py": "slow",
    "test_kernels.py": "slow",
    "test_notebooks.py": "slow",
    "test_pages.py": "slow",
    "test_render.py": "slow",
    "test_golden.py": "slow",
    "test_corpus_facts.py": "slow",
    "test_packaging.py": "slow",
    "test_browser.py": "browser",
    "test_printing.py": "browser",
    "test_print_layout.py": "browser",
    "test_makefile.py": "make",
}


def pytest_collection_modifyitems(items):
    for item in items:
        mark = MARKS.get(item.path.name)
        if mark:
            item.add_marker(getattr(pytest.mark, mark))
