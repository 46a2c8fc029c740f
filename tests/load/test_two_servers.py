"""A two-server deployment on loopback under load: HAProxy in front of two gunicorn app
servers, one Redis as their shared cache, one database (the machine's PostgreSQL when
DATABASE_URL names it, as in CI; else a SQLite file both servers share).

In order: the rate limits hold across both servers; 60 s of people screening, searching
the directory, calling the API and staff reviewing, with no errors and every screening and
referral stored exactly once; one app server killed mid-load (SIGKILL), the balancer
carrying on with only the requests in flight on it failing; Redis stopped mid-load, pages
and submissions still working. Each simulated person has an address of their own
(X-Forwarded-For behind DJANGO_BEHIND_PROXY=1), so the rate limits stay on.
"""

import hashlib
import hmac
import json
import os
import random
import re
import struct
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field

import pytest

from bench.http import (
    FACILITIES,
    ROOT,
    Browser,
    Gunicorn,
    complete_screening,
    has_command,
    manage,
    server_env,
    throwaway_database,
)
from screening.references import reference_digest
from tests.load.cluster import HAProxy, RedisServer
from tests.screening.journeys import FAMILY_OBSERVER, SELF_DAILY_USE

SECONDS = float(os.environ.get("FIRSTSTEP_LOAD_SECONDS", "60"))
FAULT_SECONDS = 30  # each fault phase; the fault comes a third of the way in
PEOPLE, SEARCHERS, API_CLIENTS, STAFF = 5, 2, 1, 2
WORKERS_PER_SERVER = 3
API_LIMIT = 60  # RATE_LIMIT_API_ASSESS, per client per minute
STAFF_PASSWORD = "load-test-staff-password-8472"
TOTP_KEY = "3132333435363738393031323334353637383930"  # RFC 6238's test key, hex
SEARCHES = ["22902", "10001", "60601", "94103", "Charlottesville, VA", "73301", "99501"]
RADII = ["10", "25", "50", "100"]

SETUP_STAFF = f"""
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django_otp.plugins.otp_totp.models import TOTPDevice
from admissions.services import default_team, team_member_add
group, _ = Group.objects.get_or_create(name="admissions")
for n in range({STAFF}):
    user = get_user_model().objects.create_user(f"loadstaff{{n}}", password="{STAFF_PASSWORD}")
    user.groups.add(group)
    team_member_add(team=default_team(), user=user)
    TOTPDevice.objects.create(user=user, name="phone", confirmed=True, key="{TOTP_KEY}")
"""
STORED = """
import json
from screening.models import Screening
from admissions.models import Referral
print(json.dumps({
    "screenings": list(Screening.objects.values_list("reference_digest", flat=True)),
    "referrals": Referral.objects.count(),
}))
"""


def manage_output(env: dict, code: str) -> str:
    """The last line a `manage.py shell -c` prints, against the server's database."""
    result = subprocess.run(  # noqa: S603 — our own manage.py with our own code
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return result.stdout.strip().splitlines()[-1]


def totp_now(key_hex: str) -> str:
    """RFC 6238 with django-otp's defaults: SHA-1, 30 s steps, 6 digits."""
    counter = struct.pack(">Q", int(time.time()) // 30)
    mac = hmac.new(bytes.fromhex(key_hex), counter, hashlib.sha1).digest()
    offset = mac[-1] & 0x0F
    code = (struct.unpack(">I", mac[offset : offset + 4])[0] & 0x7FFFFFFF) % 1_000_000
    return f"{code:06d}"


@dataclass
class Tally:
    lock: threading.Lock = field(default_factory=threading.Lock)
    requests: Counter = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    error_times: list[float] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    sent: int = 0
    fault_at: float = 0.0

    def ok(self, kind: str) -> None:
        with self.lock:
            self.requests[kind] += 1

    def error(self, message: str) -> None:
        with self.lock:
            self.errors.append(message)
            self.error_times.append(time.monotonic())


class Person(Browser):
    """A browser with an address of its own, as the proxy would report it."""

    def __init__(self, base_url: str) -> None:
        super().__init__(base_url)
        self.address = (
            f"10.{random.randrange(256)}.{random.randrange(256)}.{random.randrange(1, 255)}"
        )

    def request(self, method, path, body=None, headers=None):
        return super().request(
            method, path, body=body, headers={"X-Forwarded-For": self.address, **(headers or {})}
        )


def expect(tally: Tally, kind: str, response, *statuses: int) -> bool:
    if response.status in statuses:
        tally.ok(kind)
        return True
    tally.error(f"{kind}: HTTP {response.status} {response.text[:300]!r}")
    return False


def screening_person(url: str, tally: Tally, deadline: float, number: int) -> None:
    while time.monotonic() < deadline:
        person = Person(url)
        mode, answers = random.choice([("self", SELF_DAILY_USE), ("family", FAMILY_OBSERVER)])
        expect(tally, "start page", person.get("/screening/"), 200)
        reference = complete_screening(person, mode=mode, answers=answers)
        with tally.lock:
            tally.references.append(reference)
        tally.ok("screening completed")
        expect(tally, "result page", person.get(f"/screening/result/{reference}/"), 200)
        if random.random() < 0.1:
            expect(
                tally, "result PDF", person.get(f"/screening/result/{reference}/summary.pdf"), 200
            )
        if random.random() < 0.3:
            send = f"/my-screening/{reference}/send/"
            expect(tally, "consent page", person.get(send), 200)
            consent = {
                "contact_phone": "434-555-0100",
                "ways": ["call"],
                "message_style": "discreet",
                "ok_to_leave_message": "no",
                "consent": "on",
            }
            if mode == "family":
                consent["loved_one_knows"] = "unsure"
            if expect(tally, "send to admissions", person.post(send, consent), 302):
                with tally.lock:
                    tally.sent += 1


def searcher(url: str, tally: Tally, deadline: float, number: int) -> None:
    person = Person(url)
    while time.monotonic() < deadline:
        near, radius = random.choice(SEARCHES), random.choice(RADII)
        query = f"near={near.replace(' ', '+').replace(',', '%2C')}&radius={radius}"
        page = person.get(f"/treatment/?{query}")
        expect(tally, "directory search", page, 200)
        found = re.findall(r'href="(/treatment/facility/\d+/)[^"]*"', page.text)
        if found:
            expect(tally, "facility page", person.get(random.choice(found)), 200)
        expect(tally, "api facilities", person.get(f"/api/facilities?{query}"), 200)


def api_client(url: str, tally: Tally, deadline: float, number: int) -> None:
    body = json.dumps({"mode": "self", **SELF_DAILY_USE}).encode()
    while time.monotonic() < deadline:
        client = Person(url)  # the API limit is per client; each call here is someone else
        response = client.request(
            "POST", "/api/assess", body=body, headers={"Content-Type": "application/json"}
        )
        expect(tally, "api assess", response, 200)
        time.sleep(0.05)


def staff_member(url: str, tally: Tally, deadline: float, number: int) -> None:
    staff = Person(url)
    staff.get("/staff/login/")
    login = {"username": f"loadstaff{number}", "password": STAFF_PASSWORD}
    if not expect(tally, "staff login", staff.post("/staff/login/", login), 302):
        return
    if not expect(
        tally, "staff 2FA", staff.post("/staff/two-step/", {"token": totp_now(TOTP_KEY)}), 302
    ):
        return
    while time.monotonic() < deadline:
        queue = staff.get("/staff/")
        expect(tally, "staff queue", queue, 200)
        cases = sorted(set(re.findall(r'href="(/staff/cases/\d+/)"', queue.text)))
        for case in cases[:3]:
            expect(tally, "staff case", staff.get(case), 200)
        time.sleep(0.5)


def run_role(role, url: str, tally: Tally, deadline: float, number: int) -> None:
    """Play a role until the deadline. A dropped connection or a failed step is counted as
    an error, and the person starts again, as someone would press reload."""
    while time.monotonic() < deadline:
        try:
            role(url, tally, deadline, number)
        except Exception as error:
            tally.error(f"{role.__name__}: {type(error).__name__}: {error}")
            time.sleep(0.2)


def run_load(url: str, seconds: float, directory: bool, fault=None) -> Tally:
    """Every role against `url` for `seconds`; `fault()` runs a third of the way in."""
    tally = Tally()
    deadline = time.monotonic() + seconds
    roles = [screening_person] * PEOPLE + [api_client] * API_CLIENTS + [staff_member] * STAFF
    if directory:
        roles += [searcher] * SEARCHERS
    numbers = Counter()
    threads = []
    for role in roles:
        thread = threading.Thread(
            target=run_role, args=(role, url, tally, deadline, numbers[role]), daemon=True
        )
        numbers[role] += 1
        threads.append(thread)
        thread.start()
    if fault is not None:
        time.sleep(seconds / 3)
        tally.fault_at = time.monotonic()
        fault()
    for thread in threads:
        thread.join(timeout=seconds + 120)
    assert not any(thread.is_alive() for thread in threads), "a client did not finish"
    return tally


def stored_now(env: dict) -> dict:
    return json.loads(manage_output(env, STORED))


def summary(name: str, tally: Tally, stored: dict, before: dict) -> str:
    kinds = ", ".join(f"{kind}: {count}" for kind, count in sorted(tally.requests.items()))
    new_screenings = len(stored["screenings"]) - len(before["screenings"])
    new_referrals = stored["referrals"] - before["referrals"]
    return (
        f"\n{name}: {kinds}; failed: {len(tally.errors)}\n"
        f"  screenings completed: {len(set(tally.references))}, stored: {new_screenings}; "
        f"sent to admissions: {tally.sent}, referrals stored: {new_referrals}"
    )


@dataclass
class Deployment:
    env: dict
    redis: RedisServer
    servers: list[Gunicorn]
    balancer: HAProxy
    directory: bool
    log_dir: object


@pytest.fixture(scope="module")
def deployment(log_dir):
    with (
        throwaway_database(os.environ.get("DATABASE_URL")) as database_url,
        RedisServer(log_dir) as redis,
    ):
        env = server_env(
            database_url,
            DJANGO_BEHIND_PROXY="1",
            REDIS_URL=redis.url,
            GUNICORN_WORKERS=str(WORKERS_PER_SERVER),
            GUNICORN_WARM_PDF="0",
            RATE_LIMIT_API_ASSESS=str(API_LIMIT),
        )
        manage(env, "migrate", "--noinput")
        manage(env, "collectstatic", "--noinput")
        directory = has_command(env, "import_facilities") and FACILITIES.exists()
        if directory:
            manage(env, "import_facilities", str(FACILITIES))
        manage(env, "shell", "-c", SETUP_STAFF)
        servers = [Gunicorn(env, log_dir=log_dir) for _ in range(2)]
        try:
            for server in servers:
                server.wait_until_up()
            with HAProxy([server.port for server in servers], log_dir) as balancer:
                yield Deployment(env, redis, servers, balancer, directory, log_dir)
        finally:
            for server in servers:
                server.stop()


def logs(deployment: Deployment) -> str:
    return "\n".join(server.log()[-1500:] for server in deployment.servers)


def test_a_rate_limit_holds_across_both_servers(deployment):
    # One client, one fixed one-minute window: start early in a window.
    while time.time() % 60 > 45:
        time.sleep(1)
    client = Person(deployment.balancer.url)
    body = json.dumps({"mode": "self", **SELF_DAILY_USE}).encode()
    statuses, served_by = [], Counter()
    for _ in range(API_LIMIT + 1):
        response = client.request(
            "POST", "/api/assess", body=body, headers={"Content-Type": "application/json"}
        )
        statuses.append(response.status)
        served_by[response.headers.get("X-Served-By")] += 1
    print(f"\nrate limit {API_LIMIT}/min, one client through the balancer: {dict(served_by)}")
    assert served_by["app1"] >= API_LIMIT // 3 and served_by["app2"] >= API_LIMIT // 3
    assert statuses[:API_LIMIT] == [200] * API_LIMIT
    assert statuses[API_LIMIT] == 429
    # Another client is not held back by the first one's count.
    assert (
        Person(deployment.balancer.url)
        .request("POST", "/api/assess", body=body, headers={"Content-Type": "application/json"})
        .status
        == 200
    )


def test_mixed_load_through_the_balancer_loses_nothing(deployment):
    before = stored_now(deployment.env)
    tally = run_load(deployment.balancer.url, SECONDS, deployment.directory)
    stored = stored_now(deployment.env)
    print(summary(f"mixed load, {SECONDS:.0f} s, two servers", tally, stored, before))
    new = set(stored["screenings"]) - set(before["screenings"])
    assert not tally.errors, "\n".join(tally.errors[:20]) + "\n" + logs(deployment)
    assert {reference_digest(r) for r in tally.references} == new
    assert len(tally.references) == len(set(tally.references)) == len(new)
    assert stored["referrals"] - before["referrals"] == tally.sent
    assert tally.references, "no screening was completed"
    assert deployment.directory, "the directory could not be imported: no searches ran"


def test_an_app_server_killed_mid_load_fails_only_its_requests_in_flight(deployment):
    before = stored_now(deployment.env)
    victim = deployment.servers[1]
    tally = run_load(deployment.balancer.url, FAULT_SECONDS, deployment.directory, victim.kill)
    stored = stored_now(deployment.env)
    print(summary(f"app server 2 killed after {FAULT_SECONDS / 3:.0f} s", tally, stored, before))
    print("  failed in flight: " + "; ".join(tally.errors)[:1500])
    clients = PEOPLE + SEARCHERS + API_CLIENTS + STAFF
    new = set(stored["screenings"]) - set(before["screenings"])
    completed = {reference_digest(r) for r in tally.references}
    # Only what was in flight on the killed server may fail: one request per client at most,
    # all within the moment it died.
    assert len(tally.errors) <= clients, "\n".join(tally.errors)
    assert all(at - tally.fault_at < 5 for at in tally.error_times), tally.errors
    assert completed <= new, f"{len(completed - new)} completed screenings were lost"
    # A submit whose answer died with the server may have been stored unseen.
    assert len(new - completed) <= len(tally.errors)
    assert tally.sent <= stored["referrals"] - before["referrals"] <= tally.sent + len(tally.errors)
    # The server comes back on the same port and the balancer takes it in again.
    deployment.servers[1] = Gunicorn(deployment.env, log_dir=deployment.log_dir, port=victim.port)
    deployment.servers[1].wait_until_up()
    time.sleep(2)  # two health checks


def test_with_redis_stopped_mid_load_pages_and_submissions_still_work(deployment):
    before = stored_now(deployment.env)
    tally = run_load(
        deployment.balancer.url, FAULT_SECONDS, deployment.directory, deployment.redis.stop
    )
    stored = stored_now(deployment.env)
    print(summary(f"Redis stopped after {FAULT_SECONDS / 3:.0f} s", tally, stored, before))
    new = set(stored["screenings"]) - set(before["screenings"])
    assert not tally.errors, "\n".join(tally.errors[:20]) + "\n" + logs(deployment)
    assert {reference_digest(r) for r in tally.references} == new
    assert stored["referrals"] - before["referrals"] == tally.sent
    # The rate limits failed open, and said so in the log.
    assert "rate limit" in "".join(server.log() for server in deployment.servers)
