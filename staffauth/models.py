"""Staff sign-in state kept on the server: which sessions a user has, since when they count,
and the one-time links that let a staff member enrol an authenticator."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class StaffSession(models.Model):
    """One signed-in session of a user, so all of them can be ended at once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_sessions"
    )
    session_key = models.CharField(max_length=40, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Session of user {self.user_id}"


class SignInState(models.Model):
    """Sessions of this user signed in before `not_before` are refused, wherever they are."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sign_in_state"
    )
    not_before = models.FloatField(default=0)  # a Unix time, as the session stamps it

    def __str__(self) -> str:
        return f"Sign-in state of user {self.user_id}"


class InvitationQuerySet(models.QuerySet):
    def usable(self) -> "InvitationQuerySet":
        return self.filter(used_at__isnull=True, expires_at__gt=timezone.now())


class Invitation(models.Model):
    """A one-time, expiring link to enrol an authenticator. Only its digest is stored."""

    token_digest = models.CharField(max_length=64, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="otp_invitations"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Setup link for user {self.user_id}"

    @property
    def is_usable(self) -> bool:
        return self.used_at is None and self.expires_at > timezone.now()
