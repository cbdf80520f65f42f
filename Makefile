# BMA KPI Tracker. `make run` serves the app on http://127.0.0.1:8000; `make test` runs every test.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1:8000

.PHONY: run test install install-dev browser-deps messages check clean bench-import bench backup restore loadtest audit lighthouse

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(PIP) install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

# Debian's Chromium for the browser tests (Playwright drives it; it never downloads a browser),
# Pango for WeasyPrint's PDFs, poppler-utils to read the PDFs back in tests, gettext for the
# translation catalogue.
SYSTEM_PACKAGES := chromium libpango-1.0-0 libpangoft2-1.0-0 poppler-utils gettext
browser-deps:
	@if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/pdftotext ] || [ ! -x /usr/bin/msgattrib ] || ! ldconfig -p | grep -q libpangoft2; then \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(SYSTEM_PACKAGES) >/dev/null; \
		else echo "Missing system packages: sudo apt-get install $(SYSTEM_PACKAGES)"; fi; \
	fi

run: install
	$(PY) manage.py collectstatic --noinput -v0
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_reference_data
	$(PY) manage.py create_demo_accounts
	@echo "Serving on http://$(HOST)/  (Ctrl+C to stop; another address: make run HOST=0.0.0.0:8080)"
	SITE_URL=$${SITE_URL:-http://$(HOST)} $(PY) manage.py runserver $(HOST)

test: install-dev browser-deps
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) manage.py collectstatic --noinput -v0
	$(PY) -m pytest

# Security checks: every pinned requirement against PyPI's advisories, yanked releases and newest
# patch releases; Django's deployment checklist with production settings. CI runs
# `make audit AUDIT_FLAGS=--ci`: there a newer patch release is a warning, so the verdict does not
# change with the calendar; advisories and yanked pins still fail.
AUDIT_FLAGS ?=
audit: install-dev
	$(PY) tools/audit_dependencies.py $(AUDIT_FLAGS) requirements.txt requirements-dev.txt requirements-load.txt
	DJANGO_DEBUG=0 DJANGO_SECRET_KEY=audit-only-$$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n') \
		DJANGO_ALLOWED_HOSTS=kpi.example.go.th SITE_URL=https://kpi.example.go.th \
		$(PY) manage.py check --deploy --fail-level WARNING

# After changing a translatable string: extract it into locale/th/LC_MESSAGES/django.po (the one
# source of the Thai; translate there, by hand or with Poedit/Weblate), then compile django.mo.
# tests/test_translations.py fails while a string has no Thai or django.mo is stale.
messages: install browser-deps
	$(PY) manage.py makemessages -l th --ignore=.venv --ignore=.venv-load --ignore=staticfiles --ignore=tests --no-obsolete
	$(PY) manage.py compilemessages --ignore=.venv --ignore=.venv-load --ignore=locale_thirdparty
	cd locale_thirdparty/th/LC_MESSAGES && for po in *.po; do msgfmt --check -o $${po%.po}.mo $$po; done

check: install
	$(PY) manage.py check

clean:
	rm -rf $(VENV) staticfiles .pytest_cache

# Import benchmark: 50,000-row community list (the import / openpyxl-read ratio and peak memory); then each
# import at two sizes (communities 5,000/50,000 rows; target table and results 50/100 districts): its
# queries at each size and the cost of each added row against openpyxl's parse of the same rows.
bench-import: install-dev
	$(PY) bench/bench_import.py

# Lighthouse (mobile, performance) on the log-in page, my district, the form, the review list, two
# dashboards and the status board, served by gunicorn with DJANGO_DEBUG=0: score ≥ 0.95, CLS ≤ 0.05.
lighthouse: install-dev browser-deps
	@command -v npm >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; }
	cd tools/lighthouse && npm install --no-audit --no-fund --no-save --loglevel=error  # from package-lock.json (npm ci trips on a duplicate of lighthouse's deps)
	$(PY) tools/lighthouse.py

# The plan at full size (3, 30, 300 KRs × 50 districts × 10 years, then 100 districts): queries and
# bytes of every page, the dashboard against a trivial view in process and over gunicorn; with the imports.
bench: install-dev bench-import
	$(PY) bench/bench_pages.py

# Back up the database (backups/), or restore one: make restore FILE=backups/okr-....sqlite3
backup: install
	$(PY) manage.py backup_database

restore: install
	@test -n "$(FILE)" || (echo "usage: make restore FILE=backups/okr-....(sqlite3|dump)"; exit 2)
	$(PY) manage.py restore_database "$(FILE)" --yes

# Load test (PostgreSQL, 200 users, 60 s): make loadtest; the SQLite default: make loadtest DB=sqlite USERS=20
.venv-load/.installed: requirements-load.txt
	$(PYTHON) -m venv .venv-load
	.venv-load/bin/pip install --quiet -r requirements-load.txt
	touch $@

loadtest: install .venv-load/.installed
	$(PIP) install --quiet -r requirements.txt
	bash loadtest/run.sh
