# Desk Pilkada. `make run` starts the app, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TS := $(wildcard resources/translations/*.ts)
QM := $(TS:.ts=.qm)

.PHONY: run test lint bench translations dist clean

# Before the window: the system libraries Qt's xcb plugin needs (desk_app/platform_check.py)
# are installed when make runs as root; otherwise desk-app names the apt-get command.
run: $(STAMP) translations
	$(BIN)/python -m desk_app.platform_check --install
	$(BIN)/desk-app $(ARGS)

# PostgreSQL's tests too: .ci/test.sh starts a throw-away server when the machine has one.
test: $(STAMP) translations
	PYTHON=$(BIN)/python sh .ci/test.sh $(PYTEST_ARGS)

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
	@test -x $(BIN)/python || { echo "make: creating $(VENV)"; $(PYTHON) -m venv $(VENV) || \
		{ rm -rf $(VENV); echo "make: $(PYTHON) cannot make a virtual environment;" \
		"install it with: sudo apt-get install -y python3-venv" >&2; exit 1; }; }
	@echo "make: installing Desk Pilkada and its dependencies into $(VENV)"
	@$(BIN)/python packaging/pip_install.py $(VENV)/pip-upgrade.log -- --upgrade pip
	@$(BIN)/python packaging/pip_install.py $(VENV)/pip-install.log -- \
		-c constraints.txt -e '.[test]'
	@touch $(STAMP)

# The self-contained application folder, dist/DeskPilkada/ (PyInstaller, one folder).
DIST_STAMP := $(VENV)/.dist-installed
# On Linux the folder carries the X11 libraries Qt needs from this machine, so they must be
# here: installed as root, else the build stops with the apt-get line.
dist: $(STAMP) $(DIST_STAMP) translations
	QT_QPA_PLATFORM=xcb $(BIN)/python -m desk_app.platform_check --install
	QT_QPA_PLATFORM=xcb $(BIN)/python -m desk_app.platform_check
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN --distpath dist \
		--workpath build/pyinstaller packaging/desk-app.spec
	@echo "make: built dist/DeskPilkada/ (window: DeskPilkada, command line: desk-app)"

$(DIST_STAMP): pyproject.toml constraints.txt
	@$(BIN)/python packaging/pip_install.py $(VENV)/pip-dist.log -- -c constraints.txt -e '.[test,dist]'
	@touch $(DIST_STAMP)

clean:
	rm -rf $(VENV) build dist resources/translations/*.qm .pytest_cache .mypy_cache .ruff_cache
