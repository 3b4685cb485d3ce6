"""The tables' schemas as plain data, so that writing tables never needs pandera.

:mod:`sqs_analysis.tables.schemas` describes every table with these classes; :func:`to_pandera`
turns one into the pandera schema that reading tables back (``read_tables``), the data dictionary
and the tests use, and :mod:`sqs_analysis.tables.frames` builds and checks the tables ``extract``
writes from them in one vectorised pass (importing pandera costs more than validating).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Check:
    """One rule a column's values (missing ones apart) must meet, as pandera spells it."""

    #: ``isin``, ``in_range``, ``ge`` or ``str_matches``: the name of pandera's check.
    kind: str
    args: tuple[Any, ...]

    @classmethod
    def isin(cls, allowed: list[Any]) -> Check:
        """The value is one of ``allowed``."""
        return cls("isin", (tuple(allowed),))

    @classmethod
    def in_range(cls, low: float, high: float) -> Check:
        """``low <= value <= high``."""
        return cls("in_range", (low, high))

    @classmethod
    def ge(cls, low: float) -> Check:
        """``value >= low``."""
        return cls("ge", (low,))

    @classmethod
    def str_matches(cls, pattern: str) -> Check:
        """The regular expression ``pattern`` matches the value from its start."""
        return cls("str_matches", (pattern,))


@dataclass(frozen=True)
class Column:
    """A column: its pandas dtype name, whether it may be empty, its title and meaning, checks."""

    dtype: str
    nullable: bool = True
    title: str = ""
    description: str = ""
    checks: Check | list[Check] | None = None

    @property
    def rules(self) -> list[Check]:
        """The checks as a list."""
        if self.checks is None:
            return []
        return [self.checks] if isinstance(self.checks, Check) else list(self.checks)


@dataclass(frozen=True)
class Table:
    """A table: its columns in order (no others), and the columns whose values are unique."""

    name: str
    description: str
    columns: dict[str, Column]
    unique: list[str] = field(default_factory=list)


def to_pandera(table: Table) -> Any:
    """The pandera schema of ``table`` (strict, ordered, coercing), as the suite always had."""
    import pandera.pandas as pa

    def check(rule: Check) -> Any:
        return getattr(pa.Check, rule.kind)(
            *(list(a) if isinstance(a, tuple) else a for a in rule.args)
        )

    columns = {
        name: pa.Column(
            col.dtype,
            nullable=col.nullable,
            title=col.title or None,
            description=col.description or None,
            checks=[check(r) for r in col.rules] or None,
        )
        for name, col in table.columns.items()
    }
    return pa.DataFrameSchema(
        columns,
        name=table.name,
        description=table.description,
        strict=True,
        ordered=True,
        coerce=True,
        unique=table.unique or None,
    )
