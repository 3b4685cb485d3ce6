"""Turn a report's text into a :class:`ParsedReport`.

The text is read into one document model (:mod:`document`), its parts found (:mod:`structure`)
and each figure read from its own part (:mod:`headline`, :mod:`copylist`). The parser reads what
the report states and nothing more: a figure it cannot find stays ``None`` and leaves a warning.
Only a file that is not an SQS report, or has no recognisable structure, is refused with
:class:`ReportParseError`.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from sqs_analysis.domain import BY_KEY, COMMENTARY, OPERATIONAL_MANAGEMENT_ID, inspection_id
from sqs_analysis.errors import ReportParseError
from sqs_analysis.extract import copylist, dates, headline, nation
from sqs_analysis.extract.document import (
    BULLET,
    ITEM,
    PARAGRAPH,
    Block,
    list_number,
    read,
    sentences,
)
from sqs_analysis.extract.ingest import SourceText, read_source
from sqs_analysis.extract.records import Issue, Judgement, Paragraph, ParsedReport
from sqs_analysis.extract.structure import CLOSING_PART, HEADER, TITLE_PART, Outline, Part, outline

_SQS = re.compile(r"Short\s{1,3}Quality\s{1,3}Screening", re.I)
_OTHER_TYPES = re.compile(
    r"Full\s+Joint\s+Inspection|Core\s+Case\s+Inspection|Thematic\s+Inspection|"
    r"Inspection\s+of\s+youth\s+offending\s+services|Overall\s+rating",
    re.I,
)
_LABEL = re.compile(
    r"(?:^|\s)(To|Copy to|From|Publication date|Date of publication|Published)\s?:", re.I
)
_COPY_LIST_AT_END = re.compile(
    r"\s*see\s+(?:the\s+)?copy\s+list(?:\s+(?:at\s+(?:the\s+)?end|below))?\.?\s*$", re.I
)
_WHITESPACE = re.compile(r"\s+")


def _header_fields(blocks: list[Block]) -> dict[str, str]:
    """Label -> value for the memo header; a value reads on over lines until the next label.

    A converter may put a value before its label ("See copy list at end Copy to:"), and with the
    line breaks lost "See copy list at end" runs on from the value before: it is the copy list's.
    """
    fields: dict[str, list[str]] = {}
    label: str | None = None
    for block in blocks:
        found = list(_LABEL.finditer(block.text))
        if not found:
            if label is not None:
                fields[label].append(block.text)
            continue
        before = block.text[: found[0].start()].strip()
        for i, m in enumerate(found):
            label = _label_key(m.group(1))
            end = found[i + 1].start() if i + 1 < len(found) else len(block.text)
            fields[label] = [block.text[m.end() : end].strip()]
        first = _label_key(found[0].group(1))
        if before and not fields[first][0] and label is not None:
            fields[first] = [before]  # the value before its label
    out = {k: _WHITESPACE.sub(" ", " ".join(v)).strip() for k, v in fields.items()}
    for key, value in list(out.items()):
        m = _COPY_LIST_AT_END.search(value)
        if key != "copy to" and m and not out.get("copy to"):
            out[key] = value[: m.start()].strip()
            out["copy to"] = m.group(0).strip()
    return out


def _label_key(label: str) -> str:
    label = label.lower()
    return "publication date" if label in ("date of publication", "published") else label


def _name_before_comma(value: str) -> str:
    return value.split(",", 1)[0].strip()


def _paragraphs(part: Part, report: ParsedReport) -> list[Paragraph]:
    """The numbered paragraphs of a theme.

    An item numbered ``k.n`` opens one, and what follows it (further blocks, bullets inside it)
    reads on in it until the next.
    """
    key = part.key
    number = COMMENTARY[key]
    if part.number is not None and part.number != number:
        report.warn("paragraphs", f"heading {part.heading!r} is numbered {part.number}")
    out: list[tuple[str, list[str]]] = []
    for block in part.blocks:
        if block.kind == ITEM and "." in block.marker:
            out.append((block.marker, [block.text]))
        elif out:
            out[-1][1].append(block.text)
        else:
            report.warn("paragraphs", f"text before the first numbered paragraph of {key}")
    paragraphs = []
    for pid, texts in out:
        if not pid.startswith(f"{number}."):
            report.warn("paragraphs", f"paragraph {pid} is under the heading {part.heading!r}")
        paragraphs.append(Paragraph(pid, key, number, " ".join(texts)))
    return paragraphs


def _items(part: Part, kind: str, report: ParsedReport) -> list[Judgement]:
    """The bulleted or numbered items of a list, in order, whatever mark each has.

    Without any marks, its paragraphs (and the sentences of a lone paragraph) are taken as the
    items, with a warning.

    Nothing under the heading is dropped without a warning either: a paragraph among marked items is
    taken as an item, and marks that mix bullets and numbers, or numbers that do not run 1 to n, are
    reported (a converter may have lost or garbled an item).
    """
    heading = part.heading or BY_KEY[part.key].label
    marked = [b for b in part.blocks if b.kind == ITEM and "." not in b.marker]
    if not marked:
        paragraphs = [b.text for b in part.blocks if b.kind == PARAGRAPH]
        if len(paragraphs) == 1:
            paragraphs = sentences(paragraphs[0])
        items = [p for p in paragraphs if p]
        if items:
            report.warn(kind, f"no bullet marks under {heading!r}: items taken as written lines")
        else:
            report.warn(kind, f"no items under {heading!r}")
        return [Judgement(kind, i, text) for i, text in enumerate(items, start=1)]
    items = []
    for block in part.blocks:
        if (block.kind == ITEM and "." not in block.marker) or block.kind == PARAGRAPH:
            items.append(block.text)
        if block.kind == PARAGRAPH:
            said = f"text without a mark under {heading!r} taken as an item"
            report.warn(kind, f"{said}: {_start(block.text)!r}")
        elif block.kind != ITEM or "." in block.marker:
            said = f"text under {heading!r} that is not one of its items left out"
            report.warn(kind, f"{said}: {_start(block.text)!r}")
    _check_marks([b.marker for b in marked], kind, heading, report)
    return [Judgement(kind, i, text) for i, text in enumerate(items, start=1)]


def _start(text: str, size: int = 60) -> str:
    """The first words of a text, for a warning."""
    if len(text) <= size:
        return text
    cut = text.rfind(" ", 0, size + 1)
    return text[: cut if cut > 0 else size].rstrip(" ,;:") + "..."


def _check_marks(marks: list[str], kind: str, heading: str, report: ParsedReport) -> None:
    """A warning when one list mixes bullets and numbers, or its numbers are not 1 to n."""
    numbers = [list_number(m) for m in marks if m != BULLET]
    if not numbers:
        return
    if len(numbers) < len(marks):
        problem = "bullets and numbers mixed"
    elif numbers != list(range(1, len(numbers) + 1)):
        problem = "not numbered 1 to " + str(len(numbers))
    else:
        return
    shown = ", ".join(marks)
    said = f"the items under {heading!r} are marked {shown} ({problem})"
    report.warn(kind, f"{said}: check that no item was lost or split")


def _by_key(parts: list[Part]) -> dict[str, list[Part]]:
    by_key: dict[str, list[Part]] = {}
    for part in parts:
        by_key.setdefault(part.key, []).append(part)
    return by_key


def _text(parts: list[Part]) -> str:
    return " ".join(b.text for part in parts for b in part.blocks)


def _refuse_other_types(doc_text: str, source_file: str) -> None:
    if not _SQS.search(doc_text):
        other = _OTHER_TYPES.search(doc_text)
        kind = f" (looks like: {' '.join(other.group(0).split())})" if other else ""
        raise ReportParseError(
            source_file, f"not an SQS report: no 'Short Quality Screening'{kind}"
        )


def _new_report(found: Outline, source_file: str, sha256: str) -> ParsedReport:
    if not found.area:
        raise ReportParseError(
            source_file,
            "no recognisable structure: no area named in a 'Short Quality Screening ... in AREA' "
            "title (an area is read as words in Latin letters, as every report names it)",
        )
    header = _header_fields(found.parts[0].blocks if found.parts[0].key == HEADER else [])
    try:
        published, month = dates.find_date(header.get("publication date", ""))
    except ValueError as exc:
        said = header.get("publication date", "")
        raise ReportParseError(source_file, f"impossible publication date {said!r}: {exc}") from exc
    if month is None:
        raise ReportParseError(
            source_file, "no recognisable structure: no 'Publication date:' in the header"
        )
    try:
        iid = inspection_id(found.area, month)
    except ValueError as exc:
        raise ReportParseError(source_file, str(exc)) from exc
    report = ParsedReport(
        source_file=source_file, source_sha256=sha256, area=found.area, inspection_id=iid,
        publication_date=published,
        footnotes=[found.footnotes[k] for k in sorted(found.footnotes)],
    )  # fmt: skip
    if published is None:
        report.warn("publication_date", "the publication date gives no day")
    _people(header, report)
    return report


def _people(header: dict[str, str], report: ParsedReport) -> None:
    if "to" in header:
        report.addressee = _name_before_comma(header["to"]) or None
        report.addressee_role = header["to"].partition(",")[2].strip() or None
    else:
        report.warn("addressee", "no 'To:' line in the header")
    if "from" in header:
        report.assistant_chief_inspector = _name_before_comma(header["from"]) or None
    else:
        report.warn("assistant_chief_inspector", "no 'From:' line in the header")


def parse_text(text: str, *, source_file: str, sha256: str) -> ParsedReport:
    """Parse the text of one report (already decoded)."""
    doc = read(text)
    _refuse_other_types(" ".join(b.text for b in doc.blocks), source_file)
    found = outline(doc)
    report = _new_report(found, source_file, sha256)
    by_key = _by_key(found.parts)
    report.sections = tuple(dict.fromkeys(p.key for p in found.parts if p.key in BY_KEY))
    intro_parts = [
        *by_key.get(TITLE_PART, []),
        *by_key.get("context", []),
        *by_key.get("summary", []),
    ]
    intro = _text(intro_parts)
    body = _text([p for p in found.parts if p.key not in ("copy", HEADER)])
    context = _text(by_key.get("context", [])) or intro
    headline.fieldwork(intro or body, report)
    headline.cases_examined([context, intro, body], report)
    headline.custody(intro or context, report)
    headline.service(body, report.area, report)
    headline.reoffending(intro or body, " ".join(report.footnotes), report)
    headline.lead_inspector(_text(by_key.get(CLOSING_PART, [])) or body, report)
    if report.lead_inspector is None and by_key.get(CLOSING_PART):
        report.issues = [i for i in report.issues if i.field != "lead_inspector"]
        headline.lead_inspector(body, report)
    _contents(found.parts, report)
    nation.read_nation(report, body)
    _check_values(report)
    _check_complete(report, by_key)
    return report


def _check_values(report: ParsedReport) -> None:
    """Values no report can mean are warnings and empty cells, never a row the schema refuses.

    Such a row would stop every other report's table too.
    """
    for name in ("reoffending_rate_pct", "ew_average_pct"):
        value = getattr(report, name)
        if value is not None and not 0 <= value <= 100:
            report.warn(name, f"a rate of {value:g}% is not a percentage; left empty")
            setattr(report, name, None)
    if report.cases_examined == 0:
        report.warn("cases_examined", "0 cases examined; left empty")
        report.cases_examined = None
    end, published = report.fieldwork_end, report.publication_date
    if end is not None and published is not None and end > published:
        report.warn(
            "fieldwork_start",
            f"fieldwork ending {end:%d %B %Y} is after publication on {published:%d %B %Y}; "
            "left empty",
        )
        report.fieldwork_start = report.fieldwork_end = None


def _contents(parts: list[Part], report: ParsedReport) -> None:
    """Paragraphs, strengths, improvements and contacts, each from its own part."""
    copy_groups: list[tuple[str, ...]] = []
    for part in parts:
        if part.key in COMMENTARY and COMMENTARY[part.key] is not None:
            report.paragraphs.extend(_paragraphs(part, report))
        elif part.key == "operational_management":
            text_ = " ".join(b.text for b in part.blocks)
            if text_:
                report.paragraphs.append(
                    Paragraph(OPERATIONAL_MANAGEMENT_ID, part.key, None, text_)
                )
        elif part.key == "strengths":
            report.judgements.extend(_items(part, "strength", report))
        elif part.key == "improvements":
            report.judgements.extend(_items(part, "improvement", report))
        elif part.key == "copy":
            copy_groups.extend(b.lines for b in part.blocks)
    report.contacts.extend(copylist.contacts(copy_groups, report))


def _check_complete(report: ParsedReport, by_key: dict[str, list[Part]]) -> None:
    counts = Counter(p.paragraph_id for p in report.paragraphs)
    duplicates = sorted(pid for pid, n in counts.items() if n > 1)
    if duplicates:
        report.warn("paragraphs", f"paragraph numbers repeated: {', '.join(duplicates)}")
    for key, number in COMMENTARY.items():
        if key not in by_key:
            report.warn(
                "paragraphs", f"no section for theme {number or ''} {key}".replace("  ", " ")
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
