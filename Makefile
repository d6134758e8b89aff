# The two commands of the README: `make book` builds the site, `make test` tests everything.
# Both create .venv from requirements.txt when it is missing or older than that file.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The checkout being built is the one imported, even if another checkout installed lnn.
export PYTHONPATH := $(CURDIR)/src

.PHONY: book test unit notebooks site-checks lint serve clean bench

$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

book: $(STAMP)
	$(BIN)/jupyter-book build . -W -n --keep-going

lint: $(STAMP)
	$(BIN)/ruff check .

unit: $(STAMP)
	$(BIN)/pytest tests/unit

notebooks: $(STAMP)
	$(BIN)/pytest --nbmake $$($(BIN)/python tests/toc.py --notebooks)

site-checks: $(STAMP)
	$(BIN)/pytest tests/site

test: lint unit notebooks book site-checks

serve: $(STAMP)
	@test -f _build/html/index.html || $(MAKE) book
	$(BIN)/python -m http.server --bind 127.0.0.1 --directory _build/html 8000

# The book as a product: build times, notebook execution times, page sizes, slider latency.
# A benchmark that prints a markdown table, not a test: nothing in `make test` runs it.
bench: $(STAMP)
	$(BIN)/python tests/bench.py

clean:
	rm -rf _build
