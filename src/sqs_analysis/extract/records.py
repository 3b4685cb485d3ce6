"""Plain dataclasses for one parsed report.

These are the hand-off between parsing and the tidy tables: parsing fills them, ``tidy`` flattens
them. Nothing here knows about pandas.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqs_analysis.domain import COMMENTARY, OPERATIONAL_MANAGEMENT_ID

#: The commentary's sections, in report order, with the number the report gives each (None:
#: unnumbered); defined in :mod:`sqs_analysis.domain`.
THEMES: dict[str, int | None] = COMMENTARY

__all__ = ["OPERATIONAL_MANAGEMENT_ID", "THEMES", "Contact", "Issue", "Judgement", "ParsedReport"]


@dataclass(frozen=True)
class Paragraph:
    """A numbered finding (``1.1`` ...) or the operational management section."""

    paragraph_id: str
    #: The report section's key (``domain.SECTIONS``) and its number (1-4; None for
    #: operational management).
    section: str
    section_no: int | None
    text: str


@dataclass(frozen=True)
class Judgement:
    """A key strength or an area requiring improvement, in report order (position from 1)."""

    kind: str  # "strength" | "improvement"
    position: int
    text: str


@dataclass(frozen=True)
class Contact:
    """One person on the report's copy list."""

    role: str
    name: str


@dataclass(frozen=True)
class Issue:
    """A problem met while reading or parsing one report (a row of the ``quality`` table)."""

    severity: str  # "error" | "warning"
    field: str
    message: str


@dataclass
class ParsedReport:
    """Everything read from one SQS report; absent facts stay ``None`` and leave an ``Issue``."""

    source_file: str
    source_sha256: str
    area: str
    inspection_id: str
    service: str | None = None
    service_name: str | None = None
    #: England or Wales, as the report shows it (:mod:`sqs_analysis.extract.nation`), and the
    #: words that showed it ("area: Cardiff").
    nation: str | None = None
    nation_evidence: str | None = None
    publication_date: dt.date | None = None
    fieldwork_start: dt.date | None = None
    fieldwork_end: dt.date | None = None
    cases_examined: int | None = None
    custody_cases_included: bool | None = None
    reoffending_rate_pct: float | None = None
    reoffending_vs_previous_year: str | None = None
    reoffending_change_stated: str | None = None
    ew_average_pct: float | None = None
    cohort_start: str | None = None
    cohort_end: str | None = None
    rate_published: str | None = None
    addressee: str | None = None
    addressee_role: str | None = None
    assistant_chief_inspector: str | None = None
    lead_inspector: str | None = None
    paragraphs: list[Paragraph] = field(default_factory=list)
    judgements: list[Judgement] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    footnotes: list[str] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    #: The parts the report has (section keys, in order): a count of a part's items is empty,
    #: not 0, when the part is missing.
    sections: tuple[str, ...] = ()

    @property
    def rate_gap_pct_points(self) -> float | None:
        """Rate minus the England and Wales average of the same cohort, to one decimal place."""
        if self.reoffending_rate_pct is None or self.ew_average_pct is None:
            return None
        return round(self.reoffending_rate_pct - self.ew_average_pct, 1)

    @property
    def numbered_paragraphs(self) -> list[Paragraph]:
        """The paragraphs that belong to a numbered theme."""
        return [p for p in self.paragraphs if p.section_no is not None]

    def count(self, section: str) -> int | None:
        """How many items a part has, or None when the report has no such part.

        The part is the numbered paragraphs (``commentary``), ``strengths`` or ``improvements``; a
        report without it does not say.
        """
        if section == "commentary":
            themes = [k for k, n in THEMES.items() if n is not None]
            if not any(k in self.sections for k in themes):
                return None
            return len(self.numbered_paragraphs)
        if section not in self.sections:
            return None
        kind = {"strengths": "strength", "improvements": "improvement"}[section]
        return sum(j.kind == kind for j in self.judgements)

    def warn(self, field_name: str, message: str) -> None:
        """Note a warning about a field, kept with the report rather than raised."""
        self.issues.append(Issue("warning", field_name, message))
