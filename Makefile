# Two entry points for a fresh machine: `make site` and `make test`. Each installs what it needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml dev/pyproject.toml | sha1sum | cut -c1-12)

.PHONY: site test lint browser tools axe validators serve parity clean

$(STAMP): pyproject.toml dev/pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]' -e ./dev
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

site: $(STAMP)
	$(BIN)/brugwijzer build

serve: $(STAMP)
	$(BIN)/brugwijzer serve

browser:
	scripts/ensure-browser

# Java, LibreOffice, poppler and nginx for the markup, document and server tests (Debian packages, when missing).
tools:
	scripts/ensure-tools

# axe-core for the accessibility tests, from the npm registry (pinned), only when it is not there yet.
AXE := .tools/axe/node_modules/axe-core/axe.min.js
axe: $(AXE)
$(AXE):
	npm install --prefix .tools/axe --no-save --no-audit --no-fund axe-core@4.14.1

# The W3C Nu HTML Checker (runs on the installed Java) and HTML_CodeSniffer (injected into Chromium like axe-core),
# both from the npm registry (pinned), for the markup tests in tests/browser/test_markup.py.
VNU := .tools/vnu/node_modules/vnu-jar/build/dist/vnu.jar
HTMLCS := .tools/htmlcs/node_modules/html_codesniffer/build/HTMLCS.js
validators: $(VNU) $(HTMLCS)
$(VNU):
	npm install --prefix .tools/vnu --no-save --no-audit --no-fund vnu-jar@26.9.27
$(HTMLCS):
	npm install --prefix .tools/htmlcs --no-save --no-audit --no-fund html_codesniffer@2.5.1

lint: $(STAMP)
	$(BIN)/ruff check brugwijzer dev tests scripts

test: $(STAMP) browser tools axe validators lint
	$(BIN)/python -m pytest -p no:cacheprovider
	$(MAKE) parity

# Successor parity: build the same docs with Zensical and compare. Exit 3 means Zensical could not be
# installed from the package registry; only then is the step skipped (with the reason printed).
parity: $(STAMP) browser
	$(BIN)/brugwijzer build
	$(BIN)/python scripts/zensical_parity --browser --check; status=$$?; \
	  if [ $$status -eq 3 ]; then echo "Zensical-vergelijking overgeslagen: Zensical is niet te installeren."; \
	  else exit $$status; fi

clean:
	rm -rf build site .site.new-* tests/output
