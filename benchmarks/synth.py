"""Synthetic SQS corpora for the benchmarks and the demo: N reports made by varying the seeds.

Each synthetic report is a seed with a new area name ("Area 0007"), new publication and
fieldwork dates, a new number of cases examined, new reoffending rates (keeping the seed's
"better"/"worse" wording true) and its key strengths, areas for improvement and the sentences of
its summary in a shuffled order. Its counted findings vary too, so a comparison across reports
is worth drawing: every exact count in a numbered paragraph ("good enough in 7 of 11 cases",
"8 of the 11", "3 out of 5") keeps its denominator and gets a new numerator, drawn from a
propensity of the report (some areas are clearly better or worse than others) and of the theme
the paragraph is in. Every fifth report copies itself to a Welsh body (a copy-list entry naming
the Youth Justice Board Cymru), the others to an English one (a Clinical Commissioning Group).
Every changed value is recorded in an :class:`Expected` row, and :func:`check` asserts that the
parsed tables give exactly those values, so a benchmark fails loudly if the parser drifts
instead of timing the wrong thing.

    python benchmarks/synth.py 100 /tmp/corpus     # write 100 reports and check they parse
    python benchmarks/synth.py 50 build/demo/raw --no-check   # what `make demo` runs
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED_DIR = ROOT / "data" / "raw"


@dataclass(frozen=True)
class Seed:
    """A seed report and the exact strings of it that the generator replaces."""

    file: str
    area: str
    service: str
    publication: str  # "08 June 2016"
    fieldwork: str  # "09-11 May 2016"
    dash: str  # the dash the fieldwork dates use
    examined: str  # "We examined 20 cases"
    min_cases: int  # the largest count the text states about the cases examined
    rate_sentence: str  # "... for Somerset was 32.3%."
    ew_sentence: str  # "... England and Wales average of 37.8%."
    rate: float
    ew: float
    n_paragraphs: int
    n_strengths: int
    n_improvements: int


SEEDS = (
    Seed(
        file="st-helens-2015-07.md",
        area="St Helens",
        service="YOS",
        publication="08 July 2015",
        fieldwork="15–17 June 2015",
        dash="–",
        examined="We examined 14 cases",
        min_cases=14,
        rate_sentence="for St Helens was 46.2%.",
        ew_sentence="England and Wales average of 36.1%.",
        rate=46.2,
        ew=36.1,
        n_paragraphs=20,
        n_strengths=5,
        n_improvements=3,
    ),
    Seed(
        file="somerset-2016-06.md",
        area="Somerset",
        service="YOT",
        publication="08 June 2016",
        fieldwork="09-11 May 2016",
        dash="-",
        examined="We examined 20 cases",
        min_cases=20,
        rate_sentence="for Somerset was 32.3%.",
        ew_sentence="England and Wales average of 37.8%.",
        rate=32.3,
        ew=37.8,
        n_paragraphs=16,
        n_strengths=5,
        n_improvements=3,
    ),
)


#: An exact count: "7 of 11", "8 of the 11", "11 of the applicable 19", "3 out of 5".
COUNT = re.compile(r"\b(\d+)( (?:out )?of (?:the )?(?:applicable )?)(\d+)\b")
#: A numbered paragraph of the commentary: "2.4. ..." or "- 2.4. ..." at the start of a line.
PARAGRAPH = re.compile(r"^(?:- )?(([1-4])\.\d+)\. [^\n]*", re.MULTILINE)
#: The share of cases meeting the standard in a middling area and theme, as log-odds (65%),
#: and how much areas, and themes within an area, differ from it (standard deviations).
BASE_LOG_ODDS = math.log(0.65 / 0.35)
AREA_SPREAD = 1.0
THEME_SPREAD = 0.6

#: The copy-list entry every fifth report gets (a Welsh body), and the others' (an English one).
WELSH_ROLE = "Head of Youth Justice Board Cymru"
ENGLISH_ROLE = "Chair of {area} Clinical Commissioning Group"
#: In a Welsh report the seed's English-only bodies become their Welsh counterparts, so the
#: report's evidence of its nation agrees (``extract/nation.py`` leaves a mix empty).
WELSH_BODIES = (
    (re.compile(r"\bOfsted\b"), "Estyn"),
    (re.compile(r"\bCare Quality Commission\b"), "Care Inspectorate Wales"),
    (re.compile(r"Police and Crime Commissioner for [A-Z][a-z]+(?: and [A-Z][a-z]+)?"),
     "Police and Crime Commissioner for Gwent"),
)  # fmt: skip
COPY_NAMES = ("Rhian Evans", "Gareth Price", "Sam Cole", "Priya Shah", "Tom Hughes", "Ann Lloyd")


@dataclass(frozen=True)
class Count:
    """An exact count in a numbered paragraph, as a synthetic report states it."""

    paragraph_id: str
    numerator: int
    denominator: int


@dataclass(frozen=True)
class Expected:
    """What one synthetic report must parse to."""

    file: str
    inspection_id: str
    area: str
    service: str
    publication_date: dt.date
    fieldwork_start: dt.date
    fieldwork_end: dt.date
    cases_examined: int
    reoffending_rate_pct: float
    ew_average_pct: float
    n_paragraphs: int
    n_strengths: int
    n_improvements: int
    #: Every exact count in the numbered paragraphs, in the order of the text.
    counts: tuple[Count, ...] = ()
    #: The copy-list entry added to the seed's (role, name).
    copy_entry: tuple[str, str] = ("", "")
    #: The nation the report's copy list shows ("" for none).
    nation: str = ""


def _replace_once(text: str, old: str, new: str) -> str:
    if old not in text:
        raise ValueError(f"seed text changed: {old!r} not found")
    return text.replace(old, new, 1)


def _shuffle_bullets(text: str, heading: str, rng: random.Random) -> str:
    """Shuffle the ``- `` bullets right under ``heading`` (key strengths, improvements)."""
    match = re.search(rf"^#+ \**{heading}\**$", text, re.MULTILINE | re.IGNORECASE)
    if match is None:
        raise ValueError(f"seed text changed: no {heading!r} heading")
    start = match.end()
    lines = text[start:].split("\n")
    first = next(i for i, ln in enumerate(lines) if ln.startswith("- "))
    last = first
    while last < len(lines) and lines[last].startswith("- "):
        last += 1
    bullets = lines[first:last]
    rng.shuffle(bullets)
    return text[:start] + "\n".join(lines[:first] + bullets + lines[last:])


def _shuffle_overall(text: str, rng: random.Random) -> str:
    """Shuffle the sentences after the first of the summary's "Overall, ..." paragraph."""
    match = re.search(r"^Overall, [^\n]+$", text, re.MULTILINE)
    if match is None:
        raise ValueError("seed text changed: no 'Overall, ...' paragraph")
    sentences = re.split(r"(?<=\.) (?=[A-Z])", match.group(0))
    head, rest = sentences[0], sentences[1:]
    rng.shuffle(rest)
    return text[: match.start()] + " ".join([head, *rest]) + text[match.end() :]


def _binomial(n: int, p: float, rng: random.Random) -> int:
    return sum(rng.random() < p for _ in range(n))


def _vary_counts(text: str, rng: random.Random) -> tuple[str, tuple[Count, ...]]:
    """Give every exact count in a numbered paragraph a new numerator (0 to its denominator).

    The numerator is drawn from the share of cases a propensity gives: the report's effect plus
    the theme's own noise (on the log-odds scale), so within a report one theme may be better
    than another, and across reports some areas are better or worse in all of them.
    """
    area_effect = rng.gauss(0.0, AREA_SPREAD)
    themes: dict[str, float] = {}
    counts: list[Count] = []

    def paragraph(match: re.Match[str]) -> str:
        pid, theme = match.group(1), match.group(2)
        if theme not in themes:
            log_odds = BASE_LOG_ODDS + area_effect + rng.gauss(0.0, THEME_SPREAD)
            themes[theme] = 1.0 / (1.0 + math.exp(-log_odds))

        def count(c: re.Match[str]) -> str:
            denominator = int(c.group(3))
            numerator = _binomial(denominator, themes[theme], rng)
            counts.append(Count(pid, numerator, denominator))
            return f"{numerator}{c.group(2)}{denominator}"

        return COUNT.sub(count, match.group(0))

    return PARAGRAPH.sub(paragraph, text), tuple(counts)


def _add_copy_entry(text: str, role: str, name: str) -> str:
    """Add ``role``, ``name`` at the end of the copy list, written as its last entry is."""
    at = text.rfind("\n\nNote 1:")
    if at == -1:
        raise ValueError("seed text changed: no 'Note 1:' after the copy list")
    last = text[text.rfind("\n", 0, at) + 1 : at]
    if "\t" not in last:
        raise ValueError(f"seed text changed: the copy list does not end at {last!r}")
    entry = f"{role}\t<i>{name}</i>" if "\t<i>" in last else f"{role}\t{name}"
    return text[:at] + "\n" + entry + text[at:]


def make_report(
    seed: Seed, seed_text: str, number: int, rng: random.Random
) -> tuple[str, Expected]:
    """One synthetic report from ``seed_text`` and the values it must parse to."""
    area = f"Area {number:04d}"
    year = rng.randint(2013, 2017)
    month = rng.randint(2, 12)
    day = rng.randint(1, 28)
    published = dt.date(year, month, day)
    f_month = month - 1
    f_start = rng.randint(1, 24)
    f_end = f_start + rng.randint(1, 3)
    fieldwork = (dt.date(year, f_month, f_start), dt.date(year, f_month, f_end))
    cases = rng.randint(seed.min_cases, seed.min_cases + 25)
    ew = round(rng.uniform(30.0, 40.0), 1)
    gap = round(rng.uniform(0.5, 12.0), 1)
    rate = round(ew + gap if seed.rate > seed.ew else ew - gap, 1)  # keep "better"/"worse" true

    text = seed_text.replace(seed.area, area)
    text = _replace_once(text, seed.publication, f"{published:%d %B %Y}")
    text = _replace_once(
        text,
        seed.fieldwork,
        f"{f_start:02d}{seed.dash}{f_end:02d} {calendar.month_name[f_month]} {year}",
    )
    text = _replace_once(text, seed.examined, f"We examined {cases} cases")
    text = _replace_once(
        text, seed.rate_sentence.replace(seed.area, area), f"for {area} was {rate}%."
    )
    text = _replace_once(text, seed.ew_sentence, f"England and Wales average of {ew}%.")
    text = _shuffle_bullets(text, "Key strengths", rng)
    text = _shuffle_bullets(text, "Areas requiring improvement", rng)
    text = _shuffle_overall(text, rng)
    text, counts = _vary_counts(text, rng)
    welsh = number % 5 == 0
    role = WELSH_ROLE if welsh else ENGLISH_ROLE.format(area=area)
    copy_entry = (role, rng.choice(COPY_NAMES))
    if welsh:
        for pattern, body in WELSH_BODIES:
            text = pattern.sub(body, text)
    text = _add_copy_entry(text, *copy_entry)
    iid = f"area-{number:04d}-{published:%Y-%m}"
    expected = Expected(
        file=f"{iid}.md",
        inspection_id=iid,
        area=area,
        service=seed.service,
        publication_date=published,
        fieldwork_start=fieldwork[0],
        fieldwork_end=fieldwork[1],
        cases_examined=cases,
        reoffending_rate_pct=rate,
        ew_average_pct=ew,
        n_paragraphs=seed.n_paragraphs,
        n_strengths=seed.n_strengths,
        n_improvements=seed.n_improvements,
        counts=counts,
        copy_entry=copy_entry,
        nation="Wales" if welsh else "England",
    )
    return text, expected


def generate(n: int, out_dir: Path, seed: int = 0, seed_dir: Path = SEED_DIR) -> list[Expected]:
    """Write ``n`` synthetic reports into ``out_dir`` (created); return what each must parse to."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    texts = {s.file: (Path(seed_dir) / s.file).read_text(encoding="utf-8") for s in SEEDS}
    expected = []
    for number in range(1, n + 1):
        s = SEEDS[number % len(SEEDS)]
        text, exp = make_report(s, texts[s.file], number, rng)
        (out_dir / exp.file).write_text(text, encoding="utf-8")
        expected.append(exp)
    return expected


def check(inspections, expected: list[Expected], quality=None, *, findings=None, contacts=None):
    """Assert the parsed tables match ``expected``.

    ``inspections`` always; ``quality`` must be empty; ``findings``: each numbered paragraph's
    exact counts (the rows whose quote is "X of Y") are the counts written, in order;
    ``contacts``: each report's copy list has the entry added.
    """
    rows = inspections.set_index("inspection_id")
    missing = sorted({e.inspection_id for e in expected} - set(rows.index))
    assert not missing, f"synthetic reports not parsed: {missing[:5]}"
    assert len(rows) == len(expected), f"{len(rows)} inspections for {len(expected)} reports"
    for e in expected:
        _check_inspection(rows.loc[e.inspection_id], e)
    if quality is not None:
        assert quality.empty, f"synthetic reports gave quality rows:\n{quality.head()}"
    if findings is not None:
        _check_counts(findings, expected)
    if contacts is not None:
        entries = set(
            zip(contacts["inspection_id"], contacts["role"], contacts["name"], strict=True)
        )
        lost = [
            e.inspection_id for e in expected if (e.inspection_id, *e.copy_entry) not in entries
        ]
        assert not lost, f"copy-list entry not parsed: {lost[:5]}"


def _check_inspection(row, e: Expected) -> None:
    got = {
        "area": row["area"],
        "service": row["service"],
        "publication_date": _as_date(row["publication_date"]),
        "fieldwork_start": _as_date(row["fieldwork_start"]),
        "fieldwork_end": _as_date(row["fieldwork_end"]),
        "cases_examined": int(row["cases_examined"]),
        "reoffending_rate_pct": float(row["reoffending_rate_pct"]),
        "ew_average_pct": float(row["ew_average_pct"]),
        "n_paragraphs": int(row["n_paragraphs"]),
        "n_strengths": int(row["n_strengths"]),
        "n_improvements": int(row["n_improvements"]),
        "source_file": str(row["source_file"]),
        "nation": row["nation"] if isinstance(row.get("nation"), str) else "",
    }
    want = {k: getattr(e, k) for k in got if k != "source_file"}
    want["source_file"] = e.file
    diff = {k: (got[k], want[k]) for k in got if got[k] != want[k]}
    assert not diff, f"{e.inspection_id} parsed differently (got, expected): {diff}"


def _check_counts(findings, expected: list[Expected]) -> None:
    """Each paragraph's exact counts, as parsed (in order of the text), are the ones written."""
    exact = findings[[COUNT.search(q) is not None for q in findings["quote"]]]
    parsed: dict[str, dict[str, list[tuple[int, int]]]] = {}
    for r in exact.sort_values(["inspection_id", "start"], kind="stable").itertuples():
        pairs = parsed.setdefault(r.inspection_id, {}).setdefault(r.paragraph_id, [])
        pairs.append((int(r.numerator), int(r.denominator)))
    for e in expected:
        written: dict[str, list[tuple[int, int]]] = {}
        for c in e.counts:
            written.setdefault(c.paragraph_id, []).append((c.numerator, c.denominator))
        got = parsed.get(e.inspection_id, {})
        assert got == written, f"{e.inspection_id}: counts parsed {got}, written {written}"


def _as_date(value) -> dt.date:
    return value.date() if hasattr(value, "date") and callable(value.date) else value


def main(argv: list[str] | None = None) -> int:
    """``synth.py N OUT_DIR [--seed S] [--no-check]``: write N reports; check they parse."""
    import argparse

    cli = argparse.ArgumentParser(description="Write N synthetic SQS reports into OUT_DIR.")
    cli.add_argument("n", type=int)
    cli.add_argument("out", type=Path)
    cli.add_argument("--seed", type=int, default=0, help="the generator's seed (default: 0)")
    cli.add_argument(
        "--no-check", action="store_true", help="do not parse them to check (make demo extracts)"
    )
    args = cli.parse_args(argv)
    exp = generate(args.n, args.out, seed=args.seed)
    if args.no_check:
        print(f"{args.n} synthetic reports in {args.out}")
        return 0
    sys.path.insert(0, str(ROOT / "src"))
    from sqs_analysis import load

    tables = load(args.out)
    check(
        tables.inspections, exp, tables.quality, findings=tables.findings, contacts=tables.contacts
    )
    print(f"{args.n} synthetic reports in {args.out}: all parse to their known values")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
