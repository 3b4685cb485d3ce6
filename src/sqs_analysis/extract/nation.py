"""The nation a report is about, England or Wales, from what the report itself shows.

The rules are data (``vocab/nations.csv``: kind, pattern, nation, note), one row a rule:

* ``area``: names of the areas a service covers (``|`` between spellings, English and Welsh).
  The report's area must be one of them as a whole name, with case, accents, punctuation and
  ``&``/``and`` set aside (:func:`sqs_analysis.domain.slugify`), or a combination of them
  ("Conwy and Denbighshire", "Cheshire West, Halton and Warrington"). Administrative words
  ("City and County of", "London Borough of", "Council", "YOS") are taken off first if need be.
* ``body``: organisations that exist in one nation only (Estyn, Ofsted), found on the copy list
  or in the report's text;
* ``police``: a police force's area, found only as a force ("Gwent Police", "Police and Crime
  Commissioner for Merseyside"), on the copy list or in the text;
* ``language``: Welsh words that only a report written in Welsh holds (the inspectorate's Welsh
  letterhead, on every report, is not among them).

``body``, ``police`` and ``language`` patterns are regular expressions matched as whole words,
ignoring the case of ASCII letters, in text whose spaces are single. A pattern that matches
words every report has ("England and Wales average", "HM Inspectorate of Probation") is refused
when the vocabulary is loaded, as is any row the code cannot use (:class:`VocabularyError`).

All the evidence is gathered; one nation is given only when all of it points there, with the
evidence (``area: Cardiff; copy list: Estyn``). Evidence for both leaves it empty with a warning
naming both sides; no evidence leaves it empty without one: the report does not say.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from sqs_analysis.domain import slugify
from sqs_analysis.errors import VocabularyError
from sqs_analysis.extract.records import Contact, ParsedReport
from sqs_analysis.extract.shortcuts import Anchors, anchors, max_width, required_literals

VOCABULARY = "vocab/nations.csv"
KINDS = ("area", "body", "police", "language")
NATIONS = ("England", "Wales")
_COLUMNS = ("kind", "pattern", "nation", "note")

#: Words every report has, or that name what both nations share: no body, police or language
#: rule may match any of them.
NEVER = (
    "the England and Wales average of 37.8%", "Youth Justice Board for England and Wales",
    "Youth Justice Board (YJB)", "YJB Business Area Manager", "HM Inspectorate of Probation",
    "Her Majesty's Inspectorate of Probation", "HMI Probation", "HM Inspectorate of Constabulary",
    "Arolygiad o Waith Troseddu Ieuenctid", "Arolygiad o Waith Troseddu leuenctid",
    "Arolygiaeth Prawf EM", "Police and Crime Commissioner", "Chief Constable",
    "Local Safeguarding Children Board", "Ministry of Justice", "National Probation Service",
    "Community Rehabilitation Company", "Health and Wellbeing Board", "NHS",
    "Local Authority Chief Executive", "Director of Children's Services",
    "Director of Social Services", "Chair of Youth Court Bench",
)  # fmt: skip

#: A police force's area as the force: "<area> Police", "Police and Crime Commissioner for <area>".
_POLICE_BEFORE = (
    r"(?:police (?:and|&) crime (?:commissioner|panel)|pcc|chief constable|police authority"
    r"|police(?: service| force)?)(?: for| of)(?: the)? "
)
_POLICE = (
    rf"(?:{_POLICE_BEFORE}(?:{{name}})|(?:{{name}}) (?:police|constabulary)(?: service| force)?)"
)
#: Words one of which every force's match holds: without them, no force is looked for.
_POLICE_WORDS = ("police", "pcc", "chief constable", "constabulary")
#: The most characters a force's match holds before its area's name.
_POLICE_LEAD = max_width(re.compile(_POLICE_BEFORE)) or 0
_FLAGS = re.IGNORECASE | re.ASCII
#: ASCII capitals to lower case, and nothing else: offsets are kept, and the patterns ignore the
#: case of ASCII letters only.
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_LETTER = "0-9A-Za-z\u00c0-\u024f\u1e00-\u1eff"
_WHOLE = "(?<![{letter}])(?:{pattern})(?![{letter}])"
_ALL_SPACE = re.compile(r"\s+")
#: What joins the areas of a combined service: "and", "&", commas, "/" and "+".
_JOIN = re.compile(r"\s*(?:,\s*and\b|,|/|\+|&|\band\b)\s*", re.IGNORECASE)
_PREFIXES = (
    "the-", "city-and-county-of-", "county-borough-of-", "metropolitan-borough-of-",
    "london-borough-of-", "royal-borough-of-", "borough-of-", "county-of-", "city-of-",
)  # fmt: skip
_SUFFIXES = (
    "-county-borough-council", "-metropolitan-borough-council", "-county-council",
    "-borough-council", "-city-council", "-council", "-county-borough", "-youth-offending-team",
    "-youth-offending-service", "-youth-justice-service", "-yot", "-yos", "-yjs",
)  # fmt: skip
#: Where each kind of evidence is looked for, and its label in ``nation_evidence``.
_COPY_LIST, _TEXT, _WELSH = "copy list", "text", "text in Welsh"


@dataclass(frozen=True)
class NationRule:
    """A row of ``vocab/nations.csv``."""

    kind: str
    pattern: str
    nation: str
    note: str
    #: The line of the file it is on (for messages).
    line: int
    #: An area's names as slugs; empty for the other kinds.
    names: tuple[str, ...] = ()
    #: The whole-word pattern a body, force or Welsh words are found by (None for an area).
    regex: re.Pattern[str] | None = None
    #: Lower-case words one of which every match contains (None: no such words).
    literals: tuple[str, ...] | None = None
    #: Each alternative's first words (lower case) and the most characters a match holds before
    #: them (None: search the whole text).
    anchors: Anchors | None = None


@dataclass(frozen=True)
class Evidence:
    """What points to a nation: the nation and the words, ``area: Cardiff``."""

    nation: str
    words: str


@dataclass(frozen=True)
class Decision:
    """The nation, the evidence for it, and a warning when the evidence conflicts."""

    nation: str | None
    evidence: str | None
    conflict: str | None = None


# --------------------------------------------------------------------------- the vocabulary


def parse_rules(text: str, source: str = VOCABULARY) -> tuple[NationRule, ...]:
    """The rules of a nations vocabulary's text; raises :class:`VocabularyError` on a bad row."""
    reader = csv.DictReader(text.splitlines())
    missing = [c for c in _COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise VocabularyError(source, f"line 1: no column {', '.join(missing)}")
    rules: list[NationRule] = []
    seen: dict[str, NationRule] = {}
    for row in reader:
        rule = _rule(row, reader.line_num, source)
        for name in rule.names:
            if name in seen:
                other = seen[name]
                raise VocabularyError(
                    source,
                    f"line {rule.line}: the area {name!r} is on line {other.line} already "
                    f"({other.nation})",
                )
            seen[name] = rule
        rules.append(rule)
    return tuple(rules)


def _rule(row: dict[str | None, object], line: int, source: str) -> NationRule:
    """One row as a rule, checked."""

    def bad(reason: str) -> VocabularyError:
        return VocabularyError(source, f"line {line}: {reason}")

    if row.get(None):
        raise bad("too many fields (a comma in a pattern or note needs quotes)")
    cells = {c: row.get(c) for c in _COLUMNS}
    empty = [c for c, v in cells.items() if not isinstance(v, str) or not v.strip()]
    if empty:
        raise bad(f"no {', '.join(empty)}")
    kind, pattern, nation, note = (str(cells[c]).strip() for c in _COLUMNS)
    if kind not in KINDS:
        raise bad(f"kind {kind!r} is not one of {', '.join(KINDS)}")
    if nation not in NATIONS:
        raise bad(f"nation {nation!r} is not England or Wales")
    if kind == "area":
        names = [slugify(n) for n in pattern.split("|")]
        if not all(names):
            raise bad(f"an area name in {pattern!r} has no letters or digits")
        if len(set(names)) < len(names):
            raise bad(f"{pattern!r} names one area twice")
        return NationRule(kind, pattern, nation, note, line, names=tuple(names))
    regex = _compile(kind, pattern, bad)
    literals, found = required_literals(pattern), _anchors(kind, pattern)
    return NationRule(kind, pattern, nation, note, line, (), regex, literals, found)


def _anchors(kind: str, pattern: str) -> Anchors | None:
    """Where a rule's matches can start, from its words (None: anywhere)."""
    found = anchors(re.compile(pattern, _FLAGS))
    if found is None or any(len(run) < 3 for run, _ in found):
        return None  # words too short to be worth looking for
    extra = _POLICE_LEAD if kind == "police" else 0
    return tuple((run, lead + extra) for run, lead in found)


def _compile(kind: str, pattern: str, bad) -> re.Pattern[str]:
    """A body's, force's or Welsh words' pattern as a whole-word search, checked."""
    try:
        re.compile(pattern, _FLAGS)  # on its own, so that an error's position is the pattern's
    except re.error as exc:
        raise bad(f"pattern {pattern!r} is not a regular expression: {exc}") from exc
    full = _POLICE.format(name=pattern) if kind == "police" else pattern
    regex = re.compile(_WHOLE.format(letter=_LETTER, pattern=full), _FLAGS)
    if regex.search("") or regex.search(" "):
        raise bad(f"pattern {pattern!r} matches empty text")
    for words in NEVER:
        if regex.search(words):
            raise bad(f"pattern {pattern!r} matches {words!r}, which says nothing of a nation")
    return regex


@lru_cache(maxsize=1)
def load_rules() -> tuple[NationRule, ...]:
    """The rules as shipped in ``vocab/nations.csv``."""
    text = resources.files("sqs_analysis").joinpath(*VOCABULARY.split("/")).read_text("utf-8")
    return parse_rules(text)


@lru_cache(maxsize=1)
def _areas() -> dict[str, NationRule]:
    """Every area name (a slug) and its rule."""
    return {name: rule for rule in load_rules() for name in rule.names}


# --------------------------------------------------------------------------- areas


def _nation_of_name(name: str) -> str | None:
    """The nation of one area name, whole or with its administrative words taken off."""
    areas = _areas()
    slug = slugify(name)
    if slug in areas:
        return areas[slug].nation
    changed = True
    while changed and slug:
        changed = False
        for prefix in _PREFIXES:
            if slug.startswith(prefix):
                slug, changed = slug.removeprefix(prefix), True
        for suffix in _SUFFIXES:
            if slug.endswith(suffix):
                slug, changed = slug.removesuffix(suffix), True
        if slug in areas:
            return areas[slug].nation
    return None


def _combination(area: str) -> tuple[str, ...] | None:
    """The known areas a combined area is made of, in order, or None if it is not all of them."""
    cuts = list(_JOIN.finditer(area))
    starts = [0, *(m.end() for m in cuts)]
    ends = [*(m.start() for m in cuts), len(area)]

    @cache
    def from_part(i: int) -> tuple[str, ...] | None:
        if i == len(starts):
            return ()
        for j in range(len(starts) - 1, i - 1, -1):  # the longest name first
            name = area[starts[i] : ends[j]]
            rest = from_part(j + 1) if _nation_of_name(name) else None
            if rest is not None:
                return (name, *rest)
        return None

    parts = from_part(0) if cuts else None
    return parts if parts and len(parts) > 1 else None


def area_evidence(area: str) -> list[Evidence]:
    """What the report's area says: one piece, or one per area of a combination of both nations."""
    nation = _nation_of_name(area)
    if nation:
        return [Evidence(nation, f"area: {area}")]
    parts = _combination(area) or ()
    nations = {part: _nation_of_name(part) or "" for part in parts}
    if len(set(nations.values())) == 1:
        return [Evidence(nations[parts[0]], f"area: {area}")]
    return [Evidence(nation, f"area: {part}") for part, nation in nations.items()]


# --------------------------------------------------------------------------- bodies and words


def _first(rule: NationRule, text: str, low: str) -> re.Match[str] | None:
    """``rule.regex.search(text)``, tried only where the rule's words are.

    ``low`` is the text with its ASCII capitals in lower case. A case-insensitive search tries
    every place in the text; a match starts at most ``lead`` characters before its alternative's
    first words, so only those places are tried.
    """
    assert rule.regex is not None
    if rule.literals is not None and not any(w in low for w in rule.literals):
        return None  # the usual answer, found the fastest way
    if rule.anchors is None:
        return rule.regex.search(text)
    best: re.Match[str] | None = None
    for run, lead in rule.anchors:
        i = low.find(run)
        while i != -1 and (best is None or i - lead < best.start()):
            for start in range(max(0, i - lead), i + 1):
                if best is not None and start >= best.start():
                    break
                if m := rule.regex.match(text, start):
                    best = m
                    break
            i = low.find(run, i + 1)
    return best


def _single_spaced(text: str) -> str:
    """``text`` with each run of white space as one space (most texts have none to change)."""
    if "  " in text or "\t" in text or "\n" in text:
        return _ALL_SPACE.sub(" ", text)
    return text


def text_evidence(label: str, text: str, kinds: Iterable[str]) -> list[Evidence]:
    """The first words of each rule of ``kinds`` found in ``text``, labelled, in rule order.

    ``text`` has single spaces between its words (a copy list: one role or name a line).
    """
    low = text.lower() if text.isascii() else text.translate(_ASCII_LOWER)
    wanted = set(kinds)
    if "police" in wanted and not any(w in low for w in _POLICE_WORDS):
        wanted.discard("police")
    found = []
    for rule in load_rules():
        if rule.kind in wanted and rule.regex is not None and (m := _first(rule, text, low)):
            found.append(Evidence(rule.nation, f"{label}: {_ALL_SPACE.sub(' ', m.group(0))}"))
    return found


def copy_list_text(contacts: Iterable[Contact]) -> str:
    """The copy list as text to search: each role and name on a line, in sorted order.

    Sorted, so the order of the list never changes what is found, nor which words are shown.
    """
    lines = {_single_spaced(line) for c in contacts for line in (c.role, c.name)}
    return "\n".join(sorted(lines))


def gather(area: str, contacts: Sequence[Contact], text: str) -> list[Evidence]:
    """All the evidence, area first, then the copy list, the text and its Welsh words."""
    text = _single_spaced(text)
    evidence = [
        *area_evidence(area),
        *text_evidence(_COPY_LIST, copy_list_text(contacts), ("body", "police")),
        *text_evidence(_TEXT, text, ("body", "police")),
        *text_evidence(_WELSH, text, ("language",)),
    ]
    return list(dict.fromkeys(evidence))


def decide(evidence: Sequence[Evidence]) -> Decision:
    """One nation when all the evidence points to it; else empty, with a warning on a conflict."""
    by_nation: dict[str, list[str]] = {}
    for piece in evidence:
        by_nation.setdefault(piece.nation, []).append(piece.words)
    if not by_nation:
        return Decision(None, None)
    if len(by_nation) == 1:
        ((nation, words),) = by_nation.items()
        return Decision(nation, "; ".join(words))
    sides = " and ".join(f"{n} ({'; '.join(by_nation[n])})" for n in NATIONS if n in by_nation)
    return Decision(None, None, f"the report points to both {sides}; nation left empty")


def read_nation(report: ParsedReport, text: str) -> None:
    """Set the report's nation and its evidence from its area, copy list and ``text``."""
    decision = decide(gather(report.area, report.contacts, text))
    report.nation, report.nation_evidence = decision.nation, decision.evidence
    if decision.conflict:
        report.warn("nation", decision.conflict)
