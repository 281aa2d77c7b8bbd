# Two commands for a fresh Linux machine with Python >= 3.11 and make:
#   make run    set up a venv with the app's runtime dependencies and start it on the demo project
#   make check  set up the development venv and run every check: ruff, mypy, import contracts,
#               tests, quick benchmarks
# Both first check Qt's system libraries and print the one apt-get line when some are missing.
# PYTHON=python3.12 picks the interpreter; a .venv made with another version is rebuilt.
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin
DEMO ?= demo.annotator
RUN_STAMP = $(VENV)/.run-stamp
DEV_STAMP = $(VENV)/.dev-stamp
# The interpreter check runs before make decides whether the stamps are fresh.
PYTHON_CHANGED := $(shell test -x $(BIN)/python && test "$$($(BIN)/python -c 'import sys; print(sys.version_info[:2])' 2>/dev/null)" != "$$($(PYTHON) -c 'import sys; print(sys.version_info[:2])' 2>/dev/null)" && echo yes)
ifeq ($(PYTHON_CHANGED),yes)
ifneq ($(filter command line environment,$(origin PYTHON)),)
$(info $(VENV) was made with Python $(shell $(BIN)/python -c 'import platform; print(platform.python_version())'), not $(PYTHON) ($(shell $(PYTHON) -c 'import platform; print(platform.python_version())')): rebuilding it.)
$(shell rm -rf $(VENV))
endif
endif

.PHONY: run check setup qt-desktop qt-offscreen lint typecheck contracts test bench clean

run: qt-desktop $(RUN_STAMP)
	@test -f $(DEMO) || $(BIN)/annotator init $(DEMO) --demo
	$(BIN)/annotator $(DEMO)

check: qt-offscreen $(DEV_STAMP) lint typecheck contracts test bench

setup: $(DEV_STAMP)

# Standard library only, so they run with the system Python before anything is installed.
qt-desktop:
	@$(PYTHON) -m annotator.app.qt_libraries --platform desktop
qt-offscreen:
	@$(PYTHON) -m annotator.app.qt_libraries --platform offscreen

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit("Python >= 3.11 is required" if sys.version_info < (3, 11) else 0)'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The app's runtime dependencies only: what `make run` needs.
$(RUN_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	$(BIN)/python -m compileall -q annotator  # as pip does for a regular install: faster start-up
	touch $(RUN_STAMP)

# Plus the development tools and the real consumers the tests validate exports against.
$(DEV_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/python -m compileall -q annotator
	touch $(DEV_STAMP) $(RUN_STAMP)

lint: $(DEV_STAMP)
	$(BIN)/ruff check annotator tests benchmarks
	$(BIN)/ruff format --check annotator tests benchmarks

typecheck: $(DEV_STAMP)
	$(BIN)/mypy

contracts: $(DEV_STAMP)
	$(BIN)/lint-imports

test: $(DEV_STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest

bench: $(DEV_STAMP)
	@if [ -f benchmarks/run.py ]; then QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/run.py --quick; fi

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache .hypothesis
