"""The page templates and stylesheets, shipped as package data (``sqs_report/``)."""

from __future__ import annotations

from functools import cache
from importlib.resources import files


@cache
def read_template(name: str) -> str:
    """The text of ``templates/<name>``, read once a process (also from a zipped install)."""
    return files(__name__).joinpath(name).read_text(encoding="utf-8")


def stamped_title(title: str, stamp: str | None) -> str:
    """A page's title with its stamp after a dash, when it has one (as every stamped page does)."""
    return f"{title} \u2014 {stamp}" if stamp else title
