"""Print the HTML briefings to PDF with headless Chromium, and drive it for the browser test.

Why this module exists: boards read briefings on paper and offline, so each HTML briefing is also
printed to ``reports/pdf/<name>.pdf`` by a real browser (the same engine that shows the HTML, so
the print stylesheet is what decides page breaks). Chromium is driven with Playwright's sync API,
but always the *system* Chromium (``executable_path``): Playwright never downloads a browser here,
so ``playwright install`` is never needed.

Chromium always starts headless with a fresh temporary profile (Playwright makes one per launch
and removes it), no background networking and no name resolution (every host maps to "not
found", anything else goes to a dead proxy); on top of that every request that is not ``file:``,
``data:`` or ``about:`` is aborted by a route. So printing a briefing can never reach the
internet; the briefings are self-contained anyway (``render.check_self_contained``).

Command line::

    python -m sqs_analysis.publish.printing [REPORTS_DIR] [PDF_DIR]   # default reports reports/pdf
    python -m sqs_analysis.publish.printing --check                   # is Chromium installed?
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sqs_analysis.config import CHROMIUM_INSTALL_HINT
from sqs_analysis.errors import BrowserError, ChromiumNotFound
from sqs_analysis.tables.atomic import write_bytes_atomic

if TYPE_CHECKING:
    from playwright.sync_api import Browser as PlaywrightBrowser
    from playwright.sync_api import ConsoleMessage, Playwright, Request, Route
    from playwright.sync_api import Page as PlaywrightPage

#: Flags every Chromium started by this project gets (headless, no sandbox for containers and CI,
#: nothing fetched in the background). Playwright adds the fresh ``--user-data-dir`` itself.
CHROMIUM_FLAGS: tuple[str, ...] = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
#: No network: every host name resolves to "not found", and anything else goes to a dead proxy.
NO_NETWORK_FLAGS: tuple[str, ...] = (
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--proxy-server=127.0.0.1:9",
    "--proxy-bypass-list=<-loopback>",
)
#: URL schemes a page may load; a route aborts every other request before it leaves Chromium.
LOCAL_SCHEMES: tuple[str, ...] = ("file:", "data:", "about:")
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
#: Pages that are not briefings and are not printed.
NOT_PRINTED = {"index.html"}
#: A briefing prints as a board paper: its summary and detail take at most this many pages, and
#: its last section, headed APPENDIX (the data behind the charts, the data notes), starts a page
#: of its own (briefing.css). ``main`` says when a printed briefing goes over.
APPENDIX = "Appendix"
PAGES_BEFORE_APPENDIX = 4


def find_chromium() -> str | None:
    """The Chromium to use: ``$SQS_CHROMIUM`` if set, else the first known name on ``PATH``."""
    configured = os.environ.get("SQS_CHROMIUM")
    if configured:
        return configured if shutil.which(configured) or Path(configured).is_file() else None
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


# --------------------------------------------------------------------------- browser


@dataclass
class PageEvents:
    """What a page reported while loading: console errors, exceptions and failed requests."""

    console_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def copy(self) -> PageEvents:
        """A snapshot, so later scripts (axe, printing) do not change a report already taken."""
        return PageEvents(
            list(self.console_errors), list(self.failed_requests), list(self.requests)
        )


@dataclass
class Tab:
    """One loaded page: the Playwright page, and what it has reported so far (kept up to date)."""

    page: PlaywrightPage
    events: PageEvents

    def report(self) -> PageEvents:
        """Console errors, uncaught exceptions and failed or network requests seen so far."""
        return self.events.copy()

    def close(self) -> None:
        """Close the page and its context (each tab has its own, so nothing is shared)."""
        self.page.context.close()


def _block_network(route: Route) -> None:
    """Let local URLs through and abort everything else, so nothing reaches the internet."""
    if route.request.url.startswith(LOCAL_SCHEMES):
        route.continue_()
    else:
        route.abort("blockedbyclient")


def _watch(page: PlaywrightPage) -> PageEvents:
    """Record the page's console errors, uncaught exceptions and requests as they happen."""
    events = PageEvents()

    def on_console(message: ConsoleMessage) -> None:
        if message.type in ("error", "assert"):
            url = message.location.get("url", "") if message.location else ""
            events.console_errors.append(f"{message.text} {url}".strip())

    def on_failed(request: Request) -> None:
        events.failed_requests.append(
            f"{request.failure} ({request.resource_type}, {request.url[:80]})"
        )

    page.on("console", on_console)
    page.on("pageerror", lambda error: events.console_errors.append(str(error)))
    page.on("request", lambda request: events.requests.append(request.url))
    page.on("requestfailed", on_failed)
    return events


class Browser:
    """The system's headless Chromium under Playwright, with a fresh profile and no network.

    Use as a context manager; :meth:`open` loads a page in a new tab and returns a :class:`Tab`.
    Playwright's sync API runs its own event loop, so use one Browser at a time per thread.
    """

    def __init__(
        self,
        executable: str | None = None,
        *,
        extra_flags: Sequence[str] = (),
        timeout: float = 60.0,
    ) -> None:
        self.executable = executable or find_chromium()
        if not self.executable:
            raise ChromiumNotFound()
        self.extra_flags = tuple(extra_flags)
        self.timeout = timeout
        self._playwright: Playwright | None = None
        self._browser: PlaywrightBrowser | None = None

    def __enter__(self) -> Browser:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def start(self) -> None:
        """Launch Chromium; a launch failure is a BrowserError, never a browser download."""
        from playwright.sync_api import Error, sync_playwright

        self._playwright = sync_playwright().start()
        try:
            self._browser = self._playwright.chromium.launch(
                executable_path=self.executable,
                headless=True,
                args=[*CHROMIUM_FLAGS, *NO_NETWORK_FLAGS, "--hide-scrollbars", *self.extra_flags],
                timeout=self.timeout * 1000,
            )
        except Error as exc:
            self.close()
            raise BrowserError(
                self.executable or "chromium", f"did not start: {exc.message}"
            ) from exc

    def close(self) -> None:
        """Close Chromium (Playwright removes its temporary profile) and stop Playwright."""
        try:
            if self._browser is not None:
                self._browser.close()
        finally:
            self._browser = None
            if self._playwright is not None:
                self._playwright.stop()
                self._playwright = None

    def open(self, url: str, *, width: int = 1280, height: int = 900) -> Tab:
        """Load ``url`` in a new tab of the given viewport size and wait for its load event."""
        from playwright.sync_api import Error

        if self._browser is None:
            raise BrowserError("chromium", "not started: use `with Browser() as browser`")
        context = self._browser.new_context(
            viewport={"width": width, "height": height}, device_scale_factor=1
        )
        context.set_default_timeout(self.timeout * 1000)
        context.route("**/*", _block_network)
        page = context.new_page()
        tab = Tab(page, _watch(page))
        try:
            page.goto(url, wait_until="load")
        except Error as exc:
            tab.close()
            raise BrowserError(url, f"did not load: {exc.message}") from exc
        return tab


# --------------------------------------------------------------------------- printing

_FOOTER = (
    '<div style="font-family:sans-serif;font-size:8px;color:#333;width:100%;'
    'margin:0 14mm;display:flex;justify-content:space-between">'
    '<span class="title"></span><span>Page <span class="pageNumber"></span> of '
    '<span class="totalPages"></span></span></div>'
)
#: Chromium's own printToPDF defaults (Letter, 1 cm margins), which Playwright would otherwise
#: replace with zero margins. The briefings' ``@page`` rule sets A4 and its margins, so these only
#: matter for a page without one; passing them keeps every PDF what a plain printToPDF prints.
_PAPER = {"width": "8.5in", "height": "11in"}
_MARGIN = {side: f"{96 / 2.54}px" for side in ("top", "right", "bottom", "left")}


def prepare_for_print(page: PlaywrightPage) -> None:
    """Ready a loaded page for paper: its fonts loaded and every ``<details>`` unfolded.

    Fonts and images are decoded before printing, so nothing prints half-drawn, and tables
    folded away on screen are unfolded: paper has no "click to open".
    """
    page.evaluate("document.fonts.ready.then(() => true)")
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")


def print_pdf(page: PlaywrightPage, *, footer: str | None = None) -> bytes:
    """The page printed as its print stylesheet asks (A4), with page numbers in the footer."""
    return page.pdf(
        **_PAPER,
        margin=_MARGIN,
        scale=1,
        prefer_css_page_size=True,
        print_background=True,
        display_header_footer=footer is not None,
        header_template="<span></span>",
        footer_template=footer or "<span></span>",
        outline=True,
        tagged=True,
    )


def pages_to_print(reports_dir: Path) -> list[Path]:
    """The briefings (and comparison) under ``reports_dir``, without the index page."""
    return sorted(p for p in Path(reports_dir).glob("*.html") if p.name not in NOT_PRINTED)


def print_page(browser: Browser, page_path: Path) -> bytes:
    """One HTML page printed to PDF in a new tab of ``browser``, as `make pdf` prints it."""
    from playwright.sync_api import Error

    page_path = Path(page_path).resolve()
    tab = browser.open(page_path.as_uri())
    try:
        prepare_for_print(tab.page)
        return print_pdf(tab.page, footer=_FOOTER)
    except Error as exc:
        raise BrowserError(page_path.name, f"did not print: {exc.message}") from exc
    finally:
        tab.close()


def print_pdfs(
    pages: Iterable[Path], pdf_dir: Path, *, executable: str | None = None
) -> list[Path]:
    """Print each HTML page to ``pdf_dir/<name>.pdf`` in one Chromium; return the PDFs."""
    written = []
    with Browser(executable) as browser:
        for page_path in pages:
            target = Path(pdf_dir) / f"{Path(page_path).stem}.pdf"
            write_bytes_atomic(target, print_page(browser, page_path))
            written.append(target)
    return written


def heading_pages(pdf: Path) -> dict[str, int]:
    """The page (from 1) each heading of a printed page starts on, from the PDF's outline.

    Chromium writes the outline from the page's headings (``outline=True``); a heading's text
    has its spaces collapsed, and a heading that comes twice keeps its first page.
    """
    from pypdf import PdfReader

    reader = PdfReader(pdf)
    pages: dict[str, int] = {}

    def walk(items: list) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                title = " ".join(item.title.split())
                pages.setdefault(title, reader.get_destination_page_number(item) + 1)

    walk(reader.outline)
    return pages


def describe(pdf: Path) -> tuple[str, str | None]:
    """What a printed PDF holds ("7 pages, Appendix from page 4"), and a warning, if any.

    The warning says when more than PAGES_BEFORE_APPENDIX pages come before the Appendix.
    """
    from pypdf import PdfReader

    count = len(PdfReader(pdf).pages)
    appendix = heading_pages(pdf).get(APPENDIX)
    if appendix is None:
        return f"{count} pages", None
    warning = None
    if appendix - 1 > PAGES_BEFORE_APPENDIX:
        warning = (
            f"{Path(pdf).name}: {appendix - 1} pages before the {APPENDIX}; "
            f"a board paper keeps to {PAGES_BEFORE_APPENDIX}"
        )
    return f"{count} pages, {APPENDIX} from page {appendix}", warning


def main(argv: Sequence[str] | None = None) -> int:
    """The command line: 0 printed, 1 Chromium failed, 2 nothing to print, 3 no Chromium."""
    parser = argparse.ArgumentParser(
        prog="python -m sqs_analysis.publish.printing",
        description="Print the HTML briefings to PDF with headless Chromium (no network).",
    )
    parser.add_argument("reports", nargs="?", type=Path, default=Path("reports"))
    parser.add_argument("pdf_dir", nargs="?", type=Path, default=None, help="default REPORTS/pdf")
    parser.add_argument("--chromium", default=None, help="Chromium executable (default: PATH)")
    parser.add_argument("--check", action="store_true", help="only check Chromium is installed")
    args = parser.parse_args(argv)
    executable = args.chromium or find_chromium()
    if not executable:
        print(f"error: {CHROMIUM_INSTALL_HINT}", file=sys.stderr)
        return 3
    if args.check:
        return 0
    pages = pages_to_print(args.reports)
    if not pages:
        print(f"error: no HTML briefings in {args.reports}: run `make reports`", file=sys.stderr)
        return 2
    started = time.perf_counter()
    try:
        written = print_pdfs(pages, args.pdf_dir or args.reports / "pdf", executable=executable)
    except BrowserError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for path in written:
        holds, warning = describe(path)
        print(f"Wrote {path} ({holds})")
        if warning:
            print(f"note: {warning}", file=sys.stderr)
    print(f"Printed {len(written)} PDF(s) in {time.perf_counter() - started:.1f}s")
    return 0


__all__ = [
    "CHROMIUM_FLAGS",
    "Browser",
    "BrowserError",
    "ChromiumNotFound",
    "PageEvents",
    "Tab",
    "describe",
    "find_chromium",
    "heading_pages",
    "prepare_for_print",
    "print_page",
    "print_pdf",
    "print_pdfs",
]

if __name__ == "__main__":
    raise SystemExit(main())
