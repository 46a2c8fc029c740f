"""Quick exit and "delete my answers now" end what the server keeps, and say so."""

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from screening import questionnaire
from screening.models import Screening
from screening.questions import STEPS
from tests.personas import make_referral, make_screening
from tests.screening.journeys import SELF_DAILY_USE, complete_questionnaire, form_data

pytestmark = pytest.mark.django_db

LEAVE = reverse("quick_exit")


def in_progress(client: Client) -> str:
    client.post(reverse("screening:start"), {"mode": "self"})
    client.post(
        reverse("screening:step", args=[STEPS[0].slug]),
        form_data(STEPS[0].slug, SELF_DAILY_USE, "self"),
    )
    assert questionnaire.load(client.session).answers
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def assert_ended(client: Client, key: str, response) -> None:
    assert not Session.objects.filter(session_key=key).exists()
    assert response.cookies[settings.SESSION_COOKIE_NAME].value == ""  # the cookie is deleted
    # A copy of the old cookie finds nothing either.
    copy = Client()
    copy.cookies[settings.SESSION_COOKIE_NAME] = key
    page = copy.get(reverse("screening:step", args=[STEPS[0].slug]))
    assert page.status_code == 302 and page.url == reverse("screening:start")


def test_the_plain_link_without_javascript_ends_the_session_and_leaves(client):
    key = in_progress(client)
    response = client.get(LEAVE)
    assert response.status_code == 302
    assert response["Location"] == settings.QUICK_EXIT_URL
    assert "no-store" in response["Cache-Control"]
    assert '"cookies"' in response["Clear-Site-Data"] and '"cache"' in response["Clear-Site-Data"]
    assert_ended(client, key, response)


def test_the_script_posts_from_the_same_origin_and_ends_the_session(client):
    key = in_progress(client)
    response = client.post(LEAVE, headers={"Sec-Fetch-Site": "same-origin"})
    assert response.status_code == 302
    assert_ended(client, key, response)


def test_another_site_cannot_post_a_quick_exit(client):
    key = in_progress(client)
    assert client.post(LEAVE, headers={"Sec-Fetch-Site": "cross-site"}).status_code == 403
    assert client.post(LEAVE, headers={"Origin": "https://evil.example"}).status_code == 403
    assert Session.objects.filter(session_key=key).exists()


@pytest.mark.parametrize(
    "url", ["/", "/about/", "/screening/", "/learn/", "/treatment/", "/my-screening/"]
)
def test_every_page_has_the_quick_exit_and_says_esc_works(client, url):
    page = client.get(url).content.decode()
    assert f'href="{LEAVE}"' in page and "data-quick-exit" in page
    assert "(or press Esc)" in page


def test_the_quick_exit_stays_on_screen():
    css = (settings.BASE_DIR / "static" / "css" / "site.css").read_text()
    rule = css[css.index(".help-strip {") :].split("}")[0]
    assert "position: sticky" in rule and "top: 0" in rule


def test_the_about_page_says_what_the_browser_still_keeps(client):
    page = client.get(reverse("about")).content.decode()
    assert "What the browser still keeps" in page
    assert "history" in page and "Ctrl+H" in page


def test_delete_my_answers_from_a_step_asks_then_ends_the_session(client):
    key = in_progress(client)
    step = client.get(reverse("screening:step", args=[STEPS[0].slug])).content.decode()
    assert f'href="{reverse("screening:forget")}"' in step
    confirm = client.get(reverse("screening:forget"))
    assert confirm.status_code == 200 and b"Delete my answers" in confirm.content
    assert Session.objects.filter(session_key=key).exists()  # a GET only asks
    response = client.post(reverse("screening:forget"))
    assert response.status_code == 302 and response.url == reverse("screening:deleted")
    assert_ended(client, key, response)


def test_delete_my_answers_needs_the_csrf_token():
    key = in_progress(Client())
    client = Client(enforce_csrf_checks=True)
    client.cookies[settings.SESSION_COOKIE_NAME] = key
    assert client.post(reverse("screening:forget")).status_code == 403
    reference = make_screening().reference
    assert client.post(reverse("screening:result_delete", args=[reference])).status_code == 403
    assert Session.objects.filter(session_key=key).exists()
    assert Screening.objects.count() == 1


def test_delete_my_answers_from_the_result_deletes_the_unsent_screening(client):
    result = complete_questionnaire(client, mode="self", answers=SELF_DAILY_USE).url
    reference = result.split("/")[3]
    delete_url = reverse("screening:result_delete", args=[reference])
    assert f'href="{delete_url}"' in client.get(result).content.decode()
    assert client.get(delete_url).status_code == 200
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    response = client.post(delete_url)
    assert response.url == reverse("screening:deleted")
    assert Screening.objects.count() == 0
    assert_ended(client, key, response)
    assert client.get(result).status_code == 404
    assert client.get(reverse("screening:result_pdf", args=[reference])).status_code == 404
    assert client.get(delete_url).status_code == 404


def test_a_sent_screening_is_withdrawn_not_deleted_from_the_result(client):
    _, reference = make_referral()
    delete_url = reverse("screening:result_delete", args=[reference])
    page = client.get(delete_url).content.decode()
    assert reverse("admissions:withdraw", args=[reference]) in page
    client.post(delete_url)
    assert Screening.objects.count() == 1
