"""Table cells typeset for paper: a break after each underscore, numbers marked to stay whole."""

from __future__ import annotations

import pytest

from sqs_analysis.publish.typeset import NUMBER_CLASS, is_number, typeset_cells


@pytest.mark.parametrize(
    "text", ["46.2%", "36.1", "-5.5", "\u22125.5 points", "+10.1 points", "1,204", "0.857143",
             "14", " 20 ", "3 pp", "\u00b10.4"],
)  # fmt: skip
def test_a_number_is_a_number(text):
    assert is_number(text)


@pytest.mark.parametrize(
    "text", ["", "not stated", "2015-07", "7 of 11", "somerset-2016-06", "8 July 2015", "1.2.3",
             "April 2012 to March 2013", "9% worse", "SHA-256", ".5", "46.2%%"],
)  # fmt: skip
def test_words_dates_and_ids_are_not_numbers(text):
    assert not is_number(text)


def test_underscores_get_a_break_opportunity_and_numbers_a_class():
    page = (
        "<head><style>td_x { }</style></head><body><table>"
        "<tr><th>inspection_id</th><th>gap_pct_points</th></tr>"
        "<tr><td>reducing_reoffending</td><td>+10.1 points</td></tr></table></body>"
    )
    typeset = typeset_cells(page)
    assert typeset.startswith("<head><style>td_x { }</style></head>")  # the head is left alone
    assert "<th>inspection_<wbr>id</th><th>gap_<wbr>pct_<wbr>points</th>" in typeset
    assert f'<td>reducing_<wbr>reoffending</td><td class="{NUMBER_CLASS}">+10.1 points</td>' in (
        typeset
    )


def test_a_cell_keeps_its_attributes_and_classes():
    typeset = typeset_cells('<body><td class="a b" style="x">46.2%</td><td id="n">3</td>')
    assert typeset == (
        f'<body><td class="a b {NUMBER_CLASS}" style="x">46.2%</td>'
        f'<td id="n" class="{NUMBER_CLASS}">3</td>'
    )


def test_only_plain_text_cells_are_touched_and_headers_are_never_numbers():
    page = "<body><td>a_b <em>c_d</em></td><th>2015</th><tdx>e_f</tdx><td>&amp; x_y</td>"
    assert typeset_cells(page) == (
        "<body><td>a_b <em>c_d</em></td><th>2015</th><tdx>e_f</tdx><td>&amp; x_<wbr>y</td>"
    )


def test_typesetting_twice_changes_nothing_more():
    once = typeset_cells('<body><td class="n">12</td><th>a_b</th><td>c_d</td></body>')
    assert once == (
        f'<body><td class="n {NUMBER_CLASS}">12</td><th>a_<wbr>b</th><td>c_<wbr>d</td></body>'
    )
    assert typeset_cells(once) == once
