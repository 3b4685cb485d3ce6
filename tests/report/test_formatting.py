"""Formatters: figures, dates, names and theme labels as report text."""

from __future__ import annotations

import pandas as pd

from sqs_analysis.report import formatting


def test_formatters():
    assert formatting.fmt_points(10.1) == "+10.1 points"
    assert formatting.fmt_points(-5.5) == "\u22125.5 points"
    assert formatting.fmt_points(pd.NA) == "not stated"
    assert formatting.fmt_month("2013-07") == "July 2013"
    assert formatting.possessive("St Helens") == "St Helens'"
    assert formatting.possessive("Somerset") == "Somerset's"
    assert formatting.theme_label("emotional_and_mental_health") == "Emotional and mental health"


def test_theme_labels_come_from_the_sections_then_the_vocabulary():
    assert formatting.theme_label("protecting_the_child") == "Protecting the child or young person"
    assert formatting.theme_label("pre_sentence_and_panel_reports") == (
        "Pre-sentence and panel reports"
    )
    assert formatting.theme_label("risk_of_harm_to_others") == "Risk of harm to others"
    assert formatting.theme_label("a_new_theme") == "A new theme"
    assert formatting.theme_label(None) == "Unassigned"
