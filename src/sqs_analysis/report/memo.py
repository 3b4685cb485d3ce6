"""Remember what a report function derived from one set of tables, for the rest of the page.

Why this module exists: a briefing asks the same questions of the whole corpus many times over
(the inspection's row, every stated gap, the pooled share of each aspect, how often each theme
recurs), and at 150 inspections each answer costs milliseconds of pandas work. A function
decorated with :func:`per_tables` computes its answer once per set of frames and arguments.

The key is the identity of the tables' frames (the cache holds them, so an identity is never
reused while its entry lives) and the arguments. The report functions treat tables as values:
a frame changed in place after a call is not seen by a later call with the same frames (build a
new :class:`~sqs_analysis.tables.pipeline.Tables` instead). Answers are shared, so frames and
series come back as shallow copies (copy-on-write keeps the remembered one intact) and lists
and dicts as new containers.
"""

from __future__ import annotations

import functools
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import pandas as pd

#: Answers kept per function; a briefing needs a few dozen, a comparison fewer.
MAX_ENTRIES = 256

F = TypeVar("F", bound=Callable[..., Any])


def _arg_key(value: Any) -> Any:
    """A hashable stand-in for an argument: ids given as a list, tuple or series become a tuple."""
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, Iterable):
        return ("items", tuple(value))
    return ("id", id(value))


def _fresh(value: Any) -> Any:
    """A copy of a remembered answer that its caller may change."""
    if isinstance(value, pd.DataFrame | pd.Series):
        return value.copy(deep=False)
    if isinstance(value, list | dict):
        return type(value)(value)
    return value


def per_tables(func: F) -> F:
    """Remember ``func(tables, *args)`` per set of frames and arguments (see the module)."""
    cache: OrderedDict[Any, tuple[Any, Any]] = OrderedDict()
    lock = threading.Lock()

    @functools.wraps(func)
    def remembered(tables: Any, *args: Any, **kwargs: Any) -> Any:
        args = tuple(_stable(a) for a in args)
        kwargs = {k: _stable(v) for k, v in kwargs.items()}
        frames = _frames(tables)
        key = (
            tuple(map(id, frames)),
            tuple(map(_arg_key, args)),
            tuple(sorted((k, _arg_key(v)) for k, v in kwargs.items())),
        )
        with lock:
            hit = cache.get(key)
            if hit is not None:
                cache.move_to_end(key)
                return _fresh(hit[1])
        value = func(tables, *args, **kwargs)
        with lock:
            cache[key] = (frames, value)
            while len(cache) > MAX_ENTRIES:
                cache.popitem(last=False)
        return _fresh(value)

    remembered.cache_clear = cache.clear  # type: ignore[attr-defined]
    return remembered  # type: ignore[return-value]


def _frames(tables: Any) -> tuple[Any, ...]:
    """The tables' frames: a :class:`Tables`, or any object holding them as attributes."""
    items = getattr(tables, "items", None)
    return tuple(f for _, f in items()) if callable(items) else tuple(vars(tables).values())


def _stable(value: Any) -> Any:
    """One-shot iterables (generators) read once, so the key and the call see the same ids."""
    if value is None or isinstance(value, str | list | tuple | pd.Series | pd.Index):
        return value
    if isinstance(value, Iterable) and not isinstance(value, dict | set | frozenset):
        return list(value)
    return value
