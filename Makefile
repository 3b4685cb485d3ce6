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
	$(BIN)/ruff check src tests notebooks benchmarks
	$(BIN)/ruff format --check src tests notebooks benchmarks

format: $(STAMP) ## Apply ruff fixes and formatting
	$(BIN)/ruff check --fix src tests notebooks benchmarks
	$(BIN)/ruff format src tests notebooks benchmarks

test: setup lint ## Lint, then run the whole test suite (what CI runs)
	$(BIN)/python -m pytest

clean: ## Remove generated tables and reports (keeps .venv and data/raw)
	rm -rf $(PROCESSED)/*.csv $(PROCESSED)/*.parquet $(TABLES) reports/*.html reports/notebooks
