"""Page furniture is known by its shape recurring across pages, never by one word."""

from __future__ import annotations

from sqs_analysis.extract.furniture import furniture


def _page(n: int, body: str) -> list[str]:
    return ["Short Quality Screening: Eastshire", body, f"Page {n} of 3", "\f"]


def test_a_running_header_and_page_numbers_on_every_page_are_furniture():
    lines = _page(1, "The YOS had good plans.") + _page(2, "Reviews were late.") + _page(3, "x")
    marks = furniture(lines)
    kept = [line for line, lifted in zip(lines, marks, strict=True) if not lifted and line != "\f"]
    assert kept == ["The YOS had good plans.", "Reviews were late.", "x"]


def test_a_line_that_appears_once_is_kept_whatever_its_words():
    lines = ["HM Inspectorate of Probation found that", "3", "cases were good."]
    assert furniture(lines)[0] is False
