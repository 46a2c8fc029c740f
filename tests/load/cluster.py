"""The pieces of a two-server deployment on loopback: a Redis of our own and HAProxy in front.

Each listens on a free 127.0.0.1 port and is stopped when its `with` block ends. The make
targets install Debian's redis-server and haproxy; a missing one fails the test, it is never
skipped.
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import time
from pathlib import Path

from bench.http import Browser, free_port, stop_process


def _wait_for_port(port: int, process: subprocess.Popen, name: str, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{name} exited with {process.returncode}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1):
            return
        time.sleep(0.1)
    raise RuntimeError(f"{name} did not listen on {port} within {timeout} s")


class RedisServer:
    """redis-server keeping nothing on disk, as the shared cache of both app servers."""

    def __init__(self, log_dir: Path) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            raise RuntimeError("redis-server is missing: `make loadtest` installs it")
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.log_path = log_dir / f"redis-{self.port}.log"
        self.command = [
            binary,
            "--bind",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(log_dir),
            "--logfile",
            str(self.log_path),
        ]
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(self.command)  # noqa: S603 — Debian's redis-server
        _wait_for_port(self.port, self.process, "redis-server")

    def stop(self) -> None:
        stop_process(self.process, timeout=10)

    def __enter__(self) -> RedisServer:
        self.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.stop()


HAPROXY_CONFIG = """\
global
    maxconn 512

defaults
    mode http
    timeout connect 2s
    timeout client 60s
    timeout server 60s
    # A request refused by a dead server is tried again on the other one.
    retries 2
    option redispatch

frontend web
    bind 127.0.0.1:{port}
    default_backend app

backend app
    balance roundrobin
    # The clients' X-Forwarded-For stands for what an outer proxy would add: each simulated
    # person keeps an address of their own, as in production.
    option httpchk GET /healthz
    http-check expect status 200
    http-response set-header X-Served-By %[srv_name]
{servers}
"""


class HAProxy:
    """HAProxy balancing round-robin over the app servers, health-checking /healthz."""

    def __init__(self, backends: list[int], log_dir: Path) -> None:
        binary = shutil.which("haproxy") or "/usr/sbin/haproxy"
        if not Path(binary).exists():
            raise RuntimeError("haproxy is missing: `make loadtest` installs it")
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        servers = "\n".join(
            f"    server app{n} 127.0.0.1:{port} check inter 500ms fall 2 rise 2"
            for n, port in enumerate(backends, start=1)
        )
        self.config = log_dir / f"haproxy-{self.port}.cfg"
        self.config.write_text(HAPROXY_CONFIG.format(port=self.port, servers=servers))
        self.log_path = log_dir / f"haproxy-{self.port}.log"
        self.command = [binary, "-f", str(self.config), "-db"]
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> HAProxy:
        self._log = self.log_path.open("wb")
        self.process = subprocess.Popen(  # noqa: S603 — Debian's haproxy, our config
            self.command, stdout=self._log, stderr=subprocess.STDOUT
        )
        _wait_for_port(self.port, self.process, "haproxy")
        deadline = time.monotonic() + 20
        while Browser(self.url, timeout=5).get("/healthz").status != 200:
            if time.monotonic() > deadline:
                raise RuntimeError("haproxy found no healthy app server")
            time.sleep(0.2)
        return self

    def __exit__(self, *exc_info) -> None:
        stop_process(self.process, timeout=10)
        self._log.close()
