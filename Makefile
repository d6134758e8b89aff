# The two commands of the README: `make book` builds the site, `make test` tests everything.
# Both create .venv from requirements.txt when it is missing or older than that file, and
# fetch the site's browser assets (MathJax, the widget manager) with `npm ci`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# A second, small environment with numpy 2 (as on Colab) for the core and torch tests.
NP2 := .venv-np2
NP2_STAMP := $(NP2)/.installed
# MathJax 3 and the widget manager, pinned by package-lock.json, served by the site itself.
NODE_STAMP := node_modules/.installed
# The checkout being built is the one imported, even if another checkout installed lnn.
export PYTHONPATH := $(CURDIR)/src

.PHONY: book pdf slides slides-pdf chapter test unit test-numpy2 notebooks site-checks browser \
	lint serve lab bench \
	clear-outputs sync-repo clean

$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

$(NP2_STAMP): requirements-numpy2.txt
	test -x $(NP2)/bin/python || $(PYTHON) -m venv $(NP2)
	$(NP2)/bin/python -m pip install --quiet -r requirements-numpy2.txt
	touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $@

# The execution cache keys on each notebook's code only: when lnn changes, the notebooks'
# cached outputs would go stale, so any change under src/lnn/ empties the cache (and the
# Sphinx environment, which would otherwise not re-read unchanged notebooks).
LNN_SOURCES := $(wildcard src/lnn/*.py)
EXEC_STAMP := _build/.lnn-sources
$(EXEC_STAMP): $(LNN_SOURCES)
	rm -rf _build/.jupyter_cache _build/.doctrees
	mkdir -p _build
	touch $@

# A failed build leaves its notebooks' error logs in _build/html/reports/, and a later build
# does not remove them: cleared first, the logs there are always the current build's.
book: $(STAMP) $(NODE_STAMP) $(EXEC_STAMP)
	rm -rf _build/html/reports
	$(BIN)/jupyter-book build . -W -n --keep-going
	$(MAKE) pdf

# The lecture decks (reveal.js) in _build/html/slides/: the book build writes them (see
# _ext/slides); this rewrites them from the last build, e.g. after editing a slides-only cell.
slides: $(STAMP)
	@test -f _build/html/index.html || $(MAKE) book
	PYTHONPATH=$(CURDIR)/_ext:$(CURDIR)/src $(BIN)/python -m slides

# PDF handouts of the decks (reveal's print mode through Debian's chromium): slides/*.pdf.
slides-pdf: $(STAMP)
	@test -f _build/html/index.html || $(MAKE) book
	PYTHONPATH=$(CURDIR)/_ext:$(CURDIR)/src $(BIN)/python -m slides --pdf

# A new chapter: book/$(NAME).ipynb with the skeleton and REPLACE placeholders, and its line
# in _toc.yml after the chapter AFTER (default: the end of part 3.1). See README.
CHAPTER_USAGE := make chapter NAME=feature_scaling TITLE='Feature scaling' [AFTER=minibatch_sgd]
chapter: $(STAMP)
	@test -n "$(NAME)" -a -n "$(TITLE)" || { echo "usage: $(CHAPTER_USAGE)"; exit 2; }
	$(BIN)/python scripts/new_chapter.py "$(NAME)" "$(TITLE)" $(if $(AFTER),--after "$(AFTER)")

# The whole book as one PDF, _build/html/lnn-book.pdf (linked from every page's download
# menu): Debian's chromium prints each built page with the print stylesheet, pypdf joins them.
pdf: $(STAMP)
	@test -f _build/html/index.html || { echo "no _build/html: run make book"; exit 1; }
	$(BIN)/python scripts/book_pdf.py

# The notebooks' code cells within 79 characters a line: they are read on narrow screens,
# in Colab and on paper (the rest of the code keeps pyproject.toml's 100).
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff check --select E501 --line-length 79 book

# LNN_WITHOUT_MXNET is for .venv-np2 only: here the MXNet tests must run (Linux x86_64).
unit: $(STAMP)
	LNN_WITHOUT_MXNET= $(BIN)/pytest tests/unit

# The same unit tests under numpy 2 and without MXNet (which needs numpy < 2).
test-numpy2: $(NP2_STAMP)
	$(NP2)/bin/python -c 'import numpy, sys; sys.exit(numpy.__version__ < "2" and "numpy 2 expected")'
	LNN_WITHOUT_MXNET=1 $(NP2)/bin/pytest -p no:cacheprovider tests/unit

notebooks: $(STAMP)
	$(BIN)/pytest --nbmake $$($(BIN)/python scripts/toc.py --notebooks)

site-checks: $(STAMP)
	$(BIN)/pytest tests/site

# Every page in Debian's chromium (see .ci/run); screenshots go to _build/screenshots/.
browser: $(STAMP)
	$(BIN)/pytest -m browser tests/browser

test: lint unit test-numpy2 notebooks book site-checks browser

serve: $(STAMP)
	@test -f _build/html/index.html || $(MAKE) book
	$(BIN)/python -m http.server --bind 127.0.0.1 --directory _build/html 8000

# JupyterLab on 127.0.0.1 with the course environment: the live sliders need a kernel.
lab: $(STAMP)
	$(BIN)/jupyter lab --ServerApp.ip=127.0.0.1 book/

# Before committing a notebook: no outputs, execution counts or widget state in book/.
clear-outputs: $(STAMP)
	$(BIN)/python scripts/clear_outputs.py

# The book as a product: build times, notebook execution times, page sizes, slider latency.
# A benchmark that prints a markdown table, not a test: nothing in `make test` runs it.
bench: $(STAMP) $(NODE_STAMP)
	$(BIN)/python scripts/bench.py

# After changing repository.url/branch in _config.yml (a fork): update the notebooks'
# Colab setup cells to install lnn from there.
sync-repo: $(STAMP)
	$(BIN)/python scripts/sync_repo.py

clean:
	rm -rf _build
