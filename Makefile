# GWA-Portal: `make run` serves the demo, `make test` runs the whole suite.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000

# The newest Python >= 3.12 on PATH or in pyenv (Django 6.1 needs 3.12+).
PYTHON_FOR_VENV := $(shell for c in python3.14 python3.13 python3.12 \
	$$(ls -d $$(pyenv root 2>/dev/null)/versions/3.1[2-9]*/bin/python3 2>/dev/null | sort -rV) python3; do \
	  p=$$(command -v $$c 2>/dev/null) || continue; \
	  $$p -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null && { echo $$p; break; }; \
	done)

.PHONY: run test test-clock test-fast lint format venv migrate demo messages bench clean

$(VENV)/.installed: pyproject.toml
	@if [ -z "$(PYTHON_FOR_VENV)" ]; then \
	  echo "Fehler: Python 3.12 oder neuer wird gebraucht (Django 6.1). Bitte installieren (z. B. 'pyenv install 3.13')." >&2; exit 1; fi
	@test -x $(PY) || { echo "Erzeuge $(VENV) mit $(PYTHON_FOR_VENV)"; $(PYTHON_FOR_VENV) -m venv $(VENV); }
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $@

venv: $(VENV)/.installed

migrate: venv
	$(PY) manage.py migrate --noinput

demo: migrate
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(PY) manage.py seed_demo

run: demo
	@echo "GWA-Portal läuft auf http://127.0.0.1:$(PORT)/ (Strg+C beendet)."
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(PY) manage.py runserver 127.0.0.1:$(PORT)

# The suite runs on PYTEST_WORKERS processes (pytest-xdist; 0 runs it serially in one process),
# by default one per core, at most two. Each worker has its own test database and Redis databases
# (tests/workers.py); tests marked xdist_group run on one worker (--dist loadgroup).
PYTEST_WORKERS ?= $(shell n=$$(nproc 2>/dev/null || echo 1); echo $$(( n < 2 ? n : 2 )))
PYTEST_XDIST = -n $(PYTEST_WORKERS) $(if $(filter 0,$(PYTEST_WORKERS)),,--dist loadgroup)

test: venv
	$(PY) -m pytest $(PYTEST_XDIST) $(PYTEST_ARGS)

# The date-heavy tests once per instant (Berlin time), with the clock moved there for the whole
# session (GWA_TEST_CLOCK, tests/conftest.py): New Year's Eve, New Year, 29 February (2028:
# 2027 has none) and 11 March 2027. Browser and worker tests stay out: chromium and the broker
# keep the real clock.
CLOCK_INSTANTS ?= 2026-12-31T23:30 2027-01-01T00:30 2028-02-29T12:00 2027-03-11T12:00
CLOCK_TESTS ?= tests/netzwerk/test_termine.py tests/netzwerk/test_termine_einladungen.py \
	tests/netzwerk/test_einladungen_erinnerungen.py tests/netzwerk/test_einladungen_rsvp.py \
	tests/netzwerk/test_einladungen_versand.py tests/netzwerk/test_fortbildung.py \
	tests/netzwerk/test_gremien.py tests/netzwerk/test_ical.py tests/netzwerk/test_kalender.py \
	tests/netzwerk/test_protokolle.py tests/netzwerk/test_supervision.py \
	tests/netzwerk/test_audit_trail.py tests/netzwerk/test_models.py \
	tests/quartiere/test_aktivitaeten.py tests/quartiere/test_koordination.py \
	tests/quartiere/test_models.py tests/quartiere/test_planung.py tests/quartiere/test_rules.py \
	tests/quartiere/test_views.py tests/cockpit/test_dashboard.py tests/cockpit/test_uebergabe.py \
	tests/cockpit/test_bericht.py tests/cockpit/test_bericht_views.py \
	tests/cockpit/test_berichtsfassungen.py tests/befragung/test_formular_views.py \
	tests/befragung/test_formular_staff.py tests/befragung/test_zugang_einladungen.py \
	tests/befragung/test_models.py tests/befragung/test_baukasten_befragungen.py \
	tests/befragung/test_demo.py tests/core/test_audit.py
test-clock: venv
	@set -e; for instant in $(CLOCK_INSTANTS); do \
	  echo "--- clock at $$instant (Europe/Berlin) ---"; \
	  GWA_TEST_CLOCK=$$instant $(PY) -m pytest -m "not e2e and not integration" \
	    $(PYTEST_XDIST) $(PYTEST_ARGS) $(wildcard $(CLOCK_TESTS)); \
	done

# ruff, the layer contracts of docs/architecture.md §1 (import-linter, pyproject.toml) and no
# committed merge-conflict markers.
lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	@if git grep -nE '^(<<<<<<<|>>>>>>>)( |$$)' -- . ':!static/vendor'; then \
	  echo "Fehler: Konfliktmarkierungen aus einem Merge sind eingecheckt (siehe oben)." >&2; exit 1; fi

format: venv
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# The benchmarks of ARCHITECTURE §8 on PostgreSQL, Redis, gunicorn and Celery; writes
# docs/benchmarks.md (several minutes; seeds the databases gwa_bench and gwa_bench5 once).
LIGHTHOUSE_STAMP = scripts/lighthouse/node_modules/.installed

bench: venv $(LIGHTHOUSE_STAMP)
	$(PY) scripts/bench.py $(BENCH_ARGS)

# Lighthouse for the bench (pinned in package-lock.json); Debian chromium: apt-get install chromium.
$(LIGHTHOUSE_STAMP): scripts/lighthouse/package-lock.json
	npm ci --prefix scripts/lighthouse --no-audit --no-fund
	touch $@

clean:
	rm -rf $(VENV) var/db.sqlite3 var/staticfiles .pytest_cache
