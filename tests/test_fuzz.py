"""Bad input, fuzzed: every public helper fed wrong shapes, dtypes, NaN/inf,
empty arrays, huge or negative sizes and plain junk.

A helper either works or raises a plain ValueError/TypeError whose message
names the parameter that was wrong.  The engine (bad values, the rule, the
limits, the tally) is ``tests/fuzz/engine.py``; the helpers and their
parameters are the tables ``tests/fuzz/specs_<module>.py``, one ``Spec`` per
helper.  Each test below runs once per spec, in its own temporary folder.
"""

import pytest

from tests.fuzz import (
    engine,
    specs_activations,
    specs_arithmetic,
    specs_checks,
    specs_config,
    specs_data,
    specs_exercises,
    specs_kernels,
    specs_loops,
    specs_ops,
    specs_plotting,
    specs_plotting_figures,
    specs_widgets,
    specs_xo,
)

# helpers' modules, lowest layer first (helpers/ARCHITECTURE.md)
TABLES = [
    specs_config,
    specs_arithmetic,
    specs_activations,
    specs_kernels,
    specs_ops,
    specs_loops,
    specs_xo,
    specs_checks,
    specs_plotting,
    specs_plotting_figures,
    specs_data,
    specs_exercises,
    specs_widgets,
]
SPECS = [spec for table in TABLES for spec in table.SPECS]
CLASSIC = [spec for spec in SPECS if spec.classic]


def in_a_temporary_folder(spec, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)  # nothing a helper writes can land in the repository
    if spec.setup:
        spec.setup(monkeypatch, tmp_path)


@pytest.mark.parametrize("spec", SPECS, ids=[s.name for s in SPECS])
def test_good_arguments_work(spec, monkeypatch, tmp_path):
    """The baseline each fuzz case starts from must itself be valid."""
    in_a_temporary_folder(spec, monkeypatch, tmp_path)
    engine.run_good(spec)


@pytest.mark.parametrize("spec", CLASSIC, ids=[s.name for s in CLASSIC])
def test_classic_bad_values_get_a_clear_error(spec, fuzz_tally, monkeypatch, tmp_path):
    """Each parameter on its own gets each of ``engine.CLASSIC_BAD``, every run."""
    in_a_temporary_folder(spec, monkeypatch, tmp_path)
    engine.run_classic(spec, fuzz_tally)


@pytest.mark.parametrize("spec", SPECS, ids=[s.name for s in SPECS])
def test_bad_input_gets_a_clear_error(spec, fuzz_tally, monkeypatch, tmp_path):
    """Random cases: one parameter fuzzed (three times in four) or several."""
    in_a_temporary_folder(spec, monkeypatch, tmp_path)
    engine.run_fuzzed(spec, fuzz_tally)
