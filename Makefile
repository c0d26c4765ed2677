# The two commands of the README: `make run` and `make test`. Everything else supports them.
SHELL := /bin/bash
PYTHON ?= python3
UV_VERSION := 0.13.9
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
BIN := $(VENV)/bin
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export UV_PROJECT_ENVIRONMENT := $(VENV)
export UV_PYTHON_DOWNLOADS := never

# Debian packages the application needs: CJK fonts and Pango for PDF output.
RUN_PACKAGES := fonts-noto-cjk libpango-1.0-0 libpangoft2-1.0-0
# And what the tests need besides: a browser, and poppler to look at PDF pages.
TEST_PACKAGES := chromium poppler-utils

.PHONY: run test lint install system-packages test-packages clean help messages openapi

help:
	@echo "make run   — 安裝、建立資料庫、載入示範城市並啟動服務於 http://127.0.0.1:8000"
	@echo "make test  — 安裝測試所需（含 chromium）並執行全部測試"

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"

$(VENV)/.installed: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --python $(PYTHON)
	touch $@

install: $(VENV)/.installed

define apt_install
	@missing=$$(for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages: $$missing"; \
		$(SUDO) apt-get update -q && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q --no-install-recommends $$missing; \
	fi
endef

system-packages:
	$(call apt_install,$(RUN_PACKAGES))

test-packages: system-packages
	$(call apt_install,$(TEST_PACKAGES))

run: install system-packages
	$(BIN)/lieguan setup
	$(BIN)/lieguan demo
	$(BIN)/lieguan serve

# -p no:cacheprovider keeps a read-only checkout clean; --dist loadfile keeps a module's tests on one worker;
# --durations=15 names the slowest tests, so that the suite stays fast.
test: install test-packages
	$(BIN)/pytest -n auto --dist loadfile -p no:cacheprovider --durations=15 $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# After changing translatable strings in templates: edit src/lieguan/locale/en/LC_MESSAGES/django.po, then this.
messages: install
	$(BIN)/pybabel compile -d src/lieguan/locale -D django

# After changing the API: the committed schema that clients and a test rely on.
openapi: install
	$(BIN)/lieguan manage openapi

clean:
	rm -rf $(VENV) $(TOOLS) .pytest_cache .mypy_cache .ruff_cache test-artifacts
