"""A reused kernel forgets what the last notebook did: namespace, warnings, rcParams."""

from __future__ import annotations

import gc
import sys
import types
import warnings

import matplotlib as mpl
import pytest

from sqs_analysis.publish import kernel_state


@pytest.fixture(autouse=True)
def _unfrozen():
    """snapshot() freezes the heap of the process it runs in: give the test run's heap back."""
    yield
    gc.unfreeze()


def test_the_libraries_are_frozen_out_of_the_collector():
    """After start-up the imported libraries' objects are not scanned by each reset's collection."""
    gc.unfreeze()
    kernel_state.snapshot()
    assert gc.get_freeze_count() > 100_000  # pandas, matplotlib and the test run's own objects
    assert gc.get_count()[0] < 100  # nothing young is left to scan


class _Shell:
    def __init__(self) -> None:
        self.resets: list[bool] = []

    def reset(self, new_session: bool) -> None:
        self.resets.append(new_session)


def _warn_once_from(module: types.ModuleType) -> None:
    exec("import warnings\nwarnings.warn('check the cohort', UserWarning)", module.__dict__)


def test_a_warning_shown_in_one_notebook_is_shown_again_in_the_next(monkeypatch):
    module = types.ModuleType("notebook_helper")
    monkeypatch.setitem(sys.modules, "notebook_helper", module)
    # Without matplotlib, restoring rcParams (which touches the filters) cannot hide a registry
    # that was not cleared.
    monkeypatch.delitem(sys.modules, "matplotlib")
    monkeypatch.delitem(sys.modules, "matplotlib.pyplot", raising=False)
    shell = _Shell()
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("default")  # "default": once per place, the registry decides
        kernel_state.snapshot()
        _warn_once_from(module)
        _warn_once_from(module)  # same place: not shown again within one notebook
        kernel_state.reset(shell)  # puts back the filters above, without touching them
        _warn_once_from(module)  # the next notebook sees it afresh
    assert [str(w.message) for w in seen] == ["check the cohort"] * 2
    kernel_state.reset(shell)
    assert module.__warningregistry__ == {}  # what it was told to forget, forgotten
    assert shell.resets == [True, True]


def test_rcparams_a_notebook_changed_are_put_back():
    before = mpl.rcParams["font.size"]
    kernel_state.snapshot()
    mpl.rcParams["font.size"] = before + 7
    kernel_state.reset(_Shell())
    assert mpl.rcParams["font.size"] == before
