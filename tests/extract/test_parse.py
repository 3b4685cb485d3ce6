"""The seed reports' real figures, and variants written to exercise what real reports do."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict

import pytest
from conftest import DATA, SOMERSET, ST_HELENS
from hypothesis import given, settings
from hypothesis import strategies as st

from sqs_analysis.domain import slugify
from sqs_analysis.errors import ReportParseError
from sqs_analysis.extract.parse import parse_file, parse_text

EXPECTED = {
    ST_HELENS: dict(
        inspection_id="st-helens-2015-07",
        area="St Helens",
        service="YOS",
        service_name="St Helens Youth Offending Service",
        nation="England",
        nation_evidence="area: St Helens; copy list: Ofsted; copy list: Care Quality Commission; "
        "copy list: Police and Crime Commissioner for Merseyside",
        publication_date=dt.date(2015, 7, 8),
        fieldwork_start=dt.date(2015, 6, 15),
        fieldwork_end=dt.date(2015, 6, 17),
        cases_examined=14,
        custody_cases_included=None,
        reoffending_rate_pct=46.2,
        reoffending_vs_previous_year="worse",
        reoffending_change_stated="3% worse",
        ew_average_pct=36.1,
        cohort_start="2012-04",
        cohort_end="2013-03",
        rate_published="2015-01",
        addressee="Andy Dempsey",
        addressee_role="Chair of St Helens YOS Management Board",
        assistant_chief_inspector="Helen Mercer",
        lead_inspector="Yvonne McGuckian",
    ),
    SOMERSET: dict(
        inspection_id="somerset-2016-06",
        area="Somerset",
        service="YOT",
        service_name="Somerset Youth Offending Team",
        nation="England",
        nation_evidence="area: Somerset; copy list: Ofsted; copy list: Care Quality Commission; "
        "copy list: Police and Crime Commissioner for Avon and Somerset",
        publication_date=dt.date(2016, 6, 8),
        fieldwork_start=dt.date(2016, 5, 9),
        fieldwork_end=dt.date(2016, 5, 11),
        cases_examined=20,
        custody_cases_included=False,
        reoffending_rate_pct=32.3,
        reoffending_vs_previous_year="better",
        reoffending_change_stated="better",
        ew_average_pct=37.8,
        cohort_start="2013-07",
        cohort_end="2014-06",
        rate_published="2016-04",
        addressee="Julian Wooster",
        addressee_role=(
            "Chair of Somerset Youth Offending Team Management Board and Director of "
            "Children's Services"
        ),
        assistant_chief_inspector="Alan MacDonald",
        lead_inspector="Vivienne Clarke",
    ),
}
COUNTS = {ST_HELENS: (20, 5, 3, 10.1), SOMERSET: (16, 5, 3, -5.5)}


@pytest.mark.parametrize("path", list(EXPECTED), ids=lambda p: p.stem)
def test_seed_headline_figures(path):
    report = parse_file(path)
    for field, value in EXPECTED[path].items():
        assert getattr(report, field) == value, field
    n_paragraphs, n_strengths, n_improvements, gap = COUNTS[path]
    assert len(report.numbered_paragraphs) == n_paragraphs
    assert sum(j.kind == "strength" for j in report.judgements) == n_strengths
    assert sum(j.kind == "improvement" for j in report.judgements) == n_improvements
    assert report.rate_gap_pct_points == gap
    assert report.issues == []


def _paragraph(report, pid):
    return next(p for p in report.paragraphs if p.paragraph_id == pid)


def test_st_helens_1_1_reads_on_across_its_footnote():
    text = _paragraph(parse_file(ST_HELENS), "1.1").text
    assert "factors relating to offending. In many of the cases" in text
    assert text.endswith("in the record of assessment (Asset).")
    assert "Ministry of Justice" not in text and "Published January" not in text


def test_somerset_2_2_includes_its_continuation_after_the_page_break():
    text = _paragraph(parse_file(SOMERSET), "2.2").text
    assert "Many plans comprised high level actions and lacked essential details" in text
    assert text.endswith(
        "In some instances there was too little focus on how victims would be kept safe."
    )


def test_somerset_2_3_without_a_bullet_is_still_a_paragraph():
    text = _paragraph(parse_file(SOMERSET), "2.3").text
    assert text.endswith(
        "Assessments were reviewed appropriately in 8 of the 11 cases that needed it, and planning in 7 of 9."
    )


def test_operational_management_reads_on_across_the_rule_and_footnote():
    text = _paragraph(parse_file(ST_HELENS), "operational-management").text
    assert "knew how their work contributed to the strategic aims of the YOS." in text
    assert "Name changed" not in text
    # The section's two paragraphs are one text: a paragraph break cannot survive every copy
    # (text whose line breaks were lost), so no table may depend on it.
    assert "\n" not in text
    assert "mainstream services." in text and text.startswith("We found that case managers")


def test_footnote_marker_leaves_no_trace_and_footnotes_are_kept():
    report = parse_file(ST_HELENS)
    assert '"Peter a 17 year old' in _paragraph(report, "3.4").text
    assert report.footnotes == [
        "Published January 2015 based on binary reoffending rates after 12 months for the "
        "April 2012-March 2013 cohort. Source: Ministry of Justice",
        "Name changed to protect the identity of the child or young person",
    ]


def test_strengths_improvements_and_copy_list():
    report = parse_file(ST_HELENS)
    improvements = [j.text for j in report.judgements if j.kind == "improvement"]
    assert improvements[2].startswith("The emotional health needs of children and young people")
    assert report.judgements[0].text.startswith("Good quality pre-sentence and panel reports")
    people = [(c.role, c.name) for c in report.contacts]
    assert len(people) == 21
    assert ("Chair of Youth Court Bench", "John Atherton, JP") in people
    assert [n for r, n in people if r == "YJB link staff"] == [
        "Malcolm Potter", "Paula Williams", "Linda Paris", "Julie Fox"
    ]  # fmt: skip
    assert ("Ofsted - Social Care", "Lynn Radley") in people
    assert len(parse_file(SOMERSET).contacts) == 22


def test_pdf_extracted_text_parses_to_the_same_report():
    """Hard wraps, `rate1`, footnotes on their own lines, running headers, page numbers."""
    markdown, plain = (
        asdict(parse_file(ST_HELENS)),
        asdict(parse_file(DATA / "st-helens-pdf-text.txt")),
    )
    for field in ("source_file", "source_sha256"):
        markdown.pop(field), plain.pop(field)
    assert plain == markdown


def test_dates_as_a_range_in_one_month_and_numbers_as_words():
    report = parse_file(DATA / "newtown-2016-05.md")
    assert (report.fieldwork_start, report.fieldwork_end) == (
        dt.date(2016, 4, 4),
        dt.date(2016, 4, 7),
    )
    assert report.cases_examined == 12
    assert (report.service, report.service_name) == ("YJS", "Newtown Youth Justice Service")
    assert report.lead_inspector == "Mary-Jane O'Neil"
    assert [j.text for j in report.judgements if j.kind == "improvement"] == [
        "Planning for risk of harm to others.",
        "Management oversight of plans.",
    ]
    assert [(c.role, c.name) for c in report.contacts][1:] == [
        ("Chair of Youth Court Bench", "John Smith, JP"),
        ("Chair of Youth Court Bench", "Ann Lee"),
    ]


def test_no_reoffending_sentence_leaves_fields_empty_with_a_warning():
    report = parse_file(DATA / "newtown-2016-05.md")
    assert report.reoffending_rate_pct is None and report.ew_average_pct is None
    assert report.rate_gap_pct_points is None
    assert [(i.field, i.message) for i in report.issues] == [
        ("reoffending_rate_pct", "no published reoffending rate stated")
    ]


def test_range_across_months_custody_included_and_same_as_previous_year():
    report = parse_file(DATA / "eastshire-2015-12.txt")
    assert (report.fieldwork_start, report.fieldwork_end) == (
        dt.date(2015, 11, 30),
        dt.date(2015, 12, 2),
    )
    assert report.custody_cases_included is True
    assert report.reoffending_vs_previous_year == "same"
    assert report.reoffending_change_stated == "the same as the previous year"
    assert (report.cohort_start, report.cohort_end, report.rate_published) == (
        "2012-10",
        "2013-09",
        "2015-10",
    )
    assert report.rate_gap_pct_points == -2.1


def test_truncated_report_parses_what_is_there_and_warns():
    report = parse_file(DATA / "truncated-somerset.md")
    assert report.inspection_id == "somerset-2016-06"
    assert report.reoffending_rate_pct == 32.3 and report.cases_examined == 20
    assert report.paragraphs == [] and report.judgements == []
    fields = {i.field for i in report.issues}
    assert {"paragraphs", "strength", "improvement", "contacts", "lead_inspector"} <= fields
    assert all(i.severity == "warning" for i in report.issues)


def test_not_an_sqs_report_is_refused_with_file_and_reason():
    with pytest.raises(ReportParseError) as err:
        parse_file(DATA / "full-joint-inspection.md")
    assert err.value.path.endswith("full-joint-inspection.md")
    assert "not an SQS report" in err.value.reason and "Full Joint Inspection" in err.value.reason


@pytest.mark.parametrize(
    "name, looks_like",
    [
        ("full-joint-inspection.md", "Full Joint Inspection"),
        ("core-case-inspection.md", "Core Case Inspection"),
        ("rated-inspection-2019.md", "inspection of youth offending services"),
    ],
)
def test_other_inspection_types_are_refused_as_not_sqs(name, looks_like):
    with pytest.raises(ReportParseError) as err:
        parse_file(DATA / name)
    assert (
        err.value.reason
        == f"not an SQS report: no 'Short Quality Screening' (looks like: {looks_like})"
    )


def test_sqs_words_without_structure_are_refused():
    with pytest.raises(ReportParseError, match="no recognisable structure"):
        parse_text(
            "Notes on Short Quality Screening in general.", source_file="x.md", sha256="0" * 64
        )


def test_title_split_over_two_lines():
    text = ST_HELENS.read_text(encoding="utf-8").replace(
        "youth offending work in St Helens\n", "youth offending work in\nSt Helens\n", 1
    )
    report = parse_text(text, source_file="split.md", sha256="0" * 64)
    assert report.area == "St Helens" and report.inspection_id == "st-helens-2015-07"


@pytest.mark.parametrize(
    "name, slug",
    [
        ("St Helens", "st-helens"),
        ("Bath & N.E. Somerset", "bath-and-n-e-somerset"),
        ("King's Lynn", "kings-lynn"),
        ("King\u2019s Lynn", "kings-lynn"),
        ("Ynys Môn", "ynys-mon"),
        ("../etc", "etc"),
    ],
)
def test_slugify_gives_safe_ids(name, slug):
    assert slugify(name) == slug


# --- copies laid out as real copies are: reports of our own under tests/data ----------------

OWN = {
    "kings-lynn-2016-03.txt": {
        # PDF-like text: ALL CAPS title and headings without numbers, "Making sure the sentence
        # is served", "rate1" glued and the sentence wrapped, "better ... but worse than", a
        # footnote at a page foot in the middle of paragraph 1.2, running header, page numbers,
        # "▪" bullets with unmarked continuation lines, a copy list apart by runs of spaces.
        "area": "King's Lynn",
        "inspection_id": "kings-lynn-2016-03",
        "service": "YOS",
        "service_name": "King's Lynn Youth Offending Service",
        # a town of a lower-tier district: the area says nothing, Norfolk's force does
        "nation": "England",
        "nation_evidence": "copy list: Police and Crime Commissioner for Norfolk",
        "fieldwork_start": dt.date(2016, 2, 7),
        "fieldwork_end": dt.date(2016, 2, 9),
        "cases_examined": 16,
        "custody_cases_included": False,
        "reoffending_rate_pct": 38.4,
        "reoffending_vs_previous_year": "better",
        "reoffending_change_stated": "1.2% better",
        "ew_average_pct": 37.7,
        "cohort_start": "2013-04",
        "cohort_end": "2014-03",
        "rate_published": "2016-01",
        "addressee": "Priya Shah",
        "lead_inspector": "Tom Okafor",
    },
    "telford-and-wrekin-2014-05.md": {
        # Markdown: bold headings with numbers and colons, "¹" as the marker, "per cent",
        # "an improvement on", a footnote in the "available during the fieldwork" phrasing with
        # a "January to December" cohort, "between 24 and 26 March", YJS, "Role: Name" copy list.
        "area": "Telford & Wrekin",
        "inspection_id": "telford-and-wrekin-2014-05",
        "service": "YJS",
        "service_name": "Telford & Wrekin Youth Justice Service",
        "nation": "England",
        "nation_evidence": "area: Telford & Wrekin",
        "fieldwork_start": dt.date(2014, 3, 24),
        "fieldwork_end": dt.date(2014, 3, 26),
        "cases_examined": 22,
        "custody_cases_included": True,
        "reoffending_rate_pct": 41.0,
        "reoffending_vs_previous_year": "better",
        "reoffending_change_stated": "an improvement",
        "ew_average_pct": 42.3,
        "cohort_start": "2011-01",
        "cohort_end": "2011-12",
        "rate_published": "2013-10",
        "addressee": "Ruth Bell",
        "lead_inspector": "Nadia Akhtar",
    },
}


@pytest.mark.parametrize("name", sorted(OWN))
def test_own_copies_read_every_headline_field(name):
    report = parse_file(DATA / name)
    assert {k: getattr(report, k) for k in OWN[name]} == OWN[name]
    assert report.issues == []


def test_own_copies_find_every_paragraph_under_its_theme_and_every_list_item():
    lynn = parse_file(DATA / "kings-lynn-2016-03.txt")
    assert [(p.paragraph_id, p.section_no) for p in lynn.paragraphs] == [
        ("1.1", 1), ("1.2", 1), ("2.1", 2), ("2.2", 2), ("3.1", 3), ("4.1", 4),
        ("operational-management", None),
    ]  # fmt: skip
    paragraph = _paragraph(lynn, "1.2").text
    assert paragraph.endswith("in slightly fewer than half of the cases that needed a review, "
                              "which was too few.")  # fmt: skip
    assert "Published" not in paragraph and "Page" not in paragraph
    assert [j.text for j in lynn.judgements if j.kind == "strength"] == [
        "Case managers knew the children they supervised well and built trust with their "
        "families over time.",
        "Plans were written in words that children understood.",
        "Work to keep children safe was prompt and well coordinated with children's social care.",
    ]
    assert (lynn.count("commentary"), lynn.count("strengths"), lynn.count("improvements")) == (
        6, 3, 2)  # fmt: skip


def test_copy_lists_apart_by_spaces_and_as_role_colon_name():
    lynn = parse_file(DATA / "kings-lynn-2016-03.txt")
    assert [(c.role, c.name) for c in lynn.contacts] == [
        ("YOS Head of Service", "Dana Whyte"),
        ("Local Authority Chief Executive", "Owen Price"),
        ("Police and Crime Commissioner for Norfolk", "Lorne Green"),
        ("YJB link staff", "Sam Burke"),
        ("YJB link staff", "Alia Noor"),
        ("YJB link staff", "Ben Rowe"),  # wrapped onto the next line
    ]
    telford = parse_file(DATA / "telford-and-wrekin-2014-05.md")
    assert [(c.role, c.name) for c in telford.contacts] == [
        ("Head of Youth Justice Service", "Carl Dunn"),
        ("Local Authority Chief Executive", "Helen Moss"),
        ("YJB link staff", "Ian Price"),
        ("YJB link staff", "Joy Lamb"),
    ]


def test_a_copy_list_as_a_markdown_table_or_as_name_role():
    base = (DATA / "telford-and-wrekin-2014-05.md").read_text(encoding="utf-8")
    start, end = base.index("Head of Youth Justice Service:"), base.index("\n\n¹")
    table = "| Role | Name |\n|---|---|\n| Head of Youth Justice Service | Carl Dunn |\n" \
            "| YJB link staff | Ian Price, Joy Lamb |"  # fmt: skip
    name_role = "Carl Dunn (Head of Youth Justice Service)\nIan Price, Joy Lamb (YJB link staff)"
    for layout in (table, name_role):
        report = parse_text(base[:start] + layout + base[end:], source_file="t.md", sha256="0")
        assert [(c.role, c.name) for c in report.contacts] == [
            ("Head of Youth Justice Service", "Carl Dunn"),
            ("YJB link staff", "Ian Price"),
            ("YJB link staff", "Joy Lamb"),
        ], layout


def test_a_report_cut_off_after_its_summary_has_empty_counts_not_zero():
    report = parse_file(DATA / "riverside-2017-01.md")
    assert report.sections == ("context", "summary")
    assert (report.count("commentary"), report.count("strengths")) == (None, None)
    assert report.count("improvements") is None
    # what is there is read: a reference mark ("rate3") whose footnote is missing goes anyway
    assert (report.reoffending_rate_pct, report.ew_average_pct) == (35.5, 33.9)
    assert report.reoffending_vs_previous_year == "same"
    assert (report.fieldwork_start, report.fieldwork_end) == (dt.date(2016, 11, 30),
                                                               dt.date(2016, 12, 2))  # fmt: skip
    assert report.rate_published is None and report.cohort_start is None


def test_a_section_that_is_there_and_empty_counts_zero():
    text = (DATA / "telford-and-wrekin-2014-05.md").read_text(encoding="utf-8")
    start = text.index("• Assessments of risk")
    end = text.index("If you have any questions")
    report = parse_text(text[:start] + text[end:], source_file="t.md", sha256="0")
    assert report.count("improvements") == 0 and report.count("strengths") == 2


@pytest.mark.parametrize("name", ["kings-lynn-2016-03.txt", "riverside-2017-01.md"])
def test_no_control_character_reaches_any_value(name):
    report = parse_file(DATA / name)
    values = [str(v) for v in asdict(report).values()]
    values += [p.text for p in report.paragraphs] + [j.text for j in report.judgements]
    assert not any(ord(c) < 32 for v in values for c in v if c not in "\n\t")


@pytest.mark.parametrize(
    "old, new, field",
    [
        ("was 46.2%", "was 146.2%", "reoffending_rate_pct"),
        ("average of 36.1%", "average of 136.1%", "ew_average_pct"),
        ("15\u201317 June 2015", "15\u201317 June 2016", "fieldwork_start"),  # after publication
        ("We examined 14 cases", "We examined 0 cases", "cases_examined"),
    ],
)
def test_a_value_no_report_can_mean_is_a_warning_and_an_empty_cell(old, new, field):
    text = ST_HELENS.read_text(encoding="utf-8")
    assert old in text
    report = parse_text(text.replace(old, new, 1), source_file="x.md", sha256="0" * 64)
    assert getattr(report, field) is None
    assert [i.field for i in report.issues] == [field]


# --------------------------------------------------------------------------- lists' marks

ST_HELENS_STRENGTHS = [
    "Good quality pre-sentence and panel reports to inform sentencing, with initial assessments "
    "of the individual needs of children and young people leading to a tailored approach to work.",
    "Parents/carers are fully involved in assessment and planning, and are seen as being a central "
    "support to the child or young person.",
    "Assessments of vulnerability were accurate and informally reviewed at each contact; leading "
    "to prompt responses to changes in welfare and safeguarding needs.",
    "Planning to reduce reoffending was good, and clear to children and young people.",
    "Case managers had developed good relationships with children and young people and this had "
    "supported good compliance.",
]
ST_HELENS_IMPROVEMENTS = [
    "The Management Board should consider how each partner agency can best support the complex "
    "needs of children, young people and their families and in enabling the YOS to have better "
    "focus on work to protect the public and reduce reoffending.",
    "Management oversight should ensure that plans to manage both risk of harm to others and "
    "vulnerability provide clear direction for all involved in the case.",
    "The emotional health needs of children and young people are clearly identified, assessed "
    "and met including the provision of specialist services.",
]
LISTS = {"strength": "Key strengths", "improvement": "Areas requiring improvement"}


def _marked(marks: list[str], kind: str = "strength", one_line: bool = False) -> str:
    """St Helens with the items of one list marked ``marks`` (one each) instead of ``- ``."""
    import reformat

    text = ST_HELENS.read_text(encoding="utf-8")
    start = text.index(f"### **{LISTS[kind]}**")
    end = text.index("\n\n", text.index("\n- ", start) + 1)  # the list's last item
    lines = text[start:end].split("\n")
    items = [i for i, line in enumerate(lines) if line.startswith("- ")]
    assert len(items) == len(marks)
    for i, mark in zip(items, marks, strict=True):
        lines[i] = f"{mark} {lines[i][2:]}"
    text = text[:start] + "\n".join(lines) + text[end:]
    return reformat.one_line(text) if one_line else text


def _list(marks: list[str], kind: str = "strength", one_line: bool = False):
    report = parse_text(_marked(marks, kind, one_line), source_file="x.md", sha256="0")
    texts = [j.text for j in report.judgements if j.kind == kind]
    return texts, [i.message for i in report.issues if i.field == kind]


@pytest.mark.parametrize("one_line", [False, True], ids=["lines", "one-line"])
@pytest.mark.parametrize(
    "marks",
    [["1.", "2.", "-", "4.", "5."], ["1.", "2.", "3.", "4.", "-"], ["-", "2.", "3.", "4.", "5."]],
)
def test_a_bullet_among_numbered_strengths_loses_none_of_them_and_warns(marks, one_line):
    texts, warnings = _list(marks, one_line=one_line)
    assert texts == ST_HELENS_STRENGTHS
    shown = ", ".join("•" if m == "-" else m.rstrip(".") for m in marks)
    assert warnings == [
        f"the items under 'Key strengths' are marked {shown} (bullets and numbers mixed): "
        "check that no item was lost or split"
    ]


@pytest.mark.parametrize("one_line", [False, True], ids=["lines", "one-line"])
def test_strengths_numbered_with_a_gap_are_all_kept_with_a_warning(one_line):
    texts, warnings = _list(["1.", "2.", "3.", "5.", "6."], one_line=one_line)
    assert texts == ST_HELENS_STRENGTHS
    assert warnings == [
        "the items under 'Key strengths' are marked 1, 2, 3, 5, 6 (not numbered 1 to 5): "
        "check that no item was lost or split"
    ]


@pytest.mark.parametrize("one_line", [False, True], ids=["lines", "one-line"])
def test_improvements_with_a_bullet_among_numbers_are_all_kept_with_a_warning(one_line):
    texts, warnings = _list(["(1)", "*", "(3)"], "improvement", one_line)
    assert texts == ST_HELENS_IMPROVEMENTS
    assert warnings == [
        "the items under 'Areas requiring improvement' are marked 1, •, 3 "
        "(bullets and numbers mixed): check that no item was lost or split"
    ]


def test_a_paragraph_among_the_items_of_a_list_is_kept_as_an_item_with_a_warning():
    text = ST_HELENS.read_text(encoding="utf-8").replace(
        "- Planning to reduce reoffending", "\nPlanning to reduce reoffending", 1
    )
    report = parse_text(text, source_file="x.md", sha256="0")
    assert [j.text for j in report.judgements if j.kind == "strength"] == ST_HELENS_STRENGTHS
    assert [i.message for i in report.issues if i.field == "strength"] == [
        "text without a mark under 'Key strengths' taken as an item: "
        "'Planning to reduce reoffending was good, and clear to...'"
    ]


_MARK = st.sampled_from(["-", "*", "•", "1.", "1)", "(1)", "(a)"])


@settings(max_examples=60, deadline=None)
@given(
    kind=st.sampled_from(list(LISTS)),
    styles=st.lists(_MARK, min_size=5, max_size=5),
    numbers=st.lists(st.integers(1, 20), min_size=5, max_size=5) | st.just([1, 2, 3, 4, 5]),
    one_line=st.booleans(),
)
def test_any_marks_on_a_list_give_the_same_items_in_order(kind, styles, numbers, one_line):
    """Bullets in any glyph, numbers as ``1.``, ``1)``, ``(1)`` or letters, in any mixture and
    any numbering: the same items, in order; a warning exactly when the marks are mixed or the
    numbers are not 1 to n."""
    expected = ST_HELENS_STRENGTHS if kind == "strength" else ST_HELENS_IMPROVEMENTS
    styles, numbers = styles[: len(expected)], numbers[: len(expected)]
    marks = []
    for style, n in zip(styles, numbers, strict=True):
        if style == "(a)":
            marks.append(f"({chr(ord('a') + n - 1)})")
        else:
            marks.append(style.replace("1", str(n)))
    texts, warnings = _list(marks, kind, one_line)
    assert texts == expected
    bullets = sum(style in "-*•" for style in styles)
    regular = bullets == len(styles) or (bullets == 0 and numbers == [1, 2, 3, 4, 5][: len(styles)])
    assert len(warnings) == (0 if regular else 1), (marks, warnings)
