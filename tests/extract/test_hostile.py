"""Hostile report text reaches HTML only escaped, and report content never chooses a path."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import ROOT, SOMERSET

from sqs_analysis import load
from sqs_analysis.cli import extract
from sqs_analysis.publish import index as index_page
from sqs_analysis.publish import render

SCRIPT = "<script>alert('strength')</script>"
IMG = "<img src=x onerror=alert(1)>"
LINK = '<a href="javascript:alert(2)">click here</a>'


def _hostile_report() -> str:
    text = SOMERSET.read_text(encoding="utf-8")
    text = text.replace(
        "- Pre-sentence reports provided the courts",
        f"- {SCRIPT} Pre-sentence reports {IMG} provided the courts {LINK}",
    )
    text = text.replace(
        "youth offending work in Somerset", "youth offending work in Tmp/../../Evil"
    )
    return text


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def _assert_inert(page: str) -> str:
    parsed = _Tags()
    parsed.feed(page)
    for tag, attrs in parsed.tags:
        assert tag != "script", "a script element reached the page"
        for name, value in attrs.items():
            assert not name.startswith("on"), f"<{tag} {name}=...> reached the page"
            assert not (value or "").strip().lower().startswith("javascript:"), (tag, name)
    return " ".join(parsed.text)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> dict[str, Path]:
    raw = tmp_path_factory.mktemp("raw")
    (raw / "evil.md").write_text(_hostile_report(), encoding="utf-8")
    data, out = tmp_path_factory.mktemp("processed"), tmp_path_factory.mktemp("reports")
    assert extract(raw, data, progress=False) == 0
    briefing = render.render_briefing(
        "tmp-evil-2016-06", data, out, ROOT / "notebooks", progress=False
    ).html
    index = index_page.build_index(data, out)
    return {"raw": raw, "out": out, "briefing": briefing, "index": index}


def test_markup_in_a_strength_is_kept_as_text_and_links_lose_their_target(hostile):
    strength = load(hostile["raw"]).judgements.text.iloc[0]
    assert strength == (
        f"{SCRIPT} Pre-sentence reports {IMG} provided the courts click here with good quality "
        "information about why a child or young person offended and made sound, individualised "
        "proposals for sentencing."
    )


def test_the_briefing_shows_the_markup_as_visible_text_and_runs_nothing(hostile):
    page = hostile["briefing"].read_text(encoding="utf-8")
    text = _assert_inert(page)
    assert SCRIPT in text and IMG in text  # visible, as text
    assert "&lt;script&gt;alert('strength')&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


def test_the_index_is_inert_too(hostile):
    _assert_inert(hostile["index"].read_text(encoding="utf-8"))


def test_an_area_name_cannot_address_a_path_outside_the_output_folder(hostile):
    assert hostile["briefing"] == hostile["out"] / "tmp-evil-2016-06.html"
    assert sorted(p.name for p in hostile["out"].iterdir()) == [
        "index.html",
        "notebooks",
        "tmp-evil-2016-06.html",
    ]
    assert not Path("/tmp/Evil").exists()


@pytest.mark.parametrize("bad_id", ["../evil", "/etc/passwd", "a/b", ""])
def test_render_refuses_an_id_that_is_not_a_safe_name(hostile, bad_id):
    with pytest.raises(ValueError, match="not an inspection id"):
        render.render_briefing(bad_id, hostile["out"], hostile["out"], ROOT / "notebooks")


def test_index_lists_refused_and_warned_files_in_a_data_quality_section(tmp_path):
    from conftest import DATA

    raw = tmp_path / "raw"
    raw.mkdir()
    for name in ("newtown-2016-05.md", "full-joint-inspection.md"):
        (raw / name).write_bytes((DATA / name).read_bytes())
    (raw / "empty.md").write_bytes(b"")
    (raw / "<script>x.md").write_text("not a report")
    data, out = tmp_path / "processed", tmp_path / "reports"
    assert extract(raw, data, progress=False) == 1
    page = index_page.build_index(data, out).read_text(encoding="utf-8")
    text = _assert_inert(page)
    section = text[text.index("Data quality") :]
    assert "3 file(s) could not be used and 1 file(s) were read with 1 warning(s)" in section
    for expected in (
        "empty.md error The whole file empty file",
        "full-joint-inspection.md error The whole file not an SQS report",
        "<script>x.md error The whole file not an SQS report",
        "newtown-2016-05.md newtown-2016-05 warning Reoffending rate no published reoffending",
    ):
        assert expected in " ".join(section.split()), expected
