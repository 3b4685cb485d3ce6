"""Settings every stage reads, each defined once: folders, file names, the kernel and its options."""

from __future__ import annotations

from pathlib import Path

#: The checkout's folders (an editable install; :func:`sqs_analysis.publish.render` takes others).
ROOT = Path(__file__).resolve().parents[2]
RAW_DIR = ROOT / "data" / "raw"
PROCESSED_DIR = ROOT / "data" / "processed"
NOTEBOOKS_DIR = ROOT / "notebooks"
REPORTS_DIR = ROOT / "reports"

#: The notebooks a publish run executes, and where their executed copies go under the reports.
BRIEFING_NOTEBOOK = "inspection_briefing.ipynb"
COMPARISON_NOTEBOOK = "comparison.ipynb"
EXECUTED_SUBDIR = "notebooks"

#: The Jupyter kernel the notebooks run on (``make setup`` installs it into .venv).
KERNEL_NAME = "sqs-analysis"
#: Kernel options: no shared IPython history database, so parallel builds never contend for its
#: SQLite lock.
KERNEL_ARGUMENTS = ("--HistoryManager.enabled=False",)
