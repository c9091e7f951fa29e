# Two commands from a fresh clone:
#   make talk   build .venv, install innercritic, open the app on your default journal
#   make test   build .venv with the test tools, run the whole suite
# `make help` lists the rest. Exact versions come from constraints.txt, so every
# machine tests what we tested (docs/developing.md says how to regenerate it).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip
APP_STAMP := $(VENV)/.app-installed
TEST_STAMP := $(VENV)/.test-installed
LOWEST_VENV := .venv-lowest
NEED := 3.11

.PHONY: help talk test bench test-lowest constraints safety-scorer check-python clean

help:
	@echo "make talk         set up .venv and open the app on your journal"
	@echo "make test         set up .venv with the test tools and run the whole suite"
	@echo "make bench        run the benchmarks side by side with jrnl (prints figures, rewrites bench/RESULTS.md)"
	@echo "make test-lowest  run the suite with the oldest versions pyproject.toml allows (constraints-lowest.txt)"
	@echo "make constraints  re-pin constraints.txt to the newest versions pyproject.toml allows"
	@echo "make safety-scorer  retrain the safety check's learned scorer (training/README.md)"
	@echo "make clean        remove the venvs and caches (never your journal)"
	@echo "PYTHON=python3.12 make test   use another interpreter (3.11 or newer)"

# A .venv made by a Python that is too old, or one that is gone, is rebuilt. This runs as
# the Makefile is read, before make looks at which files exist.
STALE_VENV := $(shell [ -e $(VENV) ] && ! $(BIN)/python -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
	>/dev/null 2>&1 && rm -rf $(VENV) && echo yes)
ifeq ($(STALE_VENV),yes)
$(info Rebuilding $(VENV): it was made by a Python older than $(NEED), or by one that is gone.)
endif

# Refuse an interpreter that is too old with one plain line (pip's resolver error says nothing useful).
check-python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1 || { \
		found=$$($(PYTHON) --version 2>/dev/null || echo "not found"); \
		echo "innercritic needs Python $(NEED) or newer; '$(PYTHON)' is $$found. Install one and run: make PYTHON=python$(NEED) $(or $(MAKECMDGOALS),help)" >&2; \
		exit 1; }

# venv on Python 3.11 adds setuptools, which nothing here uses (hatchling builds the package,
# in pip's own build environment); its .pth file would load a module at every start of Python.
$(BIN)/python: | check-python
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip uninstall --quiet --yes setuptools

# pip first: the launcher it writes for the `innercritic` command is part of what we pin.
$(APP_STAMP): $(BIN)/python pyproject.toml constraints.txt
	$(PIP) install --quiet -c constraints.txt pip
	$(PIP) install --quiet -c constraints.txt -e .
	touch $@

$(TEST_STAMP): $(BIN)/python pyproject.toml constraints.txt
	$(PIP) install --quiet -c constraints.txt pip
	$(PIP) install --quiet -c constraints.txt -e '.[test]'
	touch $(APP_STAMP) $@

talk: check-python $(APP_STAMP)
	$(BIN)/innercritic

test: check-python $(TEST_STAMP)
	$(BIN)/python -m pytest -n auto

bench: check-python $(TEST_STAMP)
	$(BIN)/python bench/run.py

safety-scorer: check-python $(TEST_STAMP)
	$(BIN)/python training/train_safety_scorer.py

test-lowest: check-python
	rm -rf $(LOWEST_VENV)
	$(PYTHON) -m venv $(LOWEST_VENV)
	$(LOWEST_VENV)/bin/python -m pip install --quiet -c constraints-lowest.txt pip
	$(LOWEST_VENV)/bin/python -m pip install --quiet -c constraints-lowest.txt -e '.[test]'
	$(LOWEST_VENV)/bin/python -m pytest -n auto -p no:cacheprovider

constraints: check-python
	rm -rf .venv-pin
	$(PYTHON) -m venv .venv-pin
	.venv-pin/bin/python -m pip install --quiet --upgrade pip
	.venv-pin/bin/python -m pip install --quiet '.[test]'
	{ .venv-pin/bin/python -m pip --version | awk '{print "pip==" $$2}'; \
	  .venv-pin/bin/python -m pip freeze --exclude-editable --exclude innercritic; } | sort -f > constraints.txt
	rm -rf .venv-pin
	@echo "constraints.txt re-pinned; run make test before committing it"

clean:
	rm -rf $(VENV) $(LOWEST_VENV) .venv-pin .pytest_cache bench/.cache
