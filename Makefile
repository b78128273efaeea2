# Two commands do everything on a fresh machine:
#   make site   create .venv, install the package, generate the Markdown, build site/
#   make test   install test tools and Chromium, lint, run every test
# Between edits, `make test-fast`: lint, then the unit tests and doctests (under 30 s).
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip --disable-pip-version-check --quiet
BUILD_STAMP := $(VENV)/.installed-build
DEV_STAMP   := $(VENV)/.installed-dev
CHROMIUM    := /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)

.PHONY: site generate metadata serve test test-fast lint bench clean

site: $(BUILD_STAMP)
	$(PY) -m build_corpus site

generate: $(BUILD_STAMP)
	$(PY) -m build_corpus generate

# Add an entry to corpus/metadata.yml for each text without one, for review.
metadata: $(BUILD_STAMP)
	$(PY) -m build_corpus metadata

serve: site
	$(VENV)/bin/mkdocs serve --dev-addr 127.0.0.1:8000

test: $(DEV_STAMP) $(CHROMIUM)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(VENV)/bin/lint-imports
	$(PY) -m pytest

# The tests that build no project and drive no browser (tests/conftest.py marks the others
# `slow`), doctests included; no Chromium needed.
test-fast: $(DEV_STAMP)
	$(PY) -m ruff check .
	$(VENV)/bin/lint-imports
	$(PY) -m pytest -m "not slow"

lint: $(DEV_STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(VENV)/bin/lint-imports

clean:
	rm -rf site .site.new .site.old docs/texts docs/phrases docs/keywords docs/aspects docs/data docs/trends docs/reuse docs/.build-corpus-files.txt .cache

$(PY):
	$(PYTHON) -m venv $(VENV)

# The package itself is installed in editable mode (no dependencies: requirements.txt pins
# them), so that `build-corpus`, `mkdocs build`, `mkdocs serve` and `mkdocs gh-deploy` work.
$(BUILD_STAMP): requirements.txt pyproject.toml | $(PY)
	$(PIP) install -r requirements.txt
	$(PIP) install --no-deps -e .
	touch $@

$(DEV_STAMP): requirements.txt requirements-dev.txt pyproject.toml | $(PY)
	$(PIP) install -r requirements-dev.txt
	$(PIP) install --no-deps -e .
	touch $@ $(BUILD_STAMP)

# Debian's Chromium for the browser tests (Playwright drives it; it downloads no browser).
$(CHROMIUM):
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium

# Benchmark (not part of the tests): synthetic corpora of 5, 100 and 1,000 texts, ~8 minutes.
bench: $(DEV_STAMP)
	$(PY) bench/run.py
