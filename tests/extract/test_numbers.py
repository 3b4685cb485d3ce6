import re

import pytest

from sqs_analysis.extract.numbers import NUMBER_PATTERN, parse_number


@pytest.mark.parametrize(
    "text, value",
    [
        ("14", 14),
        ("twelve", 12),
        ("Seven", 7),
        ("twenty", 20),
        ("twenty-one", 21),
        ("forty five", 45),
    ],
)
def test_parse_number(text, value):
    assert parse_number(text) == value
    assert re.fullmatch(NUMBER_PATTERN, text, re.I)


@pytest.mark.parametrize("text", ["", "many", "one-third", "twenty-ten"])
def test_not_a_number(text):
    assert parse_number(text) is None
