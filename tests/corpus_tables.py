"""A small corpus of five inspections whose comparisons are known by hand."""

from __future__ import annotations

import types

import pandas as pd

IDS = [f"area-{k}-2016-0{k + 1}" for k in range(5)]
GAPS = [4.0, -2.5, 4.0, 9.1, pd.NA]  # two tied at +4.0; one not stated
NATIONS = ["England", "Wales", "England", pd.NA, "Wales"]
# Planning: counted "met" findings. Pooled: (7 + 10 + 2 + 16) / (11 + 12 + 12 + 16) = 35/51.
PLANNING = [(7, 11), (10, 12), (2, 12), (16, 16), None]


def _findings() -> pd.DataFrame:
    rows = []
    for iid, counts in zip(IDS, PLANNING, strict=True):
        if counts is None:
            continue
        n, d = counts
        rows.append((iid, "2.1", "protecting_the_public", f"in {n} of {d} cases", n, d, "met"))
    # A shortfall and a worded finding: never pooled, listed as stated.
    rows.append((IDS[4], "2.2", "protecting_the_public", "In three cases", 3, 20, "not_met"))
    f = pd.DataFrame(
        rows,
        columns=["inspection_id", "paragraph_id", "section", "quote", "numerator",
                 "denominator", "verdict"],
    )  # fmt: skip
    f["numerator"] = pd.array(f["numerator"], dtype="Int64")
    f["denominator"] = pd.array(f["denominator"], dtype="Int64")
    f["proportion"] = (f["numerator"] / f["denominator"]).astype(float)
    f["proportion_low"] = f["proportion_high"] = f["proportion"]
    f["aspect"] = "planning"
    worded = f.iloc[[0]].assign(
        inspection_id=IDS[4], paragraph_id="1.3", quote="just over half", numerator=pd.NA,
        denominator=pd.NA, proportion=float("nan"), proportion_low=0.5, proportion_high=0.6,
    )  # fmt: skip
    return pd.concat([f, worded], ignore_index=True)


def corpus(n: int = 5) -> types.SimpleNamespace:
    """The first ``n`` inspections of the small corpus, as the tables a page reads."""
    ids = IDS[:n]
    inspections = pd.DataFrame(
        {
            "inspection_id": ids,
            "area": [f"Area {k}" for k in range(n)],
            "publication_date": pd.to_datetime([f"2016-0{k + 1}-15" for k in range(n)]),
            "rate_gap_pct_points": pd.array(GAPS[:n], dtype="Float64"),
            "nation": pd.array(NATIONS[:n], dtype="string"),
            "n_strengths": pd.array([1] * n, dtype="Int64"),
            # Area 2's report was cut off before its areas for improvement.
            "n_improvements": pd.array([1, 1, pd.NA, 1, 1][:n], dtype="Int64"),
        }
    )
    themes = pd.DataFrame(
        {
            "inspection_id": [IDS[0], IDS[0], IDS[1], IDS[3], IDS[3], IDS[4], IDS[0]],
            "kind": ["improvement"] * 6 + ["strength"],
            "position": [1, 1, 1, 1, 2, 1, 1],
            "theme": ["management_oversight", "planning", "management_oversight",
                      "management_oversight", "management_oversight", "planning", "planning"],
            "matched": ["words"] * 7,
        }
    )  # fmt: skip
    findings = _findings()
    return types.SimpleNamespace(
        inspections=inspections,
        findings=findings[findings["inspection_id"].isin(ids)].reset_index(drop=True),
        judgement_themes=themes[themes["inspection_id"].isin(ids)].reset_index(drop=True),
    )
