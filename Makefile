# 巡河助手 River Patrol — every target makes its own .venv first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DEMO_DIR ?= .demo-data
TS := resources/i18n/patrol_app_zh_CN.ts
QM := resources/i18n/patrol_app_zh_CN.qm
QT_EXTRA := resources/i18n/qt_extra_zh_CN.qm

.PHONY: run test lint bench screenshots i18n-update clean package bundle bundle-test

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# Built beside and renamed into place: a running app maps the .qm, and rewriting it in place
# kills that app with a bus error (seen while tests ran during a rebuild).
$(QM): $(TS) $(QT_EXTRA) $(STAMP)
	$(VENV)/bin/pyside6-lrelease $(TS) -qm $(QM).tmp && mv -f $(QM).tmp $(QM)

$(QT_EXTRA): resources/i18n/qt_extra_zh_CN.ts $(STAMP)
	$(VENV)/bin/pyside6-lrelease $< -qm $@.tmp && mv -f $@.tmp $@

# Opens the app on a demo data folder, filled on first use.
run: $(STAMP) $(QM)
	@test -f $(DEMO_DIR)/patrol.db || $(PY) -m patrol_app --data-dir $(DEMO_DIR) demo
	$(PY) -m patrol_app --data-dir $(DEMO_DIR)

test: $(STAMP) $(QM)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

lint: $(STAMP)
	$(PY) -m pip install --quiet ruff mypy
	$(VENV)/bin/ruff check patrol_app sync tests bench
	$(VENV)/bin/mypy

bench: $(STAMP) $(QM)
	QT_QPA_PLATFORM=offscreen $(PY) bench/startup.py

screenshots: $(STAMP) $(QM)
	QT_QPA_PLATFORM=offscreen $(PY) docs/screenshots/take.py zh_CN

# Re-scan the sources for user-visible strings (keeps existing translations).
i18n-update: $(STAMP)
	$(VENV)/bin/pyside6-lupdate $$(find patrol_app/ui -name '*.py' | sort) -no-obsolete -ts $(TS)

clean:
	rm -rf $(VENV) $(QM) $(QT_EXTRA) .pytest_cache

# A one-folder bundle, build/dist/patrol-app/ with the executables patrol-app and patrol-office (on Windows
# this folder is what build/installer.iss installs). PyInstaller's pin is pyproject's `bundle` extra.
BUNDLE := build/dist/patrol-app
$(VENV)/.bundle-installed: pyproject.toml $(STAMP)
	$(PY) -m pip install --quiet $$($(PY) build/bundle_meta.py extra bundle)
	touch $@

bundle: $(STAMP) $(QM) $(VENV)/.bundle-installed
	$(PY) -m PyInstaller --noconfirm --log-level WARN --distpath build/dist --workpath build/work build/patrol_app.spec

package: bundle

# Builds the bundle, copies it away from the source tree and runs it offscreen: CLI, demo, photos, a sync
# with its own patrol-office, the window opening and closing (build/bundle_smoke.py).
bundle-test: bundle
	QT_QPA_PLATFORM=offscreen $(PY) build/bundle_smoke.py $(BUNDLE)
