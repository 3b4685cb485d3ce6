"""The landing page: its title and banner when the pages are stamped (``publish --stamp``).

Its rows, links and escaping are tested with the other pages in ``test_render.py``.
"""

from __future__ import annotations

from sqs_analysis.config import DEMO_STAMP
from sqs_analysis.publish import index
from sqs_analysis.publish.offline import check_self_contained


def test_a_stamp_goes_into_the_title_and_a_banner_before_the_heading(seed_tables):
    page = index.index_html(seed_tables, stamp=DEMO_STAMP)
    assert f"<title>SQS briefings \u2014 {DEMO_STAMP}</title>" in page
    banner = f'<header><p class="sqs-stamp">{DEMO_STAMP}</p></header>'
    assert page.index("<body>") < page.index(banner) < page.index("<main>") < page.index("<h1>")
    assert ".sqs-stamp{" in page
    check_self_contained(page)


def test_the_stamp_is_escaped_and_an_unstamped_page_has_none(seed_tables):
    page = index.index_html(seed_tables, stamp="<script>alert(1)</script> & demo")
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; demo</p>" in page
    plain = index.index_html(seed_tables)
    assert "<title>SQS briefings</title>" in plain and "<header>" not in plain
    assert 'class="sqs-stamp"' not in plain
