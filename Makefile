# dlnotes: build the site and run the tests.  Each target creates .venv from the lock
# requirements.txt when it is missing or older than the requirement files/pyproject.toml.

PYTHON    ?= python3
VENV      := .venv
BIN       := $(VENV)/bin
STAMP     := $(VENV)/.installed
# axe-core for the browser tests and lighthouse for `make bench`, from npm
# (package-lock.json); skipped without npm.
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

.PHONY: help html html-noplot livehtml test bench lighthouse repro clean venv lock

help:
	@echo "make html         build the site into $(BUILDDIR)/html (runs every example)"
	@echo "make html-noplot  quick prose-only build: examples are not run"
	@echo "make livehtml     rebuild and reload in the browser on every change"
	@echo "make test         run the test suite (tests/, every gallery script included; the"
	@echo "                  browser tests too when Chromium is installed)"
	@echo "make bench        measure build and test times against the budgets, and the"
	@echo "                  Lighthouse scores of the built pages on a phone"
	@echo "make lighthouse   only the Lighthouse scores (of the site as built in _build/html)"
	@echo "make repro        build twice from clean and compare the outputs byte for byte"
	@echo "make lock         regenerate the lock requirements.txt from requirements.in"
	@echo "make clean        remove everything generated ($(BUILDDIR)/, docs/generated/, caches)"

venv: $(STAMP)

# requirements.txt is the lock (every transitive dependency, pinned, with hashes) for
# Linux x86-64, where torch is the CPU build "2.13.0+cpu"; elsewhere the short list
# requirements.in is installed instead (same direct pins, no hashes).  PyTorch's CPU
# wheel index is added when it answers, so a machine on the public index gets the CPU
# build of torch (~200 MB) instead of PyPI's CUDA build (several GB).
TORCH_INDEX ?= https://download.pytorch.org/whl/cpu
LOCKED    := $(if $(filter Linux-x86_64,$(shell uname -s)-$(shell uname -m)),requirements.txt,requirements.in)

$(STAMP): requirements.txt requirements.in pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "dlnotes needs Python >= 3.11; set PYTHON=python3.11 or newer")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@if $(BIN)/python -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=5)' \
	    "$(TORCH_INDEX)/torch/" 2>/dev/null; then idx="--extra-index-url $(TORCH_INDEX)"; fi; \
	  echo "pip install -r $(LOCKED) $$idx"; \
	  $(BIN)/python -m pip install --quiet $$idx -r $(LOCKED)
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

# Regenerate the lock from requirements.in (keeps every pin that still fits; add
# UPGRADE=1 to move everything to the newest releases the pins allow).  Run it on
# Linux x86-64 with Python 3.11, where torch's CPU wheel is found.
lock: $(STAMP)
	test -x $(BUILDDIR)/pip-tools/bin/pip-compile || \
	  ($(PYTHON) -m venv $(BUILDDIR)/pip-tools && $(BUILDDIR)/pip-tools/bin/pip install --quiet pip-tools==7.6.2)
	@if $(BIN)/python -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=5)' \
	    "$(TORCH_INDEX)/torch/" 2>/dev/null; then idx="--extra-index-url $(TORCH_INDEX)"; fi; \
	  $(BUILDDIR)/pip-tools/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	    --no-emit-index-url --no-emit-find-links $(if $(UPGRADE),--upgrade) $$idx \
	    --output-file requirements.txt requirements.in

html: $(STAMP)
	$(SPHINX) -M html $(SRCDIR) $(BUILDDIR) $(ALLOPTS)

# Examples are not run, so the pages' figures do not exist: Sphinx's warning for an
# unreadable image (type image.not_readable) is silenced here, and only here.
html-noplot: $(STAMP)
	$(SPHINX) -M html $(SRCDIR) $(BUILDDIR) $(ALLOPTS) -D plot_gallery=0 -D suppress_warnings=image.not_readable

livehtml: $(STAMP)
	$(BIN)/sphinx-autobuild $(SRCDIR) $(BUILDDIR)/html $(ALLOPTS) -d $(BUILDDIR)/doctrees \
		--watch src --watch gallery --watch conf.py \
		--ignore "*/generated/*" --ignore "*/.jupyter_cache/*"

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

# The browser tests (tests/site/test_browser.py) run when Chromium is installed, and say
# so when they are skipped; `make test PYTEST_ARGS="-m 'not browser'"` leaves them out.
test: $(STAMP) $(if $(NPM),$(NODE_STAMP))
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: $(STAMP) $(if $(NPM),$(NODE_STAMP))
	$(BIN)/python benchmarks/bench.py

# Lighthouse (npm, package.json) in Debian's Chromium, mobile preset, pages served with gzip.
lighthouse: $(STAMP) $(NODE_STAMP)
	$(BIN)/python benchmarks/lighthouse.py

repro: $(STAMP)
	DLNOTES_REPRO=1 $(BIN)/python -m pytest tests/site/test_repro.py

clean:
	rm -rf $(BUILDDIR) $(SRCDIR)/generated .pytest_cache
	find . -name __pycache__ -type d -not -path "./$(VENV)/*" -prune -exec rm -rf {} +
