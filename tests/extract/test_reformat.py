"""The reformattings of ``tests/reformat.py`` themselves: each changes the text as it claims, keeps
its words, and composes only where the registry says it may.

Without these a reformatting could silently become a no-op (or start rewriting what a report
says), and the metamorphic tests would pass without testing anything.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Callable

import pytest
import reformat as rf
from conftest import SOMERSET, ST_HELENS

SEEDS = {p.stem: p.read_bytes().decode("utf-8") for p in (ST_HELENS, SOMERSET)}
SH, SO = SEEDS["st-helens-2015-07"], SEEDS["somerset-2016-06"]
#: Per seed: footnotes, numbered paragraphs, judgements, copy list rows, names in it.
COUNTS = {
    "st-helens-2015-07": {"footnotes": 2, "paragraphs": 20, "items": 8, "rows": 15, "names": 21},
    "somerset-2016-06": {"footnotes": 1, "paragraphs": 16, "items": 8, "rows": 14, "names": 22},
}
BULLETS = re.compile(r"^- (?!\d\.\d)", re.M)
PAGE_LINE = re.compile(r"^(?:\f?Page \d+ of \d+|\f?\d{1,2}|\f?Short Quality Screening – .*|\f)$")


def run(name: str, seed_name: str, n: int = 0) -> tuple[str, str]:
    """(the text ``name`` is applied to, what it gives): the seed, or the seed after what
    ``name`` needs first (``html`` before ``html_entities``)."""
    chain = rf.standalone(name)
    before = rf.compose(SEEDS[seed_name], chain[:-1], n)
    return before, rf.REGISTRY[name](before, n)


def words(text: str) -> Counter[str]:
    """The report's words and numbers, whatever the markup, characters and layout."""
    text = re.sub(r"<sup>&(?:amp;)?</sup>lt;sup>", "<sup>", text)
    text = re.sub(r"<((?:https?://|mailto:)[^<>\s]+)>", r" \1 ", text)  # an autolink's address
    text = re.sub(r"\]\([^()\s]*\)", "] ", text)  # a markdown link's target: not shown
    text = html.unescape(re.sub(r"<[^<>]*>", " ", text))
    return Counter(re.findall(r"[a-z]+|\d+", text.translate(rf._FROM_SUPERSCRIPT).lower()))


def without_furniture(text: str) -> str:
    return "\n".join(ln for ln in re.split(r"\r\n|\r|\n", text) if not PAGE_LINE.match(ln))


def heads(text: str) -> list[rf.Heading]:
    return [h for line in text.split("\n") if (h := rf.heading(line)) is not None]


def lines(text: str) -> list[str]:
    return text.split("\n")


# --------------------------------------------------------------------------- the recognisers


@pytest.mark.parametrize("seed_name", list(SEEDS))
def test_recognisers_find_the_seeds_structure(seed_name: str) -> None:
    text, counts = SEEDS[seed_name], COUNTS[seed_name]
    assert [h.kind for h in heads(text)] == ["title", "part", "part", "part"] + ["theme"] * 4 + [
        "part"
    ] * 4
    first, end, rows = rf.copy_rows(lines(text))  # type: ignore[misc]
    assert len(rows) == counts["rows"] == end - first
    assert sum(len(names) for _, names in rows) == counts["names"]
    assert len(rf.footnote_bodies(lines(text))) == counts["footnotes"]
    for form in ("superscript", "glued", "markdown"):
        moved = rf.footnote_markers(text, form=form)
        assert len(rf.footnote_bodies(lines(moved))) == counts["footnotes"], form


def test_names_keep_their_post_nominals() -> None:
    assert rf.split_names("John Atherton, JP") == ["John Atherton, JP"]
    assert rf.split_names("A B, C D, JP, E F") == ["A B", "C D, JP", "E F"]


# --------------------------------------------------------------------------- each claim


def _copy_lines(text: str) -> list[str]:
    ls = lines(text)
    start = max(i for i, ln in enumerate(ls) if rf._COPY_HEADING.fullmatch(ln))
    end = next(i for i, ln in enumerate(ls) if rf._NOTE_1.match(ln))
    return [ln for ln in ls[start + 1 : end] if ln.strip()]


def _pairs(text: str) -> list[tuple[str, str]]:
    _, _, rows = rf.copy_rows(lines(text))  # type: ignore[misc]
    return [(role, name) for role, names in rows for name in names]


def _glyph(glyph: str) -> Callable[[str, str, str], None]:
    def check(before: str, after: str, seed_name: str) -> None:
        assert not re.search(r"^- ", after, re.M)
        assert len(re.findall(rf"^{re.escape(glyph)} \S", after, re.M)) == len(
            re.findall(r"^- \S", before, re.M)
        )

    return check


def _ordinal(first: str) -> Callable[[str, str, str], None]:
    def check(before: str, after: str, seed_name: str) -> None:
        assert not BULLETS.search(after)
        assert len(re.findall(rf"^{re.escape(first)} ", after, re.M)) == 2  # two lists
        assert len(re.findall(r"^- \d\.\d", after, re.M)) == len(
            re.findall(r"^- \d\.\d", before, re.M)
        )

    return check


def _headings(check: Callable[[rf.Heading], bool]) -> Callable[[str, str, str], None]:
    def run_check(before: str, after: str, seed_name: str) -> None:
        found = heads(after)
        assert len(found) == 12
        assert all(check(h) for h in found), [h.line() for h in found if not check(h)]

    return run_check


def _foot(page: str | None) -> Callable[[str, str, str], None]:
    def check(before: str, after: str, seed_name: str) -> None:
        ls = lines(after)
        bodies = rf.footnote_bodies(ls)
        assert len(bodies) == COUNTS[seed_name]["footnotes"]
        for start, end, n in bodies:
            p = max(i for i in range(start) if ls[i].strip())
            assert not rf.ends_sentence(ls[p]), ls[p]  # the paragraph is cut mid-sentence
            following = [ln for ln in ls[end:] if ln.strip()]
            if page == "of":
                assert re.fullmatch(r"Page \d+ of \d+", following[0])
            elif page == "bare":
                assert re.fullmatch(r"\d+", following[0])
            else:  # a later paragraph than the reference's
                assert not rf._reference(n).search(ls[p])
                assert any(rf._reference(n).search(ln) for ln in ls[:p])
            rest = following[1] if page else following[0]
            assert not rf.ends_sentence(ls[p]) and rest

    return check


def _wrap(width: int) -> Callable[[str, str, str], None]:
    def check(before: str, after: str, seed_name: str) -> None:
        assert len(lines(after)) > len(lines(before)) + 50
        for line in lines(after):
            whole = "\t" in line or line.startswith(("#", "|")) or re.search(r"\S {2,}\S", line)
            one_word = " " not in re.sub(r"<[^<>]*>", "", line).strip()  # spaces in tags: no breaks
            assert len(line) <= width or whole or one_word, line
        opening = [sum(bool(rf._BLOCK_START.match(ln)) for ln in lines(t)) for t in (before, after)]
        assert opening[1] == opening[0]  # no wrapped line looks like the start of a new block

    return check


def _pages(number: str, header: bool, formfeed: bool = False) -> Callable[[str, str, str], None]:
    def check(before: str, after: str, seed_name: str) -> None:
        marks = re.findall(r"^\f?(?:Page (\d+) of (\d+)|(\d+))$", after, re.M)
        numbers = [int(m[0] or m[2]) for m in marks]
        assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) >= 2
        if number == "of":
            assert all(int(m[1]) == len(numbers) for m in marks)
        running = re.findall(r"^\f?Short Quality Screening – (.*)$", after, re.M)
        expected = "St Helens YOS" if seed_name.startswith("st") else "Somerset YOT"
        assert running == ([expected] * (len(numbers) - 1) if header else [])
        assert after.count("\f") == (len(numbers) - 1 if formfeed else 0)
        assert without_furniture(after).replace("\n", "") == before.replace("\n", "")

    return check


def _copy(form: Callable[[str, str], str], per_name: bool) -> Callable[[str, str, str], None]:
    def check(before: str, after: str, seed_name: str) -> None:
        pairs = _pairs(before)
        got = _copy_lines(after)
        if per_name:
            assert got == [form(role, name) for role, name in pairs]
        else:
            _, _, rows = rf.copy_rows(lines(before))  # type: ignore[misc]
            assert [ln.rstrip() for ln in got if not ln.startswith("| ---")] == [
                form(role, ", ".join(names)) for role, names in rows
            ]

    return check


def _tabs(before: str, after: str, seed_name: str) -> None:
    got = _copy_lines(after)
    assert all("\t" in ln for ln in got) and "<i>" not in "".join(got)
    assert [ln.rsplit("\t", 1)[1] for ln in got] == [name for _, name in _pairs(before)]
    assert sum(not ln.startswith("\t") for ln in got) == COUNTS[seed_name]["rows"]


def _spaces(before: str, after: str, seed_name: str) -> None:
    got = _copy_lines(after)
    assert all("\t" not in ln and re.search(r"\S {4,}\S", ln) for ln in got)
    assert len({re.search(r"\S {4,}", ln).end() for ln in got}) == 1  # type: ignore[union-attr]


def _markers(ref: str, body: str) -> Callable[[str, str, str], None]:
    def check(before: str, after: str, seed_name: str) -> None:
        assert "<sup>" not in after and after.count(f"rate{ref} for") == 1
        assert re.search(rf"^{re.escape(body)}(?: |\w)", after, re.M)
        if seed_name.startswith("st"):
            assert "Peter" + ref.replace("1", "2").replace("¹", "²") in after
        if "[^" not in ref:
            assert "[^" not in after

    return check


def _straight(text: str) -> str:
    return text.translate(str.maketrans("‘’“”", "''\"\""))


def _no_dashes(text: str) -> str:
    return text.replace("–", "-").replace("—", "-")


CLAIMS: dict[str, Callable[[str, str, str], None]] = {
    "headings_hash": _headings(lambda h: h.pre in ("## ", "### ") and not h.post),
    "headings_bold": _headings(lambda h: h.pre == "**" == h.post),
    "headings_plain": _headings(lambda h: h.pre == "" == h.post),
    "headings_caps": _headings(lambda h: h.words.isupper()),
    "headings_unnumbered": _headings(lambda h: not h.num),
    "headings_colon": _headings(lambda h: h.colon == ":" or h.kind == "title"),
    "headings_no_colon": _headings(lambda h: not h.colon),
    "theme4_wording": lambda b, a, s: (
        (
            [h.words for h in heads(a) if h.num == "4. "]
            == [rf.THEME4[1] if s.startswith("st") else rf.THEME4[0]]
        )
        or pytest.fail("theme 4 heading not swapped")
    ),
    "bullets_dot": _glyph("•"),
    "bullets_square": _glyph("▪"),
    "bullets_star": _glyph("*"),
    "bullets_en_dash": _glyph("–"),
    "bullets_pua": _glyph(rf.PUA_BULLET),
    "bullets_numbered": _ordinal("1."),
    "bullets_lettered": _ordinal("(a)"),
    "paragraph_numbers_plain": lambda b, a, s: (
        (
            not re.search(r"^\S+ \d\.\d", a, re.M)
            and len(re.findall(r"^\d\.\d{1,2}\. ", a, re.M)) == COUNTS[s]["paragraphs"]
        )
        or pytest.fail("numbered paragraphs still bulleted")
    ),
    "copy_tabs": _tabs,
    "copy_spaces": _spaces,
    "copy_table": _copy(lambda r, n: f"| {r} | {n} |", per_name=False),
    "copy_colon": _copy(lambda r, n: f"{r}: {n}", per_name=False),
    "copy_paren": _copy(lambda r, n: f"{n} ({r})", per_name=True),
    "markers_superscript": _markers("¹", "¹"),
    "markers_glued": _markers("1", "1"),
    "markers_markdown": _markers("[^1]", "[^1]:"),
    "curly_quotes": lambda b, a, s: (
        (
            _straight(a) == b
            and "’" in a
            and ("‘" in a) == bool(re.search(r"(?<![\w<])'\w", b))
            and not re.search("['\"]", re.sub(r"<[^<>]*>|\]\([^()]*\)", "", a))
        )
        or pytest.fail("quotes not curled")
    ),
    "dashes_ascii": lambda b, a, s: (
        ("–" not in a and "—" not in a and a == _no_dashes(b) and a != b)
        or pytest.fail("dashes left")
    ),
    "dashes_en": lambda b, a, s: (
        (
            a.count("–") > b.count("–")
            and _no_dashes(a) == _no_dashes(b)
            and a.count("pre-sentence") == b.count("pre-sentence")
            and len(re.findall(r"^- ", a, re.M)) == len(re.findall(r"^- ", b, re.M))
        )
        or pytest.fail("no en dashes")
    ),
    "dashes_em": lambda b, a, s: (
        (" — " in a and _no_dashes(a) == _no_dashes(b)) or pytest.fail("no em dashes")
    ),
    "nbsp": lambda b, a, s: (
        (a.count(rf.NBSP) > 100 and a.replace(rf.NBSP, " ") == b) or pytest.fail("no NBSPs")
    ),
    "strip_markup": lambda b, a, s: (
        (
            not re.search(r"^#|\*\*|<i>|<sup>|<u>|<a |\]\(|<http|\[\^", a, re.M)
            and "rate¹ for" in a
            and ("Peter²" in a) == ("Peter<sup>2</sup>" in b)
        )
        or pytest.fail("markup left")
    ),
    "html": lambda b, a, s: (
        (
            sum(not ln.startswith("<") for ln in lines(a) if ln) == a.count("<br>")
            and all(f"<{t}>" in a for t in ("h2", "p", "ul", "li", "table", "tr", "td", "sup"))
            and not re.search(r"^(?:#|- )", a, re.M)
        )
        or pytest.fail("not an HTML fragment")
    ),
    "html_entities": lambda b, a, s: (
        (a.isascii() and html.unescape(a) == html.unescape(b)) or pytest.fail("characters left")
    ),
    "footnotes_endnotes": lambda b, a, s: (
        (
            [n for _, _, n in rf.footnote_bodies(lines(a))]
            == list(range(1, COUNTS[s]["footnotes"] + 1))
            and rf.footnote_bodies(lines(a))[-1][1] == len(lines(a))
            and lines(a)[rf.footnote_bodies(lines(a))[0][0] - 2].startswith("Note 3:")
            and (s.startswith("so") or "relating to offending." in a)
        )
        or pytest.fail("footnotes not at the end")
    ),
    "footnote_foot": _foot("of"),
    "footnote_foot_bare": _foot("bare"),
    "footnote_foot_later": _foot(None),
    "wrap_60": _wrap(60),
    "wrap_72": _wrap(72),
    "wrap_80": _wrap(80),
    "wrap_95": _wrap(95),
    "wrap_110": _wrap(110),
    "wrap_76_hyphens": lambda b, a, s: (
        (_wrap(76)(b, a, s) or re.search(r"[a-z]-\n[a-z]", a) is not None)
        or pytest.fail("no line ends after a hyphen")
    ),
    "wrap_88_indent": lambda b, a, s: (
        (_wrap(88)(b, a, s) or re.search(r"^- .*\n {2}\S", a, re.M) is not None)
        or pytest.fail("continuation lines not indented")
    ),
    "pages_of": _pages("of", header=False),
    "pages_header_of": _pages("of", header=True),
    "pages_bare": _pages("bare", header=False),
    "pages_formfeed": _pages("bare", header=True, formfeed=True),
    "one_line": lambda b, a, s: (
        (
            "\n" not in a
            and "\r" not in a
            and a.endswith(lines(b)[rf.footnote_bodies(lines(b))[-1][1] - 1].strip())
            and (s.startswith("so") or "relating to offending." in a)
        )
        or pytest.fail("not one line with the footnotes at the end")
    ),
    "crlf": lambda b, a, s: (
        (a.count("\r\n") == b.count("\n") == a.count("\n") == a.count("\r") and a != b)
        or pytest.fail("not CRLF")
    ),
    "cr": lambda b, a, s: (
        ("\n" not in a and a.count("\r") == b.count("\n") > 0) or pytest.fail("not CR")
    ),
    "bom": lambda b, a, s: (a == "\ufeff" + b) or pytest.fail("no BOM"),
}


def test_every_reformatting_has_a_claim() -> None:
    assert set(CLAIMS) == set(rf.REGISTRY)


@pytest.mark.parametrize("name", list(rf.REGISTRY))
@pytest.mark.parametrize("seed_name", list(SEEDS))
def test_reformatting_does_what_it_claims(seed_name: str, name: str) -> None:
    before, after = run(name, seed_name)
    assert after != before, f"{name} is a no-op on {seed_name}"
    CLAIMS[name](before, after, seed_name)


# --------------------------------------------------------------------------- truth kept

#: Reformattings that change words on purpose, and which words they may add or take away.
ROLE_WORDS = {
    w for t in SEEDS.values() for role, _ in rf.copy_rows(lines(t))[2] for w in words(role)
}  # type: ignore[index]
WORD_CHANGES: dict[str, Callable[[Counter[str], Counter[str]], bool]] = {
    "bullets_numbered": lambda added, lost: not lost and all(w.isdigit() for w in added),
    "bullets_lettered": lambda added, lost: not lost and all(w in "abcde" for w in added),
    "headings_unnumbered": lambda added, lost: not added and lost == Counter("1234"),
    "copy_paren": lambda added, lost: not lost and set(added) <= ROLE_WORDS,
    "theme4_wording": lambda added, lost: {*added, *lost} <= {"ensuring", "that", "making", "sure"},
}


@pytest.mark.parametrize("name", list(rf.REGISTRY))
@pytest.mark.parametrize("seed_name", list(SEEDS))
def test_reformatting_keeps_the_words(seed_name: str, name: str) -> None:
    """What the report says is kept: its words and numbers, page furniture aside."""
    before, after = run(name, seed_name)
    if name.startswith(("pages", "footnote_foot")):
        after = without_furniture(after)
    old, new = words(before), words(after)
    added, lost = new - old, old - new
    if name in WORD_CHANGES:
        assert WORD_CHANGES[name](added, lost), (added, lost)
    else:
        assert not added and not lost, (added, lost)


# --------------------------------------------------------------------------- the registry


def test_deterministic_and_seeded() -> None:
    for name in ("nbsp", "pages_header_of", "footnote_foot", "footnote_foot_later"):
        assert rf.compose(SH, [name], 7) == rf.compose(SH, [name], 7)
        assert len({rf.compose(SH, [name], n) for n in range(6)}) > 1, name


@pytest.mark.parametrize(
    "names",
    [
        ["html", "strip_markup"],
        ["strip_markup", "html"],
        ["one_line", "wrap_60"],
        ["wrap_60", "wrap_72"],
        ["copy_tabs", "copy_paren"],
        ["bullets_dot", "bullets_star"],
        ["html", "headings_caps"],
        ["html", "pages_of"],
        ["wrap_80", "footnote_foot"],
        ["pages_bare", "one_line"],
        ["markers_glued", "markers_superscript"],
        ["strip_markup", "copy_table"],
        ["html_entities"],
        ["crlf", "crlf"],
        ["crlf", "cr"],
    ],
)
def test_meaningless_compositions_are_refused(names: list[str]) -> None:
    assert not rf.compatible(names)
    with pytest.raises(ValueError, match="incompatible"):
        rf.compose(SH, names)


def test_what_may_follow_is_compatible() -> None:
    for first in rf.REGISTRY:
        if rf.compatible([first]):
            for second in rf.allowed_next([first]):
                assert rf.compatible([first, second])
    assert "html_entities" in rf.allowed_next(["html"])
    assert "one_line" in rf.allowed_next(["footnote_foot", "wrap_72", "pages_of"])


@pytest.mark.parametrize("ends", [["crlf"], ["cr"], ["bom"], ["bom", "crlf"]])
def test_line_ends_and_bom_survive_what_follows(ends: list[str]) -> None:
    later = ["headings_caps", "copy_colon", "html", "wrap_72", "nbsp"]
    got = rf.compose(SO, [*ends, *later], 3)
    assert got == rf.compose(SO, [*later, *ends], 3)


@pytest.mark.parametrize("seed_name", list(SEEDS))
def test_a_word_broken_after_its_hyphen_is_whole_on_one_line(seed_name: str) -> None:
    wrapped = rf.compose(SEEDS[seed_name], ["wrap_76_hyphens"])
    assert re.search(r"[a-z]-\n[a-z]", wrapped)
    joined = rf.compose(SEEDS[seed_name], ["wrap_76_hyphens", "one_line"])
    assert re.findall(r"[a-z]- [a-z]", joined) == re.findall(r"[a-z]- [a-z]", SEEDS[seed_name])
