"""pytest set-up for the whole suite: the unit tests in tests/ and the notebooks.

It sits at the top so that it applies to every pytest command, also to one
notebook on its own (``pytest notebooks/03_conv_arithmetic.ipynb``):

- ``tests/offline.py``: no connection may leave the machine;
- ``tests/hypothesis_profiles.py``: the "course" and "ci" profiles;
- ``tests/parallel.py``: with pytest-xdist (``make test`` runs two workers),
  each worker and the kernels it starts use one thread, and the long
  notebooks start first;
- ``tests/notebook_runs.py``: every notebook that nbval runs is also run a
  second time in a fresh kernel (its numbers must repeat) and every cell a
  second time in nbval's kernel (it must still pass).
"""

pytest_plugins = ["tests.offline", "tests.hypothesis_profiles", "tests.parallel", "tests.notebook_runs"]
