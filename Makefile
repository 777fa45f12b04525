# The whole set-up is two commands: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
EXTRAS ?= dev,pg

.PHONY: demo test lint typecheck pytest bench install clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip uv

# Reinstall when the dependency list or the lock changes.
$(STAMP): pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/uv pip install --python $(BIN)/python --quiet -c constraints.txt -e ".[$(EXTRAS)]"
	touch $(STAMP)

install: $(STAMP)

DEMO_DB := sqlite:///rasid.db
demo: $(STAMP)
	rm -f rasid.db rasid.db-wal rasid.db-shm
	$(BIN)/rasid ingest examples/articles.jsonl --db $(DEMO_DB)
	$(BIN)/rasid run --db $(DEMO_DB)
	$(BIN)/rasid events --db $(DEMO_DB)
	$(BIN)/rasid claims --db $(DEMO_DB)

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/python -m pytest -q

test: lint typecheck pytest

bench: $(STAMP)
	for b in benchmarks/*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
