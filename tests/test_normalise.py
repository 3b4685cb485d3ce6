from __future__ import annotations

from sqs_analysis.normalise import SOFT_BREAK, blocks, clean_inline, normalise


def test_broken_entity_around_a_footnote_marker_is_repaired_and_lifted():
    doc = normalise("Summary\n\n<sup>&</sup>lt;sup>1</sup> The rate was published April 2016.\n")
    assert doc.footnotes == {1: "The rate was published April 2016."}
    assert "lt;" not in "".join(doc.lines)


def test_entities_dashes_and_spaces():
    assert clean_inline("Ofsted &ndash; Social&nbsp;Care") == "Ofsted - Social Care"
    assert clean_inline("15\u201317 June\u00a02015 \u2014 ok") == "15-17 June 2015 - ok"
    assert clean_inline("child\u2019s &amp;amp; x") == "child's & x"


def test_formatting_tags_and_markdown_go_but_other_tags_stay_as_text():
    assert clean_inline("<i>To:</i>\t<b>A</b> **bold** *it*") == "To:\tA bold it"
    assert clean_inline("[a@b.uk](mailto:a@b.uk) <http://x.uk>") == "a@b.uk http://x.uk"
    hostile = "<script>alert(1)</script> <img src=x onerror=alert(1)>"
    assert clean_inline(hostile) == hostile


def test_furniture_lines_are_lifted_out():
    text = (
        "1st Floor, Manchester Civil Justice Centre, 1 Bridge Street West, Manchester M3 3FX\n"
        "Arolygiad o Waith Troseddu leuenctid 0161 240 5336\n"
        "Header line\nPage 1 of 3\nbody\n---\nHeader line\nPage 2 of 3\nHeader line\n"
        "Twice only\nTwice only\nSQS St Helens 7\nSQS St Helens 8\n"
    )
    # A line repeated on three pages, or repeated with a changing number, is furniture.
    lines = [ln for ln in normalise(text).lines if ln != SOFT_BREAK]
    assert lines == ["body", "Twice only", "Twice only", ""]


def test_glued_footnote_digits_are_removed_only_for_real_footnotes():
    doc = normalise("The rate1 for Year 11 was 4 in COVID19 terms.\n\n1 Published January 2015.\n")
    assert doc.lines[0] == "The rate for Year 11 was 4 in COVID19 terms."
    assert doc.footnotes == {1: "Published January 2015."}


def test_hyphen_at_line_end_joined_only_when_the_document_spells_the_word():
    doc = normalise("reducing reoffend-\ning and pre-\nsentence reports; reoffending.\n")
    assert blocks(doc.lines) == ["reducing reoffending and pre-sentence reports; reoffending."]


def test_blocks_read_on_across_lifted_lines_but_not_across_sentence_ends():
    lines = [
        "- 1.1. relating to",
        SOFT_BREAK,
        "",
        "offending. End.",
        "",
        "New paragraph.",
        "",
        "lower",
    ]
    assert blocks(lines) == ["- 1.1. relating to offending. End.", "New paragraph. lower"]
    assert blocks(["Ends without stop", "", "Next starts upper"]) == [
        "Ends without stop",
        "Next starts upper",
    ]
