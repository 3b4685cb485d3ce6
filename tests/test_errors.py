"""One exception hierarchy: every error names what it is about and why, and survives a pickle."""

from __future__ import annotations

import inspect
import pickle

import pytest

from sqs_analysis import errors

#: One instance of every exception the suite raises, built as the code builds it.
EXAMPLES = [
    errors.ReportReadError("a.pdf", "unreadable PDF: damaged cross-reference table"),
    errors.ReportParseError("b.md", "impossible publication date '31 February 2015'"),
    errors.TablesNotReady("data/processed", "no manifest.json: run `make data`"),
    errors.OutputError("data/processed", "No space left on device"),
    errors.KernelError("/tmp/k", "kernel reset failed: NameError: x"),
    errors.NotebookFailed("briefing.ipynb", "out/x.ipynb", 5, "In [3]", "ValueError: bad"),
    errors.UnknownInspection("nowhere-2020-01", ["st-helens-2015-07"]),
    errors.ExternalResourceError("exported HTML", "external resource: <img> 'http://x/a.png'"),
    errors.BrowserError("x.html", "did not print: timeout"),
    errors.ChromiumNotFound(),
    errors.VocabularyError(
        "vocab/nations.csv", "line 7: nation 'Scotland' is not England or Wales"
    ),
]


def test_every_exception_of_the_suite_has_an_example_here():
    defined = {
        c for _, c in inspect.getmembers(errors, inspect.isclass) if issubclass(c, Exception)
    }
    assert defined == {type(e) for e in EXAMPLES} | {errors.SqsError}


@pytest.mark.parametrize("error", EXAMPLES, ids=lambda e: type(e).__name__)
def test_an_error_names_its_path_and_reason_and_comes_back_whole_from_a_pickle(error):
    assert isinstance(error, errors.SqsError)
    assert error.path and error.reason
    back = pickle.loads(pickle.dumps(error))
    assert type(back) is type(error)
    assert (str(back), back.path, back.reason) == (str(error), error.path, error.reason)


def test_the_message_says_the_file_and_the_problem():
    assert str(EXAMPLES[1]) == "b.md: impossible publication date '31 February 2015'"
    assert str(EXAMPLES[6]) == (
        "Unknown inspection_id 'nowhere-2020-01'. Known inspection ids: st-helens-2015-07"
    )
    assert "briefing.ipynb failed in cell 5 (In [3]): ValueError: bad" in str(EXAMPLES[5])
    assert str(EXAMPLES[9]).startswith("chromium: Chromium was not found. Install it")
