from django.conf import settings
from django.core.management.base import BaseCommand

from admissions.services import screenings_purge


class Command(BaseCommand):
    help = (
        "Delete screenings never sent to admissions once they are older than "
        "SCREENING_RETENTION_DAYS. Run it daily (cron or a systemd timer)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="Only count what would be deleted."
        )

    def handle(self, *args, dry_run: bool = False, **options) -> None:
        days = settings.SCREENING_RETENTION_DAYS
        counts = screenings_purge(retention_days=days, dry_run=dry_run)
        verb = "Would delete" if dry_run else "Deleted"
        self.stdout.write(
            f"{verb} {counts['expired']} screening(s) never sent and older than {days} days; "
            f"kept {counts['kept_unsent']} newer unsent and {counts['kept_sent']} sent."
        )
