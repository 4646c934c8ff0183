# CareCenter: the two commands of the README (make run, make test) and the rest.
#
# Every target first makes sure .venv exists and holds an editable install of
# the project with its dev tools (re-installed only when pyproject.toml changes),
# then checks the system libraries and Chinese font Qt needs (ui/preflight.py:
# installs them when run as root, otherwise prints the apt-get line and stops).
#
#   make run                     the app on your own database (user data dir)
#   make demo                    the app on a throw-away database of synthetic seniors
#   make test ARGS="-k search"   the test suite (extra pytest arguments in ARGS)
#   CARECENTER_TEST_DB=postgresql+psycopg://postgres@127.0.0.1:5432/test make test

SHELL := /bin/sh
.DEFAULT_GOAL := help

VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
ARGS   ?=
DEMO_SIZE ?= 300
DEMO_SEED ?= 7

# Checks for a real window (platform chosen like Qt: xcb, wayland or $QT_QPA_PLATFORM).
PREFLIGHT := $(BIN)/python -m ui.preflight --install
# Checks for tests and screenshots, which draw offscreen.
PREFLIGHT_OFFSCREEN := QT_QPA_PLATFORM=offscreen $(BIN)/python -m ui.preflight --install

.PHONY: help venv run demo test bench lint format screenshots i18n clean distclean

help:
	@echo "make run          open CareCenter on your database (creates .venv on first use)"
	@echo "make demo         open CareCenter on a throw-away demo database ($(DEMO_SIZE) seniors)"
	@echo "make test         run the tests (ARGS='...' passes pytest arguments;"
	@echo "                  CARECENTER_TEST_DB=postgresql+psycopg://... runs them on PostgreSQL)"
	@echo "make bench        the district benchmark (50,000 seniors, 20 centers, two years): table and bench.json"
	@echo "                  (the first run builds the district into the user cache folder: about 20 minutes)"
	@echo "make lint         ruff check, ruff format --check, mypy"
	@echo "make format       ruff format and safe ruff fixes"
	@echo "make screenshots  render every page to docs/screenshots/"
	@echo "make i18n         fail on user-visible strings without Chinese"
	@echo "make clean        remove build and cache files (distclean: also .venv)"

$(STAMP): pyproject.toml scripts/bootstrap.sh
	@sh scripts/bootstrap.sh $(VENV)
	@touch $@

venv: $(STAMP)

run: $(STAMP)
	@$(PREFLIGHT)
	$(BIN)/carecenter $(ARGS)

demo: $(STAMP)
	@$(PREFLIGHT)
	@tmp=$$(mktemp -d "$${TMPDIR:-/tmp}/carecenter-demo.XXXXXX"); \
	trap 'rm -rf "$$tmp"' EXIT INT TERM; \
	echo "Demo database: $$tmp/demo.db (deleted when the app closes)"; \
	$(BIN)/carecenter-cli --db "$$tmp/demo.db" init --demo $(DEMO_SIZE) --seed $(DEMO_SEED) && \
	$(BIN)/carecenter --db "$$tmp/demo.db" $(ARGS)

# pytest's exit status 5 means it collected no test: that is a failure here, so a
# mistyped ARGS or a broken test tree never looks green (in CI least of all).
test: $(STAMP)
	@$(PREFLIGHT_OFFSCREEN)
	@if [ -n "$${CARECENTER_TEST_DB:-}" ]; then \
		echo "== Tests on the database server $$(echo "$$CARECENTER_TEST_DB" | sed 's#://\([^:/@]*\):[^@]*@#://\1:***@#')"; \
	else \
		echo "== Tests on SQLite (a new file per test)"; \
	fi
	@status=0; QT_QPA_PLATFORM=offscreen $(BIN)/pytest $(ARGS) || status=$$?; \
	if [ $$status -eq 5 ]; then echo "make test: pytest collected no tests; that counts as a failure." >&2; fi; \
	exit $$status

# The district is built once into the user cache folder (~/.cache/CareCenter/bench) and reused;
# each run works on a copy of it (it needs about twice its size free in $$TMPDIR).
bench: $(STAMP)
	@$(PREFLIGHT_OFFSCREEN)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m ui.bench --out bench.json $(ARGS)

lint: $(STAMP)
	@status=0; \
	$(BIN)/ruff check . || status=1; \
	$(BIN)/ruff format --check . || status=1; \
	$(BIN)/mypy || status=1; \
	exit $$status

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

screenshots: $(STAMP)
	@$(PREFLIGHT_OFFSCREEN)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m ui.screenshots docs/screenshots

i18n: $(STAMP)
	$(BIN)/python -m carecenter.i18n_check

clean:
	rm -rf build dist .pytest_cache .mypy_cache .ruff_cache ./*.egg-info
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV)
