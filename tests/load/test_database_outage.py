"""PostgreSQL stops in the middle of a screening: the answers are kept, the submit succeeds
once the database is back, exactly once.

The database is a throwaway cluster this test makes with initdb and runs with pg_ctl on a
free port; the machine's shared PostgreSQL server is never touched.
"""

import os
import shutil
import subprocess
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest

from bench.http import (
    Browser,
    Gunicorn,
    answer_steps,
    free_port,
    manage,
    server_env,
    submit_last_step,
)
from screening.references import reference_digest
from tests.screening.journeys import SELF_DAILY_USE

PG_BIN = Path("/usr/lib/postgresql/15/bin")


class Cluster:
    """A PostgreSQL cluster of our own, run as the postgres user when we are root."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.data = directory / "data"
        self.port = free_port()
        self.as_owner = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self.as_owner:
            shutil.chown(directory, "postgres")
        self.run("initdb", "-D", self.data, "-U", "postgres", "-A", "trust", "--no-sync")
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    def run(self, tool: str, *args) -> None:
        subprocess.run(  # noqa: S603 — PostgreSQL's own tools on our own directory
            [*self.as_owner, PG_BIN / tool, *map(str, args)],
            check=True,
            capture_output=True,
            timeout=120,
        )

    def start(self) -> None:
        options = f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1 -c fsync=off"
        self.run(
            "pg_ctl", "-D", self.data, "-o", options, "-l", self.directory / "log", "-w", "start"
        )

    def stop(self) -> None:
        self.run("pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop")

    def is_running(self) -> bool:
        return (self.data / "postmaster.pid").exists()


class HiddenFields(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.action = ""
        self.fields: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs) -> None:
        attributes = dict(attrs)
        if tag == "form" and attributes.get("method") == "post":
            self.action = attributes.get("action") or ""
        if tag == "input" and attributes.get("type") == "hidden":
            self.fields.append((attributes["name"], attributes.get("value") or ""))


def stored_digests(env: dict) -> list[str]:
    import psycopg2

    with psycopg2.connect(env["DATABASE_URL"]) as connection, connection.cursor() as cursor:
        cursor.execute("SELECT reference_digest FROM screening_screening")
        digests = [row[0] for row in cursor.fetchall()]
    connection.close()
    return digests


def wait_for_health(url: str, status: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if Browser(url).get("/healthz").status == status:
            return
        time.sleep(0.3)
    raise AssertionError(f"/healthz did not answer {status} within {timeout} s")


@pytest.fixture
def cluster():
    if not (PG_BIN / "initdb").exists():
        pytest.fail(f"PostgreSQL 15's initdb is missing from {PG_BIN}")
    with tempfile.TemporaryDirectory(prefix="firststep-outage-") as directory:
        cluster = Cluster(Path(directory))
        cluster.start()
        try:
            yield cluster
        finally:
            if cluster.is_running():
                cluster.stop()


def test_a_screening_survives_a_database_outage_and_is_stored_once(cluster, log_dir):
    env = server_env(cluster.url)
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    with Gunicorn(env, workers=2, log_dir=log_dir) as server:
        person = Browser(server.url)
        last_step = answer_steps(person, mode="self", answers=SELF_DAILY_USE)
        assert last_step.status == 200

        cluster.stop()
        wait_for_health(server.url, 503)
        assert Browser(server.url).get("/healthz").text == '{"status": "unavailable"}'
        # Pages that need no database keep working: others can go on answering.
        assert Browser(server.url).get("/screening/").status == 200

        failed = submit_last_step(person, mode="self", answers=SELF_DAILY_USE)
        assert failed.status == 503
        assert "Your answers are kept" in failed.text
        assert "Try again" in failed.text
        form = HiddenFields()
        form.feed(failed.text)
        resubmit = [(name, value) for name, value in form.fields if name != "csrfmiddlewaretoken"]
        assert {name for name, _ in resubmit} >= {"housing", "support", "readiness"}

        cluster.start()
        wait_for_health(server.url, 200)
        second_tab = Browser(server.url)
        second_tab.cookies = dict(person.cookies)
        stored = person.post(form.action, resubmit)
        assert stored.status == 302, stored.text[:2000]
        assert stored.location.startswith("/screening/result/")
        reference = stored.location.split("/")[3]
        assert person.get(stored.location).status == 200

        # "Try again" pressed once more, in a second tab with the same answers: the same result.
        again = second_tab.post(form.action, resubmit)
        assert (again.status, again.location) == (302, stored.location)
        assert stored_digests(env) == [reference_digest(reference)]
    print("\ndatabase outage: 503 with answers kept, /healthz 503, stored once after restart")
