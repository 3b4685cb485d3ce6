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
$(TABLES): $(RAW_FILES) $(SRC) $(STAMP)
	@$(BIN)/sqs-analysis extract $(RAW) $(PROCESSED); rc=$$?; [ $$rc -le 1 ] || exit $$rc
	@touch $@

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

clean: ## Remove generated tables and reports (keeps .venv and data/raw)
	rm -rf $(PROCESSED)/*.csv $(PROCESSED)/*.parquet $(TABLES) $(PROCESSED)/.reports.mk reports/*.html reports/notebooks

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
	$(RENDER) makefile --data-dir $(PROCESSED) --raw-dir $(RAW) --reports $(REPORTS) --output $@

reports: $(BRIEFINGS) $(REPORTS)/comparison.html $(REPORTS)/index.html ## Build reports/*.html (a briefing per inspection, comparison, index)

$(REPORTS)/%.html: $(BRIEFING_NB) $(SRC) $(KERNEL) | $(TABLES)
	$(RENDER) briefing $* --data-dir $(PROCESSED) --out $(REPORTS)

$(REPORTS)/comparison.html: $(COMPARISON_NB) $(TABLES) $(SRC) $(KERNEL)
	$(RENDER) comparison --data-dir $(PROCESSED) --out $(REPORTS)

$(REPORTS)/index.html: $(TABLES) $(SRC)
	$(RENDER) index --data-dir $(PROCESSED) --out $(REPORTS)

kernel: $(KERNEL) ## Install the "Python (sqs-analysis)" Jupyter kernel into .venv

lab: $(KERNEL) $(TABLES) ## Open JupyterLab on notebooks/ with the sqs-analysis kernel
	$(BIN)/jupyter lab --notebook-dir=$(NOTEBOOKS) --MappingKernelManager.default_kernel_name=sqs-analysis $(if $(filter 0,$(shell id -u)),--allow-root)
