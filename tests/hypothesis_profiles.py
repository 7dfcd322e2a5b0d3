"""Hypothesis' profiles, for every test command (a pytest plugin, loaded by
the top-level ``conftest.py``, so that ``--hypothesis-profile=ci`` works
whatever the command collects).

- "course" (the default, for a developer): new random examples every run,
  COURSE_HYPOTHESIS_EXAMPLES of them (40 unless set);
- "ci" (``make test``, ``make check``: ``--hypothesis-profile=ci``): a fixed,
  derandomised set of 12 examples per test, the same on every run and
  machine, so a CI run repeats.  The fuzz test's fixed sweep of classic bad
  values (tests/fuzz/engine.py, ``CLASSIC_BAD``) runs in full either way.

TensorFlow's first call in a test is slow, so there is no per-example deadline.
"""

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "course",
    max_examples=int(os.environ.get("COURSE_HYPOTHESIS_EXAMPLES", "40")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "ci",
    max_examples=12,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("course")  # --hypothesis-profile=ci picks the other
