# sqs-analysis: `make help` lists the targets. Every target sets up .venv first if it is missing.
SHELL := /bin/bash
.DEFAULT_GOAL := help
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
KERNEL := $(VENV)/share/jupyter/kernels/sqs-analysis/kernel.json
RAW := data/raw
PROCESSED := data/processed
LINT_PATHS := src tests $(wildcard notebooks/*.ipynb benchmarks/*.py)

.PHONY: help setup data dictionary test lint format reports lab bench demo clean

help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

setup: $(STAMP) $(KERNEL) ## Create .venv (python3 -m venv) and install the package with its dev extras

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

$(KERNEL): $(STAMP)
	$(BIN)/python -m ipykernel install --sys-prefix --name sqs-analysis --display-name "Python (sqs-analysis)" >/dev/null
	@touch $@

# `sqs-analysis extract` decides itself whether anything changed: it compares the SHA-256 of every
# file in data/raw (any name: spaces, colons, upper-case extensions) and the code's version with
# data/processed/manifest.json, so make never parses file names or compares file times. Exit
# code 1 means some files were refused (listed in quality.csv; the tables are written), so make
# goes on; 2 (usage), 3 (tables not written: disk full, read-only) or 4 (a bug) stop it.
# Then `sqs-analysis workbook` writes every table and the data dictionary as one Excel workbook
# beside them, unless it already shows this set of tables (it records the manifest's generation);
# it is a command of its own so that extract, which the benchmarks time, never pays for it.
data: $(STAMP) ## Parse data/raw into data/processed (CSV, Parquet and an Excel workbook), if anything changed
	@$(BIN)/sqs-analysis extract $(RAW) $(PROCESSED); rc=$$?; [ $$rc -le 1 ] || exit $$rc; \
	$(BIN)/sqs-analysis workbook $(PROCESSED)

dictionary: $(STAMP) ## Regenerate docs/data-dictionary.md from the schemas
	$(BIN)/sqs-analysis dictionary docs/data-dictionary.md

lint: $(STAMP) ## ruff check and format check
	$(BIN)/ruff check $(LINT_PATHS)
	$(BIN)/ruff format --check $(LINT_PATHS)

format: $(STAMP) ## Apply ruff fixes and formatting
	$(BIN)/ruff check --fix $(LINT_PATHS)
	$(BIN)/ruff format $(LINT_PATHS)

test: setup lint ## Lint, then run the whole test suite (what CI runs)
	$(BIN)/python -m pytest

bench: setup ## Benchmarks (not part of make test): extraction, make reports; to benchmarks/results/
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)

clean: ## Remove generated tables, workbook and reports, and the demo (keeps .venv and data/raw)
	rm -rf $(PROCESSED)/.cache $(PROCESSED)/*.csv $(PROCESSED)/*.parquet $(PROCESSED)/*.xlsx $(PROCESSED)/manifest.json $(PROCESSED)/.extract.lock reports/*.html reports/.pages.json reports/notebooks reports/pdf reports/screenshots $(DEMO_OUT) $(DEMO_BUILD)

# --- Reports: notebooks executed with papermill, exported to self-contained HTML ---------------
# `sqs-analysis publish` decides page by page what is stale, from content (sqs_analysis/publish/pages.py):
# a briefing when a row about its inspection, its notebook or the code changed; the comparison
# and the index when the tables or the code changed. It renders them on JOBS kernels (default:
# one per core) that stay alive from notebook to notebook (sqs_analysis/publish/kernels.py), writes the
# index last (naming only briefings that are built), and removes the pages of reports that are
# gone from data/raw. `sqs-analysis publish --dry-run` prints what it would build.
REPORTS := reports
NOTEBOOKS := notebooks
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: kernel

# `sqs-analysis build` is `make data` then `sqs-analysis publish`, in one process (one interpreter
# and one set of imports: with nothing to do it answers in tens of milliseconds).
reports: $(STAMP) $(KERNEL) ## Parse data/raw if it changed, then build reports/*.html (briefings, comparison, index) that are stale
	@$(BIN)/sqs-analysis build $(RAW) --data-dir $(PROCESSED) --out $(REPORTS) --notebooks $(NOTEBOOKS) --jobs $(JOBS)

kernel: $(KERNEL) ## Install the "Python (sqs-analysis)" Jupyter kernel into .venv

lab: $(KERNEL) data ## Open JupyterLab on notebooks/ with the sqs-analysis kernel
	$(BIN)/jupyter lab --notebook-dir=$(NOTEBOOKS) --MappingKernelManager.default_kernel_name=sqs-analysis $(if $(filter 0,$(shell id -u)),--allow-root)

# --- Demo: the whole pipeline on a synthetic corpus, into reports/demo/ --------------------------
# DEMO_N reports (benchmarks/synth.py, fixed seed) are written afresh into build/demo/raw (cleared
# first, so a smaller DEMO_N leaves no stale report), extracted to build/demo/processed and
# published to reports/demo/ with every page stamped as synthetic in its title and in a banner
# (the words are sqs_analysis.config.DEMO_STAMP). The files come out byte for byte the same, and
# extract and publish decide from content, so a rerun with nothing changed does nothing. It never
# reads data/raw, and `make reports` never looks into reports/demo/ (publish works on one folder).
DEMO_N ?= 50
DEMO_BUILD := build/demo
DEMO_OUT := $(REPORTS)/demo
DEMO_STAMP_TEXT := $(BIN)/python -c 'from sqs_analysis.config import DEMO_STAMP; print(DEMO_STAMP)'

demo: $(KERNEL) ## Build reports/demo/ from 50 synthetic reports, every page stamped as synthetic data
	@rm -rf $(DEMO_BUILD)/raw
	@$(BIN)/python benchmarks/synth.py $(DEMO_N) $(DEMO_BUILD)/raw --no-check
	@$(BIN)/sqs-analysis extract --no-progress $(DEMO_BUILD)/raw $(DEMO_BUILD)/processed; rc=$$?; [ $$rc -le 1 ] || exit $$rc
	@$(BIN)/sqs-analysis workbook $(DEMO_BUILD)/processed
	@$(BIN)/sqs-analysis publish --data-dir $(DEMO_BUILD)/processed --out $(DEMO_OUT) --notebooks $(NOTEBOOKS) --jobs $(JOBS) --stamp "$$($(DEMO_STAMP_TEXT))"

# --- PDF: every HTML briefing printed to A4 by headless Chromium (fresh profile, no network) ----
# Chromium is checked first: when it is missing, `make pdf` says how to install it and stops.
# Set SQS_CHROMIUM=/path/to/chrome to use another Chrome or Chromium.
PDF_DIR := $(REPORTS)/pdf
.PHONY: pdf

pdf: $(STAMP) ## Print every briefing to reports/pdf/*.pdf with headless Chromium (needs chromium)
	@$(BIN)/python -m sqs_analysis.publish.printing --check
	@$(MAKE) --no-print-directory reports
	$(BIN)/python -m sqs_analysis.publish.printing $(REPORTS) $(PDF_DIR)
