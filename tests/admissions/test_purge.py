"""purge_screenings deletes screenings never sent once they are older than the retention period."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from admissions.models import Referral
from screening.models import Screening
from tests.personas import make_referral, make_screening

pytestmark = pytest.mark.django_db


def age(screening, days: int) -> None:
    Screening.objects.filter(pk=screening.pk).update(
        created_at=timezone.now() - timedelta(days=days)
    )


@pytest.fixture
def screenings(settings):
    settings.SCREENING_RETENTION_DAYS = 30
    old_unsent = make_screening()
    age(old_unsent, 31)
    new_unsent = make_screening()
    age(new_unsent, 29)
    old_referral, _ = make_referral()
    age(old_referral.screening, 400)
    return old_unsent, new_unsent, old_referral


def test_dry_run_counts_and_deletes_nothing(screenings):
    out = StringIO()
    call_command("purge_screenings", "--dry-run", stdout=out)
    assert "Would delete 1 screening(s)" in out.getvalue()
    assert "kept 1 newer unsent and 1 sent" in out.getvalue()
    assert Screening.objects.count() == 3


def test_it_deletes_only_old_screenings_never_sent(screenings):
    old_unsent, new_unsent, old_referral = screenings
    out = StringIO()
    call_command("purge_screenings", stdout=out)
    assert "Deleted 1 screening(s)" in out.getvalue()
    assert set(Screening.objects.values_list("pk", flat=True)) == {
        new_unsent.pk,
        old_referral.screening_id,
    }
    assert Referral.objects.count() == 1


def test_the_retention_period_comes_from_settings(screenings, settings):
    settings.SCREENING_RETENTION_DAYS = 10
    call_command("purge_screenings", stdout=StringIO())
    assert Screening.objects.count() == 1  # only the one sent to admissions


def test_the_purge_keeps_sent_referrals_with_their_team_and_attempts(screenings):
    from admissions.models import ContactAttempt
    from admissions.services import contact_attempt_log
    from tests.personas import make_user

    _old_unsent, _new_unsent, old_referral = screenings
    staff = make_user("staff", groups=("admissions",), device=True)
    contact_attempt_log(referral=old_referral, actor=staff, method="call", outcome="reached")
    call_command("purge_screenings", stdout=StringIO())
    old_referral.refresh_from_db()
    assert old_referral.team.name == "Admissions"
    assert old_referral.may_call
    assert ContactAttempt.objects.filter(referral=old_referral).count() == 1
