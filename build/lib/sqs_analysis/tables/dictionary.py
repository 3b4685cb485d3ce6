"""The data dictionary, generated from the schemas so it always matches what is validated."""

from __future__ import annotations

from sqs_analysis.tables import schemas

HEADER = """# Data dictionary

Generated from `src/sqs_analysis/schemas.py` by `sqs-analysis dictionary`; do not edit by hand.
Every table is written by `make data` to `data/processed/<table>.csv` and `<table>.parquet`.
Empty cells mean the report does not state the value: the suite never guesses.
"""


def _kind(dtype: object) -> str:
    """A reader's word for a column type (pandas spells strings differently by version)."""
    name = str(dtype).lower()
    for key, word in (("int", "integer"), ("float", "number"), ("bool", "true/false")):
        if key in name:
            return word
    return "date" if "datetime" in name else "text"


def markdown() -> str:
    """The data dictionary as markdown, from the table schemas."""
    parts = [HEADER]
    for name, schema in schemas.SCHEMAS.items():
        parts.append(f"\n## `{name}`\n\n{schema.description}\n")
        parts.append("| column | type | may be empty | meaning |\n|---|---|---|---|")
        for col_name, col in schema.columns.items():
            desc = (col.description or "").replace("|", "\\|")
            empty = "yes" if col.nullable else "no"
            parts.append(f"| `{col_name}` | {_kind(col.dtype)} | {empty} | {desc} |")
    return "\n".join(parts) + "\n"
