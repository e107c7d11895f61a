# Desk Pilkada. `make run` starts the app, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TS := $(wildcard resources/translations/*.ts)
QM := $(TS:.ts=.qm)

.PHONY: run test lint bench translations clean

run: $(STAMP) translations
	$(BIN)/desk-app $(ARGS)

test: $(STAMP) translations
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check desk_app tests bench
	$(BIN)/ruff format --check desk_app tests bench
	$(BIN)/mypy desk_app

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m bench $(ARGS)

translations: $(QM)

resources/translations/%.qm: resources/translations/%.ts $(STAMP)
	$(BIN)/pyside6-lrelease -silent $< -qm $@

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	touch $(STAMP)

clean:
	rm -rf $(VENV) resources/translations/*.qm .pytest_cache .mypy_cache .ruff_cache
