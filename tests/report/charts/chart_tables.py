"""Judgement themes for chart tests: two seed inspections, counts known by hand."""

from __future__ import annotations

import pandas as pd
from conftest import SH, SO


def judgement_themes() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "inspection_id": [SH, SH, SO, SO, SO],
            "kind": ["strength", "improvement", "strength", "improvement", "improvement"],
            "position": [4, 3, 1, 2, 3],
            "theme": [
                "planning",
                "emotional_and_mental_health",
                "reports",
                "planning",
                "management_oversight",
            ],
            "matched": ["plan"] * 5,
        }
    )
