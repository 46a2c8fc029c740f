"""HTTP benchmark: FirstStep under gunicorn on loopback, loaded by wrk, beside a bare view.

Run it as `make bench-http` (or `python -m bench.http`; not as a script, whose directory
would shadow the standard library's `http`). It:

1. makes a throwaway database: a new SQLite file, or a fresh PostgreSQL database on the server
   DATABASE_URL names (created with a unique name, dropped afterwards);
2. migrates, collects static files and imports the real SAMHSA directory (timed);
3. starts gunicorn with gunicorn.conf.py on a free loopback port, DEBUG off, with
   bench/bare_urls.py as the URLconf (the project's URLs plus /bench/bare);
4. runs wrk against each page at 1 and at 50 connections, each time right after the bare
   view at the same concurrency, and prints requests/s, p50/p99 latency and the ratio to the
   bare view; then the PDF render time (median of 20), the peak memory of each gunicorn
   worker and the import time.

The directory search asks for a different ZIP code each request, walking every ZIP code with
a facility: what a person searching for the first time waits for.

Rate limits are off for the run: a single loopback client would otherwise measure the 429 page.
The harness (throwaway database, gunicorn, a cookie- and CSRF-aware client) is shared with
tests/load/.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
FACILITIES = ROOT.parent / "shared" / "data" / "samhsa-substance-use-facilities.csv.gz"
WRK_SCRIPT = Path(__file__).resolve().parent / "wrk.lua"
RATE_LIMITS = (
    "RATE_LIMIT_SCREENING_SUBMIT",
    "RATE_LIMIT_ADMISSIONS_SEND",
    "RATE_LIMIT_REFERENCE_LOOKUP",
    "RATE_LIMIT_API_ASSESS",
    "RATE_LIMIT_LISTING_REPORT",
    "RATE_LIMIT_RESULT_PAGE",
    "RATE_LIMIT_RESULT_PDF",
)
# Goals: a page's requests/s at least this share of the bare view's in the same run.
STEP_GOAL = 0.20
RESULT_GOAL = 0.15
NEW_SEARCH_GOAL = 0.08
API_GOAL = 0.60
CONNECTIONS = (1, 50)
PDF_GOAL_MS = 300
NEW_ZIP_SEARCH = "/treatment/?near={zip_code}&radius=25"


# --- the harness, shared with tests/load/ ------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def is_postgres(url: str | None) -> bool:
    return bool(url) and urlsplit(url).scheme in {"postgres", "postgresql"}


@contextlib.contextmanager
def throwaway_database(server_url: str | None = None) -> Iterator[str]:
    """Yield a DATABASE_URL for a database nobody else uses, and remove it afterwards.

    With a PostgreSQL URL, a fresh database with a unique name is created on that server
    and dropped at the end; otherwise a new SQLite file in a temporary directory.
    """
    if is_postgres(server_url):
        import psycopg2

        name = f"firststep_bench_{os.getpid()}_{secrets.token_hex(4)}"
        admin = psycopg2.connect(server_url)
        admin.autocommit = True
        try:
            with admin.cursor() as cursor:
                cursor.execute(f'CREATE DATABASE "{name}"')
            try:
                yield urlunsplit(urlsplit(server_url)._replace(path=f"/{name}"))
            finally:
                with admin.cursor() as cursor:
                    cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            admin.close()
    else:
        with tempfile.TemporaryDirectory(prefix="firststep-bench-") as directory:
            yield f"sqlite:///{directory}/db.sqlite3"


def server_env(database_url: str, **extra: str) -> dict[str, str]:
    """Production settings for plain HTTP on loopback, with this run's database."""
    inherited = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DJANGO_", "DATABASE_", "RATE_LIMIT_", "GUNICORN_", "FIRSTSTEP_"))
    }
    return {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "firststep.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        # Plain HTTP on loopback only: no redirect to https://, cookies without Secure.
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_SECURE_COOKIES": "0",
        "DJANGO_LOG_LEVEL": "WARNING",
        "DATABASE_URL": database_url,
        **extra,
    }


def manage(env: dict[str, str], *args: str, timeout: float = 600) -> float:
    """Run a manage.py command; return its wall time in seconds, or fail with its output."""
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return time.perf_counter() - started


def has_command(env: dict[str, str], name: str) -> bool:
    result = subprocess.run(
        [sys.executable, "manage.py", "help", name],
        cwd=ROOT,
        env=env,
        capture_output=True,
        timeout=120,
    )
    return result.returncode == 0


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def location(self) -> str:
        return self.headers.get("Location", "")

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


class Browser:
    """One person's browser: keeps cookies, sends the CSRF token with every form post."""

    def __init__(self, base_url: str, timeout: float = 30) -> None:
        parts = urlsplit(base_url)
        self.host = parts.hostname or "127.0.0.1"
        self.port = parts.port or 80
        self.timeout = timeout
        self.cookies: dict[str, str] = {}

    def cookie_header(self) -> str:
        return "; ".join(f"{name}={value}" for name, value in self.cookies.items())

    def request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> Response:
        connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        try:
            sent = {"Host": f"{self.host}:{self.port}", **(headers or {})}
            if self.cookies:
                sent["Cookie"] = self.cookie_header()
            connection.request(method, path, body=body, headers=sent)
            raw = connection.getresponse()
            response = Response(raw.status, raw.msg, raw.read())
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return response

    def get(self, path: str) -> Response:
        return self.request("GET", path)

    def post(self, path: str, fields: dict | list[tuple[str, str]]) -> Response:
        """Post a form as a browser would: list values become repeated fields."""
        if "csrftoken" not in self.cookies:
            self.get("/screening/")  # any page with a form sets the CSRF cookie
        pairs = fields.items() if isinstance(fields, dict) else fields
        flat = [
            (name, item)
            for name, value in pairs
            for item in (value if isinstance(value, list | tuple) else [value])
        ]
        flat = [(n, v) for n, v in flat if n != "csrfmiddlewaretoken"]
        flat.append(("csrfmiddlewaretoken", self.cookies["csrftoken"]))
        return self.request(
            "POST",
            path,
            body=urlencode(flat).encode(),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )


def answer_steps(browser: Browser, *, mode: str, answers: dict) -> Response:
    """Start a questionnaire and post every step but the last; return the last step's page."""
    from screening.questions import STEPS
    from tests.screening.journeys import form_data

    response = browser.post("/screening/", {"mode": mode})
    if response.status != 302:
        raise AssertionError(f"start: {response.status}")
    if mode == "family":
        response = browser.post(
            "/screening/safety-check/", {"overdose_now": answers["overdose_now"]}
        )
        if response.status != 302:
            raise AssertionError(f"safety check: {response.status}")
    for step in STEPS[:-1]:
        response = browser.post(
            f"/screening/step/{step.slug}/", form_data(step.slug, answers, mode)
        )
        if response.status != 302:
            raise AssertionError(f"step {step.slug}: {response.status}\n{response.text[:500]}")
    return browser.get(f"/screening/step/{STEPS[-1].slug}/")


def submit_last_step(browser: Browser, *, mode: str, answers: dict) -> Response:
    from screening.questions import STEPS
    from tests.screening.journeys import form_data

    last = STEPS[-1].slug
    return browser.post(f"/screening/step/{last}/", form_data(last, answers, mode))


RESULT_URL = re.compile(r"^/screening/result/(?P<reference>[A-Za-z0-9_-]+)/$")


def complete_screening(browser: Browser, *, mode: str, answers: dict) -> str:
    """Answer every step as a person would; return the reference the result page shows."""
    answer_steps(browser, mode=mode, answers=answers)
    response = submit_last_step(browser, mode=mode, answers=answers)
    match = RESULT_URL.match(urlsplit(response.location).path) if response.status == 302 else None
    if not match:
        raise AssertionError(f"final submit: {response.status} {response.location}")
    return match["reference"]


def stop_process(process: subprocess.Popen | None, *, timeout: float) -> None:
    """SIGTERM, and SIGKILL if it has not exited within `timeout` seconds."""
    if process is None or process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


class Gunicorn:
    """gunicorn with gunicorn.conf.py on a free loopback port, as `make serve` runs it."""

    def __init__(
        self,
        env: dict[str, str],
        *,
        workers: int | None = None,
        log_dir: Path,
        port: int | None = None,
    ) -> None:
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = log_dir / f"gunicorn-{self.port}-{time.monotonic_ns()}.log"
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "-c",
            "gunicorn.conf.py",
            "--bind",
            f"127.0.0.1:{self.port}",
        ]
        if workers:
            command += ["--workers", str(workers)]
        self._log = self.log_path.open("wb")
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=self._log, stderr=subprocess.STDOUT
        )

    def wait_until_up(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited:\n{self.log()}")
            with contextlib.suppress(OSError):
                if Browser(self.url, timeout=5).get("/healthz").status == 200:
                    return
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer /healthz within {timeout} s:\n{self.log()}")

    def worker_pids(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()]

    def log(self) -> str:
        self._log.flush()
        return self.log_path.read_text(errors="replace")[-5000:]

    def kill(self) -> None:
        """SIGKILL the master and every worker at once, as a crashed machine would stop."""
        for pid in [*self.worker_pids(), self.process.pid]:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        stop_process(self.process, timeout=30)
        self._log.close()

    def __enter__(self) -> Gunicorn:
        try:
            self.wait_until_up()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc_info) -> None:
        self.stop()


def peak_rss_mb(pid: int) -> float:
    """The most resident memory a process has used so far (VmHWM), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise LookupError(f"no VmHWM for {pid}")


# --- the benchmark -----------------------------------------------------------------------


@dataclass
class WrkResult:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int


@dataclass
class Target:
    label: str
    path: str
    goal: float
    method: str = "GET"
    body: str = ""
    content_type: str = ""
    cookie: str = ""
    expected_status: int = 200
    # A file of paths, one a line, requested in turn instead of `path` (bench/wrk.lua).
    paths_file: str = ""


def wrk(url: str, target: Target, args: argparse.Namespace) -> WrkResult:
    env = {
        **os.environ,
        "WRK_METHOD": target.method,
        "WRK_BODY": target.body,
        "WRK_CONTENT_TYPE": target.content_type,
        "WRK_COOKIE": target.cookie,
        "WRK_PATHS": target.paths_file,
        "WRK_THREADS": str(args.threads),
    }
    command = [
        "wrk",
        f"--threads={args.threads}",
        f"--connections={args.connections}",
        f"--duration={args.duration}s",
        "--timeout=10s",
        f"--script={WRK_SCRIPT}",
        url + target.path,
    ]
    output = subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=args.duration + 60, check=True
    ).stdout
    line = next(line for line in output.splitlines() if line.startswith("WRK_JSON "))
    report = json.loads(line.removeprefix("WRK_JSON "))
    seconds = report["duration_us"] / 1e6
    return WrkResult(
        requests_per_second=report["requests"] / seconds,
        p50_ms=report["p50_us"] / 1000,
        p99_ms=report["p99_us"] / 1000,
        errors=report["errors"],
    )


def check_target(url: str, target: Target) -> None:
    """One request first: a page that answers 4xx/5xx would make a meaningless figure."""
    browser = Browser(url)
    headers = {"Cookie": target.cookie} if target.cookie else {}
    if target.content_type:
        headers["Content-Type"] = target.content_type
    body = target.body.encode() if target.body else None
    response = browser.request(target.method, target.path, body=body, headers=headers)
    if response.status != target.expected_status:
        raise AssertionError(
            f"{target.label}: expected {target.expected_status}, got {response.status}\n"
            f"{response.text[:1000]}"
        )


def machine() -> str:
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        "unknown CPU",
    )
    mem_kb = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal:")
    )
    nproc = len(os.sched_getaffinity(0))
    return f"nproc {nproc}, {model}, {mem_kb / 1024 / 1024:.0f} GiB RAM"


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def pdf_render_ms(reference: str, renders: int) -> tuple[float, float]:
    """The first render (fonts loaded) and the median of `renders` more, in ms."""
    from screening.models import Screening
    from screening.pdf import render_summary_pdf
    from screening.views import result_context

    screening = Screening.objects.by_reference(reference).get()
    timings = []
    for _ in range(renders + 1):
        started = time.perf_counter()
        render_summary_pdf(result_context(screening, reference))
        timings.append((time.perf_counter() - started) * 1000)
    return timings[0], statistics.median(timings[1:])


def write_new_zip_searches(path: Path) -> int:
    """A search URL for every ZIP code with an active, located facility, in a fixed shuffle."""
    import random

    from treatment.models import Facility

    zip_codes = sorted(
        set(
            Facility.objects.active()
            .located()
            .exclude(zip_code="")
            .values_list("zip_code", flat=True)
        )
    )
    random.Random(6).shuffle(zip_codes)
    path.write_text("".join(NEW_ZIP_SEARCH.format(zip_code=z) + "\n" for z in zip_codes))
    return len(zip_codes)


def targets(
    url: str, *, directory: bool, new_zip_searches: Path | None = None
) -> tuple[list[Target], str]:
    """The requests to measure, and the reference of the screening whose result is one."""
    from screening.questions import STEPS
    from tests.screening.journeys import SELF_DAILY_USE, form_data

    person = Browser(url)
    reference = complete_screening(person, mode="self", answers=SELF_DAILY_USE)
    # A questionnaire in progress, its first step answered: the second is shown and posted.
    person.post("/screening/", {"mode": "self"})
    first, second = STEPS[0].slug, STEPS[1].slug
    person.post(f"/screening/step/{first}/", form_data(first, SELF_DAILY_USE, "self"))
    step_fields = [
        (name, item)
        for name, value in form_data(second, SELF_DAILY_USE, "self").items()
        for item in (value if isinstance(value, list) else [value])
    ] + [("csrfmiddlewaretoken", person.cookies["csrftoken"])]
    rows = [
        Target("start page GET", "/screening/", 0.0),
        Target(
            "questionnaire step GET",
            f"/screening/step/{second}/",
            STEP_GOAL,
            cookie=person.cookie_header(),
        ),
        Target(
            "questionnaire step POST",
            f"/screening/step/{second}/",
            STEP_GOAL,
            method="POST",
            body=urlencode(step_fields),
            content_type="application/x-www-form-urlencoded",
            cookie=person.cookie_header(),
            expected_status=302,
        ),
        Target("result page GET", f"/screening/result/{reference}/", RESULT_GOAL),
    ]
    if directory and new_zip_searches:
        first_search = new_zip_searches.read_text().split("\n", 1)[0]
        rows.append(
            Target(
                "directory search, a new ZIP each request",
                first_search,
                NEW_SEARCH_GOAL,
                paths_file=str(new_zip_searches),
            )
        )
        found = re.search(r'href="(/treatment/facility/\d+/)', Browser(url).get(first_search).text)
        if found:
            rows.append(Target("facility page GET", found[1], 0.0))
    rows.append(
        Target(
            "POST /api/assess",
            "/api/assess",
            API_GOAL,
            method="POST",
            body=json.dumps({"mode": "self", **SELF_DAILY_USE}),
            content_type="application/json",
        )
    )
    return rows, reference


def measure_row(
    url: str, row: Target, bare: Target, args: argparse.Namespace, connections: int
) -> str:
    """The row's table line at `connections`: `args.rounds` rounds of the bare view then the
    row, back to back, and the median round's figures (the machine drifts between runs)."""
    at = argparse.Namespace(
        **{**vars(args), "connections": connections, "threads": min(args.threads, connections)}
    )
    rounds = []
    for _ in range(args.rounds):
        baseline = wrk(url, bare, at)
        measured = wrk(url, row, at)
        rounds.append(
            (measured.requests_per_second / baseline.requests_per_second, baseline, measured)
        )
    rounds.sort(key=lambda round_: round_[0])
    ratio, baseline, measured = rounds[len(rounds) // 2]
    spread = f"{rounds[0][0]:.0%}–{rounds[-1][0]:.0%}"
    goal = f"≥ {row.goal:.0%} {'met' if ratio >= row.goal else 'MISSED'}" if row.goal else "—"
    errors = sum(b.errors + m.errors for _, b, m in rounds)
    return (
        f"| {row.label} | {connections} | {measured.requests_per_second:.0f} | "
        f"{measured.p50_ms:.1f} | {measured.p99_ms:.1f} | {baseline.requests_per_second:.0f} | "
        f"{ratio:.0%} | {spread} | {goal} | {errors} |"
    )


def run(args: argparse.Namespace) -> int:
    if not shutil.which("wrk"):
        print("wrk is not installed: apt-get install wrk", file=sys.stderr)
        return 2
    server_url = args.database_url
    engine = "PostgreSQL" if is_postgres(server_url) else "SQLite"
    print(f"FirstStep HTTP benchmark, {datetime.date.today()}, {engine}")
    print(f"machine: {machine()}; load average before: {load_average()}")
    print(
        f"wrk: up to {args.threads} threads, {' and '.join(map(str, CONNECTIONS))} connections, "
        f"{args.rounds} rounds of {args.duration} s bare view + {args.duration} s page per row, "
        "the median round's figures (wrk and gunicorn share the machine)"
    )
    with (
        throwaway_database(server_url) as database_url,
        tempfile.TemporaryDirectory(prefix="firststep-bench-") as log_dir,
    ):
        env = server_env(
            database_url,
            FIRSTSTEP_ROOT_URLCONF="bench.bare_urls",
            **dict.fromkeys(RATE_LIMITS, "0"),
        )
        os.environ.update(env)  # this process renders the PDFs against the same database
        import django

        django.setup()

        notes = [f"migrate: {manage(env, 'migrate', '--noinput'):.1f} s"]
        manage(env, "collectstatic", "--noinput")
        directory = False
        if not has_command(env, "import_facilities"):
            notes.append("directory import: not available (no import_facilities command yet)")
        elif not args.facilities.exists():
            notes.append(f"directory import: not available ({args.facilities} is missing)")
        else:
            seconds = manage(env, "import_facilities", str(args.facilities), timeout=1800)
            from treatment.models import Facility

            count = Facility.objects.count()
            notes.append(f"directory import: {seconds:.1f} s for {count} facilities (real file)")
            directory = count > 0
        new_zip_searches = Path(log_dir) / "new-zip-searches.txt"
        if directory:
            zip_codes = write_new_zip_searches(new_zip_searches)
            notes.append(
                f"directory search, a new ZIP each request: {zip_codes:,} ZIP codes with a "
                "facility, the wrk threads taking them in turn from a random start"
            )

        with Gunicorn(env, workers=args.workers, log_dir=Path(log_dir)) as server:
            pids = server.worker_pids()
            print(f"gunicorn: {len(pids)} workers on {server.url}\n")
            rows, reference = targets(
                server.url,
                directory=directory,
                new_zip_searches=new_zip_searches if directory else None,
            )
            if args.only:
                chosen = [
                    row
                    for row in rows
                    if any(word.lower() in row.label.lower() for word in args.only)
                ]
                if not chosen:
                    labels = "\n  ".join(row.label for row in rows)
                    raise SystemExit(f"--only {args.only} matches none of:\n  {labels}")
                rows = chosen
            bare = Target("bare view", "/bench/bare", 1.0)
            check_target(server.url, bare)
            for row in rows:
                check_target(server.url, row)
            # A short warm-up so every worker has imported and compiled what it serves.
            warm = argparse.Namespace(**{**vars(args), "duration": 2, "connections": 8})
            for row in [bare, *rows]:
                wrk(server.url, row, warm)

            header = (
                "| request | conns | req/s | p50 ms | p99 ms | bare req/s | ratio | all rounds "
                "| goal | errors |"
            )
            print(header)
            print("|---|---:|---:|---:|---:|---:|---:|---|---|---:|")
            for row in rows:
                for connections in CONNECTIONS:
                    print(measure_row(server.url, row, bare, args, connections), flush=True)
            if not directory:
                notes.append("directory search: not available (no directory)")

            first_ms, median_ms = pdf_render_ms(reference, args.pdf_renders)
            verdict = "met" if median_ms <= PDF_GOAL_MS else "MISSED"
            notes.append(
                f"PDF summary: median {median_ms:.0f} ms of {args.pdf_renders} renders "
                f"(first {first_ms:.0f} ms); goal ≤ {PDF_GOAL_MS} ms {verdict}"
            )
            peaks = [peak_rss_mb(pid) for pid in pids]
            notes.append(
                "peak RSS per gunicorn worker (VmHWM): "
                + ", ".join(f"{mb:.0f}" for mb in peaks)
                + f" MB (max {max(peaks):.0f} MB)"
            )
        from django.db import connections

        connections.close_all()  # before the throwaway database is dropped
    notes.append(f"load average after: {load_average()} (other work on the machine skews figures)")
    print()
    for note in notes:
        print(f"- {note}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=3, help="seconds per wrk run (3)")
    parser.add_argument(
        "--rounds", type=int, default=3, help="rounds of bare view + page per row; median (3)"
    )
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, help="gunicorn workers (gunicorn.conf.py's)")
    parser.add_argument("--pdf-renders", type=int, default=20)
    parser.add_argument(
        "--only",
        nargs="+",
        metavar="WORD",
        help="measure only the rows whose label holds one of these words, e.g. result",
    )
    parser.add_argument("--facilities", type=Path, default=FACILITIES)
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL"),
        help="a PostgreSQL server to make a throwaway database on (default: DATABASE_URL); "
        "SQLite when unset",
    )
    args = parser.parse_args()
    # Let Ctrl-C and SIGTERM run the clean-up (stop gunicorn, drop the database).
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
