"""Theme tags for strengths, areas for improvement and paragraphs, from a controlled vocabulary.

The vocabulary is data (``vocab/themes.csv``: theme, pattern, note) so that an analyst can read
why a tag was given (``ThemeTag.matched`` holds the exact words) and change it without touching
code. Patterns are case-insensitive regular expressions; a plain word or phrase works as-is.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class ThemeTag:
    """One theme given to a text, with the words that earned it."""

    theme: str
    matched: str


@dataclass(frozen=True)
class ThemeRule:
    """A row of ``vocab/themes.csv``."""

    theme: str
    pattern: re.Pattern[str]
    note: str


@lru_cache(maxsize=1)
def _vocabulary() -> tuple[ThemeRule, ...]:
    text = resources.files("sqs_analysis").joinpath("vocab", "themes.csv").read_text("utf-8")
    rules = []
    for row in csv.DictReader(text.splitlines()):
        rules.append(
            ThemeRule(
                row["theme"].strip(),
                re.compile(row["pattern"].strip(), re.IGNORECASE),
                (row.get("note") or "").strip(),
            )
        )
    return tuple(rules)


def load_theme_vocabulary() -> list[ThemeRule]:
    """The theme rules in vocabulary order (one or more rows per theme)."""
    return list(_vocabulary())


def tag_themes(text: str) -> list[ThemeTag]:
    """Each theme at most once, in vocabulary order, with its earliest matching words."""
    best: dict[str, re.Match[str]] = {}
    order: list[str] = []
    for rule in _vocabulary():
        if rule.theme not in order:
            order.append(rule.theme)
        m = rule.pattern.search(text)
        if m and (rule.theme not in best or m.start() < best[rule.theme].start()):
            best[rule.theme] = m
    return [ThemeTag(theme, best[theme].group(0)) for theme in order if theme in best]
