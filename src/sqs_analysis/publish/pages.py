"""Publish the pages of one set of tables: what is stale is decided from content, not file times.

Why this module exists: make compares modification times of files it can name, so it could not
follow a raw file whose name has a space or a colon, a table rewritten while make ran, or a report
deleted from ``data/raw``. ``sqs-analysis publish`` decides instead, from fingerprints:

- a briefing is stale when any row about its inspection (in any table), what it reads from
  the other inspections (their gaps, pooled shares and themes, to compare it with them), the
  briefing notebook, the code or the stamp (``--stamp``: words every page shows) changed; the
  comparison and the index when the set of tables, the code or the stamp changed;
- stale pages are rendered on reused kernels (:mod:`sqs_analysis.publish.kernels`), then the index
  is written, listing only briefings that are current, then the pages of inspections no longer in
  the tables are removed, then the record of what was built (``reports/.pages.json``) is saved.

So a run killed part-way leaves the previous index, naming only briefings that exist, and the
next run builds what is still stale. A briefing is a page ``<id>.html`` with its executed
notebook ``notebooks/<id>.ipynb`` beside it; only such pairs are ever removed, and only in the
folder published to: a run never looks into its sub-folders (``reports/demo/`` is a publish of its
own, with its own record).
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sqs_analysis.config import BRIEFING_NOTEBOOK, COMPARISON_NOTEBOOK
from sqs_analysis.domain import SLUG
from sqs_analysis.tables import tableset
from sqs_analysis.tables.atomic import write_text_atomic
from sqs_analysis.tables.cache import code_version

if TYPE_CHECKING:  # pragma: no cover - typing only
    from sqs_analysis.publish.kernels import Outcome

logger = logging.getLogger(__name__)

RECORD = ".pages.json"
#: Pages that are not briefings.
FIXED_PAGES = ("comparison", "index")


def _digest(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


def _file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@dataclass(frozen=True)
class Plan:
    """What a publish run will do."""

    briefings: list[str]
    comparison: bool
    index: bool
    remove: list[str]
    #: Page name -> fingerprint of every page once the plan is done.
    fingerprints: dict[str, str] = field(default_factory=dict)
    #: The digest of everything the pages depend on (tables, code, notebooks) when planned.
    state: str = ""

    @property
    def empty(self) -> bool:
        """Whether there is nothing to do."""
        return not (self.briefings or self.comparison or self.index or self.remove)

    def lines(self) -> list[str]:
        """The plan in words, one step a line (``publish --dry-run``)."""
        return (
            [f"briefing {i}" for i in self.briefings]
            + (["comparison"] if self.comparison else [])
            + (["index"] if self.index else [])
            + [f"remove {i}" for i in self.remove]
        )


def _stamped(stamp: str | None) -> list[str]:
    """What a stamp adds to a fingerprint: nothing without one, so unstamped pages keep theirs."""
    return [f"stamp:{stamp}"] if stamp else []


def _state(manifest: tableset.Manifest, notebooks: Path, stamp: str | None = None) -> str:
    """Everything every page depends on, as one digest: when it is unchanged, nothing is stale."""
    return _digest(
        manifest.generation,
        code_version(),
        _file_digest(notebooks / BRIEFING_NOTEBOOK),
        _file_digest(notebooks / COMPARISON_NOTEBOOK),
        *_stamped(stamp),
    )


def _read_record(out_dir: Path) -> dict[str, object]:
    try:
        record = json.loads((out_dir / RECORD).read_text(encoding="utf-8"))
        return record if isinstance(record, dict) else {}
    except (OSError, ValueError):
        return {}


def _briefing_fingerprints(
    data_dir: Path, notebook: Path, stamp: str | None = None
) -> dict[str, str]:
    """Each inspection id -> a digest of every row about it in every table.

    The digest covers what every briefing reads from the other inspections (its comparison
    with them: :func:`sqs_analysis.report.compare.corpus_facts`), the notebook, the code and
    the stamp too.
    """
    from sqs_analysis.report.compare import corpus_facts
    from sqs_analysis.tables.pipeline import read_tables

    tables = read_tables(data_dir)
    code = _digest(code_version(), _file_digest(notebook), *_stamped(stamp), corpus_facts(tables))
    texts: dict[str, list[str]] = {}
    for name, frame in tables.items():
        for iid, rows in frame.groupby("inspection_id", sort=True, dropna=True):
            texts.setdefault(str(iid), []).append(name + "\n" + rows.to_csv(index=False))
    ids = [str(i) for i in tables.inspections["inspection_id"].dropna()]
    return {iid: _digest(code, *texts.get(iid, [])) for iid in sorted(ids) if SLUG.fullmatch(iid)}


def _built_briefings(out_dir: Path) -> set[str]:
    """Ids of the briefings on disk: a page with its executed notebook beside it."""
    return {
        p.stem
        for p in out_dir.glob("*.html")
        if p.stem not in FIXED_PAGES
        and SLUG.fullmatch(p.stem)
        and (out_dir / "notebooks" / f"{p.stem}.ipynb").exists()
    }


def plan(data_dir: Path, out_dir: Path, notebooks: Path, stamp: str | None = None) -> Plan:
    """What is stale in ``out_dir`` for the tables in ``data_dir`` (they must be a complete set).

    ``stamp``: the words every page is to show (a page built with other words, or none, is stale).
    """
    manifest = tableset.check(data_dir)
    record = _read_record(out_dir)
    recorded = record.get("pages") if isinstance(record.get("pages"), dict) else {}
    state = _state(manifest, notebooks, stamp)
    on_disk = {p for p in recorded if (out_dir / p).exists()}
    if record.get("state") == state and on_disk == set(recorded):
        return Plan([], False, False, [], dict(recorded), state)
    briefings = _briefing_fingerprints(data_dir, notebooks / BRIEFING_NOTEBOOK, stamp)
    stale = [
        i
        for i, fp in briefings.items()
        if recorded.get(f"{i}.html") != fp or f"{i}.html" not in on_disk
    ]
    comparison_fp = _digest(state, "comparison")
    index_fp = _digest(state, "index", *sorted(briefings))
    fingerprints = {f"{i}.html": fp for i, fp in briefings.items()}
    fingerprints |= {"comparison.html": comparison_fp, "index.html": index_fp}
    gone = sorted(_built_briefings(out_dir) - briefings.keys())
    return Plan(
        briefings=stale,
        comparison=recorded.get("comparison.html") != comparison_fp
        or "comparison.html" not in on_disk,
        index=bool(stale or gone)
        or recorded.get("index.html") != index_fp
        or "index.html" not in on_disk,
        remove=gone,
        fingerprints=fingerprints,
        state=state,
    )


def remove_briefing(out_dir: Path, inspection_id: str) -> None:
    """Delete a briefing's page, executed notebook and printed PDF."""
    for path in (
        out_dir / f"{inspection_id}.html",
        out_dir / "notebooks" / f"{inspection_id}.ipynb",
        out_dir / "pdf" / f"{inspection_id}.pdf",
    ):
        path.unlink(missing_ok=True)


def publish(
    data_dir: Path,
    out_dir: Path,
    notebooks: Path,
    *,
    jobs: int | None = None,
    on_done: Callable[[Outcome], None] | None = None,
    stamp: str | None = None,
) -> tuple[Plan, list[str]]:
    """Carry out :func:`plan`; returns it with the names of the pages that failed.

    ``stamp``: words every page shows in its title and in a banner at its top.
    """
    todo = plan(data_dir, out_dir, notebooks, stamp)
    if todo.empty:
        return todo, []
    from sqs_analysis.publish.index import build_index
    from sqs_analysis.publish.kernels import render_batch

    done = dict(todo.fingerprints)
    failed: list[str] = []
    if todo.briefings or todo.comparison:
        outcomes = render_batch(
            todo.briefings, data_dir, out_dir, comparison=todo.comparison,
            notebooks_dir=notebooks, jobs=jobs, on_done=on_done, stamp=stamp,
        )  # fmt: skip
        for outcome in outcomes:
            if outcome.error:
                failed.append(outcome.job.name)
                done.pop(f"{outcome.job.name}.html")  # not current: built again next time
    current = {p.removesuffix(".html") for p in done} - set(FIXED_PAGES)
    build_index(data_dir, out_dir, briefings_present=current, stamp=stamp)
    for iid in todo.remove:
        remove_briefing(out_dir, iid)
        logger.info("removed the briefing of %s: it is no longer in the tables", iid)
    record = {"state": "" if failed else todo.state, "pages": done}
    write_text_atomic(out_dir / RECORD, json.dumps(record, indent=1, sort_keys=True) + "\n")
    return todo, failed
