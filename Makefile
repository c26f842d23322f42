# Two commands: `make run` (set up + ETL on the bundled samples) and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
export PREFECT_SERVER_ANALYTICS_ENABLED := false
export PREFECT_HOME ?= $(CURDIR)/.prefect
export PREFECT_LOGGING_LEVEL ?= WARNING

.PHONY: run test eval bench serve clean setup

setup: $(VENV)/.installed

$(VENV)/.installed: requirements.lock pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "need $(PYTHON) on PATH (or make PYTHON=python3)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "installing locked dependencies into $(VENV) (log: $(VENV)/install.log)"
	@{ true && \
	   $(BIN)/python -m pip install -q -r requirements.lock && \
	   $(BIN)/python -m pip install -q --no-deps -e . ; } > $(VENV)/install.log 2>&1 \
	   || { tail -30 $(VENV)/install.log; echo "install failed; see $(VENV)/install.log"; exit 1; }
	touch $@

run: setup
	$(BIN)/gwr run

test: setup
	$(BIN)/python -m pytest -q

eval: setup
	$(BIN)/python -m tests.eval

bench: setup
	$(BIN)/python -m tests.bench

serve: setup
	$(BIN)/gwr serve

clean:
	rm -rf $(VENV) warehouse .prefect .pytest_cache
