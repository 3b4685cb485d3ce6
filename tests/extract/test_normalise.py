"""normalise: characters and inline markup to plain lines; footnote references become tokens."""

from __future__ import annotations

from sqs_analysis.extract.normalise import MARK, clean_inline, clean_lines


def test_entities_dashes_and_spaces():
    assert clean_inline("Ofsted &ndash; Social&nbsp;Care") == "Ofsted - Social Care"
    assert clean_inline("child&#8217;s &amp;amp; x") == "child's & x"


def test_formatting_tags_and_markdown_go_but_other_tags_stay_as_text():
    assert clean_inline("<i>To:</i>\t<b>A</b> **bold** *it*") == "To:\tA bold it"
    assert clean_inline("[a@b.uk](mailto:a@b.uk) <http://x.uk>") == "a@b.uk http://x.uk"
    hostile = "<script>alert(1)</script> <img src=x onerror=alert(1)>"
    assert clean_inline(hostile) == hostile


def test_line_endings_bom_and_typography_are_one_form():
    text = "\ufeffA\u2019s \u201crate\u201d\r\n15\u201317 June\u00a02015 \u2014 ok\rB"
    assert clean_lines(text) == ['A\'s "rate"', "15-17 June 2015 - ok", "B"]


def test_every_bullet_glyph_becomes_one_bullet():
    for glyph in ("•", "▪", "\uf0b7", "●", "◦", "\u00b7"):
        assert clean_lines(f"{glyph} Good work.") == ["• Good work."], glyph


def test_footnote_references_in_every_notation_become_one_token():
    token = f"{MARK}1{MARK}"
    for text in ("rate<sup>1</sup> of", "rate¹ of", "rate[^1] of"):
        assert clean_lines(text) == [f"rate{token} of"], text


def test_html_blocks_become_lines():
    html = "<h2>Summary</h2><p>One.</p><ul><li>First</li><li>Second</li></ul>"
    assert [ln for ln in clean_lines(html) if ln] == ["## Summary", "One.", "- First", "- Second"]


def test_no_control_characters_survive_except_the_reference_token():
    lines = clean_lines("a\x00b\x07c\x01 rate\u00b9 d\x0be")
    assert lines == [f"abc rate{MARK}1{MARK} d", "e"]
