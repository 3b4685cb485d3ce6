"""The area after "youth offending work in": whole when it stands on its own line.

It is cut where a lost line break ran on.
"""

from __future__ import annotations

import pytest

from sqs_analysis.extract.area import after_area, area_of


@pytest.mark.parametrize(
    "rest, elsewhere, area",
    [
        ("St Helens", "", "St Helens"),
        ("St Helens The inspection was conducted", "supervised by St Helens YOS", "St Helens"),
        ("KING'S LYNN", "supervised by King's Lynn Youth Offending Service", "King's Lynn"),
        ("Telford & Wrekin", "", "Telford & Wrekin"),
        ("Bath and North East Somerset.", "", "Bath and North East Somerset"),
        ("the county", "", ""),  # no capitalised word: no area, never a guess
    ],
)
def test_area_of(rest, elsewhere, area):
    assert area_of(rest, elsewhere)[0] == area


def test_what_follows_the_area_is_kept_with_its_line_breaks():
    assert after_area("St Helens\nThe inspection", "St Helens") == "\nThe inspection"
