"""Load, fault and fuzz tests: run by `make loadtest` (FIRSTSTEP_LOADTEST=1), not by `make test`.

They start gunicorn on loopback and, for the outage test, a PostgreSQL cluster of their own;
they are bounded in time (about four minutes together) and touch nothing outside 127.0.0.1.
"""

import os
from pathlib import Path

import pytest

if os.environ.get("FIRSTSTEP_LOADTEST") != "1":
    collect_ignore_glob = ["test_*.py"]


@pytest.fixture(scope="session")
def log_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("load-logs")


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix) -> None:
    """A test database of our own on a shared PostgreSQL server, so a `make test` running
    beside `make loadtest` never finds its test_<name> database taken."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("postgresql"):
        database.setdefault("TEST", {})["NAME"] = f"test_firststep_load_{os.getpid()}"
