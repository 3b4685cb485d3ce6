"""The ``narrative`` facade: every name a notebook or ``publish`` calls, and only re-exports."""

from __future__ import annotations

import importlib
import json
import re

import pytest
from conftest import ROOT

from sqs_analysis.report import narrative

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def called(facade: str) -> set[str]:
    """Every ``<facade>.name`` the notebooks' code cells use."""
    names = set()
    for path in NOTEBOOKS:
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] == "code":
                names |= set(re.findall(rf"\b{facade}\.(\w+)", "".join(cell["source"])))
    return names


def test_notebooks_call_only_what_the_facade_exports():
    used = called("narrative")
    assert {"key_messages", "detail_summary", "comparison_summary", "prose", "as_table"} <= used
    assert used <= set(narrative.__all__)


def test_publish_names_are_exported():
    """``publish.render`` builds the index with these (and must not reach past the facade)."""
    assert {"comparison_table", "comparison_rates_sentence", "is_missing"} <= set(narrative.__all__)


@pytest.mark.parametrize("name", narrative.__all__)
def test_each_name_is_its_module_s_own_object(name):
    obj = getattr(narrative, name)
    home = getattr(obj, "__module__", None)
    if home is not None and home.startswith("sqs_analysis.report."):
        assert home != narrative.__name__  # nothing is defined in the facade
        assert getattr(importlib.import_module(home), name) is obj
