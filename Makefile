# Two commands do all the set-up on a fresh machine: `make run` and `make test`.
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000

.PHONY: setup run test lint check demo clean

$(PY):
	@python=$$(sh scripts/find-python.sh) && "$$python" -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

# Idempotent: safe to run again after every pull.
setup: $(PY)
	$(PY) -m pip install -q -e . --group dev
	sh scripts/system-packages.sh
	npm ci --no-audit --no-fund --loglevel=error
	$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules -v 0
	$(PY) manage.py migrate -v 0

# The development server: DEBUG on so it serves static files; demo data loaded idempotently.
run: setup
	$(PY) manage.py load_demo
	$(PY) manage.py demo_logins
	DJANGO_DEBUG=1 $(PY) manage.py runserver 127.0.0.1:$(PORT)

test: setup
	$(PY) -m pytest -q

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy .
	$(PY) manage.py makemigrations --check --dry-run -v 0

clean:
	rm -rf $(VENV) node_modules db.sqlite3 staticfiles media
