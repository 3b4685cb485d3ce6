"""Turn a normalised report into a :class:`ParsedReport`.

The parser reads what the report states and nothing more: a figure it cannot find stays ``None`` and
leaves a warning. Only a file that is not an SQS report, or has no recognisable structure, is refused
with :class:`ReportParseError`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from .errors import ReportParseError
from .ingest import SourceText, read_source
from .normalise import SOFT_BREAK, Document, blocks, normalise
from .numbers import NUMBER_PATTERN, parse_number
from .prefilter import max_width
from .records import THEMES, Contact, Issue, Judgement, Paragraph, ParsedReport

MONTHS = {
    m: i
    for i, m in enumerate(
        "january february march april may june july august september october november december".split(),
        start=1,
    )
}
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d{2}"

_SQS = re.compile(r"Short\s{1,3}Quality\s{1,3}Screening", re.I)
_TITLE = re.compile(
    r"Short\s{1,3}Quality\s{1,3}Screening(?:\s{0,3}\(SQS\))?\s{1,3}of\s{1,3}youth\s{1,3}offending"
    r"\s{1,3}work\s{1,3}in\b\s{0,3}(.{0,120})$",
    re.I,
)
_OTHER_TYPES = re.compile(
    r"Full\s+Joint\s+Inspection|Core\s+Case\s+Inspection|Thematic\s+Inspection|"
    r"Inspection\s+of\s+youth\s+offending\s+services|Overall\s+rating",
    re.I,
)
_DATE = re.compile(rf"({_DAY})\s{{1,3}}({_MONTH})\s{{1,3}}({_YEAR})", re.I)
_FIELDWORK = re.compile(
    rf"\b({_DAY})(?:\s{{1,3}}({_MONTH}))?(?:\s{{1,3}}({_YEAR}))?\s{{0,3}}(?:-|to|and|until)\s{{0,3}}"
    rf"({_DAY})\s{{1,3}}({_MONTH})\s{{1,3}}({_YEAR})",
    re.I,
)
_CASES = re.compile(
    rf"\b(?:examined|looked at|inspected|assessed|reviewed)\s{{1,3}}({NUMBER_PATTERN})\s{{1,3}}cases",
    re.I,
)
_SERVICE_WORDS = r"((?:[A-Z][\w'&.-]{0,30}\s){1,5}?)?"  # the words of the name before "Youth"
_SERVICE_CORE = r"Youth\s(Offending|Justice)\s(Team|Service)s?\s{0,2}\((YOT|YOS|YJS)\)"
_SERVICE = re.compile(_SERVICE_WORDS + _SERVICE_CORE)
# Every match of _SERVICE ends in a match of the core, which opens with a literal and so is found
# fast, and begins at most the words' width before it: the search for _SERVICE can start there.
_SERVICE_ANCHOR = re.compile(_SERVICE_CORE)
_SERVICE_LOOKBACK = max_width(re.compile(_SERVICE_WORDS))
_ACRONYM = re.compile(r"\b(YOT|YOS|YJS)\b")
_RATE = re.compile(
    r"reoffending\s{1,3}rate\s{0,3}(?:for\s[^.%]{1,80}?\s)?(?:was|is|of|stood at)\s{1,3}"
    r"(\d{1,3}(?:\.\d{1,2})?)\s{0,2}(?:%|per\s?cent)",
    re.I,
)
_CHANGE = re.compile(
    r"((?:(\d{1,3}(?:\.\d{1,2})?)\s{0,2}(?:%|per\s?cent|percentage\s+points?)\s{1,3})?"
    r"(better|worse|lower|higher))\s{1,3}than\s{1,3}(?:the|in\s+the|for\s+the)\s{1,3}previous\s+year",
    re.I,
)
_SAME = re.compile(
    r"(the\s+same\s+as|no\s+change\s+from|unchanged\s+from|similar\s+to)\s+the\s+previous\s+year",
    re.I,
)
_EW = re.compile(
    r"England\s{1,3}and\s{1,3}Wales\s{1,3}average\s{0,3}(?:of|was|at|which\s+was)?\s{0,3}"
    r"(\d{1,3}(?:\.\d{1,2})?)\s{0,2}(?:%|per\s?cent)",
    re.I,
)
_PUBLISHED = re.compile(rf"published\s{{1,3}}(?:in\s{{1,3}})?({_MONTH})\s{{1,3}}({_YEAR})", re.I)
_COHORT = re.compile(
    rf"({_MONTH})\s{{0,3}}({_YEAR})\s{{0,3}}(?:-|to)\s{{0,3}}({_MONTH})\s{{0,3}}({_YEAR})\s{{1,3}}cohort",
    re.I,
)
_LEAD = re.compile(
    r"lead\s+inspector,?\s+(?:who\s+)?(?:was|is)\s+((?:[A-Z][\w'-]{0,30})(?:\s[A-Z][\w'-]{0,30}){0,4})"
)
_COMMUNITY_ONLY = re.compile(
    r"none\s+of\s+the\s+custod|only\s+relate\s+to\s+cases\s+(?:being\s+)?managed\s+in\s+the\s+community"
    r"|community\s+cases\s+only|no\s+custod\w{0,5}\s+cases|did\s+not\s+include\s+any\s+custod",
    re.I,
)
_CUSTODY_INCLUDED = re.compile(
    rf"(?:including|included|of\s+which|of\s+these)\s+({NUMBER_PATTERN})\s+(?:were\s+)?custod",
    re.I,
)
_LABEL = re.compile(r"(?:^|\s)(To|Copy to|From|Publication date)\s?:", re.I)
_NUMBERED = re.compile(r"^(?:[-*•·▪]\s{0,3})?(\d)\.(\d{1,2})\.?(?=\s|$)\s*")
_BULLET = re.compile(r"^[-*•·▪]\s{1,3}")
_WHITESPACE = re.compile(r"\s+")
_NOTE = re.compile(r"^Note\s\d")
_ROLE_GAP = re.compile(r"\t+|\s{2,}")  # between a copy-list role and its names
_LEADING_AND = re.compile(r"^and\s+")
_HEADING_NUMBER = re.compile(r"^(\d)\.?\s+")
_POST_NOMINALS = frozenset({"JP", "MBE", "OBE", "CBE", "QPM", "DL", "KC", "QC", "MP"})

# Heading text (lower case, markup and numbering removed) -> section key.
_SECTIONS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"short quality screening"), "title"),
    (re.compile(r"^context$"), "context"),
    (re.compile(r"^summary$"), "summary"),
    (re.compile(r"^commentary on"), "commentary"),
    (
        re.compile(r"reducing\s+(?:re-?offending|the likelihood of re-?offending)"),
        "reducing_reoffending",
    ),
    (re.compile(r"protecting\s+the\s+public|risk of harm to others"), "protecting_the_public"),
    (re.compile(r"protecting\s+the\s+(?:child|young person)|safeguarding"), "protecting_the_child"),
    (re.compile(r"sentence\s+(?:is\s+)?served"), "sentence_served"),
    (re.compile(r"^operational\s+management$"), "operational_management"),
    (re.compile(r"^(?:key\s+)?strengths$"), "strengths"),
    (re.compile(r"^areas?\s+(?:requiring|for|that\s+require)\s+improvement$"), "improvements"),
    (re.compile(r"^copy\s+(?:to|list)$"), "copy"),
)
# A line is a heading if it is marked as one, or if it is exactly one of these (plain text input).
_PLAIN_HEADING = re.compile(
    r"^(?:report of short quality screening .{1,150}|context|summary|commentary on the inspection in .{1,60}|operational management|"
    r"key strengths|areas requiring improvement|areas for improvement|copy to|"
    r"\d\.\s{1,3}(?:reducing re-?offending|protecting the public|protecting the child or young person|"
    r"ensuring that the sentence is served|making sure the sentence is served))\s{0,2}:?$",
    re.I,
)

#: No longer line can be a plain heading (a match runs to the end of the line, or its last "\n").
_PLAIN_HEADING_LENGTH = (max_width(_PLAIN_HEADING) or 10**9) + 1


@dataclass
class _Section:
    key: str
    heading: str
    number: int | None
    lines: list[str]

    @cached_property
    def blocks(self) -> list[str]:
        return blocks(self.lines)


def slugify(text: str) -> str:
    """A file-name-safe id fragment: lower-case ASCII letters, digits and single hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _heading_text(line: str) -> str | None:
    """The words of a heading line, or None if the line is not a heading."""
    if line.startswith("#"):
        text = line.lstrip("#").strip()
    elif line and len(line) <= _PLAIN_HEADING_LENGTH and _PLAIN_HEADING.match(line):
        text = line
    else:
        return None
    return text.strip(" *:_").strip()


def _section_key(heading: str) -> tuple[str, int | None]:
    m = _HEADING_NUMBER.match(heading)
    number = int(m.group(1)) if m else None
    words = heading[m.end() :] if m else heading
    lowered = _WHITESPACE.sub(" ", words.lower()).strip(" :")
    for pattern, key in _SECTIONS:
        if pattern.search(lowered):
            return key, number
    return "other", number


def _split_sections(lines: list[str]) -> list[_Section]:
    sections = [_Section("header", "", None, [])]
    for line in lines:
        heading = _heading_text(line) if line != SOFT_BREAK else None
        if heading is None:
            sections[-1].lines.append(line)
            continue
        key, number = _section_key(heading)
        sections.append(_Section(key, heading, number, []))
    return sections


_AREA_WORD = re.compile(r"^(?:[A-Z][\w'.-]{0,30}|and|of|upon|on|the|&)$")


def _continues_title(line: str, area: str) -> bool:
    """The line right under the title carries (the rest of) the area name: "... in St" + "Helens"."""
    if not area:
        return bool(line) and line != SOFT_BREAK
    words = line.split()
    return 0 < len(words) <= 4 and all(_AREA_WORD.match(w) for w in words) and line[-1] not in ".:;"


def _date(day: str, month: str, year: str) -> dt.date:
    return dt.date(int(year), MONTHS[month.lower()], int(re.sub(r"\D", "", day)))


def _year_month(month: str, year: str) -> str:
    return f"{int(year):04d}-{MONTHS[month.lower()]:02d}"


def _name_before_comma(value: str) -> str:
    return value.split(",", 1)[0].strip()


def _header_fields(lines: list[str]) -> dict[str, str]:
    """Label -> value for the memo header; a value reads on over lines until the next label."""
    fields: dict[str, list[str]] = {}
    label: str | None = None
    for line in lines:
        if line in ("", SOFT_BREAK):
            continue
        found = list(_LABEL.finditer(line))
        if not found:
            if label is not None:
                fields[label].append(line)
            continue
        before = line[: found[0].start()].strip()
        for i, m in enumerate(found):
            label = m.group(1).lower()
            end = found[i + 1].start() if i + 1 < len(found) else len(line)
            fields[label] = [line[m.end() : end].strip()]
        first = found[0].group(1).lower()
        if before and not fields[first][0]:
            # A converter put the value before its label: "See copy list at end Copy to:".
            fields[first] = [before]
    return {k: _WHITESPACE.sub(" ", " ".join(v)).strip() for k, v in fields.items()}


def _paragraphs(section: _Section, report: ParsedReport) -> list[Paragraph]:
    theme = section.key
    theme_no = THEMES[theme]
    if section.number is not None and section.number != theme_no:
        report.warn("paragraphs", f"heading {section.heading!r} is numbered {section.number}")
    out: list[tuple[str, list[str]]] = []
    for block in section.blocks:
        m = _NUMBERED.match(block)
        if m:
            out.append((f"{m.group(1)}.{int(m.group(2))}", [block[m.end() :].strip()]))
        elif out:
            out[-1][1].append(block)
        else:
            report.warn("paragraphs", f"text before the first numbered paragraph of {theme}")
    paragraphs = []
    for pid, parts in out:
        if theme_no is not None and not pid.startswith(f"{theme_no}."):
            report.warn("paragraphs", f"paragraph {pid} is under the heading {section.heading!r}")
        paragraphs.append(Paragraph(pid, theme, theme_no, " ".join(parts)))
    return paragraphs


def _items(section: _Section, kind: str, report: ParsedReport) -> list[Judgement]:
    items = [b for b in section.blocks if _BULLET.match(b)]
    if not items:
        report.warn(kind, f"no bulleted items under {section.heading!r}")
    return [
        Judgement(kind, i, _BULLET.sub("", text).strip()) for i, text in enumerate(items, start=1)
    ]


def _contacts(section: _Section, report: ParsedReport) -> list[Contact]:
    """The copy list: "role<TAB or wide gap>names", names split by commas.

    A line with no gap right after an entry continues that entry's names: PDFs wrap a long list
    of names ("Malcolm Potter, Paula Williams, Linda" / "Paris, Julie Fox").
    """
    entries: list[tuple[str, list[str]]] = []
    gap = False  # a blank line since the last entry (a page break alone is not a gap)
    page_break = False
    for line in section.lines:
        if line in ("", SOFT_BREAK):
            gap = gap or line == ""
            page_break = page_break or line == SOFT_BREAK
            continue
        if _NOTE.match(line):
            break
        parts = _ROLE_GAP.split(line.strip(), maxsplit=1)
        if len(parts) == 2 and parts[1].strip():
            entries.append((_WHITESPACE.sub(" ", parts[0]).strip(), [parts[1]]))
        elif entries and (not gap or page_break):
            entries[-1][1].append(line)
        elif entries:
            break  # text after the list
        else:
            report.warn("contacts", f"copy list line without a role/name separator: {line!r}")
        gap = page_break = False
    contacts: list[Contact] = []
    for role, chunks in entries:
        names: list[str] = []
        for name in (_WHITESPACE.sub(" ", n).strip() for n in " ".join(chunks).split(",")):
            if not name:
                continue
            if name in _POST_NOMINALS and names:
                names[-1] = f"{names[-1]}, {name}"
            else:
                names.append(_LEADING_AND.sub("", name))
        contacts.extend(Contact(role, name) for name in names)
    return contacts


def _reoffending(text: str, footnotes: str, report: ParsedReport) -> None:
    rate = _RATE.search(text)
    if not rate:
        report.warn("reoffending_rate_pct", "no published reoffending rate stated")
        return
    report.reoffending_rate_pct = float(rate.group(1))
    after = text[rate.end() : rate.end() + 400]
    change = _CHANGE.search(after)
    same = _SAME.search(after)
    if change and (not same or change.start() < same.start()):
        word = change.group(3).lower()
        report.reoffending_vs_previous_year = {"lower": "better", "higher": "worse"}.get(word, word)
        report.reoffending_change_stated = _WHITESPACE.sub(" ", change.group(1))
    elif same:
        report.reoffending_vs_previous_year = "same"
        report.reoffending_change_stated = _WHITESPACE.sub(" ", same.group(0))
    else:
        report.warn("reoffending_vs_previous_year", "no comparison with the previous year")
    ew = _EW.search(after) or _EW.search(text)
    if ew:
        report.ew_average_pct = float(ew.group(1))
    else:
        report.warn("ew_average_pct", "no England and Wales average stated")
    source = f"{footnotes} {text}"
    published = _PUBLISHED.search(source)
    if published:
        report.rate_published = _year_month(published.group(1), published.group(2))
    else:
        report.warn("rate_published", "no publication month for the reoffending rate")
    cohort = _COHORT.search(source)
    if cohort:
        report.cohort_start = _year_month(cohort.group(1), cohort.group(2))
        report.cohort_end = _year_month(cohort.group(3), cohort.group(4))
    else:
        report.warn("cohort_start", "no reoffending cohort period stated")


def _fieldwork(text: str, report: ParsedReport) -> None:
    m = _FIELDWORK.search(text)
    if not m:
        report.warn("fieldwork_start", "no fieldwork dates found")
        return
    d1, m1, y1, d2, m2, y2 = m.groups()
    try:
        report.fieldwork_end = _date(d2, m2, y2)
        report.fieldwork_start = _date(d1, m1 or m2, y1 or y2)
    except ValueError as exc:
        report.warn("fieldwork_start", f"invalid fieldwork date {m.group(0)!r}: {exc}")
        report.fieldwork_start = report.fieldwork_end = None
        return
    if report.fieldwork_start > report.fieldwork_end and not y1:  # "30 December - 2 January 2016"
        report.fieldwork_start = report.fieldwork_start.replace(
            year=report.fieldwork_start.year - 1
        )


def _service_match(text: str) -> re.Match[str] | None:
    """``_SERVICE.search(text)``, begun just before the first place its core matches."""
    anchor = _SERVICE_ANCHOR.search(text)
    if anchor is None:
        return None
    start = 0 if _SERVICE_LOOKBACK is None else max(0, anchor.start() - _SERVICE_LOOKBACK)
    return _SERVICE.search(text, start)


def _service(text: str, report: ParsedReport) -> None:
    m = _service_match(text)
    if m:
        prefix = (m.group(1) or "").strip()
        report.service = m.group(4)
        report.service_name = re.sub(
            r"\s+", " ", f"{prefix} Youth {m.group(2)} {m.group(3)}"
        ).strip()
        return
    counts = {a: len(re.findall(rf"\b{a}\b", text)) for a in ("YOT", "YOS", "YJS")}
    best = max(counts, key=lambda a: counts[a])
    if counts[best]:
        report.service = best
        report.warn(
            "service_name", f"no '... Youth Offending ... ({best})' name; service from usage"
        )
    else:
        report.warn("service", "the report does not name the team (YOT/YOS/YJS)")


def parse_text(text: str, *, source_file: str, sha256: str) -> ParsedReport:
    """Parse the text of one report (already decoded)."""
    doc: Document = normalise(text)
    flat = " ".join(ln for ln in doc.lines if ln and ln != SOFT_BREAK)
    if not _SQS.search(flat):
        other = _OTHER_TYPES.search(flat)
        kind = f" (looks like: {' '.join(other.group(0).split())})" if other else ""
        raise ReportParseError(
            source_file, f"not an SQS report: no 'Short Quality Screening'{kind}"
        )
    sections = _split_sections(doc.lines)
    title = next((s for s in sections if s.key == "title"), None)
    area_match = _TITLE.search(title.heading) if title else None
    area = area_match.group(1).strip(" .:") if area_match else ""
    if title and title.lines and _continues_title(title.lines[0], area):
        area = f"{area} {title.lines[0]}".strip(" .:")  # a title wrapped over two lines
        title.lines = title.lines[1:]
    if not area:
        raise ReportParseError(
            source_file, "no recognisable structure: no 'Short Quality Screening ... in AREA' title"
        )
    header = _header_fields(sections[0].lines)
    published = _DATE.search(header.get("publication date", ""))
    if not published:
        raise ReportParseError(
            source_file, "no recognisable structure: no 'Publication date:' in the header"
        )
    pub = _date(*published.groups())
    report = ParsedReport(
        source_file=source_file,
        source_sha256=sha256,
        area=area,
        inspection_id=f"{slugify(area)}-{pub:%Y-%m}",
        publication_date=pub,
        footnotes=[doc.footnotes[k] for k in sorted(doc.footnotes)],
    )
    if "to" in header:
        report.addressee = _name_before_comma(header["to"])
        report.addressee_role = header["to"].partition(",")[2].strip() or None
    else:
        report.warn("addressee", "no 'To:' line in the header")
    if "from" in header:
        report.assistant_chief_inspector = _name_before_comma(header["from"])
    else:
        report.warn("assistant_chief_inspector", "no 'From:' line in the header")

    by_key: dict[str, list[_Section]] = {}
    for s in sections:
        by_key.setdefault(s.key, []).append(s)
    prose = {k: " ".join(b for s in v for b in s.blocks) for k, v in by_key.items()}
    intro = " ".join(prose.get(k, "") for k in ("title", "header", "context", "summary"))
    body = " ".join(b for k, b in prose.items() if k != "copy")

    _fieldwork(intro or body, report)
    cases = _CASES.search(prose.get("context", "")) or _CASES.search(body)
    if cases:
        report.cases_examined = parse_number(cases.group(1))
    else:
        report.warn("cases_examined", "no 'examined N cases' statement")
    context = prose.get("context", "") or intro
    if _COMMUNITY_ONLY.search(context):
        report.custody_cases_included = False
    elif _CUSTODY_INCLUDED.search(context):
        report.custody_cases_included = True
    _service(body, report)
    _reoffending(intro or body, " ".join(report.footnotes), report)
    lead = _LEAD.search(body)
    if lead:
        report.lead_inspector = lead.group(1).strip(" .")
    else:
        report.warn("lead_inspector", "no lead inspector named")

    for s in sections:
        if s.key in THEMES and s.key != "operational_management":
            report.paragraphs.extend(_paragraphs(s, report))
        elif s.key == "operational_management":
            text_ = "\n\n".join(s.blocks)
            if text_:
                report.paragraphs.append(Paragraph("operational-management", s.key, None, text_))
        elif s.key == "strengths":
            report.judgements.extend(_items(s, "strength", report))
        elif s.key == "improvements":
            report.judgements.extend(_items(s, "improvement", report))
        elif s.key == "copy":
            report.contacts.extend(_contacts(s, report))
    _check_complete(report, by_key)
    return report


def _check_complete(report: ParsedReport, by_key: dict[str, list[_Section]]) -> None:
    counts = Counter(p.paragraph_id for p in report.paragraphs)
    duplicates = sorted(pid for pid, n in counts.items() if n > 1)
    if duplicates:
        report.warn("paragraphs", f"paragraph numbers repeated: {', '.join(duplicates)}")
    for theme, number in THEMES.items():
        if theme not in by_key:
            report.warn(
                "paragraphs", f"no section for theme {number or ''} {theme}".replace("  ", " ")
            )
    for key, kind in (("strengths", "strength"), ("improvements", "improvement")):
        if key not in by_key:
            report.warn(kind, f"no '{key}' section")
    if "copy" not in by_key:
        report.warn("contacts", "no copy list")


def parse_source(source: SourceText) -> ParsedReport:
    """Parse a :class:`SourceText`, keeping the warnings met while reading it."""
    report = parse_text(source.text, source_file=source.path.name, sha256=source.sha256)
    report.issues[:0] = [Issue("warning", "encoding", message) for message in source.warnings]
    return report


def parse_file(path: str | Path) -> ParsedReport:
    """Read and parse one report file; raises :class:`ReportParseError` if it cannot be used."""
    return parse_source(read_source(path))
