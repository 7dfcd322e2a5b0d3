# Two commands do everything (see README.md):
#   make lab    install (first time only) and open the course in JupyterLab
#   make test   install (first time only) and run every test, notebooks included
#
# Everything is installed into a project-local virtual environment, .venv/,
# from the one package list in pyproject.toml.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: lab test install unit notebooks clean-venv

lab: $(STAMP)
	cd notebooks && ../$(BIN)/jupyter lab

# COURSE_FAST=1: smaller data and fewer epochs so the notebooks run in minutes.
test: $(STAMP)
	COURSE_FAST=1 $(BIN)/python -m pytest

install: $(STAMP)

# The stamp is refreshed whenever pyproject.toml changes.
$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed, found " + sys.version.split()[0] + ": set PYTHON=/path/to/python3.11")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --editable .
	touch $(STAMP)

# Handy subsets while developing.
unit: $(STAMP)
	COURSE_FAST=1 $(BIN)/python -m pytest tests

notebooks: $(STAMP)
	COURSE_FAST=1 $(BIN)/python -m pytest notebooks

clean-venv:
	rm -rf $(VENV)
