"""A wheel carries everything an installed package needs to render without a checkout."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from conftest import ROOT

from sqs_analysis import __version__, config


def _source_copy(to: Path) -> Path:
    """What a build reads, copied, so building never writes ``build/`` into the checkout."""
    to.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(ROOT / name, to / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info")
    for name in ("src", "notebooks"):
        shutil.copytree(ROOT / name, to / name, ignore=ignore)
    return to


def test_the_wheel_holds_the_templates_vocabularies_notebooks_and_engine(tmp_path):
    source = _source_copy(tmp_path / "source")
    command = [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation"]
    wheels = tmp_path / "wheels"
    subprocess.run([*command, "-w", str(wheels), str(source)], check=True, capture_output=True)
    (wheel,) = wheels.glob("sqs_analysis-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    data = f"sqs_analysis-{__version__}.data/data/share/sqs-analysis/notebooks/"
    assert {data + n for n in ("inspection_briefing.ipynb", "comparison.ipynb")} <= names
    templates = "sqs_analysis/publish/templates/sqs_report/"
    assert {templates + n for n in ("briefing.html.j2", "briefing.css")} <= names
    assert {"sqs_analysis/vocab/modifiers.csv", "sqs_analysis/py.typed"} <= names
    entry_points = zipfile.ZipFile(wheel).read(
        f"sqs_analysis-{__version__}.dist-info/entry_points.txt"
    )
    assert b"[papermill.engine]" in entry_points


def test_an_installed_package_finds_the_notebooks_its_wheel_installed(tmp_path, monkeypatch):
    installed = tmp_path / "share" / "sqs-analysis" / "notebooks"
    installed.mkdir(parents=True)
    (installed / config.BRIEFING_NOTEBOOK).write_text("{}")
    monkeypatch.chdir(tmp_path)  # no ./notebooks here
    monkeypatch.setattr(config, "NOTEBOOKS_DIR", tmp_path / "no-checkout" / "notebooks")
    monkeypatch.setattr(config, "INSTALLED_NOTEBOOKS_DIR", installed)
    assert config.notebooks_dir() == installed
    monkeypatch.setattr(config, "NOTEBOOKS_DIR", ROOT / "notebooks")
    assert config.notebooks_dir() == ROOT / "notebooks"  # a checkout wins
