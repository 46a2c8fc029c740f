"""Print a one-time authenticator setup link for an account (the first admin, or when no
supervisor can sign in). Audited like a supervisor's link, with no actor."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from staffauth.invitations import invitation_create


class Command(BaseCommand):
    help = "Print a one-time, expiring authenticator setup link for USERNAME."

    def add_arguments(self, parser) -> None:
        parser.add_argument("username")
        parser.add_argument(
            "--base-url", default="", help="e.g. https://firststep.example.org (else a path)"
        )

    def handle(self, *args, username: str, base_url: str, **options) -> None:
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"No active account named {username!r}.")
        token = invitation_create(user=user, created_by=None)
        self.stdout.write(base_url.rstrip("/") + reverse("staff:invitation", args=[token]))
