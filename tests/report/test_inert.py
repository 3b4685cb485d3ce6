"""Escaping report text so matplotlib never reads it as maths."""

from __future__ import annotations

import matplotlib as mpl
from hypothesis import given
from hypothesis import strategies as st

from sqs_analysis.report.inert import escape


@given(text=st.text(alphabet=st.sampled_from("$\\^_{}a \n"), max_size=30))
def test_escape_is_never_maths_and_draws_back_to_the_text(text):
    escaped = escape(text)
    assert not mpl.cbook.is_math_text(escaped)
    assert escaped.replace("\\$", "$") == text  # what matplotlib does to plain text
