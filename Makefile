# Two commands do all set-up on a fresh machine:
#   make demo   - create .venv, install Marsad, ingest the bundled demo corpus and print an overview
#   make test   - create .venv, install Marsad with its test tools, run ruff and the test suite
PYTHON ?= python3
CORPUS ?= ../shared/data/news/saudinewsnet.jsonl
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: demo test install lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/marsad demo

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks scripts

test: $(STAMP)
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_ingest.py $(CORPUS) --workers 1 2

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache .ruff_cache
