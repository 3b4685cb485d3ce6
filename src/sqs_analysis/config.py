"""Settings every stage reads: folders, file names, the kernel and its options.

Each setting is defined once.
"""

from __future__ import annotations

import sys
from pathlib import Path

#: The checkout's folders (an editable install; :func:`sqs_analysis.publish.render` takes others).
ROOT = Path(__file__).resolve().parents[2]
RAW_DIR = ROOT / "data" / "raw"
PROCESSED_DIR = ROOT / "data" / "processed"
NOTEBOOKS_DIR = ROOT / "notebooks"
REPORTS_DIR = ROOT / "reports"

#: Every table in one spreadsheet, beside the tables (``sqs-analysis workbook``; ``make data``).
WORKBOOK_NAME = "sqs-tables.xlsx"

#: The notebooks a publish run executes, and where their executed copies go under the reports.
BRIEFING_NOTEBOOK = "inspection_briefing.ipynb"
COMPARISON_NOTEBOOK = "comparison.ipynb"
EXECUTED_SUBDIR = "notebooks"

#: What every page of ``make demo`` (``reports/demo/``, built from the synthetic corpus) says it is:
#: in its ``<title>`` and in a banner at the top (``sqs-analysis publish --stamp``).
DEMO_STAMP = "synthetic data: for demonstration only"

#: The Jupyter kernel the notebooks run on (``make setup`` installs it into .venv).
KERNEL_NAME = "sqs-analysis"
#: Kernel options: no shared IPython history database, so parallel builds never contend for its
#: SQLite lock.
KERNEL_ARGUMENTS = ("--HistoryManager.enabled=False",)

#: Where a wheel (a non-editable install) puts the notebooks: ``[tool.setuptools.data-files]``.
INSTALLED_NOTEBOOKS_DIR = Path(sys.prefix) / "share" / "sqs-analysis" / "notebooks"


def notebooks_dir() -> Path:
    """The notebook templates, from the first of three places that has them.

    The places, in order: ``./notebooks``, else the checkout's, else those installed with the
    package.

    The notebooks live once, in the project's ``notebooks/``; an installed package finds the
    copies its wheel put under ``share/sqs-analysis/notebooks``, so it renders without a checkout.
    """
    for candidate in (Path("notebooks"), NOTEBOOKS_DIR, INSTALLED_NOTEBOOKS_DIR):
        if (candidate / BRIEFING_NOTEBOOK).exists():
            return candidate
    return NOTEBOOKS_DIR


#: What to do when no Chromium is found (``make pdf`` and the browser tests need one).
CHROMIUM_INSTALL_HINT = (
    "Chromium was not found. Install it, e.g. on Debian or Ubuntu:\n"
    "    sudo apt-get update && sudo apt-get install -y chromium   # Ubuntu: chromium-browser\n"
    "or point SQS_CHROMIUM at a Chrome or Chromium executable. `make reports` does not need it."
)
