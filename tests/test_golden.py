"""Every table, page and printed PDF of the golden corpus is byte-identical to the recorded ones.

The record (``tests/data/golden.json``) holds the outputs of the code before the 0.2.0 redesign with
only the renamed columns changed (CHANGELOG.md): in the CSV headers, and in the one header cell of a
chart's data table that shows ``findings.section``. The PDFs were compared before the rename (all 53
equal) and recorded after it, as their text holds that header cell too. ``tests/golden.py --update``
records a change of output that is meant.
"""

from __future__ import annotations

import json
import shutil

import pytest
from golden import GOLDEN, build


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    pdf = bool(shutil.which("chromium") or shutil.which("chromium-browser"))
    return build(tmp_path_factory.mktemp("golden"), pdf=pdf), pdf


def test_every_output_of_the_golden_corpus_is_byte_identical_to_the_record(built):
    sums, pdf = built
    recorded = json.loads(GOLDEN.read_text(encoding="utf-8"))
    if not pdf:  # pragma: no cover - CI installs Chromium (.ci/run)
        recorded = {k: v for k, v in recorded.items() if not k.startswith("pdf/")}
    changed = sorted(k for k in recorded.keys() & sums.keys() if recorded[k] != sums[k])
    assert not changed, f"outputs differ from the record: {changed}"
    assert sorted(sums.keys() - recorded.keys()) == [], "outputs not in the record"
    assert sorted(recorded.keys() - sums.keys()) == [], "recorded outputs not built"
    assert sum(k.startswith("pages/") for k in sums) == 54  # 52 briefings, comparison, index
