# Two entry points for a fresh machine: `make site` and `make test`. Each installs what it needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell sha1sum pyproject.toml | cut -c1-12)

.PHONY: site test lint browser serve clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

site: $(STAMP)
	$(BIN)/brugwijzer build

serve: $(STAMP)
	$(BIN)/brugwijzer serve

browser:
	scripts/ensure-browser

lint: $(STAMP)
	$(BIN)/ruff check brugwijzer tests scripts

test: $(STAMP) browser lint
	$(BIN)/python -m pytest -p no:cacheprovider

clean:
	rm -rf build site .site.new-* tests/output
