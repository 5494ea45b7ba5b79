# Yiqiao developer entry points. `make help` lists them.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
.NOTPARALLEL:
MAKEFLAGS += --no-print-directory

PY := .venv/bin/python
RUFF := .venv/bin/ruff
MYPY := .venv/bin/mypy
# Extra arguments for pytest, e.g. `make test PYTEST_ARGS="-k auth -x"`.
PYTEST_ARGS ?=
# `ruff format --check .` runs in `make lint`; FORMAT_CHECK=0 skips it.
FORMAT_CHECK ?= 1

.PHONY: help setup dev test pytest lint typecheck check-contracts schemas sdk migrate seed bench \
        stop-dev clean-dev

help:
	@echo "make dev              everything locally: PostgreSQL, Redis, Mosquitto, 3 BFFs, gateway,"
	@echo "                      worker, device simulator (data in .dev/; Ctrl-C stops it all)"
	@echo "make test             lint + typecheck + contract drift + pytest on throwaway servers (CI: .ci/run)"
	@echo "make pytest           only pytest (PYTEST_ARGS=...)"
	@echo "make lint | typecheck | check-contracts"
	@echo "make schemas | sdk    regenerate schemas/ and sdk/"
	@echo "make migrate | seed   against the dev database (a running make dev, or started for the command)"
	@echo "make bench            every bench/*.py against throwaway servers"
	@echo "make stop-dev         stop a running make dev (or its leftovers)"
	@echo "make clean-dev        stop-dev, then delete .dev/"
	@echo "Ports: DEV_PG_PORT / DEV_REDIS_PORT / DEV_MQTT_PORT (default 55432/56379/51883 when free),"
	@echo "       YQ_PATIENT_PORT / YQ_CLINICIAN_PORT / YQ_KIOSK_PORT (8001/8002/8003)."

# uv (installed with pip if missing) + `uv sync --frozen`. SETUP_DONE=1 skips it (used by `test`).
setup:
	@[ -n "$(SETUP_DONE)" ] || devtools/bootstrap.sh

dev: setup
	@exec $(PY) -m devtools.dev up

# Runs every step even when one fails, then reports which failed.
test: setup
	@failed=""; \
	for step in lint typecheck check-contracts pytest; do \
	  echo "=== make $$step"; start=$$(date +%s.%N); \
	  $(MAKE) $$step SETUP_DONE=1 || failed="$$failed $$step"; \
	  awk -v s="$$step" -v a="$$start" -v b="$$(date +%s.%N)" 'BEGIN { printf "=== make %s: %.1fs\n", s, b - a }'; \
	done; \
	if [ -n "$$failed" ]; then echo "make test: FAILED:$$failed"; exit 1; fi; \
	echo "make test: all passed"

pytest: setup
	$(PY) -m pytest $(PYTEST_ARGS)

lint: setup
	$(RUFF) check .
ifeq ($(FORMAT_CHECK),1)
	$(RUFF) format --check .
else
	@echo "ruff format --check: skipped (tree not formatted yet; FORMAT_CHECK=1 enforces it)"
endif

typecheck: setup
	$(MYPY)

check-contracts: setup
	@if [ -f devtools/contracts.py ]; then \
	  $(PY) -m devtools.contracts check; \
	else \
	  echo "check-contracts: skipped (devtools/contracts.py does not exist yet)"; \
	fi

schemas: setup
	$(PY) -m devtools.contracts schemas

sdk: setup
	$(PY) -m devtools.contracts sdk

migrate: setup
	@$(PY) -m devtools.dev migrate

seed: setup
	@$(PY) -m devtools.dev seed

bench: setup
	@$(PY) -m devtools.dev bench

stop-dev:
	@$$( [ -x $(PY) ] && echo $(PY) || echo python3 ) -m devtools.dev stop

clean-dev:
	@$$( [ -x $(PY) ] && echo $(PY) || echo python3 ) -m devtools.dev clean
