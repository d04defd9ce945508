# MedCMS: `make run` serves the demo site on SQLite, `make test` runs the whole suite.
# DATABASE_URL=postgres://user@host:port/name switches either to PostgreSQL.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install install-dev browser wrk lint check-deploy bench bench-inprocess soak clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.installed $@

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

# Debian package $(1) for $(3), unless its command $(2) is there. A held dpkg lock (unattended
# upgrades, another install) is waited for, then retried.
define debian_install
	@command -v $(2) >/dev/null 2>&1 || { \
	  echo "Installing Debian's $(1) for $(3)"; \
	  sudo=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  for attempt in 1 2 3; do \
	    $$sudo apt-get -o DPkg::Lock::Timeout=300 update -qq && \
	    $$sudo apt-get -o DPkg::Lock::Timeout=300 install -y -qq $(1) >/dev/null && break; \
	    echo "apt-get failed (attempt $$attempt): another apt or dpkg may hold the lock; retrying"; sleep 20; \
	  done; command -v $(2) >/dev/null 2>&1; }
endef

# Browser tests drive Debian's Chromium through Playwright (never `playwright install`).
browser:
	$(call debian_install,chromium,chromium,the browser tests)

run: install
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py load_demo
	@echo ""
	@echo "  Site:  http://$(HOST):$(PORT)/"
	@echo "  Admin: http://$(HOST):$(PORT)/admin/"
	@echo ""
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: install-dev browser
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/python manage.py makemigrations --check --dry-run

check-deploy: install
	DJANGO_ENV=production SECRET_KEY=check-deploy-$$(date +%s)-not-a-real-secret-0123456789abcdef \
	  ALLOWED_HOSTS=medcms.example.org CACHE_URL=redis://127.0.0.1:6379/1 \
	  $(BIN)/python manage.py check --deploy --fail-level WARNING

# The benchmark's load generator.
wrk:
	$(call debian_install,wrk,wrk,the benchmark)

# The benchmark of record (bench/served.py): the data set on PostgreSQL (BENCH_DATABASE_URL),
# gunicorn under production settings, wrk; printed, never asserted. A Wagtail 8 site serving the
# equivalent article page is measured in the same run (bench/wagtail/; "--no-wagtail" leaves it out).
# BENCH_ARGS="--articles 100000 --seconds 20", "--skip-build" or "--only floor,article,wagtail".
bench: install wrk
	$(BIN)/python bench/served.py $(BENCH_ARGS)

# The older in-process timings and query counts (Django's test client, no server).
bench-inprocess: install
	@for script in bench/pages.py bench/history.py bench/import_references.py bench/lists.py; do $(BIN)/python $$script || exit 1; echo; done

# Mixed reader traffic for minutes against gunicorn + PostgreSQL + Redis (bench/soak.py):
# errors, latency and worker memory over time. SOAK_ARGS="--seconds 30 --concurrency 8".
soak: install
	$(BIN)/python bench/soak.py $(SOAK_ARGS)

clean:
	rm -rf $(VENV) var staticfiles .pytest_cache .ruff_cache
