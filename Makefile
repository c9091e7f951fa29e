# Two commands from a fresh clone:
#   make talk   build .venv, install innercritic, open the app on your default journal
#   make test   build .venv with the test tools, run the whole suite
# Exact versions come from constraints.txt, so every machine tests what we tested.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip
APP_STAMP := $(VENV)/.app-installed
TEST_STAMP := $(VENV)/.test-installed

.PHONY: talk test bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(APP_STAMP): $(BIN)/python pyproject.toml constraints.txt
	$(PIP) install --quiet -c constraints.txt -e .
	touch $@

$(TEST_STAMP): $(BIN)/python pyproject.toml constraints.txt
	$(PIP) install --quiet -c constraints.txt -e '.[test]'
	touch $(APP_STAMP) $@

talk: $(APP_STAMP)
	$(BIN)/innercritic

test: $(TEST_STAMP)
	$(BIN)/python -m pytest -n auto

bench: $(TEST_STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) .pytest_cache bench/.cache
