"""The copy list at the end of a report: one :class:`Contact` per person, with their role.

Copies lay the list out as ``role<TAB>names``, role and names apart by a run of spaces (PDF
text), a markdown table, ``Role: names`` or ``names (Role)``; a long list of names may wrap onto
the next line. When the line breaks were lost, entries run on in one line and the place where
one entry's names stop and the next role starts is found from the words roles begin with
(``vocab/copy_roles.csv``); where none fits, the entry is left out with a warning, never guessed.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from importlib import resources

from sqs_analysis.extract.records import Contact, ParsedReport

_GAP = re.compile(r"\t+|\s{2,}")
_EMPTY_CELL = re.compile(r"(?<=\S) +\t")  # "Malcolm Potter \tPaula Williams": a lost line end
_TABS = re.compile(r"\s*\t[\s\t]*")
_NAME_ROLE = re.compile(r"([^()]*?)\s*\(([^()]{2,120})\)")
_NAME_ROLES = re.compile(r"(?:[^()]*\([^()]{2,120}\)\s*)+")  # "A (Role) B, C (Role) ..."
_NOTE = re.compile(r"^Note\s\d")
_TABLE_HEADER = frozenset({"role", "name", "names", "role/position", "position", "copy to"})
_POST_NOMINALS = frozenset({"JP", "MBE", "OBE", "CBE", "QPM", "DL", "KC", "QC", "MP"})
_LEADING_AND = re.compile(r"^and\s+")
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=1)
def _role_start() -> re.Pattern[str]:
    """Where a role can begin: the words of ``vocab/copy_roles.csv``, each at a word's start."""
    text = resources.files("sqs_analysis").joinpath("vocab", "copy_roles.csv").read_text("utf-8")
    alternatives = "|".join(row["pattern"].strip() for row in csv.DictReader(text.splitlines()))
    return re.compile(rf"(?<![\w'-])(?:{alternatives})(?![\w'])")


def _squash(text: str) -> str:
    return _SPACES.sub(" ", text).strip(" ,;")


def _layout(line: str) -> str:
    """How a line separates role from names: table, gap, name_role, colon, or none."""
    if line.count("|") >= 2:
        return "table"
    if _GAP.search(line):
        return "gap"
    if _NAME_ROLES.fullmatch(line.strip()):
        return "name_role"
    if ":" in line:
        return "colon"
    return "none"


def _gap_split(line: str) -> list[str]:
    """Role and names apart at the line's widest gaps (a tab counts widest).

    PDF text of a justified column spaces words apart too ("Ali   Lewis,   Rachel"), but never
    as widely as the gap between the columns; a line whose entries ran on ("Role  Names  Role
    Names") has several gaps of the same widest width.
    """
    if "\t" in line:
        return _TABS.split(line)
    runs = _GAP.findall(line)
    widest = max(len(r) for r in runs)
    return re.split(rf"\s{{{widest}}}", line) if widest >= 2 else [line]


def _split_names_role(segment: str) -> tuple[str, str] | None:
    """Split a copy-list segment into its names and the role that comes next.

    For example "Janine Saleh Local Authority Chief Executive"; the role is found by its words.
    """
    for m in _role_start().finditer(segment):
        if segment[: m.start()].strip():
            return segment[: m.start()], segment[m.start() :]
    return None


def _run_on(parts: list[str], report: ParsedReport) -> list[tuple[str, str]]:
    """Entries from ``role1 | names1 role2 | names2 role3 | ... | namesN`` (separators lost)."""
    entries: list[tuple[str, str]] = []
    role = parts[0]
    for i, segment in enumerate(parts[1:], start=1):
        if i == len(parts) - 1:
            entries.append((role, segment))
            break
        split = _split_names_role(segment)
        if split is None:
            report.warn(
                "contacts", f"copy list: cannot tell names from the next role in {segment!r}"
            )
            return entries
        entries.append((role, split[0]))
        role = split[1]
    return entries


def _entries_of(line: str, layout: str, report: ParsedReport) -> list[tuple[str, str]]:
    """The (role, names) entries on one line."""
    if layout == "table":
        return _table_entries(line, report)
    if layout == "name_role":
        return [(role, names) for names, role in _NAME_ROLE.findall(line) if names.strip()]
    if layout == "gap" and line.count("\t") >= 3 and _EMPTY_CELL.search(line):
        line = _EMPTY_CELL.sub(", ", line)  # rows of names under an empty role cell, run on
    parts = _gap_split(line.strip()) if layout == "gap" else line.split(":")
    parts = [p for p in parts if p.strip()]
    if len(parts) == 2:
        return [(parts[0], parts[1])]
    if len(parts) > 2:
        return _run_on(parts, report)
    return []


def _table_entries(line: str, report: ParsedReport) -> list[tuple[str, str]]:
    """The (role, names) entries on one line of a table (rows split by empty cells)."""
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    rows, row = [], []
    for cell in [*cells, ""]:
        if cell:
            row.append(cell)
        elif row:
            rows.append(row)
            row = []
    found = []
    for r in rows:
        if (
            len(r) >= 2
            and not set(c.lower() for c in r) <= _TABLE_HEADER
            and not r[0].startswith("-")
        ):
            found.append((r[0], " ".join(r[1:])))
        elif len(r) > 2:  # a table whose row breaks were lost
            found.extend(_run_on(r, report))
    return found


def contacts(groups: list[tuple[str, ...]], report: ParsedReport) -> list[Contact]:
    """The people on the copy list, in order, from the lines under its heading.

    The lines come in groups with no blank line between them (a document's blocks).

    A line with no separator carries on the names of the entry just above it (a wrapped list of
    names); one that opens a group, after a blank line, is text after the list and ends it.
    """
    lines = _closed([(i == 0, ln.strip()) for group in groups for i, ln in enumerate(group)])
    layouts = [_layout(ln) if ln else "none" for _, ln in lines]
    common = max(("table", "gap", "name_role", "colon"), key=layouts.count)
    entries: list[tuple[str, list[str]]] = []
    pending: list[str] = []  # names before their "(Role)" on a later line
    for (opens_group, line), layout in zip(lines, layouts, strict=True):
        if not line:
            continue
        if _NOTE.match(line):
            break
        found = _entries_of(line, layout, report) if layout != "none" else []
        if found:
            for role, names in found:
                entries.append((_squash(role), [" ".join([*pending, names])]))
                pending = []
        elif common == "name_role":
            pending.append(line)
        elif entries and not opens_group:
            entries[-1][1].append(_joiner(entries[-1][1][-1], line) + line)
        elif entries:
            break  # text after the list
        elif layout == "none":  # (a line with separators that gave nothing has warned)
            report.warn("contacts", f"copy list line without a role/name separator: {line!r}")
    return [Contact(role, name) for role, chunks in entries for name in _names("".join(chunks))]


def _closed(lines: list[tuple[bool, str]]) -> list[tuple[bool, str]]:
    """Lines with a bracket left open, joined to the next, so that a wrapped role is one line.

    For example "Ann Lee (Lead Elected Member for Children's" / "Services)".
    """
    out: list[tuple[bool, str]] = []
    for opens_group, line in lines:
        if out and not opens_group and out[-1][1].count("(") > out[-1][1].count(")"):
            out[-1] = (out[-1][0], f"{out[-1][1]} {line}")
        else:
            out.append((opens_group, line))
    return out


def _joiner(previous: str, line: str) -> str:
    """How a line with no role of its own joins the names above it.

    A wrapped line carries on the list (a space): after a comma, when it holds a comma itself
    ("Linda" / "Paris, Julie Fox"), when it is one word (a surname wrapped on its own), or when
    the name above is one word so far ("Councillor" / "Susan Murphy"). A line
    that is a whole name by itself ("Malcolm Potter" / "Paula Williams", the names of one role
    in rows of their own under an empty role cell) is the next name (a comma).
    """
    last_name = previous.rsplit(",", 1)[-1].split()
    if previous.rstrip().endswith(",") or "," in line or len(line.split()) == 1:
        return " "
    if len(last_name) == 1:  # "Councillor" / "Susan Murphy": one name wrapped after its title
        return " "
    return ", "


def _names(text: str) -> list[str]:
    """Comma-separated names; post-nominals ("JP") stay with the name before them."""
    names: list[str] = []
    for name in (_squash(n) for n in text.split(",")):
        if not name:
            continue
        if name in _POST_NOMINALS and names:
            names[-1] = f"{names[-1]}, {name}"
        else:
            names.append(_LEADING_AND.sub("", name))
    return names
