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

.PHONY: run check setup screenshots qt-desktop qt-offscreen install-desktop validate-desktop package package-check lint typecheck contracts test bench fuzz clean interop-env interop-test interop
INTEROP_VENV ?= .venv-interop
INTEROP_STAMP = $(INTEROP_VENV)/.installed-stamp

run: qt-desktop $(RUN_STAMP)
	@test -f $(DEMO) || $(BIN)/annotator init $(DEMO) --demo
	$(BIN)/annotator $(DEMO)

check: qt-offscreen $(DEV_STAMP) lint typecheck contracts test bench fuzz

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

# Every folder of Python code (tests/app/test_checked_folders.py keeps this list whole).
LINTED = annotator tests benchmarks interop fuzz packaging docs

lint: $(DEV_STAMP)
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)

typecheck: $(DEV_STAMP)
	$(BIN)/mypy

contracts: $(DEV_STAMP)
	$(BIN)/lint-imports

test: $(DEV_STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest

bench: $(DEV_STAMP)
	@if [ -f benchmarks/run.py ]; then QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/run.py --quick; fi

# The README's pictures, taken from the running app offscreen on the demo project (about
# 15 s): every scene at each size and theme into build/screenshots, the README's few into
# docs/screenshots. tests/docs/test_make_screenshots.py runs a small version in `check`.
screenshots: $(DEV_STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python docs/screenshots/make_screenshots.py

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
interop: $(DEV_STAMP)
	$(BIN)/python interop/run_servers.py --work $(INTEROP_DIR)

# The standalone bundle: dist/annotator/ runs without Python (PyInstaller, packaging/annotator.spec).
package: $(RUN_STAMP)
	$(BIN)/python -m pip install --quiet -e '.[package]'
	$(BIN)/pyinstaller --noconfirm --clean --log-level ERROR \
		--distpath dist --workpath build/pyinstaller packaging/annotator.spec
	@du -sh dist/annotator

# Starts the built binary offscreen from an empty folder, with no venv on PATH.
package-check:
	env -u VIRTUAL_ENV -u PYTHONPATH PATH=/usr/bin:/bin QT_QPA_PLATFORM=offscreen \
		sh packaging/check_bundle.sh $(abspath dist/annotator/annotator)

# Desktop integration (freedesktop): launcher, AppStream metainfo, the project file type and
# icons, all named after the app id. EXEC is the command the launcher runs.
APP_ID = io.github.outlet_annotator.Annotator
DESKTOP = resources/desktop
DATA_HOME ?= $(or $(XDG_DATA_HOME),$(HOME)/.local/share)
EXEC ?= $(or $(shell command -v annotator),$(abspath $(BIN))/annotator)

install-desktop:
	install -d $(DATA_HOME)/applications $(DATA_HOME)/metainfo $(DATA_HOME)/mime/packages \
		$(DATA_HOME)/icons/hicolor/scalable/apps $(DATA_HOME)/icons/hicolor/256x256/apps
	sed 's|^Exec=annotator |Exec=$(EXEC) |' $(DESKTOP)/$(APP_ID).desktop > $(DATA_HOME)/applications/$(APP_ID).desktop
	install -m 644 $(DESKTOP)/$(APP_ID).metainfo.xml $(DATA_HOME)/metainfo/
	install -m 644 $(DESKTOP)/$(APP_ID).mime.xml $(DATA_HOME)/mime/packages/$(APP_ID).xml
	install -m 644 resources/icons/annotator.svg $(DATA_HOME)/icons/hicolor/scalable/apps/$(APP_ID).svg
	install -m 644 resources/icons/annotator-256.png $(DATA_HOME)/icons/hicolor/256x256/apps/$(APP_ID).png
	-update-mime-database $(DATA_HOME)/mime
	-update-desktop-database $(DATA_HOME)/applications
	-gtk-update-icon-cache -q -t $(DATA_HOME)/icons/hicolor
	@echo "Installed $(APP_ID) under $(DATA_HOME); the launcher runs $(EXEC)."

# Debian: desktop-file-utils, appstream, shared-mime-info (.ci/run installs them).
validate-desktop:
	desktop-file-validate $(DESKTOP)/$(APP_ID).desktop
	appstreamcli validate --no-net $(DESKTOP)/$(APP_ID).metainfo.xml
	@scratch=$$(mktemp -d); mkdir -p $$scratch/mime/packages; \
	cp $(DESKTOP)/$(APP_ID).mime.xml $$scratch/mime/packages/$(APP_ID).xml; \
	XDG_DATA_DIRS=$$scratch update-mime-database $$scratch/mime 2>$$scratch/err; status=0; \
	if [ -s $$scratch/err ] || ! grep -qx '60:application/x-annotator-project:\*\.annotator' $$scratch/mime/globs2; \
	then cat $$scratch/err; echo "shared-mime-info did not take $(APP_ID).mime.xml"; status=1; \
	else echo "$(APP_ID).mime.xml: *.annotator is application/x-annotator-project"; fi; \
	rm -rf $$scratch; exit $$status

fuzz: $(DEV_STAMP)  # a short pass of every parser's fuzz target; `python fuzz/run.py` runs longer
	QT_QPA_PLATFORM=offscreen $(BIN)/python fuzz/run.py --seconds 2

clean:
	rm -rf $(VENV) $(INTEROP_VENV) .mypy_cache .ruff_cache .pytest_cache .hypothesis
