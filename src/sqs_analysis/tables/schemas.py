"""One schema per table: the contract for every DataFrame the suite writes or reads.

The column descriptions here are the data dictionary (``docs/data-dictionary.md`` is generated from
them by ``sqs-analysis dictionary``), so documentation and validation cannot drift apart. Each
column also has a short human ``title``: what a page calls it (a column's name stays in the CSV,
Parquet and workbook). A name has the same title in every table it is in.
The schemas are written as plain data (:mod:`sqs_analysis.tables.spec`): ``extract`` builds and
checks its tables from them without importing pandera (:mod:`sqs_analysis.tables.frames`), and
:data:`SCHEMAS` holds them as pandera schemas, made on first use (``read_tables``, the data
dictionary and the tests use them). Pandera is used because it validates pandas frames directly,
reports every failing row at once and keeps a human description on each column.
"""

from __future__ import annotations

from typing import Any

from sqs_analysis.domain import COMMENTARY, INSPECTION_ID
from sqs_analysis.tables.spec import Check, Column, Table, to_pandera

#: The keys of the report sections that hold numbered paragraphs (``domain.COMMENTARY``).
SECTION_KEYS = list(COMMENTARY)
_YM = r"^\d{4}-(0[1-9]|1[0-2])$"
_ID = f"^{INSPECTION_ID.pattern}$"


def _text(title: str, description: str, nullable: bool = True, **kw: object) -> Column:
    return Column("string", nullable=nullable, title=title, description=description, **kw)


def _int(title: str, description: str, nullable: bool = True, **kw: object) -> Column:
    return Column("Int64", nullable=nullable, title=title, description=description, **kw)


def _float(title: str, description: str, nullable: bool = True, **kw: object) -> Column:
    return Column("Float64", nullable=nullable, title=title, description=description, **kw)


def _date(title: str, description: str) -> Column:
    return Column("datetime64[ns]", nullable=True, title=title, description=description)


def _id() -> Column:
    return _text(
        "Inspection",
        "Inspection id: area slug and publication year-month, e.g. `st-helens-2015-07`.",
        nullable=False,
        checks=Check.str_matches(_ID),
    )


def _schema(name: str, description: str, columns: dict[str, Column], **kw: Any) -> Table:
    return Table(name, description, columns, **kw)


PCT = Check.in_range(0, 100)

_inspections = _schema(
    "inspections",
    "One row per SQS report: the inspection's headline figures and where they came from.",
    {
        "inspection_id": _id(),
        "area": _text(
            "Area", "Local area named in the report title, e.g. `St Helens`.", nullable=False
        ),
        "service": _text(
            "Service",
            "What the report calls the team: `YOT`, `YOS` or `YJS`.",
            checks=Check.isin(["YOT", "YOS", "YJS"]),
        ),
        "service_name": _text(
            "Service name", "The team's full name, e.g. `Somerset Youth Offending Team`."
        ),
        "nation": _text(
            "Nation",
            "`England` or `Wales`, as the report itself shows it: its area (a local authority "
            "area of that nation, or a combined service of such areas), a body on its copy list "
            "or in its text that exists in one nation only (Estyn, Welsh Government, Ofsted, a "
            "clinical commissioning group, a police force), or Welsh text (rules: "
            "`vocab/nations.csv`). Empty when the report does not show it, and when its evidence "
            "points to both (then a `warning` row in the quality table, field `nation`, names "
            "both sides).",
            checks=Check.isin(["England", "Wales"]),
        ),
        "nation_evidence": _text(
            "Evidence of nation",
            "The words that decided `nation`, each with where they were found, joined by `; `, "
            "e.g. `area: Somerset; copy list: Ofsted`; empty when `nation` is.",
        ),
        "publication_date": _date("Published", "Date the report was published (header)."),
        "fieldwork_start": _date("Fieldwork began", "First day of inspection fieldwork."),
        "fieldwork_end": _date("Fieldwork ended", "Last day of inspection fieldwork."),
        "cases_examined": _int(
            "Cases examined", "Number of cases the inspectors examined.", checks=Check.ge(0)
        ),
        "custody_cases_included": Column(
            "boolean",
            nullable=True,
            title="Custody cases included",
            description="False when the report says only community cases were assessed; true "
            "when it says custody cases were included; empty when it does not say.",
        ),
        "reoffending_rate_pct": _float(
            "Reoffending rate", "Published binary reoffending rate (%).", checks=PCT
        ),
        "reoffending_vs_previous_year": _text(
            "Rate against the previous year",
            "Rate against the previous year as the report states it: `better`/`worse`/`same`.",
            checks=Check.isin(["better", "worse", "same"]),
        ),
        "reoffending_change_stated": _text(
            "Change as stated", "The words used for the change, e.g. `3% worse`, `better`."
        ),
        "ew_average_pct": _float(
            "England and Wales average (same cohort)",
            "England and Wales average reoffending rate for the same cohort (%).",
            checks=PCT,
        ),
        "rate_gap_pct_points": _float(
            "Gap to average",
            "Reoffending rate minus the England and Wales average of the same cohort "
            "(percentage points; positive is worse).",
        ),
        "cohort_start": _text(
            "Cohort began",
            "First month of the reoffending cohort (`YYYY-MM`).",
            checks=Check.str_matches(_YM),
        ),
        "cohort_end": _text(
            "Cohort ended",
            "Last month of the reoffending cohort (`YYYY-MM`).",
            checks=Check.str_matches(_YM),
        ),
        "rate_published": _text(
            "Rate published",
            "Month the reoffending rate was published (`YYYY-MM`).",
            checks=Check.str_matches(_YM),
        ),
        "addressee": _text(
            "Addressed to", "Person the report is addressed to (usually the board chair)."
        ),
        "addressee_role": _text(
            "Addressee's role", "The addressee's role as written after their name."
        ),
        "assistant_chief_inspector": _text(
            "Assistant Chief Inspector", "Assistant Chief Inspector the report is from."
        ),
        "lead_inspector": _text("Lead inspector", "Lead inspector named at the end of the report."),
        "n_paragraphs": _int(
            "Numbered paragraphs",
            "Number of numbered paragraphs (1.1, 1.2, ...); empty when the report has none of "
            "the four themes' sections (a copy cut off before them), 0 only when they are there "
            "and hold no numbered paragraph.",
        ),
        "n_strengths": _int(
            "Key strengths",
            "Number of key strengths; empty when the report has no key strengths section.",
        ),
        "n_improvements": _int(
            "Areas requiring improvement",
            "Number of areas requiring improvement; empty when the report has no such section.",
        ),
        "n_warnings": _int(
            "Parse warnings", "Number of parse warnings (see the quality table).", nullable=False
        ),
        "source_file": _text("Source file", "File name in the raw folder.", nullable=False),
        "source_sha256": _text(
            "SHA-256 of source file",
            "SHA-256 of the raw file's bytes.",
            nullable=False,
            checks=Check.str_matches(r"^[0-9a-f]{64}$"),
        ),
    },
    unique=["inspection_id"],
)

_paragraphs = _schema(
    "paragraphs",
    "One row per numbered paragraph of the commentary, plus the operational management section.",
    {
        "inspection_id": _id(),
        "section_no": _int(
            "Section number",
            "Number of the report section (1-4: its four themes); empty for operational management.",
            checks=Check.isin([1, 2, 3, 4]),
        ),
        "section": _text(
            "Report section",
            "The report section the paragraph is in: "
            + ", ".join(f"`{k}`" for k in SECTION_KEYS)
            + ".",
            nullable=False,
            checks=Check.isin(SECTION_KEYS),
        ),
        "paragraph_id": _text(
            "Paragraph",
            "Paragraph number as printed (`1.1`) or `operational-management`.",
            nullable=False,
        ),
        "text": _text(
            "Text", "Paragraph text with markup, footnotes and page breaks removed.", nullable=False
        ),
    },
)

_judgements = _schema(
    "judgements",
    "One row per key strength or area requiring improvement.",
    {
        "inspection_id": _id(),
        "kind": _text(
            "Strength or improvement",
            "`strength` or `improvement`.",
            nullable=False,
            checks=Check.isin(["strength", "improvement"]),
        ),
        "position": _int(
            "No.", "Order within its list, from 1.", nullable=False, checks=Check.ge(1)
        ),
        "text": _text("Text", "The strength or improvement as written.", nullable=False),
    },
)

_contacts = _schema(
    "contacts",
    "One row per person on the report's copy list.",
    {
        "inspection_id": _id(),
        "position": _int(
            "No.", "Order on the copy list, from 1.", nullable=False, checks=Check.ge(1)
        ),
        "role": _text(
            "Role", "Role as written, e.g. `Local Authority Chief Executive`.", nullable=False
        ),
        "name": _text("Name", "One person's name (post-nominals such as JP kept).", nullable=False),
    },
)

_quality = _schema(
    "quality",
    "One row per file and problem: a refused file (error) or a parse warning.",
    {
        "source_file": _text("Source file", "File name in the raw folder.", nullable=False),
        "inspection_id": Column(
            "string",
            nullable=True,
            title="Inspection",
            description="Inspection id, when the report could be parsed.",
        ),
        "severity": _text(
            "Severity",
            "`error` (file refused) or `warning` (parsed, something missing or odd).",
            nullable=False,
            checks=Check.isin(["error", "warning"]),
        ),
        "field": _text(
            "Part of the report", "Field or part of the report concerned.", nullable=False
        ),
        "message": _text("Problem", "What went wrong, in plain words.", nullable=False),
    },
)

_UNIT = Check.in_range(0, 1)

_findings = _schema(
    "findings",
    "One row per quantified statement about cases in a numbered paragraph or operational "
    "management. Exact counts carry a point and a 95% Wilson interval; words such as "
    "`just over half` carry only the interval the words allow: a modifier applied to a base "
    "(see `vocab/modifiers.csv` and `vocab/bases.csv`).",
    {
        "inspection_id": _id(),
        "paragraph_id": _text(
            "Paragraph", "Paragraph the statement is in (see `paragraphs`).", nullable=False
        ),
        "section": _text(
            "Report section",
            "The report section of the paragraph (see `paragraphs.section`).",
            nullable=False,
            checks=Check.isin(SECTION_KEYS),
        ),
        "quote": _text(
            "Quote", "The exact words, a substring of the paragraph text.", nullable=False
        ),
        "start": _int(
            "Quote starts at", "Offset of the quote in the paragraph text.", nullable=False
        ),
        "end": _int(
            "Quote ends at",
            "Offset just after the quote (`text[start:end] == quote`).",
            nullable=False,
        ),
        "numerator": _int(
            "Cases counted", "Cases counted, when the text gives a number.", checks=Check.ge(0)
        ),
        "denominator": _int(
            "Out of",
            "Cases the count is out of, when the text or its context gives it.",
            checks=Check.ge(0),
        ),
        "denominator_source": _text(
            "Denominator from",
            "Where the denominator came from: `stated` (same sentence), `previous_sentence` "
            "(e.g. `each of these`) or `cases_examined` (the whole sample); empty when unknown.",
            checks=Check.isin(["stated", "previous_sentence", "cases_examined"]),
        ),
        "proportion": _float(
            "Share", "numerator / denominator, only when both are exact.", checks=_UNIT
        ),
        "proportion_low": _float(
            "Lowest share the words allow", "Lowest proportion the words allow.", checks=_UNIT
        ),
        "proportion_high": _float(
            "Highest share the words allow", "Highest proportion the words allow.", checks=_UNIT
        ),
        "ci_low": _float(
            "95% interval, low",
            "95% Wilson interval, lower bound (exact counts only).",
            checks=_UNIT,
        ),
        "ci_high": _float(
            "95% interval, high",
            "95% Wilson interval, upper bound (exact counts only).",
            checks=_UNIT,
        ),
        "quantifier_kind": _text(
            "How it is counted",
            "How the quantity is expressed: `count_of` (7 of 11), `count` (in 11 cases), "
            "`fraction_word` (two-thirds, just over half, almost all), `percent` (60% of "
            "cases), `all`, `all_but`, `none`, `vague` (many, some: no number).",
            nullable=False,
        ),
        "aspect": _text("Aspect", "What was judged: assessment, planning, review, reports, ..."),
        "verdict": _text(
            "Verdict",
            "`met` when the sentence says the work was good enough or done, `not_met` when it "
            "says it was not; empty when only descriptive.",
            checks=Check.isin(["met", "not_met"]),
        ),
    },
)

_judgement_themes = _schema(
    "judgement_themes",
    "One row per theme tag of a key strength or area for improvement, with the words that "
    "matched (vocabulary in `vocab/themes.csv`).",
    {
        "inspection_id": _id(),
        "kind": _text(
            "Strength or improvement",
            "`strength` or `improvement`.",
            nullable=False,
            checks=Check.isin(["strength", "improvement"]),
        ),
        "position": _int(
            "No.", "Position of the judgement in its list (see `judgements`).", nullable=False
        ),
        "theme": _text("Theme", "Theme from the controlled vocabulary.", nullable=False),
        "matched": _text(
            "Matched words", "The words in the judgement that gave the tag.", nullable=False
        ),
    },
)

_paragraph_themes = _schema(
    "paragraph_themes",
    "One row per theme tag of a paragraph, with the words that matched.",
    {
        "inspection_id": _id(),
        "paragraph_id": _text("Paragraph", "Paragraph (see `paragraphs`).", nullable=False),
        "theme": _text("Theme", "Theme from the controlled vocabulary.", nullable=False),
        "matched": _text(
            "Matched words", "The words in the paragraph that gave the tag.", nullable=False
        ),
    },
)

#: Every table in the order it is written and documented, as plain data.
TABLES: dict[str, Table] = {
    "inspections": _inspections,
    "paragraphs": _paragraphs,
    "judgements": _judgements,
    "contacts": _contacts,
    "findings": _findings,
    "judgement_themes": _judgement_themes,
    "paragraph_themes": _paragraph_themes,
    "quality": _quality,
}


def __getattr__(name: str) -> Any:
    """``SCHEMAS`` (in :data:`TABLES` order) and each table's pandera schema, made on first use.

    Importing pandera takes longer than ``extract`` spends checking its tables.
    """
    if name == "SCHEMAS":
        globals()["SCHEMAS"] = {key: to_pandera(table) for key, table in TABLES.items()}
        return globals()["SCHEMAS"]
    if name in TABLES:
        return (globals().get("SCHEMAS") or __getattr__("SCHEMAS"))[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
