"""Print the HTML briefings to PDF with headless Chromium, and drive it for the browser test.

Why this module exists: boards read briefings on paper and offline, so each HTML briefing is also
printed to ``reports/pdf/<name>.pdf`` by a real browser (the same engine that shows the HTML, so
the print stylesheet is what decides page breaks). Chromium is driven over the Chrome DevTools
Protocol (CDP) with ``websocket-client``: no browser download, no Node, a few hundred lines.

Chromium always starts headless with a fresh temporary profile, no background networking and no
name resolution (every host maps to "not found"), so printing a briefing can never reach the
internet; the briefings are self-contained anyway (``render.check_self_contained``).

Command line::

    python -m sqs_analysis.publish.printing [REPORTS_DIR] [PDF_DIR]   # default reports reports/pdf
    python -m sqs_analysis.publish.printing --check                   # is Chromium installed?
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqs_analysis.tables.atomic import write_bytes_atomic

#: Flags every Chromium started by this project gets (headless, no sandbox for containers and CI,
#: nothing fetched in the background), plus ``--user-data-dir`` set to a fresh temporary folder.
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
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
INSTALL_HINT = (
    "Chromium was not found. Install it, e.g. on Debian or Ubuntu:\n"
    "    sudo apt-get update && sudo apt-get install -y chromium   # Ubuntu: chromium-browser\n"
    "or point SQS_CHROMIUM at a Chrome or Chromium executable. `make reports` does not need it."
)
#: Pages that are not briefings and are not printed.
NOT_PRINTED = {"index.html"}


class ChromiumNotFound(RuntimeError):
    """No Chromium executable: the message says how to install one."""

    def __init__(self) -> None:
        super().__init__(INSTALL_HINT)


class BrowserError(RuntimeError):
    """Chromium did not start, or a DevTools command failed or timed out."""


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


# --------------------------------------------------------------------------- DevTools client


@dataclass
class PageEvents:
    """What a page reported while loading: console errors, exceptions and failed requests."""

    console_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)


class Browser:
    """A headless Chromium with a fresh profile, driven over the DevTools protocol.

    Use as a context manager; :meth:`open` loads a page in a new tab and returns a :class:`Page`.
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
        self._proc: subprocess.Popen[bytes] | None = None
        self._profile: str | None = None
        self._ws: Any = None
        self._next_id = 0
        self._events: list[dict[str, Any]] = []

    # -- lifecycle
    def __enter__(self) -> Browser:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def start(self) -> None:
        import websocket

        self._profile = tempfile.mkdtemp(prefix="sqs-chromium-")
        cmd = [
            self.executable,
            *CHROMIUM_FLAGS,
            *NO_NETWORK_FLAGS,
            f"--user-data-dir={self._profile}",
            "--remote-debugging-port=0",
            "--hide-scrollbars",
            *self.extra_flags,
            "about:blank",
        ]
        self._proc = subprocess.Popen(  # noqa: S603 - a fixed command line
            cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        port_file = Path(self._profile) / "DevToolsActivePort"
        deadline = time.monotonic() + self.timeout
        while True:
            if port_file.exists():
                lines = port_file.read_text().split()
                if len(lines) >= 2:
                    break
            if self._proc.poll() is not None:
                self.close()
                raise BrowserError(f"Chromium exited at start (code {self._proc.returncode})")
            if time.monotonic() > deadline:
                self.close()
                raise BrowserError("Chromium did not open its DevTools port in time")
            time.sleep(0.05)
        port, path = lines[0], lines[1]
        self._ws = websocket.create_connection(
            f"ws://127.0.0.1:{port}{path}", timeout=self.timeout, suppress_origin=True
        )

    def close(self) -> None:
        if self._ws is not None:
            try:
                self._ws.close()
            finally:
                self._ws = None
        if self._proc is not None:
            if self._proc.poll() is None:
                self._proc.terminate()
                try:
                    self._proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    self._proc.kill()
                    self._proc.wait()
            self._proc = None
        if self._profile is not None:
            shutil.rmtree(self._profile, ignore_errors=True)
            self._profile = None

    # -- protocol
    def send(
        self, method: str, params: dict[str, Any] | None = None, session: str | None = None
    ) -> dict[str, Any]:
        """Send one command and wait for its answer; events that arrive meanwhile are kept."""
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        self._ws.send(json.dumps(message))
        while True:
            reply = json.loads(self._ws.recv())
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise BrowserError(f"{method}: {reply['error'].get('message')}")
                return reply.get("result", {})
            self._events.append(reply)

    def wait_for(self, method: str, session: str, timeout: float | None = None) -> dict[str, Any]:
        """Wait for an event of a session (already received ones count)."""
        deadline = time.monotonic() + (timeout or self.timeout)
        seen = 0
        while True:
            for event in self._events[seen:]:
                if event.get("method") == method and event.get("sessionId") == session:
                    self._events.remove(event)
                    return event.get("params", {})
            seen = len(self._events)
            if time.monotonic() > deadline:
                raise BrowserError(f"timed out waiting for {method}")
            self._ws.settimeout(max(0.05, deadline - time.monotonic()))
            try:
                self._events.append(json.loads(self._ws.recv()))
            except Exception as exc:  # websocket timeout
                if time.monotonic() > deadline:
                    raise BrowserError(f"timed out waiting for {method}") from exc
            finally:
                self._ws.settimeout(self.timeout)

    def events(self, session: str) -> list[dict[str, Any]]:
        return [e for e in self._events if e.get("sessionId") == session]

    def open(self, url: str, *, width: int = 1280, height: int = 900) -> Page:
        """Load ``url`` in a new tab of the given viewport size and wait for its load event."""
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})[
            "sessionId"
        ]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.send(f"{domain}.enable", session=session)
        self.send(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
            session,
        )
        self.send("Page.bringToFront", session=session)
        self.send("Page.navigate", {"url": url}, session)
        self.wait_for("Page.loadEventFired", session)
        return Page(self, session, target, url)


class Page:
    """One loaded tab: evaluate scripts, take screenshots, print to PDF, read its events."""

    def __init__(self, browser: Browser, session: str, target: str, url: str) -> None:
        self.browser, self.session, self.target, self.url = browser, session, target, url

    def send(self, method: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        return self.browser.send(method, params, self.session)

    def evaluate(self, expression: str, *, await_promise: bool = False) -> Any:
        """The value of a JavaScript expression (JSON-serialisable), or BrowserError."""
        result = self.send(
            "Runtime.evaluate",
            {"expression": expression, "returnByValue": True, "awaitPromise": await_promise},
        )
        if "exceptionDetails" in result:
            details = result["exceptionDetails"]
            text = details.get("exception", {}).get("description") or details.get("text")
            raise BrowserError(f"script failed: {text}")
        return result.get("result", {}).get("value")

    def report(self) -> PageEvents:
        """Console errors, uncaught exceptions and failed or network requests seen so far."""
        self.send("Runtime.evaluate", {"expression": "0"})  # flush pending events
        out = PageEvents()
        for event in self.browser.events(self.session):
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                args = params.get("args", [])
                out.console_errors.append(
                    " ".join(str(a.get("value", a.get("description", ""))) for a in args)
                )
            elif method == "Runtime.exceptionThrown":
                details = params.get("exceptionDetails", {})
                out.console_errors.append(
                    details.get("exception", {}).get("description") or details.get("text", "")
                )
            elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
                entry = params["entry"]
                out.console_errors.append(f"{entry.get('text')} {entry.get('url', '')}".strip())
            elif method == "Network.requestWillBeSent":
                out.requests.append(params.get("request", {}).get("url", ""))
            elif method == "Network.loadingFailed":
                out.failed_requests.append(
                    f"{params.get('errorText')} ({params.get('type')}, {params.get('requestId')})"
                )
        return out

    def screenshot(self, *, full_page: bool = False) -> bytes:
        """A PNG of the viewport, or of the whole page."""
        self.send("Page.bringToFront")  # a background tab may never paint
        params: dict[str, Any] = {"format": "png"}
        if full_page:
            size = self.send("Page.getLayoutMetrics")["cssContentSize"]
            params["clip"] = {
                "x": 0,
                "y": 0,
                "width": size["width"],
                "height": size["height"],
                "scale": 1,
            }
            params["captureBeyondViewport"] = True
        return base64.b64decode(self.send("Page.captureScreenshot", params)["data"])

    def print_pdf(self, *, footer: str | None = None) -> bytes:
        """The page printed as the print stylesheet asks (A4), with page numbers in the footer."""
        params: dict[str, Any] = {
            "preferCSSPageSize": True,
            "printBackground": True,
            "displayHeaderFooter": footer is not None,
            "headerTemplate": "<span></span>",
            "footerTemplate": footer or "<span></span>",
            "generateDocumentOutline": True,
            "generateTaggedPDF": True,
        }
        return base64.b64decode(self.send("Page.printToPDF", params)["data"])

    def close(self) -> None:
        self.browser.send("Target.closeTarget", {"targetId": self.target})


# --------------------------------------------------------------------------- printing

_FOOTER = (
    '<div style="font-family:sans-serif;font-size:8px;color:#333;width:100%;'
    'margin:0 14mm;display:flex;justify-content:space-between">'
    '<span class="title"></span><span>Page <span class="pageNumber"></span> of '
    '<span class="totalPages"></span></span></div>'
)


def pages_to_print(reports_dir: Path) -> list[Path]:
    """The briefings (and comparison) under ``reports_dir``, without the index page."""
    return sorted(p for p in Path(reports_dir).glob("*.html") if p.name not in NOT_PRINTED)


def print_pdfs(
    pages: Iterable[Path], pdf_dir: Path, *, executable: str | None = None
) -> list[Path]:
    """Print each HTML page to ``pdf_dir/<name>.pdf`` in one Chromium; return the PDFs."""
    pages = [Path(p).resolve() for p in pages]
    written = []
    with Browser(executable) as browser:
        for page_path in pages:
            page = browser.open(page_path.as_uri())
            try:
                # Fonts and images are decoded before printing, so nothing prints half-drawn.
                page.evaluate("document.fonts.ready.then(() => true)", await_promise=True)
                pdf = page.print_pdf(footer=_FOOTER)
            finally:
                page.close()
            target = Path(pdf_dir) / f"{page_path.stem}.pdf"
            write_bytes_atomic(target, pdf)
            written.append(target)
    return written


def main(argv: Sequence[str] | None = None) -> int:
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
        print(f"error: {INSTALL_HINT}", file=sys.stderr)
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
        print(f"Wrote {path}")
    print(f"Printed {len(written)} PDF(s) in {time.perf_counter() - started:.1f}s")
    return 0


__all__ = [
    "Browser",
    "BrowserError",
    "CHROMIUM_FLAGS",
    "ChromiumNotFound",
    "Page",
    "find_chromium",
    "print_pdfs",
]

if __name__ == "__main__":
    raise SystemExit(main())
