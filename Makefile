# Two commands: `make run` (set up + ETL on the bundled samples) and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
export PREFECT_SERVER_ANALYTICS_ENABLED := false
export PREFECT_HOME ?= $(CURDIR)/.prefect
export PREFECT_LOGGING_LEVEL ?= WARNING

.PHONY: run test eval bench serve clean setup

setup: $(VENV)/.installed

$(VENV)/.installed: requirements.lock pyproject.toml
	@test -n "$(PYTHON)" && $(PYTHON) -c "import sys; assert sys.version_info >= (3, 11)" 2>/dev/null || { echo "need Python 3.11+ (python3.11 or python3 on PATH, or make PYTHON=...)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "installing locked dependencies into $(VENV) (log: $(VENV)/install.log)"
	@{ $(BIN)/python -m pip install -q -r requirements.lock && \
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
