"""Execute the briefing notebooks with papermill and publish them as self-contained HTML.

Why this module exists: a briefing must open offline, show no code, embed its images, and never
half-exist. So every output is written to a temporary file and renamed into place, the HTML
template fetches nothing from the internet (checked after export), and a failing notebook keeps
its executed copy under ``reports/notebooks/`` and names the cell that failed.

Command line (``python -m sqs_analysis.publish.render``)::

    briefing INSPECTION_ID --data-dir data/processed --out reports
    comparison [--ids A B ...] --data-dir data/processed --out reports
    index --data-dir data/processed --out reports
    ids --data-dir data/processed          # one inspection id a line
    batch [ID ...] [--comparison] [--index] [--jobs N] ...   # see sqs_analysis.publish.kernels
"""

from __future__ import annotations

import argparse
import html
import os
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat
import pandas as pd

from sqs_analysis.config import (
    BRIEFING_NOTEBOOK,
    COMPARISON_NOTEBOOK,
    EXECUTED_SUBDIR,
    KERNEL_ARGUMENTS,
    KERNEL_NAME,
)
from sqs_analysis.domain import SLUG
from sqs_analysis.errors import NotebookFailed
from sqs_analysis.publish.offline import ExternalResourceError, check_self_contained
from sqs_analysis.report import narrative as nr
from sqs_analysis.tables.atomic import write_text_atomic

#: What an inspection id may look like (the rule is in ``ids``): safe as a file name anywhere.
SAFE_ID = SLUG


def _kernel_config(socket_dir: str) -> Any:
    """Talk to the kernel over Unix sockets in a private folder: no TCP ports to clash under
    ``make -j2`` and nothing sent over the network unencrypted."""
    from traitlets.config import Config

    return Config({"KernelManager": {"transport": "ipc", "ip": os.path.join(socket_dir, "k")}})


# The lab template minus everything it would fetch from a CDN (require.js, MathJax, Mermaid,
# widgets), plus the briefing's own look: a masthead naming the suite, a contents list (added by
# ``add_contents``), readable widths, accessible colours and an A4 print stylesheet that keeps
# charts whole and prints where links go. The CSS comes after the lab CSS so that it wins.
_TEMPLATE_NAME = "sqs_report.html.j2"
SUITE_TITLE = "Short Quality Screening briefings"
SUITE_TAGLINE = (
    "Youth offending work inspected by HM Inspectorate of Probation, analysed with sqs-analysis"
)
_TEMPLATE = r"""{%- extends 'index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block html_head_css -%}
<style type="text/css">
:root {
  --sqs-text: #0b0c0c; --sqs-muted: #484949; --sqs-accent: #1d4f91; --sqs-link: #1d4f91;
  --sqs-rule: #b1b4b6; --sqs-band: #f3f2f1; --sqs-focus: #ffdd00;
  --jp-content-font-color1: #0b0c0c; --jp-ui-font-color1: #0b0c0c;
}
html { background: #fff; }
body.jp-Notebook {
  color: var(--sqs-text); background: #fff; margin: 0; padding: 0;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
.sqs-masthead { border-bottom: 4px solid var(--sqs-accent); }
.sqs-masthead > div { max-width: 60rem; margin: 0 auto; padding: 0.9rem 1rem 0.6rem; }
.sqs-masthead p { margin: 0; color: var(--sqs-muted); font-size: 0.95rem; line-height: 1.4; }
.sqs-masthead p.sqs-suite { color: var(--sqs-text); font-weight: 700; font-size: 1.1rem; }
main { max-width: 60rem; margin: 0 auto; padding: 0.5rem 1rem 3rem; }
.jp-Cell { padding: 0; }
.jp-RenderedHTMLCommon, .jp-RenderedHTMLCommon p, .jp-RenderedHTMLCommon li {
  color: var(--sqs-text); font-size: 1rem; line-height: 1.5;
}
.sqs-briefing .jp-RenderedHTMLCommon { padding-right: 0; }
.sqs-briefing .jp-MarkdownOutput { padding-left: 0; }
.jp-RenderedHTMLCommon p, .jp-RenderedHTMLCommon li { max-width: 46rem; }
.jp-RenderedHTMLCommon h1 { font-size: 2rem; line-height: 1.2; margin: 1rem 0 0.75rem; }
.jp-RenderedHTMLCommon h2 {
  font-size: 1.5rem; margin: 2rem 0 0.75rem; padding-top: 0.5rem;
  border-top: 1px solid var(--sqs-rule);
}
.jp-RenderedHTMLCommon h1:first-child, .jp-RenderedHTMLCommon h2:first-child { margin-top: 1rem; }
.jp-RenderedHTMLCommon a, a { color: var(--sqs-link); text-decoration: underline; }
a:focus, summary:focus { outline: 3px solid var(--sqs-focus); outline-offset: 0;
  background: var(--sqs-focus); color: var(--sqs-text); }
p.sqs-dateline { font-size: 1.1rem; color: var(--sqs-text); }
nav.sqs-contents {
  margin: 1rem 0 1.5rem; padding: 0.75rem 1rem; border-left: 4px solid var(--sqs-accent);
  background: var(--sqs-band); max-width: 44rem;
}
nav.sqs-contents p { margin: 0 0 0.25rem; font-weight: 700; }
nav.sqs-contents ol { margin: 0; padding-left: 1.5rem; }
nav.sqs-contents li { margin: 0.2rem 0; }
nav.sqs-contents a { display: inline-block; min-height: 24px; line-height: 24px; }
.jp-RenderedHTMLCommon table, .jp-RenderedHTMLCommon table.dataframe {
  font-size: 0.9rem; color: var(--sqs-text); border-collapse: collapse; margin: 0.5rem 0 1rem;
}
.sqs-briefing .jp-RenderedHTMLCommon th, .sqs-briefing .jp-RenderedHTMLCommon td,
.sqs-briefing .jp-RenderedHTMLCommon tr {
  text-align: left; vertical-align: top; padding: 0.35rem 0.6rem;
  border-bottom: 1px solid var(--sqs-rule); max-width: 32rem; white-space: normal;
}
.jp-RenderedHTMLCommon thead th { background: var(--sqs-band); }
.jp-RenderedHTMLCommon tbody tr:nth-child(odd) { background: #fff; }
.jp-RenderedHTMLCommon tbody tr:nth-child(even) { background: #f8f8f8; }
figure.sqs-chart { margin: 1.25rem 0 0.25rem 0; }
figure.sqs-chart img { display: block; max-width: 100%; height: auto; }
figure.sqs-chart figcaption { font-weight: 600; margin-top: 0.35rem; color: var(--sqs-text); }
details.sqs-chart-data { margin-bottom: 1.5rem; }
details.sqs-chart-data summary { cursor: pointer; color: var(--sqs-link); }
.sqs-empty { color: var(--sqs-muted); }
.jp-OutputArea-output { overflow-x: auto; }

@page { size: A4; margin: 14mm 14mm 16mm 14mm; }
@media print {
  html, body.jp-Notebook { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  .sqs-masthead > div { max-width: none; padding: 0 0 0.4rem; }
  .jp-RenderedHTMLCommon, .jp-RenderedHTMLCommon p, .jp-RenderedHTMLCommon li { font-size: 10.5pt; }
  .jp-RenderedHTMLCommon p, .jp-RenderedHTMLCommon li { max-width: none; orphans: 3; widows: 3; }
  .jp-RenderedHTMLCommon h1 { font-size: 20pt; }
  .jp-RenderedHTMLCommon h2 { font-size: 14pt; margin-top: 1.2rem; }
  h1, h2, h3, figcaption, summary, .jp-RenderedHTMLCommon p > strong:only-child {
    break-after: avoid; page-break-after: avoid;
  }
  figure.sqs-chart, figure.sqs-chart img, tr, nav.sqs-contents {
    break-inside: avoid; page-break-inside: avoid;
  }
  figure.sqs-chart img { max-height: 150mm; width: auto; max-width: 100%; }
  /* Lab lays cells out as flex boxes and table cells, which Chromium will not split across
     pages (a whole section jumps to the next page, leaving half a page empty): print blocks. */
  .jp-Cell, .jp-Cell-outputWrapper, .jp-Cell-inputWrapper, .jp-OutputArea,
  .jp-OutputArea-child, .jp-OutputArea-output, .jp-InputArea, .jp-MarkdownOutput {
    display: block !important; overflow: visible !important; width: auto !important;
  }
  .jp-OutputPrompt, .jp-InputPrompt, .jp-Collapser { display: none !important; }
  .sqs-briefing .jp-RenderedHTMLCommon table { font-size: 8.5pt; width: 100%; }
  .sqs-briefing .jp-RenderedHTMLCommon td, .sqs-briefing .jp-RenderedHTMLCommon th {
    max-width: none; padding: 0.2rem 0.3rem; overflow-wrap: break-word; hyphens: auto;
  }
  .sqs-briefing details.sqs-chart-data table { font-size: 7.5pt; }
  thead { display: table-header-group; }
  details.sqs-chart-data > summary { list-style: none; font-weight: 600; color: var(--sqs-text); }
  details.sqs-chart-data > summary::-webkit-details-marker { display: none; }
  a, .jp-RenderedHTMLCommon a { color: var(--sqs-text); }
  a[href]:not([href^="#"])::after { content: " (" attr(href) ")"; font-size: 90%; }
  nav.sqs-contents a::after { content: none; }
}
</style>
{%- endblock html_head_css -%}
{%- block body_header -%}
<body class="jp-Notebook sqs-briefing" data-jp-theme-light="true" data-jp-theme-name="JupyterLab Light">
<header class="sqs-masthead"><div>
<p class="sqs-suite">{{ resources.sqs_suite_title | e }}</p>
<p>{{ resources.sqs_suite_tagline | e }}</p>
</div></header>
<main>
{%- endblock body_header -%}
"""


@dataclass(frozen=True)
class Rendered:
    """Where one notebook's executed copy and HTML were written, and how long it took."""

    notebook: Path
    html: Path
    seconds: float


# --------------------------------------------------------------------------- execution


def _cell_label(cell: Any) -> str:
    """A human handle for a cell: its tags, id and first line of source."""
    first = next((line for line in cell.get("source", "").splitlines() if line.strip()), "")
    tags = cell.get("metadata", {}).get("tags", [])
    parts = []
    if tags:
        parts.append("tags: " + ", ".join(tags))
    if cell.get("id"):
        parts.append(f"id {cell['id']}")
    parts.append(repr(first[:80]))
    return "; ".join(parts)


def scrub_volatile_metadata(nb: Any) -> Any:
    """Drop run timestamps and machine paths so reruns write identical notebooks."""
    pm = nb.metadata.get("papermill")
    if pm is not None:
        nb.metadata["papermill"] = {
            k: pm[k] for k in ("parameters", "version", "exception") if k in pm
        }
    for cell in nb.cells:
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell["id"] = "injected-parameters"  # papermill gives it a random id
        cell.metadata.pop("execution", None)
        cell_pm = cell.metadata.get("papermill")
        if cell_pm is not None:
            cell.metadata["papermill"] = {k: cell_pm[k] for k in ("exception",) if k in cell_pm}
            if not cell.metadata["papermill"]:
                del cell.metadata["papermill"]
    return nb


def execute_notebook(
    template: Path,
    executed: Path,
    parameters: dict[str, Any],
    *,
    progress: bool = True,
    kernel_name: str = KERNEL_NAME,
    timeout: int = 600,
    kernel: Any = None,
) -> Any:
    """Run ``template`` with ``parameters`` into ``executed`` (atomically); return the notebook.

    The kernel runs in the template's folder, so relative paths in the notebook mean the same
    in JupyterLab and here. On failure the executed copy is still written, and
    :class:`NotebookFailed` names the failing cell.

    ``kernel``: a :class:`sqs_analysis.publish.kernels.ReusedKernel` started in the template's folder to
    run on (it is reset first) instead of starting a new kernel; the result is the same.
    """
    import papermill as pm
    from papermill.exceptions import PapermillExecutionError

    template, executed = Path(template).resolve(), Path(executed).resolve()
    executed.parent.mkdir(parents=True, exist_ok=True)
    tmp = executed.with_name(f".{executed.stem}.{os.getpid()}.tmp.ipynb")
    failure: PapermillExecutionError | None = None
    if kernel is not None and kernel.cwd != template.parent:
        raise ValueError(f"the kernel runs in {kernel.cwd}, not in {template.parent}")
    socket_dir = tempfile.mkdtemp(prefix="sqs-kernel-")
    if kernel is None:
        how: dict[str, Any] = {
            "cwd": str(template.parent),
            "extra_arguments": list(KERNEL_ARGUMENTS),
            "config": _kernel_config(socket_dir),
        }
    else:
        kernel.reset()
        how = kernel.engine_kwargs()
    try:
        try:
            pm.execute_notebook(
                str(template),
                str(tmp),
                parameters=parameters,
                kernel_name=kernel_name,
                progress_bar=progress,
                request_save_on_cell_execute=False,
                execution_timeout=timeout,
                **how,
            )
        except PapermillExecutionError as exc:
            failure = exc
        nb = nbformat.read(tmp, as_version=4)
        scrub_volatile_metadata(nb)
        write_text_atomic(executed, nbformat.writes(nb) + "\n")
    finally:
        tmp.unlink(missing_ok=True)
        shutil.rmtree(socket_dir, ignore_errors=True)
    if failure is not None:
        # Papermill adds an error banner at the top, so find the cell by its error output.
        index, cell = next(
            (
                (k, c)
                for k, c in enumerate(nb.cells)
                if any(o.get("output_type") == "error" for o in c.get("outputs", []))
            ),
            (int(failure.cell_index), {}),
        )
        label = f"In [{failure.exec_count}]; " + _cell_label(cell) if cell else _cell_label(cell)
        raise NotebookFailed(
            template, executed, index, label, f"{failure.ename}: {failure.evalue}"
        ) from None
    return nb


# --------------------------------------------------------------------------- HTML export


def notebook_to_html(nb: Any, title: str) -> str:
    """Export an executed notebook to one self-contained HTML page with the code hidden."""
    import jinja2
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        template_name="lab",
        template_file=_TEMPLATE_NAME,
        extra_loaders=[jinja2.DictLoader({_TEMPLATE_NAME: _TEMPLATE})],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        embed_images=True,
    )
    nb = nbformat.from_dict(nb)
    nb.metadata["title"] = title
    resources = {
        "metadata": {"name": title},
        "sqs_suite_title": SUITE_TITLE,
        "sqs_suite_tagline": SUITE_TAGLINE,
    }
    page, _ = exporter.from_notebook_node(nb, resources=resources)
    page = add_contents(title_from_heading(page))
    check_self_contained(page)
    return page


_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.IGNORECASE | re.DOTALL)
_H2 = re.compile(r'<h2\b[^>]*\bid="([^"]+)"[^>]*>(.*?)</h2>', re.IGNORECASE | re.DOTALL)
_TAGS = re.compile(r"<[^>]+>")
_ANCHOR_LINK = re.compile(r'<a class="anchor-link"[^>]*>.*?</a>', re.DOTALL)


def _heading_text(inner: str) -> str:
    """A heading's visible text (escaped), without nbconvert's pilcrow anchor link."""
    text = html.unescape(_TAGS.sub("", _ANCHOR_LINK.sub("", inner)))
    return html.escape(" ".join(text.split()), quote=False)


def title_from_heading(page: str) -> str:
    """Use the page's first ``<h1>`` (the briefing's own title) as its ``<title>``, if any."""
    body_at = page.find("<body")
    match = _H1.search(page, max(body_at, 0))
    if not match or not _heading_text(match.group(1)):
        return page
    return re.sub(
        r"<title>.*?</title>",
        lambda _: f"<title>{_heading_text(match.group(1))}</title>",
        page,
        count=1,
        flags=re.DOTALL,
    )


def add_contents(page: str) -> str:
    """Insert a contents list of the page's sections (its ``<h2>`` headings) before the first.

    Briefings are long; a board member jumps to "Charts" or "Data notes" from the top. The list
    goes before the notebook cell holding the first section heading, so it follows the title.
    """
    body_at = max(page.find("<body"), 0)
    sections = [
        (m.start(), m.group(1), _heading_text(m.group(2))) for m in _H2.finditer(page, body_at)
    ]
    if len(sections) < 2:
        return page
    items = "".join(
        f'<li><a href="#{html.escape(anchor, quote=True)}">{text}</a></li>'
        for _, anchor, text in sections
    )
    nav = f'<nav class="sqs-contents" aria-label="Contents"><p>Contents</p><ol>{items}</ol></nav>\n'
    first = sections[0][0]
    cell_at = page.rfind('<div class="jp-Cell ', body_at, first)
    at = cell_at if cell_at != -1 else first
    return page[:at] + nav + page[at:]


def render_notebook(
    template: Path,
    name: str,
    parameters: dict[str, Any],
    out_dir: Path,
    title: str,
    *,
    progress: bool = True,
    kernel: Any = None,
) -> Rendered:
    """Execute into ``out/notebooks/<name>.ipynb`` and export ``out/<name>.html``.

    ``kernel``: run on this reused kernel (see :func:`execute_notebook`)."""
    started = time.perf_counter()
    out_dir = Path(out_dir)
    executed = out_dir / EXECUTED_SUBDIR / f"{name}.ipynb"
    nb = execute_notebook(template, executed, parameters, progress=progress, kernel=kernel)
    target = out_dir / f"{name}.html"
    write_text_atomic(target, notebook_to_html(nb, title))
    return Rendered(executed, target, time.perf_counter() - started)


def _data_dir_param(data_dir: Path, notebooks_dir: Path) -> str:
    """``data_dir`` as the kernel (running in the notebooks folder) should spell it."""
    return os.path.relpath(Path(data_dir).resolve(), Path(notebooks_dir).resolve())


def default_notebooks_dir() -> Path:
    """``notebooks/`` of the project (working directory first, then the source checkout)."""
    here = Path("notebooks")
    if (here / BRIEFING_NOTEBOOK).exists():
        return here
    return Path(__file__).resolve().parents[3] / "notebooks"


def render_briefing(
    inspection_id: str,
    data_dir: Path,
    out_dir: Path,
    notebooks_dir: Path | None = None,
    *,
    progress: bool = True,
    kernel: Any = None,
) -> Rendered:
    """One inspection's briefing: ``<out>/<inspection_id>.html``."""
    if not SAFE_ID.fullmatch(inspection_id):
        # The id names files: only a slug can, so report text never chooses a path.
        raise ValueError(f"not an inspection id (a-z, 0-9 and hyphens): {inspection_id!r}")
    notebooks_dir = Path(notebooks_dir or default_notebooks_dir())
    params = {"inspection_id": inspection_id, "data_dir": _data_dir_param(data_dir, notebooks_dir)}
    title = f"SQS briefing: {inspection_id}"
    return render_notebook(
        notebooks_dir / BRIEFING_NOTEBOOK, inspection_id, params, out_dir, title,
        progress=progress, kernel=kernel,
    )  # fmt: skip


def render_comparison(
    data_dir: Path,
    out_dir: Path,
    inspection_ids: Sequence[str] | None = None,
    notebooks_dir: Path | None = None,
    *,
    progress: bool = True,
    kernel: Any = None,
) -> Rendered:
    """The comparison across inspections: ``<out>/comparison.html``."""
    notebooks_dir = Path(notebooks_dir or default_notebooks_dir())
    params = {
        "inspection_ids": list(inspection_ids) if inspection_ids else None,
        "data_dir": _data_dir_param(data_dir, notebooks_dir),
    }
    return render_notebook(
        notebooks_dir / COMPARISON_NOTEBOOK,
        "comparison",
        params,
        out_dir,
        "SQS comparison across inspections",
        progress=progress,
        kernel=kernel,
    )


# --------------------------------------------------------------------------- index page


def _read_inspections(data_dir: Path) -> Any:
    from sqs_analysis.tables.pipeline import read_tables

    return read_tables(data_dir)


def index_html(tables: Any, briefings_present: set[str] | None = None) -> str:
    """The landing page: every briefing with its headline figures; all report text escaped."""
    table = nr.comparison_table(tables)
    e = html.escape
    rows = []
    for r in table.itertuples(index=False):
        iid = str(r.Inspection)
        link = f'<a href="{e(iid, quote=True)}.html">{e(str(r.Area))}</a>'
        if briefings_present is not None and iid not in briefings_present:
            link = f"{e(str(r.Area))} (briefing not built)"
        cells = [link, e(iid), e(r.Published), e(r.Cases), e(r.Rate), e(r[5]), e(r.Gap)]
        cells.append(e(r.Cohort))
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    heads = ["Briefing", "Inspection id", "Published", "Cases", "Reoffending rate",
             "E&W average (same cohort)", "Gap", "Cohort"]  # fmt: skip
    summary = nr.comparison_rates_sentence(tables) if len(table) else "No inspections yet."
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<title>SQS briefings</title>\n<style>\n"
        "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:2rem auto;"
        "max-width:64rem;padding:0 1rem;line-height:1.45;color:#1a1a1a}\n"
        "table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ccc;"
        "padding:.4rem .6rem;text-align:left;vertical-align:top}th{background:#f2f2f2}\n"
        "a{color:#1d4f91}a:focus{outline:3px solid #fd0;background:#fd0;color:#0b0c0c}\n"
        "@page{size:A4;margin:14mm}@media print{body{margin:0;max-width:none;font-size:10.5pt}"
        "tr{break-inside:avoid}a{color:#0b0c0c}}\n"
        "</style>\n</head>\n<body>\n<main>\n"
        "<h1>Short Quality Screening briefings</h1>\n"
        "<p>Youth offending work inspected by HM Inspectorate of Probation. Each reoffending "
        "rate is shown against the England and Wales average <em>for its own cohort</em>; "
        "the cohorts differ, so compare gaps, not rates.</p>\n"
        f"<p>{e(summary)}</p>\n"
        '<p><a href="comparison.html">Comparison across all inspections</a></p>\n'
        "<table>\n<thead><tr>"
        + "".join(f'<th scope="col">{e(h)}</th>' for h in heads)
        + "</tr></thead>\n<tbody>\n"
        + "\n".join(rows)
        + "\n</tbody>\n</table>\n"
        + quality_section_html(tables.quality)
        + "</main>\n</body>\n</html>\n"
    )


def quality_section_html(quality: pd.DataFrame) -> str:
    """The index's "Data quality" section: every refused file and every parse warning, escaped."""
    e = html.escape
    refused = quality[quality["severity"] == "error"]
    warned = quality[quality["severity"] == "warning"]
    n_warned = warned["source_file"].nunique()
    if quality.empty:
        summary = "Every report file was read without a problem."
    else:
        summary = (
            f"{len(refused)} file(s) could not be used and {n_warned} file(s) were read with "
            f"{len(warned)} warning(s). A refused file has no briefing; a warning means a figure "
            "is missing or something in the file was unusual. The same list is in "
            "data/processed/quality.csv."
        )
    rows = "".join(
        "<tr>"
        + "".join(
            f"<td>{e('' if nr.is_missing(v) else str(v))}</td>"
            for v in (r.source_file, r.inspection_id, r.severity, r.field, r.message)
        )
        + "</tr>\n"
        for r in quality.itertuples(index=False)
    )
    heads = ("File", "Inspection", "Severity", "Part of the report", "Problem")
    table = (
        '<table class="sqs-quality">\n<thead><tr>'
        + "".join(f'<th scope="col">{h}</th>' for h in heads)
        + f"</tr></thead>\n<tbody>\n{rows}</tbody>\n</table>\n"
        if len(quality)
        else ""
    )
    return f'<section id="data-quality">\n<h2>Data quality</h2>\n<p>{e(summary)}</p>\n{table}</section>\n'


def build_index(data_dir: Path, out_dir: Path, briefings_present: set[str] | None = None) -> Path:
    """Write ``<out>/index.html`` from the extracted tables; ``briefings_present``: the
    briefings that are built (the others are named without a link)."""
    tables = _read_inspections(Path(data_dir))
    out = Path(out_dir) / "index.html"
    page = index_html(tables, briefings_present)
    check_self_contained(page)
    write_text_atomic(out, page)
    return out


def inspection_ids(data_dir: Path) -> list[str]:
    """The extracted inspection ids, sorted (what ``make reports`` builds briefings for)."""
    table = pd.read_parquet(Path(data_dir) / "inspections.parquet", columns=["inspection_id"])
    return sorted(str(i) for i in table["inspection_id"].dropna())


# --------------------------------------------------------------------------- CLI


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["batch"]:  # many notebooks on reused kernels, in one process
        from sqs_analysis.publish.kernels import main as batch_main

        return batch_main(argv[1:])
    parser = argparse.ArgumentParser(
        prog="sqs-analysis render",
        description="Execute the SQS notebooks and publish self-contained HTML briefings.",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    def common(p: argparse.ArgumentParser, out: bool = True) -> None:
        p.add_argument("--data-dir", type=Path, default=Path("data/processed"))
        if out:
            p.add_argument("--out", type=Path, default=Path("reports"))
            p.add_argument("--notebooks", type=Path, default=None, help="notebook templates")
            p.add_argument("--no-progress", action="store_true", help="hide papermill's bar")

    b = sub.add_parser("briefing", help="one inspection's briefing")
    b.add_argument("inspection_id")
    common(b)
    c = sub.add_parser("comparison", help="the comparison across inspections")
    c.add_argument("--ids", nargs="*", default=None, help="inspection ids (default: all)")
    common(c)
    i = sub.add_parser("index", help="reports/index.html linking every briefing")
    common(i)
    ids = sub.add_parser("ids", help="print the extracted inspection ids, one a line")
    common(ids, out=False)
    args = parser.parse_args(argv)

    try:
        if args.command == "briefing":
            done = render_briefing(
                args.inspection_id, args.data_dir, args.out, args.notebooks,
                progress=not args.no_progress,
            )  # fmt: skip
        elif args.command == "comparison":
            done = render_comparison(
                args.data_dir, args.out, args.ids, args.notebooks, progress=not args.no_progress
            )
        elif args.command == "index":
            print(f"Wrote {build_index(args.data_dir, args.out)}")
            return 0
        else:
            print("\n".join(inspection_ids(args.data_dir)))
            return 0
    except NotebookFailed as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except (ExternalResourceError, FileNotFoundError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"Wrote {done.html} (executed notebook {done.notebook}) in {done.seconds:.1f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
