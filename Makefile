# The two commands of the README: `make book` builds the site, `make test` tests everything.
# Both create .venv from requirements.txt when it is missing or older than that file, and
# fetch the site's browser assets (MathJax, the widget manager) with `npm ci`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The Colab stand-in of `make test-colab` (requirements/colab.in says what Colab preinstalls
# and why): Python 3.11 for the PyTorch pages (the only Python with a local CPU build of
# torch), Colab's Python 3.12 for the MXNet pages (from pyenv where it exists; PY312
# overrides).  lnn is NOT installed there: the reader notebooks' setup cell installs it.
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

.PHONY: book pdf slides slides-pdf chapter test unit test-colab lock \
	site-checks browser lint serve lab bench \
	clean system-deps reader-notebooks

# The system packages (chromium, npm, python3-venv, a Korean font): installed where this
# user may (root, or sudo without a password), else the build stops here, before any other
# work, naming the command to run.  Nothing is done when they are all there.
system-deps:
	@PYTHON=$(PYTHON) .ci/system-deps

# uv installs the environments from the lock files (about 15 s where pip takes 90: it
# unpacks in parallel and compiles no bytecode), with pip's configuration of this machine:
# its wheel folder (torch's CPU build), its extra indexes and its certificates.  The uv
# release is the lock's; pip installs it into the new environment first.
pip_config = $(or $(2),$(shell $(PYTHON) -m pip config get global.$(1) 2>/dev/null))
UV_FIND_LINKS ?= $(call pip_config,find-links,$(PIP_FIND_LINKS))
UV_EXTRA_INDEX_URL ?= $(call pip_config,extra-index-url,$(PIP_EXTRA_INDEX_URL))
UV_CERT ?= $(call pip_config,cert,$(PIP_CERT))
UV = UV_FIND_LINKS="$(UV_FIND_LINKS)" UV_EXTRA_INDEX_URL="$(UV_EXTRA_INDEX_URL)" \
	UV_INDEX_STRATEGY=unsafe-best-match $(if $(UV_CERT),SSL_CERT_FILE="$(UV_CERT)") $(BIN)/uv
UV_PIN = $$(grep -m1 '^uv==' requirements.txt)
# (env, python, lock): a new environment, made with `python -m venv` (so that it has pip,
# which Colab's has too), filled by uv from the lock file.
define make_env
	test -x $(1)/bin/python || $(2) -m venv $(1)
	test -x $(BIN)/uv || $(1)/bin/python -m pip install --quiet "$(UV_PIN)"
	$(UV) pip install --quiet --python $(1)/bin/python -r $(3)
endef

$(STAMP): requirements.txt pyproject.toml
	$(call make_env,$(VENV),$(PYTHON),requirements.txt)
	$(UV) pip install --quiet --python $(BIN)/python --no-deps -e .
	touch $@

# A Colab stand-in is made anew when its lock changes (what the setup cell installed on a
# test run never stays: each run works in a layer of its own, see tests/colab/runtime.py).
define colab_env
	rm -rf $(1)
	$(call make_env,$(1),$(2),$(3))
	touch $(1)/.installed
endef
# wheels/: what the setup cell's offline `pip install` takes instead of PyPI: lnn's build
# backend (setuptools) and dependencies, and on the MXNet side the setup cell's own packages.
define colab_wheels
	rm -rf $(1)/wheels
	$(1)/bin/python -m pip download --quiet --dest $(1)/wheels setuptools . $(2)
	touch $(1)/wheels/.complete
endef
COLAB_WHEELS := $(COLAB)/wheels/.complete
COLAB_MX_WHEELS := $(COLAB_MX)/wheels/.complete

$(COLAB_STAMP): requirements-colab.txt | $(STAMP)
	$(call colab_env,$(COLAB),$(PYTHON),requirements-colab.txt)

$(COLAB_WHEELS): $(COLAB_STAMP) pyproject.toml
	$(call colab_wheels,$(COLAB),)

$(COLAB_MX_STAMP): requirements-colab-mxnet.txt | $(STAMP)
	@test -n "$(PY312)" || { echo "no Python 3.12 for the MXNet reader notebooks"; exit 1; }
	$(call colab_env,$(COLAB_MX),$(PY312),requirements-colab-mxnet.txt)

$(COLAB_MX_WHEELS): $(COLAB_MX_STAMP) pyproject.toml _ext/reader_notebooks.py $(STAMP)
	$(call colab_wheels,$(COLAB_MX),\
		$$($(BIN)/python -c 'import reader_notebooks as r; print(*r.MXNET_PACKAGES)'))

# The three lock files from the direct dependencies in requirements/*.in (uv; nothing in
# them is edited by hand).  uv prefers each file's current pins: `make lock UPGRADE=1` moves
# them all to the newest releases that fit.  torch==2.13.0 is the CPU build in pip's wheel
# folder (find-links; a PyPI torch for Linux is the CUDA build): uv reads it there, where
# its name carries the local label +cpu, which the lock leaves out so that the pin means
# the same to pip here, in CI (PyTorch's CPU index) and on Binder.
# A lock file that comes out the same is left untouched (its environment is not remade).
define compile
	cp $(3) $(3).new
	UV_FIND_LINKS="$(UV_FIND_LINKS)" $(BIN)/uv pip compile --quiet --no-strip-markers \
		--upgrade-package torch $(if $(UPGRADE),--upgrade) --python-version $(2) \
		--custom-compile-command "make lock" requirements/$(1) -o $(3).new
	sed -i -E 's/^(torch==[^ +;]+)\+cpu/\1/' $(3).new
	if cmp -s $(3).new $(3); then rm $(3).new; else mv $(3).new $(3); fi
endef
lock: $(STAMP)
	$(call compile,course.in,3.11,requirements.txt)
	$(call compile,colab.in,3.11,requirements-colab.txt)
	$(call compile,colab.in,3.12,requirements-colab-mxnet.txt)

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $@

# A failed build leaves its notebooks' error logs in _build/html/reports/, and a later build
# does not remove them: cleared first, the logs there are always the current build's.
# The notebooks are executed first, in parallel, into the build's jupyter-cache
# (scripts/prerun.py); the build then renders them and writes the reader notebooks.
book: system-deps $(STAMP) $(NODE_STAMP)
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
# the chapter AFTER (default: before the last chapter of part 3.1), or a new part PART with
# it ('3.4 Softmax regression'), which makes a new deck. See README.  The arguments reach the
# script in the environment as typed ($(value ...): make does not expand them, the shell never
# sees them), so TITLE='$L_2$ loss' or a `backquoted` title arrives intact; NAME, TITLE and
# AFTER themselves are not exported, which would expand them.
unexport NAME TITLE AFTER PART
chapter: export LNN_CHAPTER_NAME = $(value NAME)
chapter: export LNN_CHAPTER_TITLE = $(value TITLE)
chapter: export LNN_CHAPTER_AFTER = $(value AFTER)
chapter: export LNN_CHAPTER_PART = $(value PART)
chapter: $(STAMP)
	$(BIN)/python scripts/new_chapter.py --from-environment

# The whole book as one PDF, _build/html/lnn-book.pdf (linked from every page's download
# menu): Debian's chromium prints each built page with the print stylesheet, pypdf joins them.
# `make book` re-prints it only when a page or the print stylesheet changed since.
BOOK_PDF := _build/html/lnn-book.pdf
$(BOOK_PDF): $(wildcard _build/html/book/*.html) $(wildcard _static/*.css)
	$(BIN)/python scripts/book_pdf.py

# `make pdf PAGE=book/NAME [OUT=NAME.pdf]`: that page alone, as _build/html/NAME.pdf.
pdf: $(STAMP)
	@test -f _build/html/index.html || { echo "no _build/html: run make book"; exit 1; }
	$(BIN)/python scripts/book_pdf.py $(if $(PAGE),--page $(PAGE)) $(if $(OUT),--out $(OUT))

# ruff for the Python, actionlint for the GitHub workflows.  The chapters' code cells pass
# ruff as a notebook (jupytext hands ruff each chapter as .ipynb), within 79 characters a
# line: they are read on narrow screens, in Colab and on paper (the rest keeps 100).
CHAPTERS = $$($(BIN)/python _ext/chapters.py --notebooks 2>/dev/null)
# jupytext writes back the file it checks, unchanged: --use-source-timestamp keeps its time,
# or `make book` after `make lint` would re-read every chapter and re-print the PDF.
CHECK_CHAPTERS = $(BIN)/jupytext --quiet --use-source-timestamp --pipe-fmt ipynb --check
lint: $(STAMP)
	$(BIN)/ruff check .
	$(CHECK_CHAPTERS) '$(BIN)/ruff check --quiet {}' $(CHAPTERS)
	$(CHECK_CHAPTERS) '$(BIN)/ruff check --quiet --select E501 --line-length 79 {}' $(CHAPTERS)
	$(BIN)/actionlint -no-color .github/workflows/*.yml

# LNN_WITHOUT_MXNET is for .venv-colab only: here the MXNet tests must run (Linux x86_64).
unit: $(STAMP) $(NODE_STAMP)
	LNN_WITHOUT_MXNET= $(BIN)/pytest -n auto tests/unit

# What students meet on Colab: the unit tests under numpy 2 without MXNet, then every reader
# notebook of `make book` on a fresh Colab stand-in (tests/colab/): the setup cell's own pip
# command installs lnn offline from a bare clone of this checkout, MXNet pages on Python 3.12
# and at most one restart.  Times and the setup cell's output: _build/colab/report.md.
test-colab: $(COLAB_WHEELS) $(COLAB_MX_WHEELS)
	LNN_WITHOUT_MXNET=1 PYTHONPATH=$(CURDIR)/src:$(CURDIR)/_ext \
		$(COLAB)/bin/pytest -p no:cacheprovider -q tests/unit
	@test -d $(READER) || $(MAKE) book
	LNN_COLAB=$(CURDIR)/$(COLAB) LNN_COLAB_MXNET=$(CURDIR)/$(COLAB_MX) \
		$(BIN)/pytest -p no:cacheprovider -n auto --durations=0 tests/colab
	$(MAKE) reader-notebooks ONLY='_mxnet\.md$$'

# The reader notebooks under nbmake in the course environment, as a student who downloads
# one (or opens it on Binder) runs it, alone in a folder: every one this platform can run,
# or those whose chapter matches ONLY.  `make test` runs the MXNet ones here: on the Colab
# stand-in they need a restart, which nbmake cannot do; the others run under nbmake there.
READER_NOTEBOOKS = $$($(BIN)/python _ext/chapters.py --notebooks 2>/dev/null | \
	grep -E '$(ONLY)' | sed -E 's|^book/(.*)\.md$$|$(READER)/\1.ipynb|')
# nbmake leaves out every notebook under a folder named _build: they run from a copy.
reader-notebooks: $(STAMP)
	@test -d $(READER) || $(MAKE) book
	dir=$$(mktemp -d) && cp $(READER_NOTEBOOKS) $$dir/ && \
		$(BIN)/pytest -p no:cacheprovider -n auto --nbmake $$dir/*.ipynb; \
		rc=$$?; rm -rf $$dir; exit $$rc

site-checks: $(STAMP)
	$(BIN)/pytest -n auto --dist loadgroup tests/site

# Every page in Debian's chromium (see .ci/run); screenshots go to _build/screenshots/.
# One worker per core (pytest-xdist); the tests that look at a page the same way run one
# after another on a worker, which loads the page once (tests/browser/conftest.py).
browser: $(STAMP)
	$(BIN)/pytest -m browser -n auto tests/browser

test: system-deps lint unit book site-checks test-colab browser

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
	$(BIN)/python scripts/bench.py $(BENCH)

clean:
	rm -rf _build
