"""Shared fixtures: the shipped seed corpus and the small variant files under tests/data/."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
DATA = Path(__file__).resolve().parent / "data"
ST_HELENS = RAW / "st-helens-2015-07.md"
SOMERSET = RAW / "somerset-2016-06.md"


@pytest.fixture(scope="session")
def seed_tables():
    from sqs_analysis import load

    return load(RAW)
