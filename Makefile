# Everything an editor or a developer runs. `make site` and `make test` work on a fresh machine.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# Debian packages the build needs: Pango and HarfBuzz for WeasyPrint (the printed bulletin).
SYSTEM_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0
# ... and the tests: poppler-utils (pdffonts, pdftotext, pdftoppm) and chromium (browser tests).
TEST_PACKAGES := poppler-utils chromium
BROWSER_PACKAGES := chromium
RUN := PYTHONPATH=plugins $(PY) -m site_build

.PHONY: site check test lint serve clean screenshots lock system browser test-system messages

site: $(STAMP) system
	$(RUN) build

check: $(STAMP)
	$(RUN) check

test: $(STAMP) system test-system
	$(PY) -m ruff check .
	$(PY) -m pytest -q

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

serve: $(STAMP) system
	$(RUN) serve

screenshots: $(STAMP) browser
	$(RUN) build
	$(PY) tools/screenshots.py

clean:
	rm -rf output output.* .cache __pycache__ .pytest_cache .ruff_cache

$(STAMP): requirements.lock
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "Python 3.11 is needed"'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $(STAMP)

system:
	@sh tools/ensure-debian-packages.sh $(SYSTEM_PACKAGES)

browser:
	@sh tools/ensure-debian-packages.sh $(BROWSER_PACKAGES)

test-system:
	@sh tools/ensure-debian-packages.sh $(TEST_PACKAGES)

# Re-resolve the pinned set after changing pyproject.toml dependencies.
lock:
	rm -rf /tmp/lock-venv && $(PYTHON) -m venv /tmp/lock-venv
	/tmp/lock-venv/bin/pip install --quiet -e '.[dev]'
	(echo "# Full pinned set (direct + transitive), generated with: make lock"; \
	 /tmp/lock-venv/bin/pip freeze --exclude-editable) > requirements.lock

# Extract theme strings and merge them into the vi/en catalogs (then translate the new ones).
messages: $(STAMP)
	$(VENV)/bin/pybabel extract -F theme/babel.cfg -o theme/translations/messages.pot \
		--no-location --omit-header --sort-output .
	$(VENV)/bin/pybabel update -i theme/translations/messages.pot -d theme/translations \
		--no-fuzzy-matching --ignore-obsolete
