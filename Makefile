# The two commands (see README):  make site  — build the sample site;  make test — run every test.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell $(PYTHON) -c "import hashlib,sys;print(hashlib.sha256(open('pyproject.toml','rb').read()).hexdigest()[:12])")
export NO_MKDOCS_2_WARNING := 1
export GX_ANALYTICS_ENABLED := false

.PHONY: site test data check lint typecheck bench serve clean system-packages

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,zensical,spark]'
	rm -f $(VENV)/.installed-* && touch $@

data: $(STAMP)
	$(BIN)/kpi data

site: data
	$(BIN)/kpi build

check: $(STAMP)
	$(BIN)/kpi check

lint: $(STAMP)
	$(BIN)/ruff check generator tests bench
	$(BIN)/ruff format --check generator tests bench

# The tests are type-checked too, one folder at a time: each folder's conftest.py and helper modules
# (measure_kit, site_helpers) are top-level modules to pytest, so one mypy run over all would see
# several modules named conftest.
typecheck: $(STAMP)
	$(BIN)/mypy
	for d in tests/*/; do ls $$d*.py >/dev/null 2>&1 || continue; $(BIN)/mypy --strict $$d || exit 1; done

system-packages:
	bash .ci/system-packages

test: $(STAMP) system-packages lint typecheck
	$(BIN)/kpi check
	$(BIN)/kpi data
	$(BIN)/python -m pytest -q -ra

bench: data
	for b in bench/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

serve: data
	$(BIN)/kpi serve

clean:
	rm -rf site .cache
