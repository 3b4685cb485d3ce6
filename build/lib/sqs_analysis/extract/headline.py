"""The headline figures of an inspection, read from its sentences: the grammars of each.

Each reader sets what the text states on a :class:`~sqs_analysis.extract.records.ParsedReport` and
warns about what it cannot find; none guesses. Sentences are read as text with line breaks turned
into spaces, so a sentence wrapped over lines or pages reads the same. Patterns are linear.
"""

from __future__ import annotations

import re

from sqs_analysis.extract import dates
from sqs_analysis.extract.dates import MONTH, YEAR
from sqs_analysis.extract.document import SENTENCE_BREAK, sentences
from sqs_analysis.extract.numbers import NUMBER_PATTERN, parse_number
from sqs_analysis.extract.records import ParsedReport

_PCT = r"(\d{1,3}(?:\.\d{1,2})?)\s?(?:%|per\s?cent\b|percent\b)"
_PREVIOUS = (
    r"(?:the\s+)?(?:previous|preceding|prior|last)\s+(?:year|12\s+months|cohort|period)"
    r"|the\s+year\s+before"
)

# --- the reoffending sentence ---------------------------------------------------------------------

_RATE = re.compile(
    r"re-?offending\s+rate\b(?:[^.%]|\.(?=\S)){0,120}?"
    r"\b(?:was|is|of|at|stood\s+at|been|were|:)\s+(?:therefore\s+|now\s+)?\(?" + _PCT,
    re.IGNORECASE,
)
#: "the reoffending rate for St Helens (46.2%)", "At 46.2%, the reoffending rate ...".
_RATE_BRACKETED = re.compile(
    r"re-?offending\s+rate\s+(?:for|in|of)\s+[^.()%]{1,80}?\(" + _PCT + r"\)", re.IGNORECASE
)
_RATE_BEFORE = re.compile(
    r"\bAt\s+" + _PCT + r",?\s+(?:the\s+|its\s+)?(?:published\s+)?re-?offending\s+rate\b",
    re.IGNORECASE,
)
#: Words that, between "reoffending rate" and a figure, make the figure another rate's.
_OTHER_RATE = re.compile(r"average|england|wales|previous|national|last\s+year", re.IGNORECASE)


_BETTER = {"better", "lower", "improvement", "reduction", "decrease", "fall", "drop", "improved",
           "fallen", "fell", "reduced", "decreased", "dropped", "lowered"}  # fmt: skip
_WORSE = {"worse", "higher", "deterioration", "increase", "rise", "worsened", "deteriorated",
          "increased", "risen", "rose", "grew"}  # fmt: skip
_SIZE = rf"(?:{_PCT}|\d{{1,2}}(?:\.\d{{1,2}})?\s+percentage\s+points?)"
_AMOUNT = rf"(?:{_SIZE}\s+)"
_CHANGES = (
    # "3% worse than the previous year", "better than in the previous year"
    re.compile(
        rf"({_AMOUNT}?(better|worse|lower|higher))\s+than\s+(?:it\s+was\s+)?(?:in\s+|for\s+)?"
        rf"(?:{_PREVIOUS})",
        re.IGNORECASE,
    ),
    # "an improvement on the previous year", "a 2% reduction from the previous year"
    re.compile(
        rf"((?:an?\s+)?{_AMOUNT}?(improvement|deterioration|increase|reduction|decrease|rise|"
        rf"fall|drop)(?:\s+of\s+{_PCT})?)\s+(?:on|from|over|compared\s+(?:with|to)|since)\s+"
        rf"(?:{_PREVIOUS})",
        re.IGNORECASE,
    ),
    # "had improved by 2% since the previous year", "rose on the previous year"
    re.compile(
        r"((improved|fallen|fell|reduced|decreased|dropped|lowered|increased|risen|rose|grew|"
        rf"worsened|deteriorated)(?:\s+by\s+{_SIZE})?)\s+(?:on|from|over|since|"
        rf"compared\s+(?:with|to))\s+(?:{_PREVIOUS})",
        re.IGNORECASE,
    ),
)
_SAME = re.compile(
    r"(?:the\s+same\s+as|no\s+change\s+(?:from|on)|unchanged\s+(?:from|on)|similar\s+to|"
    rf"in\s+line\s+with)\s+(?:{_PREVIOUS})",
    re.IGNORECASE,
)
_EW = (
    re.compile(
        r"England\s+and\s+Wales\s+average(?:\s+(?:re-?offending\s+)?rate)?"
        r"(?:\s+for\s+the\s+same\s+(?:period|cohort))?,?\s*(?:of|was|at|which\s+was|is|stood\s+at"
        rf"|:|=|\()?\s*{_PCT}",
        re.IGNORECASE,
    ),
    re.compile(
        rf"average\s+(?:rate\s+)?(?:for|across|in)\s+England\s+and\s+Wales,?\s*(?:of|was|at|is|:|\()?\s*"
        rf"{_PCT}",
        re.IGNORECASE,
    ),
    re.compile(rf"{_PCT}\s+(?:for|in|across)\s+England\s+and\s+Wales", re.IGNORECASE),
)
_PUBLISHED = re.compile(
    rf"\bpublished:?\s+(?:by\s+the\s+Ministry\s+of\s+Justice\s+)?(?:in\s+|on\s+)?"
    rf"(?:{dates.DAY}\s+)?({MONTH})\s+({YEAR})",
    re.IGNORECASE,
)
_COHORT_RANGE = re.compile(
    rf"\b({MONTH})\s*({YEAR})?\s*(?:-|to|and|until)\s*({MONTH})\s*({YEAR})\b", re.IGNORECASE
)
_COHORT_FINANCIAL = re.compile(r"\b((?:19|20)\d{2})\s?/\s?(\d{2})\b")
_COHORT_WORD = re.compile(r"\bcohort\b", re.IGNORECASE)


def _direction(word: str) -> str:
    word = word.lower()
    return "better" if word in _BETTER else "worse" if word in _WORSE else word


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def reoffending(text: str, footnotes: str, report: ParsedReport) -> None:
    """The published reoffending rate, with its comparisons, its date and its cohort.

    That is the rate, its change on the previous year, the England and Wales average of the same
    cohort, when that rate was published and for which cohort.
    """
    rate = _rate(text)
    if not rate:
        report.warn("reoffending_rate_pct", "no published reoffending rate stated")
        return
    report.reoffending_rate_pct = float(rate.group(1))
    after = _two_sentences(text, rate.end())
    _previous_year(after, report)
    ew = _first(_EW, after) or _first(_EW, text)
    if ew:
        report.ew_average_pct = float(ew.group(1))
    else:
        report.warn("ew_average_pct", "no England and Wales average stated")
    _cohort_and_publication(f"{footnotes} {text}", report)


def _two_sentences(text: str, start: int) -> str:
    """The text from ``start`` to the end of the next sentence, and no further.

    That stretch is where a report compares its rate (with the previous year, with England and
    Wales).
    """
    ends = [m.start() for m in SENTENCE_BREAK.finditer(text, start, start + 600)][:2]
    return text[start : ends[-1] if len(ends) == 2 else start + 500]


def _rate(text: str) -> re.Match[str] | None:
    """The first statement of the area's own rate.

    A figure reached across "the England and Wales average" or "the previous year" is that other
    rate's, never the area's.
    """
    found = []
    for m in _RATE.finditer(text):
        if not _OTHER_RATE.search(text, m.start(), m.start(1)):
            found.append(m)
            break
    found += [m for p in (_RATE_BRACKETED, _RATE_BEFORE) if (m := p.search(text))]
    return min(found, key=lambda m: m.start()) if found else None


def _first(patterns: tuple[re.Pattern[str], ...], text: str) -> re.Match[str] | None:
    found = [m for p in patterns if (m := p.search(text))]
    return min(found, key=lambda m: m.start()) if found else None


def _previous_year(after: str, report: ParsedReport) -> None:
    change = _first(_CHANGES, after)
    same = _SAME.search(after)
    if change and (not same or change.start() < same.start()):
        report.reoffending_vs_previous_year = _direction(_word(change))
        report.reoffending_change_stated = _squash(change.group(1))
    elif same:
        report.reoffending_vs_previous_year = "same"
        report.reoffending_change_stated = _squash(same.group(0))
    else:
        report.warn("reoffending_vs_previous_year", "no comparison with the previous year")


def _word(change: re.Match[str]) -> str:
    """The direction word of a change: the last group that matched a word."""
    for value in reversed(change.groups()):
        if value and value.lower() in _BETTER | _WORSE:
            return value
    return ""


def _cohort_and_publication(source: str, report: ParsedReport) -> None:
    published = _PUBLISHED.search(source)
    if published:
        report.rate_published = dates.year_month(published.group(1), published.group(2))
    else:
        report.warn("rate_published", "no publication month for the reoffending rate")
    cohort = _cohort(source)
    if cohort:
        report.cohort_start, report.cohort_end = cohort
    else:
        report.warn("cohort_start", "no reoffending cohort period stated")


def _cohort(source: str) -> tuple[str, str] | None:
    """The cohort's first and last month, from the sentence that names the cohort.

    "April 2012 - March 2013", "January to December 2013" (one year), "between July 2013 and
    June 2014", and "2013/14" (a UK financial year, April to March; the only twelve months that
    the Ministry of Justice labels that way).
    """
    for sentence in sentences(source):
        if not _COHORT_WORD.search(sentence):
            continue
        m = _COHORT_RANGE.search(sentence)
        if m:
            m1, y1, m2, y2 = m.groups()
            end_year = int(y2)
            start_year = (
                int(y1)
                if y1
                else (
                    end_year if dates.month_number(m1) <= dates.month_number(m2) else end_year - 1
                )
            )
            return dates.year_month(m1, start_year), dates.year_month(m2, end_year)
        m = _COHORT_FINANCIAL.search(sentence)
        if m and (int(m.group(1)) + 1) % 100 == int(m.group(2)):
            return f"{int(m.group(1))}-04", f"{int(m.group(1)) + 1}-03"
    return None


# --- fieldwork, sample, service, people -----------------------------------------------------------

_FIELDWORK_WORDS = re.compile(
    r"\b(?:inspection|fieldwork|conducted|took\s+place|visited|carried\s+out)\b", re.I
)


def fieldwork(text: str, report: ParsedReport) -> None:
    """The first and last day of fieldwork.

    They come from the first range of days in the sentence about the inspection (else in the text).
    """
    candidates = [s for s in sentences(text) if _FIELDWORK_WORDS.search(s)] + [text]
    for sentence in candidates:
        try:
            found = dates.find_range(sentence)
        except ValueError as exc:
            report.warn("fieldwork_start", f"invalid fieldwork date: {exc}")
            return
        if found is None:
            continue
        m, start, end = found
        if start > end:
            report.warn("fieldwork_start", f"fieldwork ends before it starts: {m.group(0)!r}")
            return
        report.fieldwork_start, report.fieldwork_end = start, end
        return
    report.warn("fieldwork_start", "no fieldwork dates found")


_N = rf"({NUMBER_PATTERN})"
_CASES = (
    re.compile(
        r"\b(?:examined|looked\s+at|inspected|assessed|reviewed|read)\s+(?:a\s+(?:total|sample)\s+"
        rf"of\s+|the\s+(?:work|cases)\s+(?:of|in)\s+)?{_N}\s+(?:(?:statutory|community|"
        r"custod\w{0,3})\s+)?(?:cases?|case\s+files)\b",
        re.IGNORECASE,
    ),
    re.compile(
        rf"\bsample\s+(?:of|comprised|consisted\s+of|included|was)\s+{_N}\s+(?:cases|case\s+files)",
        re.IGNORECASE,
    ),
    re.compile(
        rf"\b{_N}\s+cases\s+(?:were|had\s+been)\s+(?:examined|inspected|assessed|looked\s+at|"
        r"reviewed)",
        re.IGNORECASE,
    ),
)


def cases_examined(texts: list[str], report: ParsedReport) -> None:
    """How many cases the inspectors examined ("We examined 14 cases", "a sample of 20 cases")."""
    for text in texts:
        m = _first(_CASES, text)
        if m:
            report.cases_examined = parse_number(m.group(1))
            return
    report.warn("cases_examined", "no 'examined N cases' statement")


_COMMUNITY_ONLY = re.compile(
    r"none\s+of\s+the\s+(?:cases\s+(?:included|involved|was|were|had)\s+(?:an?\s+)?)?custod"
    r"|only\s+relate\s+to\s+cases\s+(?:being\s+)?managed\s+in\s+the\s+community"
    r"|community\s+cases\s+only|no\s+custod\w{0,5}\s+(?:cases|sentences)"
    r"|did\s+not\s+include\s+any\s+custod|no\s+cases\s+(?:included|involved)\s+(?:an?\s+)?custod",
    re.IGNORECASE,
)
_CUSTODY_INCLUDED = re.compile(
    rf"(?:including|included|of\s+which|of\s+these)\s+{_N}\s+(?:were\s+)?(?:in\s+)?custod"
    rf"|\b{_N}\s+of\s+(?:these|them|the(?:se)?\s+cases)\s+(?:were|was|involved|included)\s+"
    r"(?:an?\s+)?custod",
    re.IGNORECASE,
)


def custody(context: str, report: ParsedReport) -> None:
    """Whether the sample included custody cases, when the report says (else left empty)."""
    low = context.lower()
    if "custod" not in low and "community" not in low:
        return
    if _COMMUNITY_ONLY.search(context):
        report.custody_cases_included = False
    elif _CUSTODY_INCLUDED.search(context):
        report.custody_cases_included = True


_ACRONYM = {("offending", "team"): "YOT", ("offending", "service"): "YOS",
            ("justice", "service"): "YJS"}  # fmt: skip
_SERVICE = re.compile(
    r"Youth\s+(Offending|Justice)\s+(Team|Service)s?\b(?:\s*\((YOT|YOS|YJS)\))?", re.IGNORECASE
)
_NAME_WORD = re.compile(r"(?:[A-Z][\w'&.-]{0,30}|and|of|upon|on|with|&)$")


def service(text: str, area: str, report: ParsedReport) -> None:
    """What the report calls the team and its full name: "St Helens Youth Offending Service (YOS)".

    The acronym follows from the name when the report does not bracket it.
    """
    matches = list(_SERVICE.finditer(text))
    best = next((m for m in matches if m.group(3)), matches[0] if matches else None)
    if best is None:
        _service_from_usage(text, report)
        return
    kind = (best.group(1).lower(), best.group(2).lower())
    report.service = best.group(3).upper() if best.group(3) else _ACRONYM.get(kind)
    words = f"Youth {best.group(1).title()} {best.group(2).title()}"
    report.service_name = f"{_name_before(text[: best.start()], area)} {words}".strip()


def _name_before(before: str, area: str) -> str:
    """The words of the team's name before "Youth".

    They are the area when it stands there, else the capitalised words (without a sentence's opening
    "The").
    """
    tail = before.rstrip()
    if area and tail.lower().endswith(area.lower()):
        return tail[len(tail) - len(area) :]
    words: list[str] = []
    for word in reversed(tail.split()[-6:]):
        if not _NAME_WORD.match(word) or word.endswith((".", ",", ":", ";")):
            break
        words.insert(0, word)
    while words and (words[0] in ("The", "the", "and", "of") or words[0].islower()):
        words.pop(0)
    return " ".join(words)


def _service_from_usage(text: str, report: ParsedReport) -> None:
    counts = {a: len(re.findall(rf"\b{a}\b", text)) for a in ("YOT", "YOS", "YJS")}
    best = max(counts, key=lambda a: counts[a])
    if counts[best]:
        report.service = best
        report.warn(
            "service_name", f"no '... Youth Offending ... ({best})' name; service from usage"
        )
    else:
        report.warn("service", "the report does not name the team (YOT/YOS/YJS)")


_PERSON = r"((?:(?:Dr|Mr|Mrs|Ms|Miss)\.?\s)?[A-Z][\w'-]{0,30}(?:\s(?:[A-Z][\w'-]{0,30}|de|van|von|da|le|la)){0,4})"
_LEAD = (
    re.compile(rf"lead\s+inspector,?\s+(?:who\s+)?(?:was|is)\s+{_PERSON}"),
    re.compile(rf"lead\s+inspector\s*[,:-]\s*{_PERSON}"),
    re.compile(rf"contact\s+{_PERSON},?\s+(?:the\s+|our\s+)?lead\s+inspector"),
    re.compile(rf"[Ll]ead\s+[Ii]nspector\s*:\s*{_PERSON}"),
)


def lead_inspector(text: str, report: ParsedReport) -> None:
    """Record the lead inspector's name, from the report's first mention of one."""
    m = _first(_LEAD, text)
    if m:
        report.lead_inspector = m.group(1).strip(" .")
    else:
        report.warn("lead_inspector", "no lead inspector named")
