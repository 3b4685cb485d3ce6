"""document.read: the same blocks whatever the layout; furniture out, footnotes lifted."""

from __future__ import annotations

import pytest

from sqs_analysis.extract.document import HEADING, ITEM, PARAGRAPH, ROW, read


def _texts(text: str) -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in read(text).blocks]


def test_broken_entity_around_a_footnote_marker_is_repaired_and_lifted():
    doc = read("Summary\n\n<sup>&</sup>lt;sup>1</sup> The rate was published April 2016.\n")
    assert doc.footnotes == {1: "The rate was published April 2016."}
    assert _texts("Summary\n\n<sup>&</sup>lt;sup>1</sup> Body.\n")[0] == (HEADING, "Summary")


def test_furniture_lines_are_lifted_out():
    text = (
        "1st Floor, Manchester Civil Justice Centre, 1 Bridge Street West, Manchester M3 3FX\n"
        "Arolygiad o Waith Troseddu leuenctid 0161 240 5336\n"
        "Header line\nPage 1 of 3\nbody\n---\nHeader line\nPage 2 of 3\nHeader line\n"
        "Twice only\nTwice only\nSQS St Helens 7\nSQS St Helens 8\n"
    )
    # A line repeated on three pages, or repeated with a changing number, is furniture; the
    # same line twice on one page is text.
    assert _texts(text) == [(PARAGRAPH, "body Twice only Twice only")]


def test_glued_footnote_digits_are_removed_only_for_real_footnotes():
    doc = read("The rate1 for Year 11 was 4 in COVID19 terms.\n\n1 Published January 2015.\n")
    assert [b.text for b in doc.blocks] == ["The rate for Year 11 was 4 in COVID19 terms."]
    assert doc.footnotes == {1: "Published January 2015."}


def test_a_reference_is_removed_even_when_its_footnote_is_missing():
    doc = read("The reoffending rate1 was 40%.\n\nSummary\n")
    assert doc.blocks[0].text == "The reoffending rate was 40%."
    assert doc.footnotes == {}
    assert not any("\x00" in b.text or "\x01" in b.text for b in doc.blocks)


def test_hyphen_at_line_end_joined_only_when_the_document_spells_the_word():
    assert _texts("reducing reoffend-\ning and pre-\nsentence reports; reoffending.\n") == [
        (PARAGRAPH, "reducing reoffending and pre-sentence reports; reoffending.")
    ]


def test_a_paragraph_interrupted_by_a_page_foot_is_joined_across_it():
    text = (
        "1.1 The plans were good1\n"
        "enough in most cases and\n"
        "\n"
        "1 Published January 2015.\n"
        "Page 2 of 4\n"
        "\n"
        "reviewed when needed.\n"
        "1.2 Next paragraph.\n"
        "Page 3 of 4\n"
    )
    doc = read(text)
    assert [(b.kind, b.marker, b.text) for b in doc.blocks] == [
        (ITEM, "1.1", "The plans were good enough in most cases and reviewed when needed."),
        (ITEM, "1.2", "Next paragraph."),
    ]
    assert doc.footnotes == {1: "Published January 2015."}


@pytest.mark.parametrize("glyph", ["-", "*", "•", "▪", "\uf0b7", "–"])
def test_bullets_in_any_glyph_with_unmarked_continuation_lines(glyph):
    text = (
        "Key strengths\n"
        f"{glyph} Good quality reports to inform\n"
        "sentencing, with tailored work.\n"
        f"{glyph} Parents are fully involved.\n"
    )
    assert _texts(text) == [
        (HEADING, "Key strengths"),
        (ITEM, "Good quality reports to inform sentencing, with tailored work."),
        (ITEM, "Parents are fully involved."),
    ]


@pytest.mark.parametrize(
    "heading",
    [
        "## Protecting the public",
        "**Protecting the public**",
        "PROTECTING THE PUBLIC",
        "Protecting the public",
        "2. Protecting the public:",
        "<h3>2 Protecting the public</h3>",
    ],
)
def test_headings_are_recognised_by_their_words_in_any_style(heading):
    blocks = read(f"1.5 Last of theme one.\n\n{heading}\n\n2.1 First of theme two.\n").blocks
    assert [b.kind for b in blocks] == [ITEM, HEADING, ITEM]
    assert blocks[1].text.lower().rstrip(":").endswith("protecting the public")


def test_table_rows_keep_their_cells():
    blocks = read("| Role | Name |\n|---|---|\n| YOT Manager | Ann Lee |\n").blocks
    assert [b.kind for b in blocks] == [ROW, ROW]
    assert "Ann Lee" in blocks[1].text


def test_a_line_break_is_whitespace_inside_a_sentence():
    one = read("The rate was 40% for the April 2012 to March 2013 cohort.\n").blocks
    two = read("The rate was 40% for the April\n2012 to March 2013 cohort.\n").blocks
    assert [b.text for b in one] == [b.text for b in two]


def test_a_list_is_a_run_of_items_whatever_mark_each_has():
    """Numbers and bullets mixed, a number skipped, a list that does not start at 1: every line
    that opens with a mark is an item (the parser warns about the marks)."""
    text = (
        "Key strengths\n\n"
        "1. Reports were good.\n2. Parents were involved.\n- Assessments were accurate.\n"
        "4. Planning was good.\n6) Relationships were good.\n\n"
        "Areas requiring improvement\n\n"
        "2. Better oversight.\n(3) Clearer plans.\n"
    )
    assert [(b.kind, b.marker, b.text) for b in read(text).blocks] == [
        (HEADING, "", "Key strengths"),
        (ITEM, "1", "Reports were good."),
        (ITEM, "2", "Parents were involved."),
        (ITEM, "•", "Assessments were accurate."),
        (ITEM, "4", "Planning was good."),
        (ITEM, "6", "Relationships were good."),
        (HEADING, "", "Areas requiring improvement"),
        (ITEM, "2", "Better oversight."),
        (ITEM, "3", "Clearer plans."),
    ]


def test_a_number_out_of_sequence_inside_a_sentence_is_not_an_item():
    """Inside a list, a line that opens with an unexpected number after an unfinished sentence
    is that sentence's hard wrap; outside a list, such a line is prose as before."""
    text = "1. Reviews were done in\n12. cases out of twenty.\n\nThe YOS said\n5) things.\n"
    assert [(b.kind, b.marker, b.text) for b in read(text).blocks] == [
        (ITEM, "1", "Reviews were done in 12. cases out of twenty."),
        (PARAGRAPH, "", "The YOS said 5) things."),
    ]
