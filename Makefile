# Two commands do everything (see README.md):
#   make lab    install (first time only) and open the course in JupyterLab
#   make test   install (first time only) and run every test, notebooks included
# and one more for developers:
#   make check  the quick loop: unit tests, fuzz, lessons 00-04 and the solutions (about two minutes)
#
# Everything is installed into a project-local virtual environment, .venv/,
# from the one package list in pyproject.toml.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
E2E_STAMP := $(VENV)/.installed-e2e
DEV_STAMP := $(VENV)/.installed-dev
SITE_STAMP := $(VENV)/.installed-site
AXE_JS := $(VENV)/share/axe/node_modules/axe-core/axe.min.js
HUB_STAMP := $(VENV)/.installed-hub
# configurable-http-proxy from npm, at the version hub/proxy/package-lock.json pins
HUB_PROXY := $(VENV)/share/hub-proxy/node_modules/.bin/configurable-http-proxy
# A 20-line lab extension that makes widgets live in RISE slideshows (its
# remoteEntry.js says how), copied to where JupyterLab finds extensions: an
# editable install does not install data files.
RISE_WIDGETS := share/jupyter/labextensions/course-rise-widgets
RISE_FILES := $(VENV)/$(RISE_WIDGETS)/package.json $(VENV)/$(RISE_WIDGETS)/static/remoteEntry.js
# reveal.js, require.js and jQuery for offline slides (tools/offline_assets.py)
OFFLINE_ASSETS := $(VENV)/share/course-assets/.fetched
# Every package's version, for Linux, macOS (Apple silicon) and Windows: `make lock` refreshes it.
LOCK := requirements.lock

# Every target below that names a command, not a file, in the order they are defined.
.PHONY: lab test check test-full install lint format hooks lock unit test-browser e2e test-repeat test-present notebooks slides html site test-site axe hub hub-stop test-hub doctor doctor-contributors bench clean-venv

# NumPy's BLAS (OpenBLAS 0.3.31) does not recognise AMD Zen 5 CPUs and falls
# back to its AVX2 kernels; its AVX-512 ("SkylakeX") kernels do the matrix
# products behind helpers.ops.conv2d about twice as fast there (see
# docs/benchmarks.md).  Only on AMD CPUs with every AVX-512 feature those
# kernels use, and never over a choice you made yourself.
AVX512_FEATURES := $(shell grep -qm1 AuthenticAMD /proc/cpuinfo 2>/dev/null && \
	grep -m1 '^flags' /proc/cpuinfo | tr ' ' '\n' | grep -cxE 'avx512(f|cd|bw|dq|vl)')
ifndef OPENBLAS_CORETYPE
ifeq ($(AVX512_FEATURES),5)
export OPENBLAS_CORETYPE := SkylakeX
endif
endif

# Extra JupyterLab options, e.g. make lab LAB_ARGS="--no-browser --port 8899".
# Jupyter refuses to run as root (containers, some lab machines) unless told.
LAB_ARGS ?=
ROOT_ARGS := $(if $(filter 0,$(shell id -u 2>/dev/null)),--allow-root)

lab: $(STAMP) $(RISE_FILES)
	cd notebooks && ../$(BIN)/jupyter lab $(ROOT_ARGS) $(LAB_ARGS) 00_start_here.ipynb

# How the suite runs on a 2-core machine: two pytest-xdist workers, a
# file's tests (a notebook's cells and checks) on one worker, the longest first, one
# thread per worker (tests/parallel.py); Hypothesis' fixed "ci" examples.
PARALLEL := -n 2 --dist loadfile --no-loadscope-reorder
PYTEST   := COURSE_FAST=1 $(BIN)/python -m pytest --hypothesis-profile=ci
# More pytest options for any target below, e.g. PYTEST_ARGS="-x --durations=20".
PYTEST_ARGS ?=

# COURSE_FAST=1: smaller data and fewer epochs so the notebooks run in minutes.
# Every notebook runs (run A, nbval) and runs again (run B: tests/notebook_runs.py),
# but the three lessons that train networks get run A only here: their run B is
# `make test-repeat`.  The course in JupyterLab in Chromium (marked browser) is
# `make test-browser`; tests marked site, present or hub are left out too
# (pyproject.toml's addopts).  .ci/run runs all of them.  test_exports.py's slides
# test needs Playwright and Debian's chromium (skipped without them, unless
# PYTEST_ARGS=--require-browser, as in .ci/run).
# A lint error fails the test command before any test runs (`make lint`).
TRAINING_LESSONS := 05_keras_mnist 06_keras_cifar10 08_why_convolutions
test: lint $(STAMP) $(E2E_STAMP) $(OFFLINE_ASSETS) $(RISE_FILES)
	$(PYTEST) $(PARALLEL) $(addprefix --no-repeat-for=,$(TRAINING_LESSONS)) $(PYTEST_ARGS)

# The training lessons, run A and run B: their numbers repeat, every cell runs twice.
test-repeat: $(STAMP) $(RISE_FILES)
	$(PYTEST) $(PARALLEL) $(PYTEST_ARGS) $(TRAINING_LESSONS:%=notebooks/%.ipynb)

# The course in JupyterLab in headless Chromium: the widget tour (every widget
# renders, reacts, works by keyboard alone, passes axe), lesson 0's folded check
# cells, lesson 1 under axe, figures' alt text, the dark theme in presenter mode.
test-browser: $(STAMP) $(E2E_STAMP) $(AXE_JS) $(RISE_FILES)
	$(PYTEST) $(PARALLEL) -m browser $(PYTEST_ARGS) tests/test_browser.py tests/test_browser_alt.py

# The developers' quick loop: unit tests, fuzz, the NumPy lessons 00-04 and
# the worked solutions under nbval (no repeat runs, no browser, no Keras lessons).
check: lint $(STAMP) $(RISE_FILES)
	$(PYTEST) $(PARALLEL) --no-repeat-notebooks $(PYTEST_ARGS) tests notebooks/0[0-4]_*.ipynb solutions

# Every notebook in full mode (students' settings), with whatever data the
# look-up finds; not part of CI (times: docs/benchmarks.md, "test-full").
test-full: $(STAMP)
	COURSE_FAST=0 $(BIN)/python -m pytest --no-repeat-notebooks $(PYTEST_ARGS) notebooks

install: $(STAMP) $(RISE_FILES)

$(VENV)/$(RISE_WIDGETS)/%: $(RISE_WIDGETS)/% $(STAMP)
	mkdir -p $(@D) && cp $< $@

# Code hygiene (ruff, configured in pyproject.toml): lint helpers/, tests/,
# benchmarks/, tools/ and the notebooks' code cells; check the formatting of
# the Python files (notebooks are linted, not formatted: their hand-aligned
# matrices and comments are part of the lesson).  `make format` fixes both.
# Then import-linter holds helpers/ to its layers (pyproject.toml's
# [tool.importlinter], helpers/ARCHITECTURE.md): no import upwards, no cycle.
RUFF := $(BIN)/ruff
lint: $(DEV_STAMP)
	$(RUFF) check
	$(RUFF) format --check
	$(BIN)/lint-imports --no-cache

format: $(DEV_STAMP)
	$(RUFF) check --fix
	$(RUFF) format

# The git hooks of .pre-commit-config.yaml (strip notebook outputs, ruff).
hooks: $(DEV_STAMP)
	$(BIN)/pre-commit install

$(DEV_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet --constraint $(LOCK) --editable '.[dev]'
	touch $(DEV_STAMP)

$(SITE_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet --constraint $(LOCK) --editable '.[site]'
	touch $(SITE_STAMP)

$(E2E_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet --constraint $(LOCK) --editable '.[e2e]'
	touch $(E2E_STAMP)

# The stamp is refreshed whenever pyproject.toml or the lock changes.  Every
# package is installed at the version requirements.lock names (pip's
# constraints), so a whole class gets the same versions.
$(STAMP): pyproject.toml $(LOCK)
	@$(PYTHON) -c 'import sys; sys.exit(0 if (3, 11) <= sys.version_info[:2] <= (3, 13) else "Python 3.11, 3.12 or 3.13 is needed (TensorFlow has wheels for those), found " + sys.version.split()[0] + ": set PYTHON=/path/to/python3.12")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --constraint $(LOCK) --editable .
	touch $(STAMP)

# Refresh the lock: the newest versions pyproject.toml allows, resolved once for
# every platform and Python version (uv.lock), then written for pip
# (requirements.lock).  Needs the network; commit both files.
lock: $(DEV_STAMP)
	$(BIN)/uv lock --upgrade --python $(BIN)/python
	$(BIN)/uv export --frozen --no-hashes --all-extras --no-emit-project --no-annotate --output-file $(LOCK) > /dev/null

# Handy subsets while developing.
unit: $(STAMP) $(RISE_FILES)
	$(PYTEST) $(PARALLEL) $(PYTEST_ARGS) tests

e2e: test-browser

# The widget lessons presented as RISE slideshows in Chromium: every slide and
# fragment, the speaker view, every widget slide (tests/test_present.py, marked
# present; not in `make test`: a few minutes).  Pick lessons: COURSE_PRESENT_LESSONS="04_pooling".
test-present: $(STAMP) $(E2E_STAMP) $(RISE_FILES)
	$(PYTEST) -m present $(PYTEST_ARGS) tests/test_present.py

notebooks: $(STAMP)
	$(PYTEST) $(PARALLEL) $(PYTEST_ARGS) notebooks solutions

# For instructors: executed notebooks as reveal.js slides and as static HTML
# pages (widgets drawn as pictures), in build/.  Full mode unless COURSE_FAST=1.
# They work offline: reveal.js, MathJax and require.js are copied into
# build/*/_assets/ (tools/offline_assets.py; the first run fetches reveal.js,
# require.js and jQuery from the npm registry into $(VENV)/share/course-assets/).
EXPORT := COURSE_WIDGETS=static $(BIN)/python tools/offline_assets.py
slides: $(STAMP)
	$(EXPORT) slides build/slides notebooks/*.ipynb

html: $(STAMP)
	$(EXPORT) html build/html notebooks/*.ipynb

# Only the download, for a test run without network (tests/test_exports.py needs it).
$(OFFLINE_ASSETS): $(STAMP) tools/offline_assets.py
	$(BIN)/python tools/offline_assets.py fetch
	touch $@

# The course website, in build/site (open build/site/index.html): the lessons
# executed in fast mode with widgets as pictures, by Sphinx + myst-nb
# (tools/build_site.py, site/conf.py).  Executions are cached in
# build/site-cache, so only a changed lesson runs again.
site: $(SITE_STAMP)
	$(BIN)/python -m tools.build_site -q

# The site in headless Chromium with the network blocked (tests/test_site.py,
# marked site: no other target runs it), and axe-core's WCAG A/AA audit of
# every page (tests/test_site_accessibility.py, docs/accessibility.md).
test-site: site $(E2E_STAMP) $(AXE_JS)
	$(PYTEST) -m site $(PYTEST_ARGS) tests/test_site.py tests/test_site_alt.py tests/test_site_accessibility.py

# axe-core from npm, at the version tests/axe/package-lock.json pins, into the
# venv (needs npm and the network once; the audit itself runs offline).
axe: $(AXE_JS)
$(AXE_JS): tests/axe/package.json tests/axe/package-lock.json | $(STAMP)
	mkdir -p $(VENV)/share/axe
	cp tests/axe/package.json tests/axe/package-lock.json $(VENV)/share/axe/
	npm ci --prefix $(VENV)/share/axe --ignore-scripts --no-audit --no-fund --silent
	touch $@

# A JupyterHub for a class on this machine (hub/jupyterhub_config.py says
# what it does; README "A class on one server"): sign-up with the
# instructor's authorisation, a server per student from this .venv, the
# course handed out by nbgitpuller, idle servers culled.  `make hub` returns
# once it answers; `make hub-stop` stops every server, the hub and the proxy.
hub: $(HUB_STAMP) $(HUB_PROXY) $(RISE_FILES)
	$(BIN)/python -m tools.hub start

hub-stop: $(HUB_STAMP)
	$(BIN)/python -m tools.hub stop

# The hub with a few simulated students: log-in, spawn, pull, lessons, a
# widget, saving, the faults and the security checks (tests/test_hub.py,
# marked hub: no other target runs it).  The load test is a benchmark.
test-hub: $(HUB_STAMP) $(HUB_PROXY) $(RISE_FILES)
	$(PYTEST) -m hub $(PYTEST_ARGS) tests/test_hub.py

$(HUB_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet --constraint $(LOCK) --editable '.[hub]'
	touch $(HUB_STAMP)

$(HUB_PROXY): hub/proxy/package.json hub/proxy/package-lock.json | $(STAMP)
	mkdir -p $(VENV)/share/hub-proxy
	cp hub/proxy/package.json hub/proxy/package-lock.json $(VENV)/share/hub-proxy/
	npm ci --prefix $(VENV)/share/hub-proxy --ignore-scripts --no-audit --no-fund --silent
	touch $@

doctor: $(STAMP)
	$(BIN)/python -m helpers doctor

# The same checklist with what contributors also need: the test tooling
# (pytest, nbval, pytest-xdist, hypothesis, pyyaml), the report's and the site's
# tools, NumPy's BLAS row and the dev, site and e2e extras.
doctor-contributors: $(STAMP)
	$(BIN)/python -m helpers doctor --contributors

# Every benchmark (docs/benchmarks.md): JSON lines, then a table.  Takes about
# 8 minutes on 2 cores plus about 5 for "suite" (the whole test command); pick
# groups with BENCH_ARGS="ops widgets notebooks recipes" (see --help).
BENCH_ARGS ?=
bench: $(STAMP) $(if $(filter hub-%,$(BENCH_ARGS)),$(HUB_STAMP) $(HUB_PROXY))
	$(BIN)/python -m benchmarks $(BENCH_ARGS)

clean-venv:
	rm -rf $(VENV)
