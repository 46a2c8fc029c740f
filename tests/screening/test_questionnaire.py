"""The questionnaire through the Django test client: order, Back, messages, nothing lost."""

import pytest
from django.urls import reverse, set_script_prefix
from django.utils.html import escape

from screening import questionnaire
from screening.models import Screening
from screening.questions import STEPS, answers_html, answers_in_words
from tests.screening.journeys import FAMILY_OBSERVER, SELF_DAILY_USE, complete_questionnaire
from tests.screening.readability import grade

pytestmark = pytest.mark.django_db


def step_url(slug: str) -> str:
    return reverse("screening:step", args=[slug])


def test_start_page_asks_who_the_answers_are_about(client):
    response = client.get(reverse("screening:start"))
    assert response.status_code == 200
    assert b'name="mode"' in response.content
    assert b"About myself" in response.content
    assert b"About someone I care about" in response.content


def test_start_without_a_choice_says_what_is_missing(client):
    response = client.post(reverse("screening:start"), {})
    assert response.status_code == 200
    assert b"Please choose an answer." in response.content


def test_self_mode_goes_to_the_safety_questions_first(client):
    response = client.post(reverse("screening:start"), {"mode": "self"})
    assert response.url == step_url("safety")
    page = client.get(step_url("safety")).content.decode()
    assert "Step 1 of 5" in page
    assert 'name="suicidal"' in page and 'name="medical_urgent"' in page
    assert "Chest pain or trouble breathing right now" in page
    assert 'name="prescribed_only"' in client.get(step_url("use")).content.decode()


@pytest.mark.parametrize("mode", ["self", "family"])
def test_chest_pain_on_the_first_screen_goes_straight_to_call_911(client, mode):
    client.post(reverse("screening:start"), {"mode": mode})
    if mode == "family":
        client.post(reverse("screening:safety_check"), {"overdose_now": "no"})
    data = {"suicidal": "no", "medical_urgent": ["chest"], "action": "next"}
    response = client.post(step_url("safety"), data)
    assert response.url == reverse("screening:emergency")
    page = client.get(response.url).content.decode()
    assert 'href="tel:911"' in page
    assert "Chest pain or trouble breathing" in page
    # When everyone is safe, the questions go on after the safety screen.
    assert f'href="{step_url("use")}"' in page
    assert questionnaire.load(client.session).answers["medical_urgent"] == ["chest"]


def test_other_health_problems_on_the_first_screen_do_not_stop_the_questions(client):
    client.post(reverse("screening:start"), {"mode": "self"})
    data = {"suicidal": "no", "medical_urgent": ["skin"], "action": "next"}
    assert client.post(step_url("safety"), data).url == step_url("use")


@pytest.mark.parametrize("mode", ["self", "family"])
def test_questions_and_answers_read_at_no_more_than_an_8th_grade_level(mode):
    questions = questionnaire_questions(mode)
    assert grade([str(q.text(mode)) for q in questions]) <= 8
    labels = [f"{label}." for q in questions for _value, label in q.choices_for(mode)]
    assert grade(labels) <= 8


def questionnaire_questions(mode):
    from screening.questions import questions_in_order

    return questions_in_order(mode)


def test_the_new_questions_are_asked_in_plain_words(client):
    client.post(reverse("screening:start"), {"mode": "self"})
    use = client.get(step_url("use")).content.decode()
    assert "How old are you?" in use and 'value="under_18"' in use
    assert "Do you take prescription opioid pills only as your doctor prescribed?" in use
    assert 'value="medication_now"' in use and "methadone, buprenorphine" in use
    health = client.get(step_url("withdrawal")).content.decode()
    assert 'name="pregnant" value="postpartum"' in health
    assert "given birth in the past 12 months" in health


def test_family_mode_asks_about_an_overdose_first(client):
    response = client.post(reverse("screening:start"), {"mode": "family"})
    assert response.url == reverse("screening:safety_check")
    # Skipping the safety question by typing a step's address is not possible.
    assert client.get(step_url("use")).url == reverse("screening:safety_check")
    # Then the other questions about safety now, before anything else.
    response = client.post(reverse("screening:safety_check"), {"overdose_now": "no"})
    assert response.url == step_url("safety")
    page = client.get(step_url("safety")).content.decode()
    assert "Is your loved one safe right now?" in page
    assert "Right now, does your loved one have any of these?" in page
    assert "How old is your loved one?" in client.get(step_url("use")).content.decode()


def test_family_overdose_now_goes_straight_to_the_emergency_page(client):
    client.post(reverse("screening:start"), {"mode": "family"})
    response = client.post(reverse("screening:safety_check"), {"overdose_now": "yes"})
    assert response.url == reverse("screening:emergency")
    page = client.get(response.url).content.decode()
    assert 'href="tel:911"' in page
    assert "naloxone" in page.lower()
    assert "recovery position" in page
    assert "Stay with them" in page


def test_family_wording_asks_what_the_observer_has_seen(client):
    client.post(reverse("screening:start"), {"mode": "family"})
    client.post(reverse("screening:safety_check"), {"overdose_now": "no"})
    page = client.get(step_url("signs")).content.decode()
    assert "What you have seen" in page
    assert 'value="unknown"' in page  # "Don't know" is offered to observers
    assert 'name="prescribed_only"' not in client.get(step_url("use")).content.decode()


def test_self_mode_cannot_answer_dont_know_to_a_sign(client):
    client.post(reverse("screening:start"), {"mode": "self"})
    assert b'value="unknown"' not in client.get(step_url("signs")).content
    data = {f"c{n}": "no" for n in range(1, 12)} | {"c3": "unknown", "action": "next"}
    response = client.post(step_url("signs"), data)
    assert response.status_code == 200
    assert b"Please choose an answer." in response.content


def test_a_step_without_a_questionnaire_sends_people_to_the_start(client):
    assert client.get(step_url("signs")).url == reverse("screening:start")


def test_unknown_step_is_not_found(client):
    client.post(reverse("screening:start"), {"mode": "self"})
    assert client.get(step_url("nope")).status_code == 404


def test_missing_answer_shows_its_message_and_keeps_the_others(client):
    client.post(reverse("screening:start"), {"mode": "self"})
    data = {"use_days": "4-9", "last_use": "1_3d", "injects": "no", "action": "next"}
    response = client.post(step_url("use"), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "answers need your attention" in page
    assert "Please tick at least one box" in page  # opioids
    assert page.count("Please choose an answer.") == 3  # age, prescribed_only, in_treatment
    assert _is_checked(page, "use_days", "4-9")
    # The answers given were saved even though the step was not complete.
    reload = client.get(step_url("use")).content.decode()
    assert _is_checked(reload, "use_days", "4-9")
    assert _is_checked(reload, "last_use", "1_3d")


def test_none_of_these_cannot_be_ticked_with_other_answers(client):
    client.post(reverse("screening:start"), {"mode": "self"})
    data = {"opioids": ["heroin", "none"], "action": "next"}
    response = client.post(step_url("use"), data)
    assert "be ticked together" in response.content.decode()


def test_an_answer_that_fails_its_check_is_not_saved_and_the_others_are(client):
    client.post(reverse("screening:start"), {"mode": "self"})
    data = {"opioids": ["heroin", "none"], "use_days": "4-9", "action": "next"}
    client.post(step_url("use"), data)
    reload = client.get(step_url("use")).content.decode()
    assert _is_checked(reload, "use_days", "4-9")
    assert not _is_checked(reload, "opioids", "heroin")
    assert not _is_checked(reload, "opioids", "none")


def test_none_of_these_alone_is_saved_as_no_answer_ticked(client):
    client.post(reverse("screening:start"), {"mode": "self"})
    client.post(step_url("use"), _step_data("use"))
    client.post(step_url("signs"), _step_data("signs"))
    client.post(step_url("withdrawal"), {**_step_data("withdrawal"), "wd_symptoms": ["none"]})
    state = questionnaire.load(client.session)
    assert state.answers["wd_symptoms"] == []
    # …and shows as “None of these” when the person comes back to the step.
    page = client.get(step_url("withdrawal")).content.decode()
    assert _is_checked(page, "wd_symptoms", "none")


def test_a_step_showing_answers_is_never_kept_in_a_browser_or_proxy_cache(client):
    client.post(reverse("screening:start"), {"mode": "self"})
    saved = client.post(step_url("use"), {"use_days": "4-9", "action": "back"})
    shown = client.get(step_url("use"))
    with_errors = client.post(step_url("use"), {"use_days": "4-9", "action": "next"})
    assert shown.status_code == with_errors.status_code == 200
    for page in (shown, with_errors):
        assert _is_checked(page.content.decode(), "use_days", "4-9")
    # The redirect too: its session cookie carries the answers.
    assert saved.status_code == 302 and "sessionid" in saved.cookies
    for response in (saved, shown, with_errors):
        assert "no-store" in response["Cache-Control"]


def test_back_keeps_every_answer(client):
    client.post(reverse("screening:start"), {"mode": "self"})
    client.post(step_url("use"), _step_data("use"))
    # Half of the signs answered, then Back.
    response = client.post(step_url("signs"), {"c1": "yes", "c2": "no", "action": "back"})
    assert response.url == step_url("use")
    use_page = client.get(step_url("use")).content.decode()
    assert _is_checked(use_page, "use_days", "20-30")
    assert _is_checked(use_page, "opioids", "heroin")
    signs_page = client.get(step_url("signs")).content.decode()
    assert _is_checked(signs_page, "c1", "yes")
    assert _is_checked(signs_page, "c2", "no")


def test_suicidal_thoughts_now_show_crisis_help_on_that_step(client):
    client.post(reverse("screening:start"), {"mode": "self"})
    data = _step_data("safety") | {"suicidal": "now"}
    response = client.post(step_url("safety"), data)
    assert response.url.startswith(step_url("safety"))
    page = client.get(step_url("safety")).content.decode()
    crisis = page[page.index('id="crisis"') : page.index("</section>", page.index('id="crisis"'))]
    assert "hidden" not in crisis.split(">")[0]
    assert 'href="tel:988"' in crisis
    assert 'href="tel:911"' in crisis
    # Once seen, the person can carry on.
    response = client.post(step_url("safety"), data | {"crisis_seen": "1"})
    assert response.url == step_url("use")


def test_crisis_help_is_hidden_until_needed(client):
    client.post(reverse("screening:start"), {"mode": "self"})
    page = client.get(step_url("safety")).content.decode()
    opening_tag = page[page.index('id="crisis"') :].split(">")[0]
    assert "hidden" in opening_tag


def test_wrong_method_is_refused(client):
    assert client.put(reverse("screening:start")).status_code == 405
    assert client.post(reverse("screening:emergency")).status_code == 405


def test_completed_self_screening_is_stored_once_and_shown(client):
    response = complete_questionnaire(client, mode="self", answers=SELF_DAILY_USE)
    assert Screening.objects.count() == 1
    screening = Screening.objects.get()
    assert response.url.startswith("/screening/result/")
    assert screening.mode == "self"
    assert screening.answers["opioids"] == ["heroin", "fentanyl"]
    assert screening.answers["medical_urgent"] == ["none"]
    assert screening.rules_version
    page = client.get(response.url)
    assert page.status_code == 200
    assert b"not a diagnosis" in page.content


def test_family_screening_is_stored_with_its_unknowns(client):
    complete_questionnaire(client, mode="family", answers=FAMILY_OBSERVER)
    screening = Screening.objects.get()
    assert screening.mode == "family"
    assert screening.answers["wd_symptoms"] == []
    assert screening.assessment["criteria_unknown"] == 2
    assert "prescribed_only" not in screening.answers


def test_double_submit_does_not_create_two_screenings(client):
    client.post(reverse("screening:start"), {"mode": "self"})
    for step in STEPS[:-1]:
        client.post(step_url(step.slug), _step_data(step.slug))
    last = STEPS[-1].slug
    # The page carries the one-time submission id; both clicks post it.
    page = client.get(step_url(last)).content.decode()
    submission = questionnaire.load(client.session).token
    assert f'name="submission" value="{submission}"' in page
    data = _step_data(last) | {"submission": submission}
    first = client.post(step_url(last), data)
    # The second click arrives after the first one finished the session.
    second = client.post(step_url(last), data)
    assert Screening.objects.count() == 1
    assert first.url == second.url


def test_submitting_before_every_step_is_answered_goes_back_to_the_gap(client):
    client.post(reverse("screening:start"), {"mode": "self"})
    client.post(step_url("safety"), _step_data("safety"))
    client.post(step_url("use"), _step_data("use"))
    response = client.post(step_url("situation"), _step_data("situation"))
    assert response.url == step_url("signs")
    assert Screening.objects.count() == 0


def test_a_new_screening_after_a_finished_one_gets_a_new_reference(client):
    first = complete_questionnaire(client, mode="self", answers=SELF_DAILY_USE)
    second = complete_questionnaire(client, mode="self", answers=SELF_DAILY_USE)
    assert first.url != second.url
    assert Screening.objects.count() == 2


def _step_data(slug: str) -> dict:
    from tests.screening.journeys import form_data

    return form_data(slug, SELF_DAILY_USE, "self")


def _is_checked(page: str, name: str, value: str) -> bool:
    marker = f'name="{name}" value="{value}"'
    start = page.index(marker)
    tag = page[page.rindex("<", 0, start) : page.index(">", start)]
    return "checked" in tag


@pytest.mark.parametrize(
    ("mode", "answers"), [("self", SELF_DAILY_USE), ("family", FAMILY_OBSERVER)]
)
def test_the_answers_list_is_every_answer_in_words_escaped(mode, answers):
    pairs = answers_in_words(mode, answers)
    expected = "".join(f"<dt>{escape(q)}</dt><dd>{escape(a)}</dd>" for q, a in pairs)
    assert answers_html(mode, answers) == expected
    # A multiple choice, said in words whichever way it is stored.
    assert "<dd>Heroin, Fentanyl" in answers_html(
        mode, answers | {"opioids": ["heroin", "fentanyl"]}
    )
    assert "<dd>None of these</dd>" in answers_html(mode, answers | {"opioids": []})


def test_the_answers_list_escapes_a_stored_value_it_has_no_words_for():
    html = answers_html("self", SELF_DAILY_USE | {"use_days": "<b>old value</b>"})
    assert "&lt;b&gt;old value&lt;/b&gt;" in html and "<b>" not in html


def test_step_links_follow_the_prefix_the_site_is_served_under():
    step = STEPS[1]
    assert questionnaire.step_url(step) == f"/screening/step/{step.slug}/"
    set_script_prefix("/firststep/")
    try:
        assert questionnaire.step_url(step) == f"/firststep/screening/step/{step.slug}/"
    finally:
        set_script_prefix("/")
    assert questionnaire.step_url(step) == f"/screening/step/{step.slug}/"
