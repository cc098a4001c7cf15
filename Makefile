# marsad — two commands: `make run` (set up, ingest the bundled sample, serve the UI) and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
ARCHIVE ?= marsad-archive
HOST ?= 127.0.0.1
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: run test test-long setup serve sample clean-archive bench

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)

run: $(STAMP)
	$(BIN)/marsad sources --archive $(ARCHIVE) --import src/marsad/sample/sources.jsonl > /dev/null
	$(BIN)/marsad ingest --archive $(ARCHIVE) src/marsad/sample/corpus
	@echo "marsad: open http://$(HOST):$(PORT)"
	$(BIN)/marsad serve --archive $(ARCHIVE) --host $(HOST) --port $(PORT)

test: $(STAMP)
	$(BIN)/python -m pytest -q -m "not slow" tests

test-long: $(STAMP)
	$(BIN)/python -m pytest -q -m slow tests || [ $$? -eq 5 ]  # 5: no slow tests collected

bench: $(STAMP)
	for b in ingest search clean ner extract dedup stories; do $(BIN)/python benchmarks/$$b.py || exit 1; done

clean-archive:
	rm -rf $(ARCHIVE)
