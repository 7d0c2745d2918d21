# Two commands on a fresh machine:  `make run`  and  `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed

.PHONY: run test bench check clean

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

bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) .pytest_cache
