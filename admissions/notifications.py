"""Emails to staff. They carry no health data and nothing about the person: no name, no
answers, no contact details, only that something waits and where to open it."""

import logging
from urllib.parse import urljoin

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, mailers
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from admissions.access import ADMISSIONS_GROUP
from admissions.models import Referral, Team, TeamRole
from admissions.selectors import overdue_referrals, urgency

logger = logging.getLogger(__name__)

URGENCY_WORDS = {"high": gettext_lazy("high"), "normal": gettext_lazy("normal")}


def _absolute(path: str) -> str:
    return urljoin(settings.FIRSTSTEP_SITE_URL.rstrip("/") + "/", path.lstrip("/"))


def _members(team: Team, roles: tuple[str, ...] | None = None):
    members = get_user_model().objects.filter(
        is_active=True,
        groups__name=ADMISSIONS_GROUP,
        team_memberships__team=team,
    )
    if roles:
        members = members.filter(team_memberships__role__in=roles)
    return list(members.exclude(email="").distinct().order_by("pk"))


def _send(messages: list[EmailMessage], what: str) -> int:
    # A mail server being down must not lose a referral: the queue still shows it.
    if not messages:
        return 0
    try:
        return mailers.default.send_messages(messages) or 0
    except Exception:  # noqa: BLE001
        logger.exception("Could not send %d %s email(s)", len(messages), what)
        return 0


def notify_new_referral(referral_id: int) -> int:
    """One email to each member of the referral's team: the urgency and the queue's link."""
    referral = Referral.objects.select_related("screening", "team").filter(pk=referral_id).first()
    if referral is None or referral.is_withdrawn:
        return 0
    link = _absolute(reverse("staff:queue"))
    with override(settings.LANGUAGE_CODE):
        level = urgency(referral)
        subject = _("FirstStep: a new referral is waiting")
        body = _(
            "A new referral is waiting, urgency: %(urgency)s. Open the queue: %(link)s\n\n"
            "This email holds no details about the person: sign in to see the referral."
        ) % {"urgency": URGENCY_WORDS[level], "link": link}
    messages = [
        EmailMessage(subject, body, to=[member.email]) for member in _members(referral.team)
    ]
    return _send(messages, "new referral")


def send_overdue_digest(now=None) -> dict[str, int]:
    """Per team, one email to each supervisor (every member when the team has none) listing
    its overdue case labels and links. Withdrawn and closed cases are never listed."""
    now = now or timezone.now()
    counts = {"teams": 0, "emails": 0, "referrals": 0}
    for team in Team.objects.all():
        overdue = overdue_referrals(team, now)
        if not overdue:
            continue
        recipients = _members(team, roles=(TeamRole.SUPERVISOR,)) or _members(team)
        with override(settings.LANGUAGE_CODE):
            lines = [
                "- {label} ({why}): {link}".format(
                    label=referral.case_label,
                    why=_("not attempted within the target")
                    if why.missed_target
                    else _("next attempt due"),
                    link=_absolute(reverse("staff:detail", kwargs={"pk": referral.pk})),
                )
                for referral, why in overdue
            ]
            subject = _("FirstStep: %(count)d overdue referral(s) for %(team)s") % {
                "count": len(overdue),
                "team": team.name,
            }
            body = (
                _("These referrals are overdue for a call-back:")
                + "\n"
                + "\n".join(lines)
                + "\n\n"
                + _("Open the queue: %(link)s") % {"link": _absolute(reverse("staff:queue"))}
            )
        messages = [EmailMessage(subject, body, to=[user.email]) for user in recipients]
        counts["teams"] += 1
        counts["referrals"] += len(overdue)
        counts["emails"] += _send(messages, "digest")
    return counts
