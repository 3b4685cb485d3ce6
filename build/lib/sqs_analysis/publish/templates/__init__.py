"""The page templates and stylesheets, shipped as package data (``sqs_report/``)."""

from __future__ import annotations

from functools import cache
from importlib.resources import files


@cache
def read_template(name: str) -> str:
    """The text of ``templates/<name>``, read once a process (also from a zipped install)."""
    return files(__name__).joinpath(name).read_text(encoding="utf-8")
