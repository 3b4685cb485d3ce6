"""The package's stages import only downwards: extract -> tables -> report -> publish -> cli.

Every ``import`` in every module is read (those inside functions and under ``TYPE_CHECKING`` too),
so a shortcut upwards fails here instead of surfacing as an import cycle later.
"""

from __future__ import annotations

import ast
from importlib.util import resolve_name
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "sqs_analysis"
#: Each stage's rank; a module may import only modules of its own rank or lower. The shared
#: facts (domain, config, errors) sit below every stage; the command line above them all.
RANK = {
    "domain": 0, "config": 0, "errors": 0,
    "extract": 1, "tables": 2, "report": 3, "publish": 4, "cli": 5,
}  # fmt: skip


def _module(path: Path, root: Path = PACKAGE) -> str:
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(("sqs_analysis", *parts)).removesuffix(".__init__")


def _imports(path: Path, root: Path = PACKAGE) -> list[tuple[int, str]]:
    """(line, dotted name) of everything the file imports, relative imports made absolute."""
    module = _module(path, root)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = (
                resolve_name("." * node.level + (node.module or ""), package)
                if node.level
                else node.module
            )
            found += [(node.lineno, f"{base}.{a.name}") for a in node.names]
    return sorted(found)


def _stage(dotted: str) -> str | None:
    parts = dotted.split(".")
    return parts[1] if parts[0] == "sqs_analysis" and len(parts) > 1 else None


def upward_imports(path: Path, root: Path = PACKAGE) -> list[str]:
    """The imports of ``path`` that reach a later stage, or the package facade."""
    own = RANK[_stage(_module(path, root))]
    bad = []
    for line, name in _imports(path, root):
        stage = _stage(name)
        if stage is None or stage == "__version__":
            continue
        if stage not in RANK:  # ``from sqs_analysis import load``: the facade for users only
            bad.append(f"line {line}: {name} (import it from its stage)")
        elif RANK[stage] > own:
            bad.append(f"line {line}: {name}")
    return bad


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if p != PACKAGE / "__init__.py")


@pytest.mark.parametrize("path", MODULES, ids=_module)
def test_a_module_imports_only_its_own_stage_or_lower(path):
    assert _stage(_module(path)) in RANK, f"{_module(path)} belongs to no stage: add it to RANK"
    assert not upward_imports(path), upward_imports(path)


def test_the_rule_catches_an_upward_relative_or_facade_import(tmp_path):
    root = tmp_path / "sqs_analysis"
    (root / "extract").mkdir(parents=True)
    parse = root / "extract" / "parse.py"
    parse.write_text(
        "from sqs_analysis.domain import SLUG\n"
        "from .records import ParsedReport\n"
        "def f():\n    from ..publish import pages\n"
        "from sqs_analysis import load\n"
    )
    assert upward_imports(parse, root) == [
        "line 4: sqs_analysis.publish.pages",
        "line 5: sqs_analysis.load (import it from its stage)",
    ]


#: Size limits a newcomer can rely on: a module reads in one sitting, a function on one screen.
#: (Complexity is ruff's C90 rule, at most 10.)
MAX_MODULE_LINES = 450
MAX_FUNCTION_LINES = 60


@pytest.mark.parametrize("path", MODULES, ids=_module)
def test_modules_and_functions_stay_small(path):
    text = path.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= MAX_MODULE_LINES, f"{_module(path)}: split it by what it does"
    long = [
        f"{node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for node in ast.walk(ast.parse(text))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
    ]
    assert not long, f"{_module(path)}: {long}"
