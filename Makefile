# Two commands: `make run` (demo site, worker and beat on SQLite and a file-system broker) and
# `make test` (the whole suite against the machine's PostgreSQL and Redis). Both install what is missing.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
UV_VERSION := 0.13.9
PORT ?= 8000
export UV_PROJECT_ENVIRONMENT := $(abspath $(VENV))
export UV_PYTHON_DOWNLOADS := never
export UV_PYTHON := $(abspath $(VENV))/bin/python
# Python writes its compiled modules: a machine that sets PYTHONDONTWRITEBYTECODE would otherwise compile every
# module again in every process (each pytest worker, each manage.py command), about 4 s of a test run's start-up.
unexport PYTHONDONTWRITEBYTECODE

# Debian packages: Python, WeasyPrint's libraries, fonts with Kazakh letters, Symbola (emoji and symbols typed
# into a question print from it, council/official.py), gettext; for tests also Chromium (browser journeys),
# poppler-utils (pdftotext reads the PDFs back), postgresql-client (backups) and npm (axe-core, installed by
# tests/e2e/conftest.py into ~/.cache/council-axe, checks every page a journey opens).
RUN_DEBS := python3 python3-venv libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-core fonts-symbola gettext
TEST_DEBS := $(RUN_DEBS) chromium poppler-utils
# Tools wanted by command, not by package: a machine may have them from elsewhere (Node.js with its own npm,
# a versioned PostgreSQL client), and Debian's packages of the same name would conflict with those.
TEST_TOOLS := npm:npm pg_dump:postgresql-client
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: messages-update run test system-deps-run system-deps-test python-deps messages lint lint-style services bench bench-quick clean

define install_debs
	@missing=$$(for p in $(1); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:" $$missing; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi
endef

system-deps-run:
	$(call install_debs,$(RUN_DEBS))

system-deps-test:
	$(call install_debs,$(TEST_DEBS))
	@missing=$$(for t in $(TEST_TOOLS); do command -v $${t%%:*} >/dev/null || echo $${t#*:}; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:" $$missing; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

$(VENV)/.synced: uv.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@test -x $(BIN)/uv || $(BIN)/pip install -q "uv==$(UV_VERSION)"
	$(BIN)/uv sync --frozen --inexact
	@touch $@

python-deps: $(VENV)/.synced

messages: python-deps
	@DEBUG=true $(BIN)/python manage.py compilemessages --ignore=.venv -v0

run: export DEBUG := $(or $(DEBUG),true)
run: export PDF_SIGNING_PKCS12 := $(or $(PDF_SIGNING_PKCS12),var/signing/demo.p12)
run: export PDF_SIGNING_PASSWORD := $(or $(PDF_SIGNING_PASSWORD),council-demo-signing)
run: system-deps-run python-deps messages
	$(BIN)/python manage.py migrate --noinput -v0
	@test -f "$$PDF_SIGNING_PKCS12" || $(BIN)/python manage.py make_signing_certificate "$$PDF_SIGNING_PKCS12" --password "$$PDF_SIGNING_PASSWORD"
	$(BIN)/python manage.py load_demo --print-logins
	$(BIN)/python manage.py load_demo_cycle
	$(BIN)/python manage.py load_demo_analytics
	@echo
	@echo "  Open http://127.0.0.1:$(PORT)/  (Ctrl-C stops the site, the worker and beat)"
	@echo
	PATH="$(abspath $(BIN)):$$PATH" PORT=$(PORT) $(BIN)/honcho -f Procfile.dev start

# PostgreSQL and Redis for the tests: started when installed but stopped, installed from Debian's packages when
# absent (a new PostgreSQL cluster is told to trust the postgres user on 127.0.0.1, as the tests connect).
services:
	@if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null && ! command -v pg_ctlcluster >/dev/null; then \
	  echo "Installing Debian packages: postgresql"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends postgresql; \
	  hba=$$(ls /etc/postgresql/*/main/pg_hba.conf | head -1); \
	  $(SUDO) sed -i '1i host all postgres 127.0.0.1/32 trust\nhost all postgres ::1/128 trust' "$$hba"; \
	fi
	@pg_isready -q -h 127.0.0.1 -p 5432 || { command -v pg_ctlcluster >/dev/null && $(SUDO) pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql | head -1) main start; } || true
	@if ! redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 && ! command -v redis-server >/dev/null; then \
	  echo "Installing Debian packages: redis-server"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends redis-server; \
	fi
	@redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 || { command -v redis-server >/dev/null && redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no; } || true
	@for i in $$(seq 20); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 0.5; done
	@pg_isready -h 127.0.0.1 -p 5432 >/dev/null || { echo "PostgreSQL does not answer at 127.0.0.1:5432"; exit 1; }
	@redis-cli -h 127.0.0.1 ping >/dev/null || { echo "Redis does not answer at 127.0.0.1:6379"; exit 1; }
	@psql -h 127.0.0.1 -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'council'" | grep -q 1 \
	  || createdb -h 127.0.0.1 -U postgres council

# `make test` runs ruff here and import-linter once, in tests/test_layers.py; `make lint` runs both.
lint-style: python-deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

lint: lint-style
	$(BIN)/lint-imports --no-cache

test: export DJANGO_SETTINGS_MODULE := council.settings_test
# The suite runs in parallel workers (PYTEST_WORKERS, `auto`: one per core), each with its own database and
# Redis database, at the suite's instant (tests/clock.py), each database cloned from a template migrated once
# (tests/template_db.py); then the tests that lay out a calendar run again a year on and on 29 February 2028,
# so a fixture that assumes a date fails here, not in a user's calendar.
PYTEST_WORKERS ?= auto
DATED_SUBSET := tests/council tests/test_permission_matrix.py tests/test_files.py tests/test_clock.py
DATED_DAYS := 2027-11-23 2028-02-29
test: system-deps-test python-deps messages services lint-style
	$(BIN)/python manage.py check --fail-level WARNING
	$(BIN)/python manage.py makemigrations --check --dry-run
	DEBUG=false SECRET_KEY="$$(head -c 48 /dev/urandom | base64)" ALLOWED_HOSTS=council.example.kz SITE_URL=https://council.example.kz \
	  DJANGO_SETTINGS_MODULE=council.settings $(BIN)/python manage.py check --deploy --fail-level WARNING
	env -u DJANGO_SETTINGS_MODULE $(BIN)/python -m bench --smoke
	$(BIN)/pytest -n $(PYTEST_WORKERS)
	@for day in $(DATED_DAYS); do \
	  echo "The calendar-dependent tests at $$day:"; \
	  SUITE_DATE=$$day $(BIN)/pytest -n $(PYTEST_WORKERS) -m "not e2e and not fixed_calendar" $(DATED_SUBSET) || exit 1; \
	done

bench: python-deps services
	$(BIN)/python -m bench --full

bench-quick: python-deps services
	$(BIN)/python -m bench --quick

clean:
	rm -rf var staticfiles .pytest_cache

# Refresh the catalogs after changing user-facing strings; translate the new entries in locale/kk and locale/ru.
messages-update: python-deps
	DEBUG=true $(BIN)/python manage.py makemessages -l kk -l ru -l en --no-location \
	  --ignore=.venv --ignore=var --ignore=tests --ignore=bench --ignore=staticfiles
	for po in locale/*/LC_MESSAGES/django.po; do msgattrib --no-obsolete -o $$po $$po; done
