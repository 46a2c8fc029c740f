"""facility_import: one SAMHSA file into the directory, in one transaction."""

import datetime
import time
from collections.abc import Callable
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from treatment import servicecodes, vocabulary
from treatment.importers.formats import ImportFileError, iter_chunks, parse_file
from treatment.importers.merging import apply_locator_partners, merge_listings
from treatment.importers.report import ImportReport, KeptCorrection
from treatment.models import Facility, ImportRun, ServiceCode

BATCH = 500
__all__ = ["ImportFileError", "facility_import"]


def facility_import(
    *,
    path: Path | str,
    data_date: datetime.date | None = None,
    progress: Callable[[str], None] | None = None,
) -> ImportReport:
    """Create, update and deactivate facilities from one file; never overwrite staff corrections.

    The whole file is read and cleaned before anything is written, and the writes share one
    transaction: a file that cannot be read changes nothing.
    """
    started = time.perf_counter()
    path = Path(path)
    if data_date is None:
        try:
            data_date = datetime.date.fromtimestamp(path.stat().st_mtime)
        except OSError as error:
            raise ImportFileError(f"cannot read {path}: {error.strerror or error}") from None
    report = ImportReport(path=str(path), data_date=data_date.isoformat())
    labels = {entry.label.lower(): entry.code for entry in ServiceCode.objects.all()}
    labels.update(servicecodes.read_locator_aliases())
    parsed = parse_file(
        path,
        report=report,
        known_codes=set(ServiceCode.objects.values_list("code", flat=True)),
        label_codes=labels,
        progress=progress,
    )
    if progress:
        progress(f"read {report.read} rows; saving")

    now = timezone.now()
    with transaction.atomic():
        if parsed.source == Facility.SOURCE_DIRECTORY:
            apply_locator_partners(parsed.records)
        _count_locations(parsed.records, report)
        existing = {f.source_id: f for f in Facility.objects.filter(source=parsed.source)}
        to_create: list[Facility] = []
        to_update: list[Facility] = []
        for record in parsed.records:
            facility = existing.get(record.source_id)
            if facility is None:
                to_create.append(
                    Facility(
                        source=parsed.source,
                        source_id=record.source_id,
                        source_date=data_date,
                        imported_at=now,
                        updated_at=now,
                        features=vocabulary.features_for(record.values["service_codes"].split()),
                        **record.values,
                    )
                )
            elif _apply(facility, record.values, report):
                facility.updated_at = now
                facility.features = vocabulary.features_for(facility.codes)
                to_update.append(facility)
            else:
                report.unchanged += 1

        for chunk in iter_chunks(to_create, BATCH):
            Facility.objects.bulk_create(chunk)
        report.created = len(to_create)
        update_fields = [
            *Facility.IMPORTED_FIELDS,
            "features",
            "active",
            "updated_at",
            "import_conflicts",
        ]
        for chunk in iter_chunks(to_update, BATCH):
            Facility.objects.bulk_update(chunk, update_fields)
        report.updated = len(to_update)

        seen = {record.source_id for record in parsed.records}
        vanished = [f.pk for f in existing.values() if f.active and f.source_id not in seen]
        if parsed.complete:
            for chunk in iter_chunks(vanished, BATCH):
                Facility.objects.filter(pk__in=chunk).update(active=False, updated_at=now)
            report.deactivated = len(vanished)
        seen_pks = [f.pk for f in existing.values() if f.source_id in seen]
        for chunk in iter_chunks(seen_pks, BATCH):
            Facility.objects.filter(pk__in=chunk).update(source_date=data_date)

        merge_listings(report, now=now)
        report.seconds = time.perf_counter() - started
        ImportRun.objects.create(
            path=str(path), format=report.format, data_date=data_date, report=report.as_dict()
        )
    return report


def _count_locations(records, report: ImportReport) -> None:
    for record in records:
        match record.values["location_source"]:
            case Facility.LOCATED_BY_FILE:
                report.located_by_file += 1
            case Facility.LOCATED_BY_ZIP:
                report.located_by_zip += 1
            case _:
                report.not_located += 1


def _apply(facility: Facility, values: dict, report: ImportReport) -> bool:
    """Copy the file's values onto a known facility, except fields staff corrected."""
    changed = False
    corrected = set(facility.staff_corrected_fields or [])
    conflicts = {}
    for field, incoming in values.items():
        current = getattr(facility, field)
        if current == incoming:
            continue
        if field in corrected:
            conflicts[field] = incoming
            report.kept_corrections.append(
                KeptCorrection(facility.source_id, facility.name, field, current, incoming)
            )
            continue
        setattr(facility, field, incoming)
        changed = True
    if conflicts != (facility.import_conflicts or {}):
        facility.import_conflicts = conflicts
        changed = True
    if not facility.active:
        facility.active = True
        changed = True
    return changed
