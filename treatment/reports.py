"""Keeping listings fresh: people report a listing out of date; staff check and verify it.

Facility.reported_on (the oldest open report's date) is kept in step here, so a page of
results can say "reported out of date" without a query per facility.
"""

from django.db import transaction
from django.db.models import Min
from django.utils import timezone

from treatment.models import Facility, ListingReport


def report_listing(facility: Facility, *, problem: str, note: str = "") -> ListingReport:
    with transaction.atomic():
        report = ListingReport.objects.create(facility=facility, problem=problem, note=note)
        if facility.reported_on is None:
            facility.reported_on = timezone.localdate()
            facility.save(update_fields=["reported_on"])
    return report


def refresh_reported_on(facility_ids) -> None:
    """Recompute reported_on from the open reports, after reports were resolved or deleted."""
    facility_ids = list(facility_ids)
    oldest = dict(
        ListingReport.objects.filter(facility_id__in=facility_ids, resolved_at__isnull=True)
        .values("facility_id")
        .annotate(oldest=Min("created_at"))
        .values_list("facility_id", "oldest")
    )
    for facility in Facility.objects.filter(pk__in=facility_ids).only("pk", "reported_on"):
        wanted = timezone.localdate(oldest[facility.pk]) if facility.pk in oldest else None
        if facility.reported_on != wanted:
            Facility.objects.filter(pk=facility.pk).update(reported_on=wanted)


def mark_verified(facility_ids, user) -> int:
    """Staff checked these listings today: record it and clear their open reports."""
    facility_ids = list(facility_ids)
    now = timezone.now()
    with transaction.atomic():
        count = Facility.objects.filter(pk__in=facility_ids).update(
            verified_at=timezone.localdate(now), verified_by=user, reported_on=None
        )
        ListingReport.objects.filter(facility_id__in=facility_ids, resolved_at__isnull=True).update(
            resolved_at=now, resolved_by=user
        )
    return count
