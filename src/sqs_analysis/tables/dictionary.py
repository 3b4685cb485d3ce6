"""The data dictionary, generated from the schemas so it always matches what is validated.

:func:`rows` is the one source of its words: the markdown page (``sqs-analysis dictionary``) and
the workbook's dictionary sheet (:mod:`sqs_analysis.tables.workbook`) both show them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from sqs_analysis.config import WORKBOOK_NAME
from sqs_analysis.tables import schemas

#: The workbook's sheet that holds the dictionary (the tables' sheets are named for the tables).
SHEET = "dictionary"

HEADER = f"""# Data dictionary

Generated from `src/sqs_analysis/tables/schemas.py` by `sqs-analysis dictionary`; do not edit by
hand. Every table is written by `make data` to `data/processed/<table>.csv` and `<table>.parquet`,
and as a sheet of `data/processed/{WORKBOOK_NAME}`, whose `{SHEET}` sheet repeats this page.
Empty cells mean the report does not state the value: the suite never guesses.
"""


class Row(NamedTuple):
    """One column of one table, in a reader's words."""

    table: str
    column: str
    #: A short human title: what a page calls the column (its name stays in the files).
    title: str
    type: str
    may_be_empty: str
    meaning: str


#: The dictionary's headings, one per field of :class:`Row`.
HEADINGS = ("table", "column", "title", "type", "may be empty", "meaning")


def kind(dtype: object) -> str:
    """A reader's word for a column type (pandas spells strings differently by version)."""
    name = str(dtype).lower()
    for key, word in (("int", "integer"), ("float", "number"), ("bool", "true/false")):
        if key in name:
            return word
    return "date" if "datetime" in name else "text"


def rows() -> Iterator[Row]:
    """Every column of every table, in the order the tables are written and their columns stand."""
    for name, schema in schemas.SCHEMAS.items():
        for col_name, col in schema.columns.items():
            empty = "yes" if col.nullable else "no"
            title = col.title or ""
            yield Row(name, col_name, title, kind(col.dtype), empty, col.description or "")


def markdown() -> str:
    """The data dictionary as markdown, from the table schemas."""
    parts = [HEADER]
    by_table: dict[str, list[Row]] = {}
    for row in rows():
        by_table.setdefault(row.table, []).append(row)
    for name, schema in schemas.SCHEMAS.items():
        parts.append(f"\n## `{name}`\n\n{schema.description}\n")
        parts.append("| " + " | ".join(HEADINGS[1:]) + " |\n|---|---|---|---|---|")
        for row in by_table.get(name, []):
            title, desc = (text.replace("|", "\\|") for text in (row.title, row.meaning))
            parts.append(f"| `{row.column}` | {title} | {row.type} | {row.may_be_empty} | {desc} |")
    return "\n".join(parts) + "\n"
