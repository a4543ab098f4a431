# dlnotes: build the site and run the tests.  Each target creates .venv from
# requirements.txt when it is missing or older than requirements.txt/pyproject.toml.

PYTHON    ?= python3
VENV      := .venv
BIN       := $(VENV)/bin
STAMP     := $(VENV)/.installed
# axe-core for the browser tests, from npm (package-lock.json); skipped without npm.
NODE_STAMP := node_modules/.installed
NPM       := $(shell command -v npm 2>/dev/null)
SPHINX    := $(BIN)/sphinx-build
SRCDIR    := docs
BUILDDIR  := _build
# -W: warnings are errors; -n: nitpicky (every reference must resolve).
SPHINXOPTS ?=
ALLOPTS   := -c . -W --keep-going -n $(SPHINXOPTS)

export MPLBACKEND := Agg
export PYTHONHASHSEED := 0

.PHONY: help html html-noplot livehtml test bench repro clean venv

help:
	@echo "make html         build the site into $(BUILDDIR)/html (runs every example)"
	@echo "make html-noplot  quick prose-only build: examples are not run"
	@echo "make livehtml     rebuild and reload in the browser on every change"
	@echo "make test         run the test suite (tests/, every gallery script included; the"
	@echo "                  browser tests too when Chromium is installed)"
	@echo "make bench        measure build and test times against the budgets"
	@echo "make repro        build twice from clean and compare the outputs byte for byte"
	@echo "make clean        remove everything generated ($(BUILDDIR)/, docs/generated/, caches)"

venv: $(STAMP)

$(STAMP): requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "dlnotes needs Python >= 3.11; set PYTHON=python3.11 or newer")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $(STAMP)

html: $(STAMP)
	$(SPHINX) -M html $(SRCDIR) $(BUILDDIR) $(ALLOPTS)

html-noplot: $(STAMP)
	$(SPHINX) -M html $(SRCDIR) $(BUILDDIR) $(ALLOPTS) -D plot_gallery=0

livehtml: $(STAMP)
	$(BIN)/sphinx-autobuild $(SRCDIR) $(BUILDDIR)/html $(ALLOPTS) -d $(BUILDDIR)/doctrees \
		--watch src --watch gallery --watch conf.py \
		--ignore "*/generated/*" --ignore "*/.jupyter_cache/*"

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

# The browser tests (tests/test_browser.py) run when Chromium is installed, and say
# so when they are skipped; `make test PYTEST_ARGS="-m 'not browser'"` leaves them out.
test: $(STAMP) $(if $(NPM),$(NODE_STAMP))
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: $(STAMP)
	$(BIN)/python tests/bench.py

repro: $(STAMP)
	DLNOTES_REPRO=1 $(BIN)/python -m pytest tests/test_repro.py

clean:
	rm -rf $(BUILDDIR) $(SRCDIR)/generated .pytest_cache
	find . -name __pycache__ -type d -not -path "./$(VENV)/*" -prune -exec rm -rf {} +
