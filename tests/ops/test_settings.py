"""Settings from the environment: a bad value stops start-up with a message naming it."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "a-test-key-that-is-long-and-random-enough-" + "k7Qx9" * 8,
    "DJANGO_ALLOWED_HOSTS": "firststep.example.org",
}


def manage_check(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    return subprocess.run(  # noqa: S603 — our own manage.py, fixed arguments
        [sys.executable, "manage.py", "check", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"DJANGO_DEBUG": "maybe"}, "DJANGO_DEBUG"),
        ({"DATABASE_URL": "mysql://x"}, "DATABASE_URL"),
        ({"DATABASE_URL": "postgres://user@host:5432/"}, "DATABASE_URL"),
        ({"DATABASE_URL": "postgres://user@host:port/name"}, "DATABASE_URL"),
        ({"DJANGO_DEBUG": "0", "DJANGO_ALLOWED_HOSTS": "example.org"}, "DJANGO_SECRET_KEY"),
        ({**PRODUCTION, "DJANGO_ALLOWED_HOSTS": ""}, "DJANGO_ALLOWED_HOSTS"),
        ({**PRODUCTION, "DJANGO_SECURE_COOKIES": "sometimes"}, "DJANGO_SECURE_COOKIES"),
        ({**PRODUCTION, "DJANGO_BEHIND_PROXY": "nginx"}, "DJANGO_BEHIND_PROXY"),
        ({"SESSION_COOKIE_AGE": "a day"}, "SESSION_COOKIE_AGE"),
        ({"RATE_LIMIT_API_ASSESS": "lots"}, "RATE_LIMIT_API_ASSESS"),
    ],
)
def test_it_refuses_a_bad_value_and_names_the_variable(env, named):
    result = manage_check(env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert named in result.stderr.strip().splitlines()[-1]


def test_it_passes_the_deployment_checks_with_production_settings(tmp_path):
    database = {"DATABASE_URL": f"sqlite:///{tmp_path / 'check.sqlite3'}"}
    result = manage_check(PRODUCTION | database, "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stderr


def test_the_project_urls_are_served_unless_the_bench_says_otherwise():
    from django.conf import settings

    assert "FIRSTSTEP_ROOT_URLCONF" not in os.environ
    assert settings.ROOT_URLCONF == "firststep.urls"


def test_the_benchmark_switches_off_every_rate_limit():
    """A limit the bench left on would measure the 429 page instead of the page."""
    from django.conf import settings

    from bench.http import RATE_LIMITS

    assert {f"RATE_LIMIT_{scope.upper()}" for scope in settings.RATE_LIMITS} == set(RATE_LIMITS)
