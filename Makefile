# Two commands for a fresh Linux machine with Python >= 3.11 and make:
#   make run    set up and start the app on the demo project
#   make check  set up and run every check: ruff, mypy, import contracts, tests, quick benchmarks
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin
DEMO ?= demo.annotator
STAMP = $(VENV)/.installed-stamp

.PHONY: run check setup lint typecheck contracts test bench clean

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
	$(BIN)/ruff check annotator tests benchmarks
	$(BIN)/ruff format --check annotator tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy

contracts: $(STAMP)
	$(BIN)/lint-imports

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest

bench: $(STAMP)
	@if [ -f benchmarks/run.py ]; then QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/run.py --quick; fi

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache .hypothesis
