"""Exported HTML must open offline: :func:`check_self_contained` refuses a page that loads anything.

Why this module exists: a briefing is one file that must work without a network, so after
export the page is checked for anything a browser would fetch. The check parses the HTML
(``html.parser``) and looks only where a browser loads from: resource attributes (``src``,
``srcset``, ``poster``, ``data`` on ``object``, ``href`` on everything but the links ``a`` and
``area``, SVG ``xlink:href``...), CSS ``url(...)`` and strings (``@import "..."``) inside
``<style>``, ``style`` attributes and the SVG attributes that take a ``url(...)`` (``fill``,
``clip-path``, ``filter``...: charts are inline SVG, whose clip paths and hatches are
``url(#id)`` in the page), and the page inside an ``iframe``'s ``srcdoc``. Text
and attributes that load nothing, such as an escaped ``&lt;img src="http://..."&gt;`` written
by a report or the same words in an ``alt``, are not read as markup, and a link to a web page
(``<a href="https://...">``) is navigation, not a resource.

A URL is refused when it is protocol-relative (``//host``) or has any scheme but ``data:`` and
``about:``: ``http:``, ``https:``, ``ftp:``, and also ``file:`` and ``javascript:``, which
fetch nothing from the network but have no place in a published page. Relative paths and
``#fragments`` are allowed, as before (the pages link to each other so). Deliberately obscured
CSS (escapes inside the name ``url``) is not looked for: the check guards against templates and
libraries that reach for a CDN, while report text is escaped before it reaches a page.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from sqs_analysis.errors import ExternalResourceError

__all__ = ["ExternalResourceError", "check_self_contained", "is_external"]


#: Attributes that load a URL on whichever element carries them.
_URL_ATTRS = {"src", "poster", "background", "manifest", "lowsrc", "dynsrc"}
_SRCSET_ATTRS = {"srcset", "imagesrcset"}
#: ``href`` loads on every element (link, base, SVG image, use, script...) except these links.
_NAVIGATION = {"a", "area"}
#: SVG presentation attributes whose value may be a ``url(...)`` (a paint server, clip path...).
_SVG_URL_ATTRS = {"fill", "stroke", "clip-path", "mask", "filter", "cursor",
                  "marker-start", "marker-mid", "marker-end"}  # fmt: skip
_ALLOWED_SCHEMES = {"data", "about"}
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.\-]*):")
_C0_AND_SPACE = "".join(chr(c) for c in range(0x21))
_CSS_TOKEN = re.compile(
    r"""/\*.*?(?:\*/|\Z)
      | (?P<string>"(?:[^"\\\n]|\\.)*"?|'(?:[^'\\\n]|\\.)*'?)  # a string ends at a newline
      | \burl\(\s*(?P<url>"(?:[^"\\\n]|\\.)*"?|'(?:[^'\\\n]|\\.)*'?|(?:[^)\\\s]|\\.)*)""",
    re.IGNORECASE | re.DOTALL | re.VERBOSE,
)
_CSS_ESCAPE = re.compile(r"\\(?:([0-9a-fA-F]{1,6})\s?|(.))", re.DOTALL)


def is_external(url: str) -> bool:
    """Whether a browser would fetch ``url`` from outside the page (see the module notes)."""
    # Browsers drop tabs and newlines anywhere in a URL, and spaces and controls at its ends,
    # and read a backslash as a slash.
    url = re.sub(r"[\t\n\r]", "", url).strip(_C0_AND_SPACE)
    if url.replace("\\", "/").startswith("//"):
        return True
    scheme = _SCHEME.match(url)
    return scheme is not None and scheme.group(1).lower() not in _ALLOWED_SCHEMES


def _srcset_urls(value: str) -> list[str]:
    """The URLs of a ``srcset`` (``a.png 1x, b.png 2x``), as the HTML standard splits them.

    A data URI's comma stays in its URL.
    """
    urls, pos, n = [], 0, len(value)
    while True:
        while pos < n and (value[pos].isspace() or value[pos] == ","):
            pos += 1
        if pos >= n:
            return urls
        start = pos
        while pos < n and not value[pos].isspace():
            pos += 1
        url = value[start:pos]
        if url.endswith(","):
            url = url.rstrip(",")
        else:  # skip the descriptors ("2x", "100w") up to the next candidate
            while pos < n and value[pos] != ",":
                pos += 1
        urls.append(url)


def _css_unescape(text: str) -> str:
    def one(m: re.Match[str]) -> str:
        if m.group(1):
            code = int(m.group(1), 16)
            return chr(code) if 0 < code <= 0x10FFFF else "\ufffd"
        return "" if m.group(2) == "\n" else m.group(2)

    return _CSS_ESCAPE.sub(one, text)


def _css_urls(css: str) -> list[tuple[str, int]]:
    """Every ``url(...)`` and string in a style sheet, with its offset; comments are skipped.

    For example ``@import "x"`` and ``image-set("x")``.
    """
    found = []
    for m in _CSS_TOKEN.finditer(css):
        value = m.group("url") if m.group("url") is not None else m.group("string")
        if value is None:
            continue  # a comment
        if value[:1] in "\"'":
            value = value[1:-1] if len(value) > 1 and value[-1] == value[0] else value[1:]
        found.append((_css_unescape(value), m.start()))
    return found


class _ResourceFinder(HTMLParser):
    """Raises :class:`ExternalResourceError` at the first external resource it is fed."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._in_style = False

    def _refuse(self, what: str, url: str, line: int | None = None) -> None:
        at_line, column = self.getpos()
        where = f"line {line}" if line else f"line {at_line}, column {column + 1}"
        raise ExternalResourceError(
            "exported HTML", f"external resource: {what} {url!r} at {where}"
        )

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_style = self._in_style or tag == "style"
        for name, value in attrs:
            if value is None:
                continue
            if name in _URL_ATTRS or (name == "data" and tag == "object"):
                urls = [value]
            elif name in _SRCSET_ATTRS:
                urls = _srcset_urls(value)
            elif name in ("href", "xlink:href") and tag not in _NAVIGATION:
                urls = [value]
            elif name == "style" or name in _SVG_URL_ATTRS:
                urls = [url for url, _ in _css_urls(value)]
            elif name == "srcdoc":
                check_self_contained(value)  # the page shown in the frame
                continue
            else:
                continue
            for url in urls:
                if is_external(url):
                    self._refuse(f"<{tag}> {name}", url)

    # ``<style/>`` still opens a style sheet in HTML (the slash means nothing there).
    handle_startendtag = handle_starttag

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if not self._in_style:
            return
        for url, offset in _css_urls(data):
            if is_external(url):
                self._refuse("<style>", url, self.getpos()[0] + data.count("\n", 0, offset))


def check_self_contained(page: str) -> None:
    """Refuse HTML that loads a script, stylesheet, frame, image or font from outside the page.

    :class:`ExternalResourceError` names it and its line.
    """
    finder = _ResourceFinder()
    finder.feed(page)
    finder.close()
    if finder.rawdata:  # a <style> left open runs to the end of the page, and is CSS still
        finder.handle_data(finder.rawdata)
