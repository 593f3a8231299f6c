# Two commands do everything on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.installed

.PHONY: run test test-fast venv migrate seed lint bench loadtest messages clean help locks

help:
	@echo "make run   - install, migrate, load reference + demo data, serve http://127.0.0.1:8000"
	@echo "make test  - install and run the whole test suite"
	@echo "make test-fast - the inner loop: everything but browser, Celery-worker and slow tests"
	@echo "make bench - rerunnable performance benchmarks (prints a table)"

venv: $(STAMP)

# Both locks: requirements.lock is what production installs (the Dockerfile); the development
# lock adds the test and tooling packages at the same pins.
$(STAMP): requirements.lock requirements-dev.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock -r requirements-dev.lock
	touch $(STAMP)

run: $(STAMP)
	mkdir -p var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	$(PY) manage.py collectstatic --noinput --verbosity 0
	$(PY) manage.py runserver 127.0.0.1:8000

test: $(STAMP)
	$(PY) -m pytest $(PYTEST_ARGS)

# The inner loop: no browser, no real Celery worker, nothing marked slow (CI runs them all).
test-fast: $(STAMP)
	$(PY) -m pytest -q -m "not browser and not worker and not slow" $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .

bench: $(STAMP)
	$(PY) manage.py bench $(BENCH_ARGS)

# English UI catalogue (msgids are the Indonesian text). Needs GNU gettext (apt-get install gettext);
# the compiled locale/en/LC_MESSAGES/django.mo is committed, so running the app does not.
I18N_IGNORE := --ignore=.venv --ignore=node_modules --ignore=staticfiles --ignore=tests --ignore=test-artifacts --ignore=var --ignore=docs --ignore=scripts
messages: $(STAMP)
	$(PY) manage.py makemessages -l en --no-obsolete --add-location=file $(I18N_IGNORE)
	$(PY) manage.py compilemessages -l en $(I18N_IGNORE)

# Recompile both locks from pyproject.toml (keeps current pins unless they must move).
locks:
	$(BIN)/pip install --quiet pip-tools
	$(BIN)/pip-compile -q --extra dev --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links -o requirements-dev.lock pyproject.toml
	$(BIN)/pip-compile -q --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links -o requirements.lock pyproject.toml

clean:
	rm -rf $(VENV) var/db.sqlite3 staticfiles

loadtest: $(STAMP)
	command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py loadtest $(LOADTEST_ARGS)
