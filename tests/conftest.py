"""Shared fixtures for the unit tests."""

import os

import pytest
from hypothesis import HealthCheck, settings

# Hypothesis: enough examples to find shape bugs, bounded for a 2-core CI box.
# TensorFlow's first call in a test is slow, so no per-example deadline.
settings.register_profile(
    "course",
    max_examples=int(os.environ.get("COURSE_HYPOTHESIS_EXAMPLES", "40")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("course")


@pytest.fixture(scope="session")
def tf():
    """TensorFlow, imported once and quietly."""
    from helpers import config

    return config.quiet_tensorflow()


@pytest.fixture(scope="session")
def keras(tf):
    import keras

    return keras
