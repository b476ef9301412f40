# The two commands a newcomer needs: `make run` and `make test`.
# Both set everything up first (a .venv with the pinned dependencies,
# compiled translations); nothing but Python 3.11 is assumed.

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
MANAGE := $(PY) manage.py
LANGS := pl uk ru en
HOST ?= 127.0.0.1
PORT ?= 8000
# `make test` runs the suite on every core (pytest-xdist: a test database per
# worker), and names the 25 slowest tests (where CI's time goes);
# `make test PYTEST_ARGS=tests/events` runs a part of it in one process.
PYTEST_ARGS ?= -n auto --durations=25
# The address every link of the demo (feeds, e-mails, sitemap) names: the one it serves.
CIC_PUBLIC_URL ?= http://$(HOST):$(PORT)
# Running as root (a fresh machine, CI), missing Debian packages are installed.
IS_ROOT := $(shell [ "$$(id -u)" = 0 ] && echo yes)

.PHONY: run test test-fast fuzz lint format messages compilemessages install system-deps browser-deps node-deps search-deps bench-deps lock clean

run: export CIC_PUBLIC_URL := $(CIC_PUBLIC_URL)
run: install compilemessages
	$(MANAGE) migrate --noinput
	$(MANAGE) seed_demo --if-empty
	$(MANAGE) runserver $(HOST):$(PORT)

test: install compilemessages browser-deps node-deps search-deps
	$(BIN)/pytest $(PYTEST_ARGS)

# The inner loop: every test but those marked slow (browser, fuzzing, crawler, ical.js,
# threads racing for places, big feeds), on every core.
test-fast: install compilemessages
	$(BIN)/pytest -m "not slow" -n auto

# The fuzzing tests with Hypothesis's "long" profile (tests/fuzz/conftest.py): many more
# generated cases than `make test` tries, and new ones each run.
fuzz: install compilemessages
	HYPOTHESIS_PROFILE=long $(BIN)/pytest tests/fuzz

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Extract interface strings into locale/<lang>/LC_MESSAGES/django.po.
# (djangojs.po is not extracted: it translates the recurrence widget's own
# JavaScript strings, which django-recurrence ships in English only.)
# demo/locale holds the demo content's translations (demo.po, read by demo/texts.py),
# not interface strings: ignored here, or makemessages would write demo's own
# django.po there and compilemessages compile demo.po.
messages: install system-deps
	$(MANAGE) makemessages $(addprefix -l ,$(LANGS)) --no-obsolete --no-location \
		--ignore=$(VENV) --ignore=tests --ignore=static_collected --ignore=media \
		--ignore=demo/locale

compilemessages: install system-deps
	$(MANAGE) compilemessages --ignore=$(VENV) --ignore=demo/locale

install: $(VENV)/.installed

$(VENV)/.installed: requirements.lock pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

# gettext's msgfmt compiles the translations.
system-deps:
	@command -v msgfmt >/dev/null || { \
		if [ "$(IS_ROOT)" = yes ]; then apt-get update -qq && apt-get install -y -qq gettext; \
		else echo "Please install gettext (apt-get install gettext)."; exit 1; fi; }

# Debian's chromium for the browser tests; without it they skip with a reason
# (and fail when CIC_REQUIRE_ALL_TESTS=1, as in CI).
browser-deps:
	@test -x /usr/bin/chromium || { \
		if [ "$(IS_ROOT)" = yes ]; then apt-get update -qq && apt-get install -y -qq chromium; \
		else echo "chromium is not installed: the browser tests will be skipped."; fi; }

# Debian's Hunspell dictionaries, which PostgreSQL's search configurations read (home.search,
# home/migrations/0004): installing them converts them into PostgreSQL's tsearch_data
# (pg_updatedicts). They belong on the database server; here it is this machine.
HUNSPELL_PACKAGES := hunspell-pl hunspell-uk hunspell-ru hunspell-en-us

search-deps:
	@dpkg-query -W $(HUNSPELL_PACKAGES) >/dev/null 2>&1 || { \
		if [ "$(IS_ROOT)" = yes ]; then apt-get update -qq && apt-get install -y -qq $(HUNSPELL_PACKAGES); \
		else echo "Please install $(HUNSPELL_PACKAGES) where PostgreSQL runs (the search tests on PostgreSQL need them)."; fi; }

# ical.js (pinned in package.json), the calendar engine of Thunderbird and Nextcloud, reads
# the feeds in the tests; Debian's Node and npm run it. Without them those tests skip with
# a reason (and fail when CIC_REQUIRE_ALL_TESTS=1, as in CI).
node-deps: node_modules/.package-lock.json

node_modules/.package-lock.json: package-lock.json
	@if ! command -v npm >/dev/null; then \
		if [ "$(IS_ROOT)" = yes ]; then apt-get update -qq && apt-get install -y -qq nodejs npm; \
		else echo "Node and npm are not installed: the ical.js tests will be skipped."; exit 0; fi; \
	fi; \
	npm ci --no-audit --no-fund

# The benchmarks' tools: Debian's wrk (bench/pages.py) and Locust (bench/locustfile.py),
# pinned in bench/requirements.txt, in a virtualenv of its own, .venv-bench: it brings
# gevent, Flask and some thirty packages the site does not need.
BENCH_VENV := .venv-bench

bench-deps: install $(BENCH_VENV)/.installed
	@command -v wrk >/dev/null || { \
		if [ "$(IS_ROOT)" = yes ]; then apt-get update -qq && apt-get install -y -qq wrk; \
		else echo "Please install wrk (apt-get install wrk)."; exit 1; fi; }

$(BENCH_VENV)/.installed: bench/requirements.txt
	test -x $(BENCH_VENV)/bin/python || $(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/pip install --quiet --disable-pip-version-check -r bench/requirements.txt
	touch $@

# Re-pin every dependency after changing pyproject.toml.
lock:
	rm -rf .lock-venv
	$(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet setuptools==80.9.0 -e ".[dev]"
	.lock-venv/bin/pip freeze --exclude-editable --all | grep -v '^pip==' > requirements.lock
	rm -rf .lock-venv

clean:
	rm -rf $(VENV) static_collected
	find . -name '*.mo' -path './locale/*' -delete
