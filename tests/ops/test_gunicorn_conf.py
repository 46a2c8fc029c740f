"""gunicorn.conf.py: workers from the CPUs this process may use, no access log by default."""

import os
import runpy
from pathlib import Path

CONF = Path(__file__).resolve().parents[2] / "gunicorn.conf.py"


def load(monkeypatch, **env: str) -> dict:
    for name in ("GUNICORN_WORKERS", "GUNICORN_BIND", "GUNICORN_ACCESS_LOG", "GUNICORN_WARM_PDF"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(CONF))


def test_it_runs_two_workers_per_cpu_plus_one(monkeypatch):
    conf = load(monkeypatch)
    assert conf["workers"] == 2 * len(os.sched_getaffinity(0)) + 1


def test_it_keeps_references_out_of_logs_by_default(monkeypatch):
    conf = load(monkeypatch)
    assert conf["accesslog"] is None
    assert conf["bind"] == "127.0.0.1:8000"


def test_it_takes_workers_bind_and_access_log_from_the_environment(monkeypatch):
    conf = load(monkeypatch, GUNICORN_WORKERS="3", GUNICORN_BIND="0.0.0.0:9000")
    assert (conf["workers"], conf["bind"]) == (3, "0.0.0.0:9000")
    assert load(monkeypatch, GUNICORN_ACCESS_LOG="-")["accesslog"] == "-"


def test_each_worker_warms_the_pdf_renderer_unless_told_not_to(monkeypatch):
    calls = []
    monkeypatch.setattr("screening.pdf.warm_up", lambda: calls.append("warm"))
    load(monkeypatch)["post_worker_init"](worker=None)
    load(monkeypatch, GUNICORN_WARM_PDF="0")["post_worker_init"](worker=None)
    assert calls == ["warm"]


def test_the_warm_up_needs_no_database_and_no_screening():
    # Workers warm up as they start, before any request and with no database access
    # allowed here: pytest-django fails a test that touches the database unmarked.
    from screening.pdf import warm_up

    warm_up()
