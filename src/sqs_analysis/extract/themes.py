"""Theme tags for strengths, areas for improvement and paragraphs, from a controlled vocabulary.

The vocabulary is data (``vocab/themes.csv``: theme, label, pattern, note) so that an analyst can
read why a tag was given (``ThemeTag.matched`` holds the exact words) and change it without
touching code. Patterns are case-insensitive regular expressions; a plain word or phrase works
as-is. ``label`` is what a page calls the theme (``Pre-sentence and panel reports``); a theme of
several rows has one label, given on each.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from types import MappingProxyType

from sqs_analysis.errors import VocabularyError
from sqs_analysis.extract.shortcuts import bound, earliest_start
from sqs_analysis.extract.shortcuts import (
    required_literals as required_literals,  # re-exported: it began here
)


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
    #: Lower-case words one of which every match contains (None: no such words), so a text
    #: without any of them is skipped without running the pattern.
    literals: tuple[str, ...] | None = None
    #: Where in a text a search may begin (see :func:`prefilter.earliest_start`).
    anchors: tuple[tuple[str, int], ...] | None = None
    #: What a page calls the theme, e.g. ``Risk of harm to others``.
    label: str = ""


#: The vocabulary's file, as :class:`VocabularyError` names it.
VOCABULARY = "vocab/themes.csv"


def parse_rules(text: str, source: str = VOCABULARY) -> tuple[ThemeRule, ...]:
    """The rules of a theme vocabulary's text; raises :class:`VocabularyError` on a bad label.

    Every row needs a label, and the rows of one theme the same one.
    """
    reader = csv.DictReader(text.splitlines())
    rules: list[ThemeRule] = []
    labels: dict[str, str] = {}
    for row in reader:
        theme, label = ((row.get(c) or "").strip() for c in ("theme", "label"))
        if not label:
            raise VocabularyError(source, f"line {reader.line_num}: theme {theme!r} has no label")
        if labels.setdefault(theme, label) != label:
            raise VocabularyError(
                source,
                f"line {reader.line_num}: theme {theme!r} is labelled {labels[theme]!r} "
                f"on an earlier line, not {label!r}",
            )
        pattern = re.compile((row.get("pattern") or "").strip(), re.IGNORECASE)
        note = (row.get("note") or "").strip()
        rules.append(ThemeRule(theme, pattern, note, *bound(pattern), label=label))
    return tuple(rules)


@lru_cache(maxsize=1)
def _vocabulary() -> tuple[ThemeRule, ...]:
    text = resources.files("sqs_analysis").joinpath("vocab", "themes.csv").read_text("utf-8")
    return parse_rules(text)


@lru_cache(maxsize=1)
def _theme_order() -> tuple[str, ...]:
    return tuple(dict.fromkeys(rule.theme for rule in _vocabulary()))


def load_theme_vocabulary() -> list[ThemeRule]:
    """The theme rules in vocabulary order (one or more rows per theme)."""
    return list(_vocabulary())


@lru_cache(maxsize=1)
def theme_labels() -> Mapping[str, str]:
    """Each theme's label (what a page calls it), in vocabulary order; read-only."""
    return MappingProxyType({rule.theme: rule.label for rule in _vocabulary()})


def tag_themes(text: str) -> list[ThemeTag]:
    """Each theme at most once, in vocabulary order, with its earliest matching words."""
    best: dict[str, re.Match[str]] = {}
    lowered = text.lower() if text.isascii() else None  # the filter is exact for ASCII only
    for rule in _vocabulary():
        pos = earliest_start(lowered, rule.literals, rule.anchors)
        if pos is None:
            continue
        m = rule.pattern.search(text, pos)
        if m and (rule.theme not in best or m.start() < best[rule.theme].start()):
            best[rule.theme] = m
    return [ThemeTag(theme, best[theme].group(0)) for theme in _theme_order() if theme in best]
