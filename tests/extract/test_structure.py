"""structure.outline: the report's parts, split inside a block when the line breaks were lost."""

from __future__ import annotations

from sqs_analysis.extract.document import ITEM, read
from sqs_analysis.extract.structure import outline

ONE_LINE = (
    "Report of Short Quality Screening (SQS) of youth offending work in St Helens. "
    "Summary The work was good. "
    "Key strengths 1. Reports were good. 2) Parents were involved. - Assessments were accurate. "
    "(4) Planning was good. 6. Relationships were good. "
    "Areas requiring improvement (b) Better oversight. * Clearer plans in 2015. Plans were "
    "reviewed in 3. We are grateful for the support."
)


def test_a_list_on_one_line_is_split_at_every_mark_whatever_its_number():
    parts = {p.key: p for p in outline(read(ONE_LINE)).parts}
    strengths = [(b.kind, b.marker, b.text) for b in parts["strengths"].blocks]
    assert strengths == [
        (ITEM, "1", "Reports were good."),
        (ITEM, "2", "Parents were involved."),
        (ITEM, "•", "Assessments were accurate."),
        (ITEM, "4", "Planning was good."),
        (ITEM, "6", "Relationships were good."),
    ]
    # a number inside a sentence ("in 3.") opens nothing: only one where a sentence starts
    assert [(b.marker, b.text) for b in parts["improvements"].blocks] == [
        ("b", "Better oversight."),
        ("•", "Clearer plans in 2015. Plans were reviewed in 3."),
    ]
    assert parts["closing"].blocks[0].text == "We are grateful for the support."
