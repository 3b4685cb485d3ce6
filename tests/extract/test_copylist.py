"""The copy list in every layout copies show: one (role, name) per person, never a guess."""

from __future__ import annotations

import pytest

from sqs_analysis.extract.copylist import contacts
from sqs_analysis.extract.records import ParsedReport


def _people(*groups: tuple[str, ...]) -> tuple[list[tuple[str, str]], list[str]]:
    report = ParsedReport(source_file="x.md", source_sha256="0" * 64, area="A", inspection_id="a")
    found = [(c.role, c.name) for c in contacts(list(groups), report)]
    return found, [i.message for i in report.issues]


EXPECTED = [
    ("YOT Manager", "Ann Lee"),
    ("YJB link staff", "Sam Burke"),
    ("YJB link staff", "Alia Noor"),
    ("YJB link staff", "Ben Rowe"),
]


@pytest.mark.parametrize(
    "lines",
    [
        ("YOT Manager\tAnn Lee", "YJB link staff\tSam Burke, Alia Noor, Ben Rowe"),
        ("YOT Manager\tAnn Lee", "YJB link staff\tSam Burke", "Alia Noor", "Ben Rowe"),  # cells
        ("YOT Manager       Ann Lee", "YJB link staff    Sam Burke, Alia Noor, Ben"),
        ("YOT Manager: Ann Lee", "YJB link staff: Sam Burke, Alia Noor, Ben Rowe"),
        ("| YOT Manager | Ann Lee |", "| YJB link staff | Sam Burke, Alia Noor, Ben Rowe |"),
        ("Ann Lee (YOT Manager)", "Sam Burke, Alia Noor, Ben Rowe (YJB link staff)"),
        ("Ann Lee (YOT Manager) Sam Burke, Alia Noor, Ben Rowe (YJB link staff)",),  # run on
        ("Ann Lee (YOT", "Manager)", "Sam Burke, Alia Noor, Ben Rowe (YJB link staff)"),
    ],
)
def test_every_layout_gives_the_same_people(lines):
    if lines[-1].endswith("Ben"):  # a surname wrapped onto a line of its own
        lines = (*lines, "Rowe")
    assert _people(lines) == (EXPECTED, [])


def test_justified_pdf_text_spaces_names_but_the_column_gap_is_wider():
    found, issues = _people(
        ("YJB Communications                 Ali   Lewis,   Rachel   Brown,   Summer", "Nisar"),
    )
    assert found == [
        ("YJB Communications", "Ali Lewis"),
        ("YJB Communications", "Rachel Brown"),
        ("YJB Communications", "Summer Nisar"),
    ]
    assert issues == []


def test_entries_that_ran_on_are_split_by_role_words_or_left_out_with_a_warning():
    found, issues = _people(("YOT Manager\tAnn Lee Local Authority Chief Executive\tOwen Price",))
    assert found == [("YOT Manager", "Ann Lee"), ("Local Authority Chief Executive", "Owen Price")]
    found, issues = _people(("YOT Manager\tAnn Lee Zebra Keeper\tOwen Price",))
    assert found == [] and issues == [
        "copy list: cannot tell names from the next role in 'Ann Lee Zebra Keeper'"
    ]


def test_a_title_wrapped_from_its_name_stays_with_it():
    found, _ = _people(
        ("Lead Elected Member for Crime: Councillor", "Susan Murphy"),
    )
    assert found == [("Lead Elected Member for Crime", "Councillor Susan Murphy")]


def test_rows_under_an_empty_role_cell_run_on_when_line_ends_are_lost():
    line = "YJB link staff\tSam Burke \tAlia Noor \tBen Rowe YOT Manager\tAnn Lee"
    found, issues = _people((line,))
    assert found == [*EXPECTED[1:], EXPECTED[0]] and issues == []
    # one tab after a space on an ordinary row is a role and its names, not an empty cell
    assert _people(("YOT Manager \tAnn Lee",)) == ([("YOT Manager", "Ann Lee")], [])
