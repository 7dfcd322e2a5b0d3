"""pytest set-up for the whole suite: the unit tests in tests/ and the notebooks.

It sits at the top so that it applies to every pytest command, also to one
notebook on its own (``pytest notebooks/03_conv_arithmetic.ipynb``):

- ``tests/offline.py``: no connection may leave the machine;
- ``tests/hypothesis_profiles.py``: the "course" and "ci" profiles;
- ``tests/parallel.py``: with pytest-xdist (``make test`` runs two workers),
  each worker and the kernels it starts use one thread, and the long
  notebooks start first;
- ``tests/notebook_runs.py``: every cell of every notebook that nbval runs
  (run A) is run a second time in nbval's kernel, still alive, in order (run
  B): it must still pass, and its numbers must repeat.

Which tests run (markers and options registered in pyproject.toml's
[tool.pytest.ini_options] and here; the one place that explains them):

- ``site`` and ``present``: the website (tests/test_site.py) and the RISE
  slideshows (tests/test_present.py), left out of every command but
  ``make test-site`` (``-m site``) and ``make test-present`` (``-m present``);
- ``hub``: the class hub with simulated students (tests/test_hub.py), left
  out of every command but ``make test-hub`` (``-m hub``), which ``.ci/run``
  runs;
- ``browser``: the course in JupyterLab in headless Chromium
  (tests/test_browser.py, tests/test_browser_alt.py), left out of every
  command but ``make test-browser`` (``-m browser``), which ``.ci/run`` runs;
- ``--no-repeat-for NAME`` (tests/notebook_runs.py): that notebook gets
  nbval's run only; ``make test`` passes it for the training lessons 05, 06
  and 08, and ``make test-repeat`` (in ``.ci/run``) runs them with run B;
- ``--require-browser``: a browser test that cannot run here (no Playwright,
  no Chromium, no offline assets) fails instead of being skipped.  ``.ci/run``
  passes it: on CI, skipping is a failure.
"""

import pytest

pytest_plugins = ["tests.offline", "tests.hypothesis_profiles", "tests.parallel", "tests.notebook_runs"]


def pytest_addoption(parser):
    parser.addoption(
        "--require-browser",
        action="store_true",
        default=False,
        help="a browser test that cannot run here fails instead of being skipped (.ci/run passes it)",
    )


@pytest.fixture(scope="session")
def require_browser(request) -> bool:
    """Whether a browser test that cannot run must fail (``--require-browser``) rather than skip."""
    return request.config.getoption("--require-browser")
