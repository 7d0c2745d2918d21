# Two commands on a fresh machine:  `make run`  and  `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed

.PHONY: run test lint bench bench-compare check clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

# The main job: the TUI on the bundled scenarios when there is a terminal, a headless run otherwise.
run: $(STAMP)
	@if [ -t 1 ] && [ -z "$$CI" ]; then $(BIN)/simgroup; \
	else for f in scenarios/*.yaml; do $(BIN)/simgroup run $$f --reps 5 || exit $$?; done; fi

test: $(STAMP)
	$(BIN)/python -m pytest -q

# Code health (CI runs it before the tests): style and imports, layer contracts, types.
lint: $(STAMP)
	$(BIN)/ruff check simgroup tests bench
	$(BIN)/lint-imports
	$(BIN)/mypy

# Performance report (JSON); slow (~4 min): run on purpose, not in CI. See bench/run.py.
bench: $(STAMP)
	$(BIN)/python bench/run.py

# The same, then its ratios to the stored bench/baseline.json (a regression guard read by a person).
bench-compare: $(STAMP)
	$(BIN)/python bench/run.py --compare bench/baseline.json

clean:
	rm -rf $(VENV) .pytest_cache
