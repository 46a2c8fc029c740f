"""Every URL of the project × every persona → the status code it must get.

The table is the project's access policy in one place. A URL name without a
rule fails `test_every_url_has_a_rule`, so nobody can add a page without
deciding who may see it. Requests are GETs; for POST-only views a GET shows
who gets past the door (login redirect, 403) before the method check (405).

Every staff URL also answers the "outsider staff" persona (admissions staff of
another team): the queue and the export show them only their own team's cases
(none of the world's), and every page or action of the world's case is a 404,
the same as a case that does not exist, whatever the method.

Admin URLs are covered as a group: every admin page turns away everyone who
is not an admin user with a verified second factor (302 to the admin
sign-in), and the supervisor and superuser get explicit rules below.
"""

import pytest
from django.apps import apps
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import RoutePattern

from admissions.services import audit_record
from tests.personas import PASSWORD, PERSONAS, World, make_world

pytestmark = pytest.mark.django_db

ANON, RESPONDENT, NONSTAFF, NO2FA, STAFF2FA, OUTSIDER, SUPERVISOR, SUPERUSER = PERSONAS


def everyone(status) -> dict:
    return dict.fromkeys(PERSONAS, status)


def staff_only(status: int, *, outsider: int) -> dict:
    """Admissions group + second factor. Signed-in outsiders (even superusers) get 403;
    staff of another team get `outsider` (404 for anything about the world's case)."""
    return {
        ANON: 302,  # to the staff sign-in
        RESPONDENT: 302,
        NONSTAFF: 403,
        NO2FA: 302,  # to set up the second factor
        STAFF2FA: status,
        OUTSIDER: outsider,
        SUPERVISOR: 403,
        SUPERUSER: 403,
    }


def team_case(status: int) -> dict:
    """A page or action of the world's case: another team's staff never learn it exists."""
    return staff_only(status, outsider=404)


RULES: dict[str, dict] = {
    # Public pages: the same for everyone.
    "home": everyone(200),
    "about": everyone(200),
    "healthz": everyone(200),
    "robots_txt": everyone(200),
    "sitemap": everyone(200),
    "sitemap_section": everyone(200),  # section=pages
    "set_language": everyone(302),  # GET changes nothing: back to the page (or home)
    "screening:start": everyone(200),
    "screening:safety_check": everyone(302),  # nothing in progress: back to the start
    "screening:emergency": everyone(200),
    "screening:step": everyone(302),  # nothing in progress: back to the start
    # The reference is the key: whoever holds it sees the result, nobody else needs to.
    "screening:result": everyone(200),
    "screening:result_pdf": everyone(200),
    # Leaving without a trace: a GET asks (the quick exit's GET clears and leaves).
    "quick_exit": everyone(302),
    "screening:forget": everyone(200),
    "screening:result_delete": everyone(200),  # sent already: it offers to withdraw
    "screening:deleted": everyone(200),
    "content:index": everyone(200),
    "content:glossary": everyone(200),
    "content:article": everyone(200),  # a published article shipped by a data migration
    "treatment:search": everyone(200),
    "treatment:facility": everyone(404),  # MISSING: a facility that does not exist
    "api:assess": everyone(405),  # POST only
    "api:facilities": everyone(200),  # with ?near=10001 (QUERIES)
    # The person's side: the respondent's reference, already sent.
    "admissions:lookup": everyone(200),
    "admissions:withdrawn": everyone(200),
    "admissions:status": everyone(200),
    "admissions:send": everyone(302),  # already sent: to its status
    "admissions:sent": everyone(200),
    "admissions:withdraw": everyone(200),  # GET asks; only POST withdraws
    # Staff side.
    "staff:login": everyone(200),
    "staff:logout": everyone(405),  # POST only
    "staff:otp_setup": {
        ANON: 302,
        RESPONDENT: 302,
        NONSTAFF: 403,  # no setup link from a supervisor: "ask your supervisor"
        NO2FA: 403,
        STAFF2FA: 302,  # has a device: never a second one with a password alone
        OUTSIDER: 302,
        SUPERVISOR: 302,
        SUPERUSER: 302,
    },
    "staff:otp_verify": everyone(302),  # to sign in, to set up, or (verified) onwards
    # Lists: the outsider gets their own team's (empty) queue; OUTSIDER_SEES_NOTHING checks it.
    "staff:queue": staff_only(200, outsider=200),
    "staff:export": staff_only(200, outsider=200),
    "staff:detail": team_case(200),
    "staff:detail_pdf": team_case(200),
    "staff:detail_fhir": team_case(200),
    "staff:set_status": team_case(405),
    "staff:add_note": team_case(405),
    "staff:assign": team_case(405),
    "staff:log_attempt": team_case(405),
    # Supervisors and admins manage the team's sign-in (staffauth).
    "staff:team": {
        ANON: 302,
        RESPONDENT: 302,
        NONSTAFF: 403,
        NO2FA: 403,
        STAFF2FA: 403,
        OUTSIDER: 403,
        SUPERVISOR: 200,
        SUPERUSER: 200,
    },
    "staff:create_link": everyone(405),  # POST only
    "staff:sign_out_everywhere": everyone(405),  # POST only
    "staff:invitation": everyone(404),  # a setup link that was never made
}

# Pages whose GET ends the session: each gets a client of its own.
ENDS_SESSION = {"quick_exit"}

# Query strings a page needs to answer 200 (otherwise: the bare URL).
QUERIES = {"api:facilities": "?near=10001"}

# Admin: everyone who is not a verified admin user is sent to the admin sign-in.
ADMIN_OUTSIDERS = (ANON, RESPONDENT, NONSTAFF, NO2FA, STAFF2FA, OUTSIDER)
ADMIN_FOR_ADMINS = {
    "admin:index": {SUPERVISOR: 200, SUPERUSER: 200},
    "admin:login": {SUPERVISOR: 302, SUPERUSER: 302},  # already in: to the index
    "admin:logout": {SUPERVISOR: 405, SUPERUSER: 405},  # POST only
    "admin:password_change": {SUPERVISOR: 200, SUPERUSER: 200},
    "admin:password_change_done": {SUPERVISOR: 200, SUPERUSER: 200},
    "admin:jsi18n": {SUPERVISOR: 200, SUPERUSER: 200},
    "admin:autocomplete": {SUPERVISOR: 403, SUPERUSER: 403},  # no autocomplete fields
    "admin:view_on_site": {SUPERVISOR: 404, SUPERUSER: 404},
    "admin:app_list": {SUPERVISOR: 200, SUPERUSER: 200},  # app_label=admissions
    # The audit log: read by both, written by neither.
    "admin:admissions_auditevent_changelist": {SUPERVISOR: 200, SUPERUSER: 200},
    "admin:admissions_auditevent_change": {SUPERVISOR: 200, SUPERUSER: 200},
    "admin:admissions_auditevent_history": {SUPERVISOR: 200, SUPERUSER: 200},
    "admin:admissions_auditevent_add": {SUPERVISOR: 403, SUPERUSER: 403},
    "admin:admissions_auditevent_delete": {SUPERVISOR: 403, SUPERUSER: 403},
    # Teams: the superuser manages them; a supervisor does not.
    "admin:admissions_team_changelist": {SUPERVISOR: 403, SUPERUSER: 200},
    "admin:admissions_team_add": {SUPERVISOR: 403, SUPERUSER: 200},
    "admin:admissions_team_change": {SUPERVISOR: 403, SUPERUSER: 200},
    "admin:admissions_team_history": {SUPERVISOR: 403, SUPERUSER: 200},
    "admin:admissions_team_delete": {SUPERVISOR: 403, SUPERUSER: 403},  # it has referrals
    # django-axes' records of sign-in attempts are made by sign-ins only.
    "admin:axes_accessattempt_add": {SUPERVISOR: 403, SUPERUSER: 403},
    "admin:axes_accessfailurelog_add": {SUPERVISOR: 403, SUPERUSER: 403},
    "admin:axes_accesslog_add": {SUPERVISOR: 403, SUPERUSER: 403},
}
# Every other admin page (accounts, devices, sign-in records, content, facilities):
# a supervisor never sees one (403, or a redirect for an object that does not exist);
# a superuser sees every list, and each app's admin decides the rest (read-only
# models refuse "add" with a 403, a missing object redirects to the index).
OTHER_ADMIN_PAGES = {SUPERVISOR: {403, 302}, SUPERUSER: {200, 302, 403}}
OTHER_ADMIN_LISTS = {SUPERVISOR: {403}, SUPERUSER: {200}}


def _params(pattern) -> set[str]:
    if isinstance(pattern, RoutePattern):
        return set(pattern.converters)
    return set(pattern.regex.groupindex)


def url_names() -> tuple[dict[str, set], dict[str, set], list[str]]:
    """({name: its URL parameters} for the project and for the admin, unnamed routes)."""
    names: dict[str, set] = {}
    admin_names: dict[str, set] = {}
    unnamed: list[str] = []

    def walk(patterns, namespace: str | None, prefix: str, params: set) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = pattern.namespace
                walk(
                    pattern.url_patterns,
                    f"{namespace}:{inner}" if namespace and inner else inner or namespace,
                    prefix + str(pattern.pattern),
                    params | _params(pattern.pattern),
                )
            elif isinstance(pattern, URLPattern):
                keys = params | _params(pattern.pattern)
                if namespace == "admin":
                    if pattern.name:
                        admin_names[f"admin:{pattern.name}"] = keys
                elif pattern.name:
                    names[f"{namespace}:{pattern.name}" if namespace else pattern.name] = keys
                else:
                    unnamed.append(prefix + str(pattern.pattern))

    walk(get_resolver().url_patterns, None, "", set())
    return names, admin_names, unnamed


def url_for(name: str, params: set, world: World) -> str:
    values = {
        "reference": world.reference,
        "pk": _admin_object_pk(name) if name.startswith("admin:") else world.referral.pk,
        "step": "use",
        "token": "x" * 43,
        "slug": _published_article_slug() if "slug" in params else "",
        "object_id": _admin_object_pk(name),
        "id": _admin_object_pk(name),
        "app_label": "admissions",
        "content_type_id": 1,
        "section": "pages",
    }
    if RULES.get(name) == everyone(404):  # a missing object, whatever its key
        values.update(pk=999999, id=999999, slug="no-such-page", object_id="999999")
    unknown = params - values.keys()
    assert not unknown, f"{name}: add a value for {sorted(unknown)} to url_for"
    return reverse(name, kwargs={key: values[key] for key in params})


def _admin_object_pk(name: str) -> str:
    """An existing object of the admin page's model ("0" when its table is empty)."""
    for model in apps.get_models():
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}_"
        if name.startswith(prefix):
            pk = model._base_manager.values_list("pk", flat=True).first()
            return str(pk) if pk is not None else "0"
    return "0"


def _published_article_slug() -> str:
    from content.models import Article

    slug = Article.objects.published().values_list("slug", flat=True).first()
    assert slug, "the shipped articles should be in the test database"
    return slug


def test_every_url_has_a_rule():
    names, admin_names, unnamed = url_names()
    missing = sorted(names - RULES.keys())
    assert not missing, f"URL names without an authorization rule: {missing}"
    assert not unnamed, f"routes without a name (so without a rule): {unnamed}"
    assert admin_names, "the admin is mounted"


def test_the_pages_other_engineers_are_adding_have_rules():
    for name in ("treatment:search", "treatment:facility", "api:facilities"):
        assert name in RULES
    for name in ("content:index", "content:article", "content:glossary"):
        assert name in RULES


@pytest.fixture
def world() -> World:
    """The personas, plus one object in each table the admin shows."""
    world = make_world()
    audit_record(actor=world.users[STAFF2FA], action="view_detail", referral=world.referral)
    signing_in = Client()
    signing_in.post(reverse("staff:login"), {"username": "staff", "password": PASSWORD})
    signing_in.post(reverse("staff:login"), {"username": "staff", "password": "wrong"})
    return world


@pytest.mark.parametrize("persona", PERSONAS)
def test_project_urls(persona, world):
    names, _admin, _unnamed = url_names()
    client = world.client_for(persona)
    wrong = []
    for name in sorted(names.keys() & RULES.keys()):
        url = url_for(name, names[name], world) + QUERIES.get(name, "")
        expected = RULES[name][persona]
        asking = world.client_for(persona) if name in ENDS_SESSION else client
        status = asking.get(url).status_code
        if status != expected:
            wrong.append(f"{name} ({url}): expected {expected}, got {status}")
    assert not wrong, f"{persona}:\n" + "\n".join(wrong)


@pytest.mark.parametrize("persona", PERSONAS)
def test_admin_urls(persona, world):
    _names, admin_names, _unnamed = url_names()
    client = world.client_for(persona)
    wrong = []
    for name in sorted(admin_names):
        url = url_for(name, admin_names[name], world)
        if persona in ADMIN_OUTSIDERS:
            expected = {200} if name == "admin:login" else {302}
        elif name in ADMIN_FOR_ADMINS:
            expected = {ADMIN_FOR_ADMINS[name][persona]}
        elif name.endswith("_changelist"):
            expected = OTHER_ADMIN_LISTS[persona]
        else:
            expected = OTHER_ADMIN_PAGES[persona]
        status = client.get(url).status_code
        if status not in expected:
            wrong.append(f"{name} ({url}): expected {sorted(expected)}, got {status}")
    assert not wrong, f"{persona}:\n" + "\n".join(wrong)


def test_outsider_staff_see_nothing_of_another_teams_case(world):
    """The lists answer 200 to another team's staff, but without the world's case; and every
    POST to the case is a 404 too, not only the GETs above."""
    client = world.client_for(OUTSIDER)
    label = world.referral.case_label
    assert label not in client.get(reverse("staff:queue")).content.decode()
    export = client.get(reverse("staff:export") + "?status=all").content.decode()
    assert label not in export
    for name in ("set_status", "add_note", "assign", "log_attempt"):
        url = reverse(f"staff:{name}", kwargs={"pk": world.referral.pk})
        assert client.post(url, {}).status_code == 404, name
    own_team = world.client_for(STAFF2FA)
    assert label in own_team.get(reverse("staff:queue")).content.decode()


def test_outsiders_are_sent_to_the_right_sign_in(world):
    client = world.client_for(ANON)
    staff = client.get(reverse("staff:queue"))
    assert staff["Location"].startswith(reverse("staff:login"))
    admin = client.get(reverse("admin:index"))
    assert admin["Location"].startswith(reverse("admin:login"))
