"""Gunicorn settings for `make serve` and production (docs/deploy.md).

Command-line options override these, e.g. `gunicorn -c gunicorn.conf.py --bind 0.0.0.0:8000`.
"""

import os


def cpu_count() -> int:
    # The CPUs this process may run on (a container's limit), not the host's total.
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


wsgi_app = "firststep.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers: two per CPU plus one, so a CPU never waits while a worker waits on the database.
workers = int(os.environ.get("GUNICORN_WORKERS") or 2 * cpu_count() + 1)
timeout = 30
graceful_timeout = 20
# Heartbeat files on tmpfs, so a slow or full disk never makes workers look dead;
# gunicorn creates them there with mkstemp.
SHARED_MEMORY = "/dev/shm"  # noqa: S108
worker_tmp_dir = SHARED_MEMORY if os.path.isdir(SHARED_MEMORY) else None
# Result URLs carry the reference that opens a person's screening: no access log
# unless asked for (GUNICORN_ACCESS_LOG=- writes it to stdout).
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"


def post_worker_init(worker) -> None:
    # Each worker pays WeasyPrint's first-document cost (~1.4 s, ~40 MB) as it starts,
    # so nobody waits for it behind their first PDF. GUNICORN_WARM_PDF=0 skips it.
    if os.environ.get("GUNICORN_WARM_PDF", "1") != "0":
        from screening.pdf import warm_up

        warm_up()
