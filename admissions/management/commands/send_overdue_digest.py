from django.core.management.base import BaseCommand

from admissions.notifications import send_overdue_digest


class Command(BaseCommand):
    help = (
        "Email each admissions team's supervisors (or members) the list of its overdue "
        "referrals: case labels and links only. Run it daily (cron or a systemd timer)."
    )

    def handle(self, *args, **options) -> None:
        counts = send_overdue_digest()
        self.stdout.write(
            f"Sent {counts['emails']} digest email(s) for {counts['teams']} team(s) "
            f"with {counts['referrals']} overdue referral(s)."
        )
