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
RAW_FILES := $(sort $(wildcard $(RAW)/*.md $(RAW)/*.txt $(RAW)/*.markdown $(RAW)/*.pdf))
SRC := $(shell find src -name '*.py' -o -name '*.csv' 2>/dev/null)
TABLES := $(PROCESSED)/.extracted
LINT_PATHS := src tests $(wildcard notebooks/*.ipynb benchmarks/*.py)

.PHONY: help setup data dictionary test lint format reports lab bench clean

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

data: $(TABLES) ## Parse data/raw into data/processed (CSV + Parquet)

# Exit code 1 means some reports were refused (listed in quality.csv); the tables are still written.
# It writes the make rules of the briefings (REPORTS_MK, below) in the same process.
$(TABLES): $(RAW_FILES) $(SRC) $(STAMP)
	@$(BIN)/sqs-analysis extract $(RAW) $(PROCESSED) --make-fragment $(REPORTS_MK) --reports $(REPORTS); rc=$$?; [ $$rc -le 1 ] || exit $$rc
	@touch $@ && touch $(REPORTS_MK)

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

clean: ## Remove generated tables and reports (keeps .venv and data/raw)
	rm -rf $(PROCESSED)/.cache $(PROCESSED)/*.csv $(PROCESSED)/*.parquet $(TABLES) $(PROCESSED)/.reports.mk reports/*.html reports/notebooks reports/pdf reports/screenshots

# --- Reports: notebooks executed with papermill, exported to self-contained HTML ---------------
# Briefings are named from the extracted inspections table (REPORTS_MK, written from
# inspections.parquet), and each depends on its own raw file: changing one report rebuilds only
# its briefing, the comparison and the index. Tables are an order-only prerequisite of a
# briefing, so re-extracting for another report does not rebuild it.
REPORTS := reports
NOTEBOOKS := notebooks
BRIEFING_NB := $(NOTEBOOKS)/inspection_briefing.ipynb
COMPARISON_NB := $(NOTEBOOKS)/comparison.ipynb
REPORTS_MK := $(PROCESSED)/.reports.mk
RENDER := $(BIN)/sqs-analysis render

.PHONY: kernel

ifneq ($(filter reports $(REPORTS)/%,$(MAKECMDGOALS)),)
-include $(REPORTS_MK)
endif

$(REPORTS_MK): $(TABLES)
	@[ $@ -nt $(TABLES) ] || $(RENDER) makefile --data-dir $(PROCESSED) --raw-dir $(RAW) --reports $(REPORTS) --output $@

# Make decides, page by page, what is out of date; then ONE `render batch` process builds all
# of it on JOBS kernels (default: one per core) that stay alive from notebook to notebook
# (sqs_analysis/batch.py), instead of a Python, a kernel and an nbconvert per page. So the
# rule of a page only queues it ($(call queue,...)), and the recipe of `reports` renders the
# queue. A page named on the command line (`make reports/comparison.html`) is built on its own.
# Nothing out of date: the recipe expands to nothing and no Python starts. `make -q reports`
# asks whether a page is out of date, so it must not count that recipe (hence the ifeq).
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
QUEUED :=
queue = $(if $(filter $@,$(MAKECMDGOALS)),$(RENDER) $(1) --data-dir $(PROCESSED) --out $(REPORTS),@: queue render $(1)$(eval QUEUED += $(2)))

reports: $(BRIEFINGS) $(REPORTS)/comparison.html $(REPORTS)/index.html ## Build reports/*.html (a briefing per inspection, comparison, index)
ifeq ($(findstring q,$(firstword -$(MAKEFLAGS))),)
	$(if $(strip $(QUEUED)),$(RENDER) batch $(strip $(QUEUED)) --jobs $(JOBS) --data-dir $(PROCESSED) --out $(REPORTS))
endif

$(REPORTS)/%.html: $(BRIEFING_NB) $(SRC) $(KERNEL) | $(TABLES)
	$(call queue,briefing $*,$*)

$(REPORTS)/comparison.html: $(COMPARISON_NB) $(TABLES) $(SRC) $(KERNEL)
	$(call queue,comparison,--comparison)

$(REPORTS)/index.html: $(TABLES) $(SRC)
	$(call queue,index,--index)

kernel: $(KERNEL) ## Install the "Python (sqs-analysis)" Jupyter kernel into .venv

lab: $(KERNEL) $(TABLES) ## Open JupyterLab on notebooks/ with the sqs-analysis kernel
	$(BIN)/jupyter lab --notebook-dir=$(NOTEBOOKS) --MappingKernelManager.default_kernel_name=sqs-analysis $(if $(filter 0,$(shell id -u)),--allow-root)

# --- PDF: every HTML briefing printed to A4 by headless Chromium (fresh profile, no network) ----
# Chromium is checked first: when it is missing, `make pdf` says how to install it and stops.
# Set SQS_CHROMIUM=/path/to/chrome to use another Chrome or Chromium.
PDF_DIR := $(REPORTS)/pdf
.PHONY: pdf

pdf: $(STAMP) ## Print every briefing to reports/pdf/*.pdf with headless Chromium (needs chromium)
	@$(BIN)/python -m sqs_analysis.pdf_export --check
	@$(MAKE) --no-print-directory reports
	$(BIN)/python -m sqs_analysis.pdf_export $(REPORTS) $(PDF_DIR)
