# The two commands of the README: `make book` builds the site, `make test` tests everything.
# Both create .venv from requirements.txt when it is missing or older than that file, and
# fetch the site's browser assets (MathJax, the widget manager) with `npm ci`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Colab-like environments (`make test-colab`): numpy 2, ipywidgets 7.7.1, torch, no myst_nb
# (Python 3.11: the only Python with a local CPU build of torch), and for the MXNet reader
# notebooks Python 3.12 with numpy < 2, mxnet 1.9.1 and setuptools, as their setup cell
# leaves Colab.  Python 3.12 comes from pyenv where it exists (PY312 overrides).
COLAB := .venv-colab
COLAB_STAMP := $(COLAB)/.installed
COLAB_MX := .venv-colab-mxnet
COLAB_MX_STAMP := $(COLAB_MX)/.installed
PY312 ?= $(shell v=$$(pyenv versions --bare 2>/dev/null | grep -E '^3\.12(\.|$$)' | tail -1); \
	if [ -n "$$v" ]; then PYENV_VERSION=$$v pyenv which python; else command -v python3.12; fi)
# The reader notebooks (_ext/reader_notebooks.py), written by `make book`.
READER := _build/reader/book
# MathJax 3 and the widget manager, pinned by package-lock.json, served by the site itself.
NODE_STAMP := node_modules/.installed
# The checkout being built is the one imported, even if another checkout installed lnn;
# _ext holds the book's own modules (chapters.py reads _toc.yml and the chapters, course.py
# the course's facts), which the scripts share with the build.
export PYTHONPATH := $(CURDIR)/src:$(CURDIR)/_ext

.PHONY: book pdf slides slides-pdf chapter test unit test-colab test-colab-mxnet \
	site-checks browser lint serve lab bench \
	clean

$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

$(COLAB_STAMP): requirements-colab.txt pyproject.toml
	test -x $(COLAB)/bin/python || $(PYTHON) -m venv $(COLAB)
	$(COLAB)/bin/python -m pip install --quiet -r requirements-colab.txt
	$(COLAB)/bin/python -m pip install --quiet --no-deps -e .
	touch $@

$(COLAB_MX_STAMP): requirements-colab-mxnet.txt pyproject.toml
	test -x $(COLAB_MX)/bin/python || $(PY312) -m venv $(COLAB_MX)
	$(COLAB_MX)/bin/python -m pip install --quiet -r requirements-colab-mxnet.txt
	$(COLAB_MX)/bin/python -m pip install --quiet --no-deps -e .
	touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $@

# A failed build leaves its notebooks' error logs in _build/html/reports/, and a later build
# does not remove them: cleared first, the logs there are always the current build's.
# The notebooks are executed first, in parallel, into the build's jupyter-cache
# (scripts/prerun.py); the build then renders them and writes the reader notebooks.
book: $(STAMP) $(NODE_STAMP)
	rm -rf _build/html/reports
	$(BIN)/python scripts/prerun.py $(CHAPTERS)
	$(BIN)/jupyter-book build . -W -n --keep-going
	$(MAKE) $(BOOK_PDF)

# The lecture decks (reveal.js) in _build/html/slides/: the book build writes them (see
# _ext/slides); this rewrites them from the last build, e.g. after editing a slides-only cell.
slides: $(STAMP)
	@test -f _build/html/index.html || $(MAKE) book
	PYTHONPATH=$(PYTHONPATH):$(CURDIR)/scripts $(BIN)/python -m slides

# PDF handouts of the decks (reveal's print mode through Debian's chromium): slides/*.pdf.
slides-pdf: $(STAMP)
	@test -f _build/html/index.html || $(MAKE) book
	PYTHONPATH=$(PYTHONPATH):$(CURDIR)/scripts $(BIN)/python -m slides --pdf

# A new chapter: book/$(NAME).md with the skeleton and REPLACE placeholders, its quiz, the
# stub of its exercise checker (lnn.check) with a unit test, and its line in _toc.yml after
# the chapter AFTER (default: the end of part 3.1). See README.  The arguments reach the
# script in the environment as typed ($(value ...): make does not expand them, the shell never
# sees them), so TITLE='$L_2$ loss' or a `backquoted` title arrives intact; NAME, TITLE and
# AFTER themselves are not exported, which would expand them.
unexport NAME TITLE AFTER
chapter: export LNN_CHAPTER_NAME = $(value NAME)
chapter: export LNN_CHAPTER_TITLE = $(value TITLE)
chapter: export LNN_CHAPTER_AFTER = $(value AFTER)
chapter: $(STAMP)
	$(BIN)/python scripts/new_chapter.py --from-environment

# The whole book as one PDF, _build/html/lnn-book.pdf (linked from every page's download
# menu): Debian's chromium prints each built page with the print stylesheet, pypdf joins them.
# `make book` re-prints it only when a page or the print stylesheet changed since.
BOOK_PDF := _build/html/lnn-book.pdf
$(BOOK_PDF): $(wildcard _build/html/book/*.html) $(wildcard _static/*.css)
	$(BIN)/python scripts/book_pdf.py

pdf: $(STAMP)
	@test -f _build/html/index.html || { echo "no _build/html: run make book"; exit 1; }
	$(BIN)/python scripts/book_pdf.py

# ruff for the Python, actionlint for the GitHub workflows.  The chapters' code cells pass
# ruff as a notebook (jupytext hands ruff each chapter as .ipynb), within 79 characters a
# line: they are read on narrow screens, in Colab and on paper (the rest keeps 100).
CHAPTERS = $$($(BIN)/python _ext/chapters.py --notebooks 2>/dev/null)
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/jupytext --quiet --pipe-fmt ipynb --check '$(BIN)/ruff check --quiet {}' $(CHAPTERS)
	$(BIN)/jupytext --quiet --pipe-fmt ipynb \
		--check '$(BIN)/ruff check --quiet --select E501 --line-length 79 {}' $(CHAPTERS)
	$(BIN)/actionlint -no-color .github/workflows/*.yml

# LNN_WITHOUT_MXNET is for .venv-colab only: here the MXNet tests must run (Linux x86_64).
unit: $(STAMP)
	LNN_WITHOUT_MXNET= $(BIN)/pytest tests/unit

# nbmake skips anything under _build/: the reader notebooks run from a copy in a temporary
# folder (as a student's download would), with --durations for their run times.
define run_readers
	tmp=$$(mktemp -d) && cp $(2) $$tmp/ && cd $$tmp && \
		$(CURDIR)/$(1)/bin/pytest -p no:cacheprovider --nbmake --durations=0 *.ipynb; \
		status=$$?; rm -rf $$tmp; exit $$status
endef

# What students meet on Colab: the unit tests under numpy 2 without MXNet, then every reader
# notebook of `make book` under nbmake, the MXNet ones in their own Python 3.12 environment.
# No Python 3.12: the MXNet part is skipped with a message, except in CI (CI=true).
test-colab: $(COLAB_STAMP)
	$(COLAB)/bin/python -c 'import numpy, sys, importlib.util as u; sys.exit( \
		numpy.__version__ < "2" and "numpy 2 expected" \
		or u.find_spec("myst_nb") and "myst_nb must be absent" \
		or u.find_spec("mxnet") and "mxnet must be absent")'
	LNN_WITHOUT_MXNET=1 $(COLAB)/bin/pytest -p no:cacheprovider tests/unit
	@test -d $(READER) || $(MAKE) book
	$(call run_readers,$(COLAB),$$(ls $(READER)/*.ipynb | grep -v '_mxnet\.ipynb$$'))
	@if [ -z "$(PY312)" ]; then \
		if [ "$$CI" = true ]; then echo "no Python 3.12 for the MXNet reader notebooks"; exit 1; fi; \
		echo "SKIPPED: the MXNet reader notebooks (no Python 3.12: install it with pyenv)"; \
	else $(MAKE) test-colab-mxnet; fi

test-colab-mxnet: $(COLAB_MX_STAMP)
	$(call run_readers,$(COLAB_MX),$(READER)/*_mxnet.ipynb)

site-checks: $(STAMP)
	$(BIN)/pytest tests/site

# Every page in Debian's chromium (see .ci/run); screenshots go to _build/screenshots/.
browser: $(STAMP)
	$(BIN)/pytest -m browser tests/browser

test: lint unit book site-checks test-colab browser

serve: $(STAMP)
	@test -f _build/html/index.html || $(MAKE) book
	$(BIN)/python -m http.server --bind 127.0.0.1 --directory _build/html 8000

# JupyterLab on 127.0.0.1 with the course environment: the live sliders need a kernel.
# jupytext opens the chapters (MyST Markdown) as notebooks on a double click: the setting
# lives in the environment's own labconfig, not in the user's.
lab: $(STAMP)
	$(BIN)/jupytext-config --settings-file \
		$(VENV)/etc/jupyter/labconfig/default_setting_overrides.json set-default-viewer markdown myst
	$(BIN)/jupyter lab --ServerApp.ip=127.0.0.1 book/

# The book as a product: build times, notebook execution times, page sizes, slider latency.
# A benchmark that prints a markdown table, not a test: nothing in `make test` runs it.
bench: $(STAMP) $(NODE_STAMP)
	$(BIN)/python scripts/bench.py

clean:
	rm -rf _build
