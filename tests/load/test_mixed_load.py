"""60 seconds of people screening, searching the directory, calling the API and staff
reviewing, against gunicorn as `make serve` runs it: no errors, and no screening lost.

Each simulated person has an address of their own (X-Forwarded-For behind
DJANGO_BEHIND_PROXY=1), so the rate limits stay on as in production.
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
from tests.screening.journeys import FAMILY_OBSERVER, SELF_DAILY_USE

SECONDS = float(os.environ.get("FIRSTSTEP_LOAD_SECONDS", "60"))
PEOPLE, SEARCHERS, API_CLIENTS, STAFF = 5, 2, 1, 2
STAFF_PASSWORD = "load-test-staff-password-8472"
TOTP_KEY = "3132333435363738393031323334353637383930"  # RFC 6238's test key, hex
SEARCHES = ["22902", "10001", "60601", "94103", "Charlottesville, VA", "73301", "99501"]
RADII = ["10", "25", "50", "100"]

SETUP_STAFF = f"""
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django_otp.plugins.otp_totp.models import TOTPDevice
group, _ = Group.objects.get_or_create(name="admissions")
for n in range({STAFF}):
    user = get_user_model().objects.create_user(f"loadstaff{{n}}", password="{STAFF_PASSWORD}")
    user.groups.add(group)
    TOTPDevice.objects.create(user=user, name="phone", confirmed=True, key="{TOTP_KEY}")
"""
STORED_DIGESTS = """
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
    references: list[str] = field(default_factory=list)
    sent: int = 0

    def ok(self, kind: str) -> None:
        with self.lock:
            self.requests[kind] += 1

    def error(self, message: str) -> None:
        with self.lock:
            self.errors.append(message)


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
                "ok_to_leave_message": "no",
                "consent": "on",
            }
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
    try:
        role(url, tally, deadline, number)
    except Exception as error:  # a dropped connection or a failed step is an error, not a crash
        tally.error(f"{role.__name__}: {type(error).__name__}: {error}")


@pytest.fixture(scope="module")
def server(log_dir):
    with throwaway_database(os.environ.get("DATABASE_URL")) as database_url:
        env = server_env(database_url, DJANGO_BEHIND_PROXY="1")
        manage(env, "migrate", "--noinput")
        manage(env, "collectstatic", "--noinput")
        directory = has_command(env, "import_facilities") and FACILITIES.exists()
        if directory:
            manage(env, "import_facilities", str(FACILITIES))
        manage(env, "shell", "-c", SETUP_STAFF)
        with Gunicorn(env, log_dir=log_dir) as gunicorn:
            yield gunicorn, env, directory


def test_it_serves_mixed_load_without_errors_or_lost_screenings(server):
    gunicorn, env, directory = server
    tally = Tally()
    deadline = time.monotonic() + SECONDS
    roles = [screening_person] * PEOPLE + [api_client] * API_CLIENTS + [staff_member] * STAFF
    if directory:
        roles += [searcher] * SEARCHERS
    numbers = Counter()
    threads = []
    for role in roles:
        thread = threading.Thread(
            target=run_role, args=(role, gunicorn.url, tally, deadline, numbers[role])
        )
        numbers[role] += 1
        threads.append(thread)
        thread.start()
    for thread in threads:
        thread.join(timeout=SECONDS + 120)

    stored = json.loads(manage_output(env, STORED_DIGESTS))
    missing = {reference_digest(r) for r in tally.references} - set(stored["screenings"])
    summary = ", ".join(f"{kind}: {count}" for kind, count in sorted(tally.requests.items()))
    print(f"\nmixed load, {SECONDS:.0f} s: {summary}; errors: {len(tally.errors)}")
    print(
        f"screenings completed: {len(tally.references)}, stored: {len(stored['screenings'])}, "
        f"sent to admissions: {tally.sent}, referrals stored: {stored['referrals']}"
    )
    assert not tally.errors, "\n".join(tally.errors[:20]) + "\n" + gunicorn.log()[-3000:]
    assert not missing, f"{len(missing)} completed screenings are not in the database"
    assert len(stored["screenings"]) == len(set(tally.references))
    assert stored["referrals"] == tally.sent
    assert tally.references, "no screening was completed"
    assert directory, "the directory could not be imported: no searches ran"
