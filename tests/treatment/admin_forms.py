"""Posting a facility's admin change form as staff would, shared by the admin and cache tests."""

from django.test import Client
from django.urls import reverse

from treatment.models import Facility


def change_form(staff_client: Client, facility: Facility) -> tuple[str, dict]:
    """The facility's admin change URL and what its form holds now, ready to post back."""
    url = reverse("admin:treatment_facility_change", args=[facility.pk])
    context = staff_client.get(url).context
    form = context["adminform"].form
    data = {
        name: ("" if value is None else value)
        for name, value in form.initial.items()
        if name in form.fields
    }
    for inline in context["inline_admin_formsets"]:  # the listing's reports, shown read-only
        management = inline.formset.management_form
        data.update({management.add_prefix(k): v for k, v in management.initial.items()})
    return url, data
