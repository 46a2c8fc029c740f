"""The people in FirstStep's tests, in one place.

Factories (plain functions) and pytest fixtures (registered from
tests/conftest.py). The eight personas of the authorization matrix:

- anonymous: nobody signed in, no reference
- respondent: took a screening and sent it; holds its reference in the session
- nonstaff: a signed-in account outside the admissions team
- staff_no2fa: admissions team member who has not set up a second factor
- staff_2fa: admissions team member, signed in with password and TOTP code
- outsider_staff: admissions staff, verified, but of another team than the referral's
- supervisor: in the supervisors group, admin access, verified by TOTP
- superuser: a verified superuser (not in the admissions group)

A family member is a respondent who answered about someone else.

Admissions staff made here join the default team unless `teams` says otherwise,
so a test that does not care about teams sees the referrals it makes.
"""

from dataclasses import dataclass, field

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import caches
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from admissions.models import Referral, Team, TeamRole
from admissions.services import Contact, default_team, referral_send, team_member_add
from screening.models import Screening
from screening.references import new_submission_token
from screening.services import screening_submit
from tests.screening.journeys import FAMILY_OBSERVER, SELF_DAILY_USE

PASSWORD = "correct horse battery staple 42"

# The answer sets of tests/screening/journeys.py, as the scoring service takes them.
SELF_ANSWERS = {"mode": "self", **SELF_DAILY_USE}
# The form's "None of these" for symptoms is stored as an empty list.
FAMILY_ANSWERS = {"mode": "family", **FAMILY_OBSERVER, "wd_symptoms": []}

EMERGENCY_ANSWERS = {**SELF_ANSWERS, "suicidal": "now"}

# Few signs, a low level of care.
MILD_ANSWERS = {
    **SELF_ANSWERS,
    **{f"c{n}": "no" for n in range(1, 12)},
    "c1": "yes",
    "c2": "yes",
    "use_days": "1-3",
    "wd_symptoms": [],
    "wd_severity": "none",
}

CONTACT = Contact(
    name="Sam",
    phone="+15551234567",
    email="sam@example.org",
    best_time="Weekdays after 5 pm",
    preferred_language="Spanish",
    ok_to_leave_message=False,
    may_call=True,
    may_text=True,
    may_email=True,
    message_style="discreet",
)

PERSONAS = (
    "anonymous",
    "respondent",
    "nonstaff",
    "staff_no2fa",
    "staff_2fa",
    "outsider_staff",
    "supervisor",
    "superuser",
)


def make_screening(answers: dict | None = None) -> Screening:
    """A stored screening; its reference is on `.reference` (the database keeps only a digest)."""
    return screening_submit(
        answers=dict(answers or SELF_ANSWERS), client_token=new_submission_token()
    )


def make_team(name: str, *, areas: str = "", target_minutes: int = 60) -> Team:
    return Team.objects.get_or_create(
        name=name, defaults={"areas": areas, "target_minutes": target_minutes}
    )[0]


def make_referral(
    answers: dict | None = None, contact: Contact = CONTACT, team: Team | None = None
) -> tuple[Referral, str]:
    screening = make_screening(answers)
    return referral_send(screening=screening, contact=contact, team=team), screening.reference


def make_user(
    username: str,
    *,
    groups: tuple[str, ...] = (),
    device: bool = False,
    is_staff: bool = False,
    is_superuser: bool = False,
    teams: tuple[Team, ...] | None = None,
    role: str = TeamRole.MEMBER,
    email: str = "",
):
    user = get_user_model().objects.create_user(
        username=username,
        password=PASSWORD,
        email=email,
        is_staff=is_staff or is_superuser,
        is_superuser=is_superuser,
    )
    for name in groups:
        # get_or_create: transactional (browser) tests flush what the migration made.
        user.groups.add(Group.objects.get_or_create(name=name)[0])
    if teams is None:
        teams = (default_team(),) if {"admissions", "supervisors"} & set(groups) else ()
    for team in teams:
        team_member_add(team=team, user=user, role=role)
    if device:
        TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    return user


def totp_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def current_code(device: TOTPDevice) -> str:
    code = totp(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return str(code).zfill(device.digits)


def _edit_session(client: Client, **values) -> None:
    # Sessions are server-side: save the changed session and send its id.
    session = client.session
    session.update(values)
    session.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key


def sign_in(client: Client, user, *, verified: bool = True) -> Client:
    """Sign in as the user; `verified` also passes the second factor, as if a code was typed."""
    client.force_login(user)
    device = totp_device(user)
    if verified and device is not None:
        _edit_session(client, **{DEVICE_ID_SESSION_KEY: device.persistent_id})
    return client


def open_setup_link(client: Client, user, created_by=None) -> str:
    """A supervisor's one-time authenticator setup link for `user`, opened in `client`."""
    from django.urls import reverse

    from staffauth.invitations import invitation_create

    token = invitation_create(user=user, created_by=created_by)
    client.get(reverse("staff:invitation", args=[token]))
    return token


def hold_reference(client: Client, reference: str) -> Client:
    """The respondent knows the reference; the session never holds one."""
    return client


@dataclass
class World:
    """One of each persona, and a screening the respondent sent."""

    referral: Referral
    reference: str
    users: dict = field(default_factory=dict)

    def client_for(self, persona: str) -> Client:
        client = Client()
        if persona == "respondent":
            return hold_reference(client, self.reference)
        if persona == "anonymous":
            return client
        return sign_in(client, self.users[persona])


def make_world() -> World:
    referral, reference = make_referral()
    elsewhere = make_team("Elsewhere admissions", areas="94103")
    return World(
        referral=referral,
        reference=reference,
        users={
            "nonstaff": make_user("nonstaff"),
            "staff_no2fa": make_user("newstaff", groups=("admissions",)),
            "staff_2fa": make_user("staff", groups=("admissions",), device=True),
            "outsider_staff": make_user(
                "outsider", groups=("admissions",), device=True, teams=(elsewhere,)
            ),
            "supervisor": make_user(
                "supervisor",
                groups=("supervisors",),
                device=True,
                is_staff=True,
                role=TeamRole.SUPERVISOR,
            ),
            "superuser": make_user("root", device=True, is_superuser=True),
        },
    )


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters live in the cache: no test inherits another's."""
    for cache in caches.all():
        cache.clear()
    yield
    for cache in caches.all():
        cache.clear()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Each persona has a password; production-strength hashing would take seconds."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def no_rate_limits(settings):
    settings.RATE_LIMITS = {scope: 0 for scope in settings.RATE_LIMITS}


@pytest.fixture
def world(db) -> World:
    return make_world()


@pytest.fixture
def staff(db):
    return make_user("staff", groups=("admissions",), device=True)


@pytest.fixture
def other_staff(db):
    return make_user("colleague", groups=("admissions",), device=True)


@pytest.fixture
def staff_client(staff) -> Client:
    return sign_in(Client(), staff)


@pytest.fixture
def referral(db) -> Referral:
    return make_referral()[0]
