# One command per check; `make ci` runs what CI runs, in a fresh virtual environment.
PY ?= .venv/bin/python

.PHONY: lint format types test test-fast docs bench demo ci

lint:
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format:
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

types:
	$(PY) -m mypy --strict src

test:
	$(PY) -m pytest

test-fast:
	$(PY) -m pytest -m "not slow" -x -q

docs:
	$(PY) -m mkdocs build --strict

bench:
	$(PY) benchmarks/bench_calendar.py
	$(PY) benchmarks/bench_records.py
	$(PY) benchmarks/bench_scoring.py
	$(PY) benchmarks/bench_parallel.py

demo:
	.venv/bin/citizenrights demo

ci:
	bash .ci/run
