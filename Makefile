# dlnotes: build the site and run the tests.  Each target creates .venv from the lock
# requirements.txt when it is missing or older than the requirement files/pyproject.toml.

PYTHON    ?= python3
VENV      := .venv
BIN       := $(VENV)/bin
STAMP     := $(VENV)/.installed
# mathjax-full for the site's formulas, axe-core for the browser tests and lighthouse for
# `make bench`, from npm (package-lock.json); skipped without npm.
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

.PHONY: help html html-noplot livehtml pdf pdf-book pdf-deps test bench lighthouse repro clean venv lock format-prose

help:
	@echo "make html         build the site into $(BUILDDIR)/html (runs every example)"
	@echo "make html-noplot  quick prose-only build: examples are not run"
	@echo "make livehtml     rebuild and reload in the browser on every change"
	@echo "make pdf          the whole book as one PDF, $(PDF), checked (needs TeX: README)"
	@echo "make test         run the test suite (tests/, every gallery script included; the"
	@echo "                  browser tests too when Chromium is installed)"
	@echo "make bench        measure build and test times against the budgets, and the"
	@echo "                  Lighthouse scores of the built pages on a phone"
	@echo "make lighthouse   only the Lighthouse scores (of the site as built in _build/html)"
	@echo "make repro        build twice from clean and compare the outputs byte for byte (the PDF"
	@echo "                  too, when TeX is installed)"
	@echo "make lock         regenerate the lock requirements.txt from requirements.in"
	@echo "make format-prose apply the Chinese typography rule to the prose (docs/, gallery/)"
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

# Node's packages (npm ci) before the site: the formulas are typeset by mathjax-full.
html: $(STAMP) $(if $(NPM),$(NODE_STAMP))
	$(SPHINX) -M html $(SRCDIR) $(BUILDDIR) $(ALLOPTS)

# Examples are not run, so the pages' figures do not exist: Sphinx's warning for an
# unreadable image (type image.not_readable) is silenced here, and only here.
html-noplot: $(STAMP) $(if $(NPM),$(NODE_STAMP))
	$(SPHINX) -M html $(SRCDIR) $(BUILDDIR) $(ALLOPTS) -D plot_gallery=0 -D suppress_warnings=image.not_readable

# -- The book as one PDF: Sphinx's LaTeX builder, then latexmk with xelatex (xeCJK) -----
# TeX and the fonts come from Debian; this is the one line that installs them.
TEX_APT   := texlive-xetex texlive-lang-chinese texlive-latex-recommended texlive-latex-extra \
             texlive-fonts-recommended latexmk fonts-noto-cjk fonts-freefont-otf
PDF       := $(BUILDDIR)/latex/dlnotes.pdf
# Reproducible PDF: the date on the title page and in the PDF's metadata, and the IDs
# xdvipdfmx derives from it, come from the last commit (or a fixed date outside git).
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 1767225600)
PDFENV    := SOURCE_DATE_EPOCH=$(SOURCE_DATE_EPOCH) FORCE_SOURCE_DATE=1
# makeindex, with the index's sort keys in pinyin first (dlnotes_site/bookindex.py)
PINYIN_MAKEINDEX := $(abspath $(BIN)/python) $(abspath docs/_ext/dlnotes_site/bookindex.py) makeindex %O -o %D %S

# Fail early, naming what is missing and the line that installs it.
pdf-deps:
	@missing=""; \
	for cmd in xelatex latexmk xdvipdfmx makeindex kpsewhich fc-list; do \
	  command -v $$cmd >/dev/null 2>&1 || missing="$$missing $$cmd"; done; \
	if command -v kpsewhich >/dev/null 2>&1; then \
	  for sty in xeCJK.sty fontspec.sty titlesec.sty tabulary.sty varwidth.sty fncychap.sty \
	             capt-of.sty needspace.sty wrapfig.sty booktabs.sty FandolKai-Regular.otf; do \
	    kpsewhich $$sty >/dev/null 2>&1 || missing="$$missing $$sty"; done; fi; \
	if command -v fc-list >/dev/null 2>&1; then \
	  for font in "Noto Serif CJK SC:style=Regular" "Noto Serif CJK SC:style=Bold" \
	              "Noto Sans CJK SC:style=Regular" "Noto Sans CJK SC:style=Bold" \
	              "Noto Sans Mono CJK SC" "FreeSerif"; do \
	    fc-list "$$font" | grep -q . || missing="$$missing '$$font'"; done; fi; \
	if [ -n "$$missing" ]; then \
	  echo "make pdf: missing:$$missing"; \
	  echo "Install TeX and the fonts (Debian/Ubuntu):"; \
	  echo "  sudo apt-get install --no-install-recommends $(TEX_APT)"; \
	  exit 1; fi

# The LaTeX sources share the HTML build's environment (_build/doctrees): after
# `make html` only the book is written; then two or three xelatex runs and makeindex.
# `make pdf` then checks the book (tests/site/test_pdf.py); `make pdf-book` only builds it.
pdf: pdf-book
	DLNOTES_PDF=1 $(BIN)/python -m pytest -q -p no:cacheprovider tests/site/test_pdf.py

pdf-book: $(STAMP) pdf-deps
	$(PDFENV) $(SPHINX) -M latex $(SRCDIR) $(BUILDDIR) $(ALLOPTS)
	cd $(BUILDDIR)/latex && rm -f dlnotes.pdf && $(PDFENV) latexmk -xelatex -interaction=nonstopmode \
	  -halt-on-error -file-line-error -e '$$makeindex=q{$(PINYIN_MAKEINDEX)}' dlnotes.tex >latexmk.out 2>&1 \
	  || { tail -40 latexmk.out; grep -A5 '^[^ ]*:[0-9]*: ' dlnotes.log | head -40; exit 1; }
	@cd $(BUILDDIR)/latex && if grep -E "^Missing character|There were undefined references|There were multiply-defined labels" dlnotes.log; \
	  then echo "make pdf: the book has the problems above ($(BUILDDIR)/latex/dlnotes.log)"; exit 1; fi
	@ls -l $(PDF)

livehtml: $(STAMP) $(if $(NPM),$(NODE_STAMP))
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

# The Chinese typography of the prose: one space between Chinese and Latin (AutoCorrect,
# configured by .autocorrectrc) and Chinese quotation marks, on the prose of docs/**/*.md,
# docs/*.rst and gallery/ (docstrings, text blocks, alt texts) only;
# tests/site/test_typography.py fails on what this would change.
format-prose: $(STAMP)
	$(BIN)/python tests/site/_typography.py

bench: $(STAMP) $(if $(NPM),$(NODE_STAMP))
	$(BIN)/python benchmarks/bench.py

# Lighthouse (npm, package.json) in Debian's Chromium, mobile preset, pages served with gzip.
lighthouse: $(STAMP) $(NODE_STAMP)
	$(BIN)/python benchmarks/lighthouse.py

repro: $(STAMP) $(if $(NPM),$(NODE_STAMP))
	DLNOTES_REPRO=1 $(BIN)/python -m pytest tests/site/test_repro.py

clean:
	rm -rf $(BUILDDIR) $(SRCDIR)/generated .pytest_cache
	find . -name __pycache__ -type d -not -path "./$(VENV)/*" -prune -exec rm -rf {} +
