import datetime
import sys

from django.core.management.base import BaseCommand, CommandError, CommandParser

from treatment.importers import ImportFileError, facility_import


class Command(BaseCommand):
    help = (
        "Import SAMHSA's national directory CSV (plain or .gz) or the locator API's JSON. "
        "Idempotent; staff corrections are kept and reported."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="the file to import; its format is read from its content")
        parser.add_argument(
            "--data-date",
            type=datetime.date.fromisoformat,
            help="the date of SAMHSA's data, YYYY-MM-DD (default: the file's modification date)",
        )

    def handle(self, *args, path: str, data_date=None, verbosity: int = 1, **options) -> None:
        def progress(message: str) -> None:
            if verbosity >= 1:
                self.stdout.write(f"… {message}")
                if hasattr(self.stdout, "flush"):
                    self.stdout.flush()

        try:
            report = facility_import(path=path, data_date=data_date, progress=progress)
        except ImportFileError as error:
            raise CommandError(f"Nothing was imported or changed: {error}") from None
        for line in report.lines():
            self.stdout.write(line)
        if report.kept_corrections:
            self.stdout.write(
                self.style.WARNING(
                    f"{len(report.kept_corrections)} change(s) from the file were not applied "
                    "because staff corrected those fields; review them in the admin."
                )
            )
        sys.stdout.flush()
