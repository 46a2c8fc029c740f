import pytest


@pytest.fixture(autouse=True)
def _limits_off(no_rate_limits):
    """Rate limits are tested on their own (test_rate_limits.py)."""
