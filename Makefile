# Remedy: `make run` and `make test` work on a fresh machine that has only Python 3.11+.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1:8000

.PHONY: install run test lint format migrate seed browsers clean

$(PY):
	$(PYTHON) -m venv $(VENV)

# Re-install only when the dependency list changes.
$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP) browsers

# Browser tests drive Debian's Chromium; Playwright's own browser download does not work here.
browsers:
	@if [ ! -x /usr/bin/chromium ]; then \
		if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = "0" ]; then \
			(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium poppler-utils >/dev/null) \
			|| echo "warning: could not install chromium; browser tests will be skipped"; \
		else echo "note: /usr/bin/chromium missing; browser tests will be skipped"; fi; \
	fi
	@if ! command -v pdftoppm >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = "0" ]; then \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null || true; fi

migrate: install
	$(PY) manage.py migrate --noinput

seed: migrate
	$(PY) manage.py seed_demo

# The web server, the django-tasks worker and the scheduler (heartbeat, daily reminders);
# Ctrl-C stops all three (operations/supervisor.py).
run: seed
	$(PY) manage.py runall $(HOST)

# The suite runs on every core (pytest-xdist; one test database per worker), a file's tests on
# one worker so that module-scoped fixtures are built once. TEST_JOBS=1 runs it in one process.
TEST_JOBS ?= auto
test: install
	$(PY) -m pytest -q -n $(TEST_JOBS) --dist loadfile

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

clean:
	rm -rf $(VENV) db.sqlite3 var staticfiles
