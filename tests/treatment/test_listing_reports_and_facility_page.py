"""Facility pages tell where a location comes from, withheld addresses, Spanish; reports queue."""

import datetime
import re

import pytest
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from treatment.models import Facility, ListingReport

pytestmark = pytest.mark.django_db
QUEUE = reverse("admin:treatment_listingreport_changelist")
FACILITIES = reverse("admin:treatment_facility_changelist")


def _page(client, facility, **params) -> str:
    return client.get(reverse("treatment:facility", args=[facility.pk]), params).content.decode()


def _report(client, facility, **data):
    return client.post(reverse("treatment:facility", args=[facility.pk]), data)


def test_the_page_says_how_the_facility_was_located(client, make_facility):
    exact = make_facility("Exact", location_source=Facility.LOCATED_BY_FILE)
    zipped = make_facility("Zipped", location_source=Facility.LOCATED_BY_ZIP, miles_north=4.4)
    assert "Located by the coordinates in SAMHSA's file" in _page(client, exact)
    html = _page(client, zipped, near="22902")
    assert "Located at the center of ZIP code 22902: distances are approximate." in html
    assert "About 4 miles away" in html


def test_a_withheld_address_is_given_when_you_call_and_has_no_directions(client, make_facility):
    quiet = make_facility("Quiet House", street1="", address_withheld=True)
    html = _page(client, quiet)
    assert "Address given when you call." in html
    assert "Charlottesville, VA 22902" in html
    assert "google.com/maps" not in html


def test_the_page_says_whether_spanish_is_spoken(client, make_facility):
    assert "Yes: se habla español" in _page(client, make_facility("Con", codes="SA OP SP"))
    assert "Not listed: ask when you call" in _page(client, make_facility("Sin", codes="SA OP"))


def test_in_spanish_samhsas_service_labels_are_in_spanish(make_facility):
    facility = make_facility("Centro", codes="SA DT OP BU MD YAD FEM")
    html = Client().get("/es" + reverse("treatment:facility", args=[facility.pk])).content.decode()
    assert "Desintoxicación" in html and "Usa buprenorfina en el tratamiento" in html
    assert "Pagos y fondos que acepta" in html  # a group heading
    assert "Payment and funding accepted" not in html


def test_every_service_label_shown_has_a_spanish_name():
    from treatment import servicecodes

    spanish = servicecodes.spanish_labels()
    shown = [e["code"] for e in servicecodes.read_key() if e["group"]]
    assert [code for code in shown if not spanish.get(code)] == []


def test_the_report_form_asks_for_nothing_personal_and_has_a_csrf_token(client, make_facility):
    html = _page(client, make_facility())
    form = re.search(r'<form method="post".*?</form>', html, re.S).group(0)
    assert "csrfmiddlewaretoken" in form
    assert set(re.findall(r'name="([^"]+)"', form)) == {"csrfmiddlewaretoken", "problem", "note"}


def test_a_report_is_queued_and_the_listing_says_so(client, make_facility):
    facility = make_facility()
    response = _report(client, facility, problem="wrong_phone", note="Number disconnected")
    assert response.status_code == 302
    assert response["Location"].endswith("?reported=1#report")
    report = ListingReport.objects.get()
    assert (report.facility, report.problem, report.note) == (
        facility,
        "wrong_phone",
        "Number disconnected",
    )
    facility.refresh_from_db()
    assert facility.reported_on == timezone.localdate()
    today = timezone.localdate().strftime("%B %-d, %Y")
    assert f"Reported out of date on {today}; call first to check." in _page(client, facility)
    html = client.get(reverse("treatment:search"), {"near": "22902"}).content.decode()
    assert "Reported out of date on" in html


def test_a_report_without_a_problem_is_refused_with_a_message(client, make_facility):
    response = _report(client, make_facility(), note="?")
    assert response.status_code == 400
    assert "Choose what is wrong with this listing." in response.content.decode()
    assert not ListingReport.objects.exists()


def test_a_report_needs_the_csrf_token(make_facility):
    strict = Client(enforce_csrf_checks=True)
    assert _report(strict, make_facility(), problem="closed").status_code == 403


@override_settings(RATE_LIMITS={"listing_report": 2})
def test_reports_are_rate_limited(client, make_facility):
    facility = make_facility()
    codes = [_report(client, facility, problem="other").status_code for _ in range(3)]
    assert codes == [302, 302, 429]
    assert ListingReport.objects.count() == 2


def test_staff_see_the_queue_and_verifying_clears_the_reports(
    staff_client, admin_user, make_facility
):
    facility = make_facility("Stale Place")
    client = Client()
    _report(client, facility, problem="closed")
    _report(client, facility, problem="wrong_phone")
    html = staff_client.get(QUEUE, {"status": "open"}).content.decode()
    assert html.count("Stale Place") >= 2
    report = ListingReport.objects.first()
    staff_client.post(QUEUE, {"action": "verify_listing", "_selected_action": [report.pk]})
    facility.refresh_from_db()
    assert facility.reported_on is None
    assert facility.verified_at == timezone.localdate() and facility.verified_by == admin_user
    assert not ListingReport.objects.filter(resolved_at__isnull=True).exists()
    assert "Reported out of date" not in _page(Client(), facility)


def test_the_facility_admin_shows_a_listings_reports(staff_client, make_facility):
    facility = make_facility()
    _report(Client(), facility, problem="wrong_services", note="No detox any more")
    html = staff_client.get(reverse("admin:treatment_facility_change", args=[facility.pk]))
    assert "No detox any more" in html.content.decode()


def test_the_admin_lists_facilities_not_verified_for_over_a_year_first(staff_client, make_facility):
    today = timezone.localdate()
    make_facility("Checked Recently", verified_at=today)
    make_facility("Checked Long Ago", verified_at=today - datetime.timedelta(days=500))
    make_facility("Never Checked")
    html = staff_client.get(FACILITIES).content.decode()
    order = [html.index(n) for n in ("Never Checked", "Checked Long Ago", "Checked Recently")]
    assert order == sorted(order)
    stale = staff_client.get(FACILITIES, {"verification": "stale"}).content.decode()
    assert "Checked Long Ago" in stale and "Never Checked" in stale
    assert "Checked Recently" not in stale


def test_a_page_with_the_report_forms_token_is_never_kept_by_a_shared_cache(client, make_facility):
    response = client.get(reverse("treatment:facility", args=[make_facility().pk]))
    assert "private" in response["Cache-Control"]
