"""The headline sentences in the forms real reports use: each form read, none guessed."""

from __future__ import annotations

import datetime as dt

import pytest

from sqs_analysis.extract import headline
from sqs_analysis.extract.records import ParsedReport


def _report() -> ParsedReport:
    return ParsedReport(source_file="x.md", source_sha256="0" * 64, area="Area", inspection_id="a")


def _reoffending(text: str, footnotes: str = "") -> ParsedReport:
    report = _report()
    headline.reoffending(text, footnotes, report)
    return report


@pytest.mark.parametrize(
    "sentence, rate, direction, stated, ew",
    [
        (
            "The published reoffending rate for Area was 46.2%. This was 3% worse than the "
            "previous year and worse than the England and Wales average of 36.1%.",
            46.2, "worse", "3% worse", 36.1,
        ),
        (
            "The reoffending rate for Area was 38.4%. This was better than the previous year "
            "but worse than the England and Wales average of 37.7%.",
            38.4, "better", "better", 37.7,
        ),
        (
            "The reoffending rate for Area was 41.0 per cent. This was an improvement on the "
            "previous year and lower than the England and Wales average of 42.3 per cent.",
            41.0, "better", "an improvement", 42.3,
        ),
        (
            "The reoffending rate for Area was 35.5%, the same as the previous year and higher "
            "than the England and Wales average of 33.9%.",
            35.5, "same", "the same as the previous year", 33.9,
        ),
        (
            "Area's reoffending rate was 29.0%, which had improved by 2.5 percentage points since "
            "the previous year; the England and Wales average was 35.4%.",
            29.0, "better", "improved by 2.5 percentage points", 35.4,
        ),
        (
            "The reoffending rate was 40%, higher than the previous year. The average for England "
            "and Wales was 37%.",
            40.0, "worse", "higher", 37.0,
        ),
    ],
)  # fmt: skip
def test_the_reoffending_sentence_in_its_forms(sentence, rate, direction, stated, ew):
    report = _reoffending(sentence)
    assert report.reoffending_rate_pct == rate
    assert report.reoffending_vs_previous_year == direction
    assert report.reoffending_change_stated == stated
    assert report.ew_average_pct == ew


def test_a_sentence_wrapped_and_marked_reads_as_one():
    report = _reoffending("The reoffending rate for\nArea was\n31.5%.  This was 2%\nbetter than the "
                          "previous\nyear and better than the England and\nWales average of 36.0%.")  # fmt: skip
    assert (report.reoffending_rate_pct, report.ew_average_pct) == (31.5, 36.0)
    assert report.reoffending_change_stated == "2% better"


def test_no_comparison_is_a_warning_and_the_other_fields_still_read():
    report = _reoffending(
        "The reoffending rate for Area was 30.1%. No comparison with the previous year was "
        "available. The England and Wales average was 35.0%."
    )
    assert report.reoffending_rate_pct == 30.1 and report.ew_average_pct == 35.0
    assert report.reoffending_vs_previous_year is None
    assert report.reoffending_change_stated is None
    assert [i.field for i in report.issues].count("reoffending_vs_previous_year") == 1


def test_the_england_and_wales_average_is_never_taken_for_the_rate():
    report = _reoffending("The England and Wales average was 35.0%. Nothing else is said.")
    assert report.reoffending_rate_pct is None and report.ew_average_pct is None


@pytest.mark.parametrize(
    "footnote, published, start, end",
    [
        (
            "Published January 2015 based on binary reoffending rates after 12 months for the "
            "April 2012-March 2013 cohort. Source: Ministry of Justice",
            "2015-01", "2012-04", "2013-03",
        ),
        (
            "The reoffending rate that was available during the fieldwork was published April "
            "2016, and was based on binary reoffending rates after 12 months for the July 2013 - "
            "June 2014 cohort.",
            "2016-04", "2013-07", "2014-06",
        ),
        (
            "Published October 2013 based on the January to December 2011 cohort.",
            "2013-10", "2011-01", "2011-12",
        ),
        (
            "Published by the Ministry of Justice in July 2015, for the cohort between October "
            "2012 and September 2013.",
            "2015-07", "2012-10", "2013-09",
        ),
        ("Published April 2015 for the 2012/13 cohort.", "2015-04", "2012-04", "2013-03"),
        ("Published April 2015 for the 2012/14 cohort.", "2015-04", None, None),  # not a year
    ],
)  # fmt: skip
def test_footnote_phrasings_and_cohorts(footnote, published, start, end):
    report = _reoffending("The reoffending rate for Area was 30.0%.", footnote)
    assert report.rate_published == published
    assert (report.cohort_start, report.cohort_end) == (start, end)


@pytest.mark.parametrize(
    "sentence, start, end",
    [
        ("The inspection was conducted from 15-17 June 2015.", (2015, 6, 15), (2015, 6, 17)),
        ("The inspection was conducted from 15\u201317 June 2015.", (2015, 6, 15), (2015, 6, 17)),
        ("Fieldwork took place 30 November \u2013 2 December 2015.", (2015, 11, 30), (2015, 12, 2)),
        ("The inspection was conducted from 04-07 April 2016.", (2016, 4, 4), (2016, 4, 7)),
        ("The inspection took place from 7th to 9th March 2016.", (2016, 3, 7), (2016, 3, 9)),
        ("We visited between 12 and 14 January 2015.", (2015, 1, 12), (2015, 1, 14)),
        ("The inspection was conducted on 29 December 2014 - 2 January 2015.",
         (2014, 12, 29), (2015, 1, 2)),
    ],
)  # fmt: skip
def test_fieldwork_dates_in_their_forms(sentence, start, end):
    report = _report()
    headline.fieldwork(sentence, report)
    assert report.fieldwork_start == dt.date(*start)
    assert report.fieldwork_end == dt.date(*end)


def test_an_impossible_or_backwards_fieldwork_range_is_a_warning_not_a_date():
    for sentence in ("The inspection was conducted from 30-32 June 2015.",
                     "The inspection was conducted from 17-15 June 2015."):  # fmt: skip
        report = _report()
        headline.fieldwork(sentence, report)
        assert (report.fieldwork_start, report.fieldwork_end) == (None, None), sentence
        assert [i.field for i in report.issues] == ["fieldwork_start"], sentence


@pytest.mark.parametrize(
    "text, acronym, name",
    [
        ("supervised by Area Youth Offending Team (YOT).", "YOT", "Area Youth Offending Team"),
        ("supervised by Area Youth Offending Service.", "YOS", "Area Youth Offending Service"),
        ("supervised by Area Youth Justice Service (YJS).", "YJS", "Area Youth Justice Service"),
    ],
)
def test_the_service_and_its_acronym(text, acronym, name):
    report = _report()
    headline.service(text, "Area", report)
    assert (report.service, report.service_name) == (acronym, name)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("We examined 14 cases of children and young people.", 14),
        ("We looked at twenty cases.", 20),
        ("We inspected a sample of 18 cases.", 18),
    ],
)
def test_cases_examined(text, expected):
    report = _report()
    headline.cases_examined([text], report)
    assert report.cases_examined == expected


@pytest.mark.parametrize(
    "text, included",
    [
        ("None of the cases included a custodial sentence.", False),
        ("The findings only relate to cases managed in the community.", False),
        ("We examined 22 cases, including four custody cases.", True),
        ("We examined 22 cases. Three of these were custodial sentences.", True),
        ("We examined 22 cases.", None),
    ],
)
def test_custody_in_the_sample_only_when_said(text, included):
    report = _report()
    headline.custody(text, report)
    assert report.custody_cases_included is included


@pytest.mark.parametrize(
    "sentence, rate, ew",
    [
        ("At 36.4%, the reoffending rate for Area was higher than the England and Wales average "
         "of 35.0%.", 36.4, 35.0),
        ("The reoffending rate for Area (36.4%) was better than the England and Wales average of "
         "38.0%.", 36.4, 38.0),
        # no figure of its own: the average's figure is never taken for the area's rate
        ("The reoffending rate for Area was higher than the England and Wales average of 35.0%.",
         None, None),
    ],
)  # fmt: skip
def test_the_rate_is_the_areas_own_figure(sentence, rate, ew):
    report = _reoffending(sentence)
    assert (report.reoffending_rate_pct, report.ew_average_pct) == (rate, ew)


def test_a_comparison_two_sentences_later_is_about_something_else():
    report = _reoffending(
        "The reoffending rate for Area was 30.0%. The England and Wales average was 35.0%. "
        "Planning was better than the previous year."
    )
    assert report.reoffending_rate_pct == 30.0 and report.reoffending_vs_previous_year is None
