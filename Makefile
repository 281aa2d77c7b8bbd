# Two commands for a fresh Linux machine with Python >= 3.11 and make:
#   make run    set up and start the app on the demo project
#   make check  set up and run every check: ruff, mypy, import contracts, tests, quick benchmarks
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin
DEMO ?= demo.annotator
STAMP = $(VENV)/.installed-stamp

.PHONY: run check setup lint typecheck contracts test bench clean interop-env interop-test interop
INTEROP_VENV ?= .venv-interop
INTEROP_STAMP = $(INTEROP_VENV)/.installed-stamp

run: $(STAMP)
	@test -f $(DEMO) || $(BIN)/annotator init $(DEMO) --demo
	$(BIN)/annotator $(DEMO)

check: $(STAMP) lint typecheck contracts test bench

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit("Python >= 3.11 is required" if sys.version_info < (3, 11) else 0)'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/python -m compileall -q annotator  # as pip does for a regular install: faster start-up
	touch $(STAMP)

lint: $(STAMP)
	$(BIN)/ruff check annotator tests benchmarks interop
	$(BIN)/ruff format --check annotator tests benchmarks interop

typecheck: $(STAMP)
	$(BIN)/mypy

contracts: $(STAMP)
	$(BIN)/lint-imports

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest

bench: $(STAMP)
	@if [ -f benchmarks/run.py ]; then QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/run.py --quick; fi

# The other tools' own libraries (label-studio-sdk, bratly) read our exports in
# tests/interop, in an environment of their own so the app's stays small.
interop-env: $(INTEROP_STAMP)

$(INTEROP_STAMP): pyproject.toml
	test -x $(INTEROP_VENV)/bin/python || $(PYTHON) -m venv $(INTEROP_VENV)
	$(INTEROP_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(INTEROP_VENV)/bin/python -m pip install --quiet -e '.[dev,interop]'
	touch $(INTEROP_STAMP)

interop-test: $(INTEROP_STAMP)
	QT_QPA_PLATFORM=offscreen $(INTEROP_VENV)/bin/pytest tests/interop tests/services/formats -m "interop or not interop"

# Label Studio and doccano themselves: installs each into a throwaway venv outside the
# repository (INTEROP_DIR), starts it on 127.0.0.1 only, imports our exports through its
# API and reports what it accepted. Heavy (about 1 GB, several minutes): not in `check`.
INTEROP_DIR ?= /tmp/annotator-interop
interop: $(STAMP)
	$(BIN)/python interop/run_servers.py --work $(INTEROP_DIR)

clean:
	rm -rf $(VENV) $(INTEROP_VENV) .mypy_cache .ruff_cache .pytest_cache .hypothesis
