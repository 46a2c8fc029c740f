"""Staff keep facilities in the admin: search, filters, mark verified, corrections recorded."""

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.treatment.admin_forms import change_form
from treatment.models import Facility

pytestmark = pytest.mark.django_db
CHANGELIST = reverse("admin:treatment_facility_changelist")


def test_outsiders_are_sent_to_log_in(client, make_facility):
    make_facility()
    response = client.get(CHANGELIST)
    assert response.status_code == 302


def test_staff_can_search_and_filter_by_state_and_category(staff_client, make_facility):
    make_facility("Detox Place", codes="SA DT")
    make_facility("Talk Place", codes="SA OP", state="CO")
    html = staff_client.get(CHANGELIST, {"q": "Detox"}).content.decode()
    assert "Detox Place" in html and "Talk Place" not in html
    html = staff_client.get(CHANGELIST, {"category": "detox"}).content.decode()
    assert "Detox Place" in html and "Talk Place" not in html
    html = staff_client.get(CHANGELIST, {"state": "CO"}).content.decode()
    assert "Talk Place" in html and "Detox Place" not in html


def test_mark_verified_records_the_date_and_who(staff_client, admin_user, make_facility):
    facility = make_facility()
    staff_client.post(CHANGELIST, {"action": "mark_verified", "_selected_action": [facility.pk]})
    facility.refresh_from_db()
    assert facility.verified_at == timezone.localdate()
    assert facility.verified_by == admin_user


def test_editing_a_field_records_it_as_a_staff_correction(staff_client, make_facility):
    facility = make_facility("Blue Ridge", phone="+14345550100")
    url, data = change_form(staff_client, facility)
    data.update({"phone": "+14345550999", "latitude": "38.1", "active": "on"})
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    facility.refresh_from_db()
    assert facility.phone == "+14345550999"
    assert facility.staff_corrected_fields == ["latitude", "location_source", "phone"]
    assert facility.location_source == Facility.LOCATED_BY_STAFF


def test_service_codes_typed_by_staff_stay_searchable(staff_client, make_facility):
    facility = make_facility("Blue Ridge", codes="SA OP")
    url, data = change_form(staff_client, facility)
    data.update({"service_codes": "sa, op  bu", "active": "on"})
    assert staff_client.post(url, data).status_code == 302
    facility.refresh_from_db()
    assert facility.service_codes == " SA OP BU "
    assert facility.staff_corrected_fields == ["service_codes"]
    assert Facility.objects.offering_any(["BU"]).get() == facility
