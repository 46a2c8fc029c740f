# FirstStep: `make run` serves the app, `make test` runs every test. Both set up what they need.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
SHARED := ../shared
FACILITIES := $(SHARED)/data/samhsa-substance-use-facilities.csv.gz

# Django 6.1 needs Python 3.12 or newer; take the first one that actually runs.
PYTHON ?= $(shell for p in python3.13 python3.12 $$HOME/.pyenv/versions/3.13*/bin/python3.13 $$HOME/.pyenv/versions/3.12*/bin/python3.12 /usr/bin/python3; do \
	"$$p" -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1 && { echo "$$p"; break; }; done)

.PHONY: run test lint check bench bench-http serve loadtest clean chromium data load-services

$(VENV)/.installed: pyproject.toml
	@test -n "$(PYTHON)" || { echo "FirstStep needs Python 3.12 or newer (Django 6.1): install one, or run make PYTHON=/path/to/python3.12"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade "pip>=25.1"
	$(PY) -m pip install --quiet -e . --group dev
	touch $@

chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-liberation; \
		else \
			echo "The browser tests need Debian's chromium: run 'sudo apt-get install chromium' once."; exit 1; \
		fi; \
	fi

# What the two-server load test starts on loopback: Redis and HAProxy, from Debian.
load-services:
	@missing=""; command -v redis-server >/dev/null || missing="$$missing redis-server"; \
	command -v haproxy >/dev/null || [ -x /usr/sbin/haproxy ] || missing="$$missing haproxy"; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
		else \
			echo "The load test needs$$missing: run 'sudo apt-get install$$missing' once."; exit 1; \
		fi; \
	fi

data: $(VENV)/.installed
	$(PY) manage.py migrate --noinput
	$(PY) manage.py import_facilities $(FACILITIES)

run: data
	@echo "Screenings never sent to admissions are deleted after 30 days by 'manage.py purge_screenings';"
	@echo "schedule it daily, e.g. cron: 15 3 * * * cd $(CURDIR) && $(PY) manage.py purge_screenings"
	$(PY) manage.py runserver 127.0.0.1:8000

test: $(VENV)/.installed chromium
	$(PY) manage.py check
	$(PY) -m pytest -q

# Production-like on this machine (docs/deploy.md): DEBUG off, hashed and compressed
# static files served by WhiteNoise, gunicorn with 2 x CPUs + 1 workers (gunicorn.conf.py),
# the database from DATABASE_URL. SSL redirect and secure cookies are off ONLY because
# this serves plain HTTP on loopback; behind a TLS proxy leave both unset (on).
SERVE_PORT ?= 8000
serve: $(VENV)/.installed
	@set -eu; \
	export DJANGO_DEBUG=0 DJANGO_SECURE_SSL_REDIRECT=0 DJANGO_SECURE_COOKIES=0; \
	export DJANGO_ALLOWED_HOSTS="$${DJANGO_ALLOWED_HOSTS:-127.0.0.1,localhost}"; \
	if [ -z "$${DJANGO_SECRET_KEY:-}" ]; then \
		echo "DJANGO_SECRET_KEY is not set: using a new random key (cookies of earlier runs stop working)."; \
		export DJANGO_SECRET_KEY="$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')"; \
	fi; \
	[ -n "$${DATABASE_URL:-}" ] || echo "DATABASE_URL is not set: serving SQLite (db.sqlite3). For PostgreSQL: DATABASE_URL=postgres://user@host:5432/name make serve"; \
	$(PY) manage.py collectstatic --noinput --verbosity 0; \
	$(PY) manage.py migrate --noinput; \
	echo "Serving http://127.0.0.1:$(SERVE_PORT)/ (plain HTTP, loopback only; 'make data' imports the directory)"; \
	exec $(VENV)/bin/gunicorn -c gunicorn.conf.py --bind 127.0.0.1:$(SERVE_PORT)

# HTTP benchmark (bench/http.py): gunicorn on loopback loaded by wrk, each page beside a
# bare view, against a throwaway database (PostgreSQL when DATABASE_URL names a server).
# `make bench` measures SQLite, then PostgreSQL when BENCH_POSTGRES_URL's server answers.
BENCH_POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/test
bench-http: $(VENV)/.installed
	@command -v wrk >/dev/null || { \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; \
		else echo "bench-http needs wrk: sudo apt-get install wrk"; exit 1; fi; }
	env -u DATABASE_URL $(PY) -m bench.http
	@if pg_isready -q -d "$(BENCH_POSTGRES_URL)" 2>/dev/null; then \
		$(PY) -m bench.http --database-url "$(BENCH_POSTGRES_URL)"; \
	else echo "PostgreSQL at $(BENCH_POSTGRES_URL) does not answer: SQLite only"; fi

bench: bench-http

# Load, fault and fuzz tests (tests/load/, about 5 minutes): two gunicorn servers behind
# HAProxy with a Redis of their own (rate limits across both, 60 s of mixed load, one server
# killed, Redis stopped), PostgreSQL stopped mid-screening (a throwaway cluster), 10,000+
# fuzzed inputs. Set DATABASE_URL=postgres://... to run against PostgreSQL, as CI does.
loadtest: $(VENV)/.installed load-services
	FIRSTSTEP_LOADTEST=1 DJANGO_LOG_LEVEL=ERROR $(PY) -m pytest tests/load -q -s

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) staticfiles db.sqlite3 test-artifacts

# Treatment directory search timings (p50/p95, real file and 100,000 synthetic facilities),
# in a throwaway database; set DATABASE_URL=postgres://... to time PostgreSQL.
bench-directory: $(VENV)/.installed
	$(PY) bench/directory.py
