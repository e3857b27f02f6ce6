# The two promises: `make run` (set up, build the sample data, run the main job end to end)
# and `make test` (set up and pass the tests). The environment lives in .venv/.
# the interpreter .venv is made from: the system's Python where it is one (Debian's is built with
# profile-guided optimisation and LTO; an interpreter compiled without them runs the reader
# about a sixth slower), else the first python3 on PATH
PY ?= $(firstword $(wildcard /usr/bin/python3.11 /usr/bin/python3.12 /usr/bin/python3.13) python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export DAGSTER_HOME ?= $(CURDIR)/.dagster_home
export GX_ANALYTICS_ENABLED := false

.PHONY: setup run test test-all lint bench dev clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: setup
	mkdir -p $(DAGSTER_HOME)
	$(BIN)/python -m pipelines.run

test: setup
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/python -m pytest -q

test-all: setup
	$(BIN)/python -m pytest -q -m 'slow or not slow'

lint: setup
	$(BIN)/ruff check .

bench: setup
	$(BIN)/python -m pipelines.bench

# `dagster dev` under a launcher that stops its whole process group on SIGTERM or SIGINT;
# DEV_ARGS go to `dagster dev` (e.g. make dev DEV_ARGS='-h 127.0.0.1 -p 3001')
dev: setup
	mkdir -p $(DAGSTER_HOME)
	$(BIN)/python -m pipelines.cli.dev $(DEV_ARGS)

clean:
	rm -rf $(VENV) warehouse/*.duckdb .pytest_cache
