"""Read SAMHSA's directory CSV (plain or gzip) and the locator API's JSON into clean records.

The format is detected from the content, never from the file name.
"""

import csv
import gzip
import io
import json
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from treatment.importers import cleaning
from treatment.importers.report import ImportReport
from treatment.models import Facility

CSV_FORMAT = "directory CSV"
JSON_FORMAT = "locator JSON"
CSV_REQUIRED_COLUMNS = (
    "name1",
    "name2",
    "street1",
    "street2",
    "city",
    "state",
    "zip",
    "phone",
    "intake1",
    "service_code_info",
)
JSON_REQUIRED_KEYS = ("frid", "name1", "street1", "city", "state", "zip", "phone", "services")


class ImportFileError(Exception):
    """The file cannot be imported at all; nothing was changed."""


@dataclass
class Record:
    line: int
    source_id: str
    values: dict = field(default_factory=dict)
    # The cleaning rules applied, counted into the report only if the record is kept.
    cleaned: Counter = field(default_factory=Counter)


@dataclass
class ParsedFile:
    format: str
    source: str
    records: list[Record]
    # A locator extract of one page out of many must not deactivate the others.
    complete: bool = True


def read_text(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise ImportFileError(f"cannot read {path}: {error.strerror or error}") from None
    if raw[:2] == b"\x1f\x8b":
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError, zlib.error) as error:
            raise ImportFileError(f"{path} looks gzip-compressed but is damaged: {error}") from None
    if b"\x00" in raw[:4096]:
        raise ImportFileError(f"{path} is not a text file (neither SAMHSA CSV nor locator JSON).")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def parse_file(
    path: Path,
    *,
    report: ImportReport,
    known_codes: set[str],
    label_codes: dict[str, str],
    progress: Callable[[str], None] | None = None,
) -> ParsedFile:
    text = read_text(path)
    if not text.strip():
        raise ImportFileError(f"{path} is empty.")
    if text.lstrip()[:1] in "{[":
        parsed = _parse_locator_json(text, report, label_codes, progress)
    else:
        parsed = _parse_directory_csv(text, report, progress)
    report.format = parsed.format
    for record in parsed.records:
        if record.values["address_withheld"]:
            report.addresses_withheld += 1
        for code in record.values["service_codes"].split():
            if code not in known_codes:
                report.unknown_codes[code] += 1
    return parsed


def _parse_directory_csv(text, report, progress) -> ParsedFile:
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip() for h in next(reader)]
    except (StopIteration, csv.Error) as error:
        raise ImportFileError(f"not a CSV file: {error}") from None
    missing = [c for c in CSV_REQUIRED_COLUMNS if c not in header]
    if missing:
        raise ImportFileError(
            "neither locator JSON nor SAMHSA's directory CSV: "
            f"the CSV header lacks column(s) {', '.join(missing)}"
        )
    index = {name: header.index(name) for name in header}
    records: list[Record] = []
    seen: dict[str, int] = {}
    try:
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            report.read += 1
            if progress and report.read % 2000 == 0:
                progress(f"read {report.read} rows")
            cells = {name: (row[i] if i < len(row) else "") for name, i in index.items()}
            codes = [c for c in cells["service_code_info"].split() if c != "*"]
            record = _clean_record(
                report,
                line,
                name=cells["name1"],
                name2=cells["name2"],
                street1=cells["street1"],
                street2=cells["street2"],
                city=cells["city"],
                state=cells["state"],
                zip_code=cells["zip"],
                phone=cells["phone"],
                intakes=[cells.get(k, "") for k in ("intake1", "intake2", "intake1a", "intake2a")],
                website=cells.get("website", ""),
                coordinates=None,
                codes=codes,
            )
            if record is None:
                continue
            v = record.values
            record.source_id = cleaning.directory_identity(
                name=v["name"],
                name2=v["name2"],
                street1=v["street1"],
                street2=v["street2"],
                zip_code=v["zip_code"],
            )
            if record.source_id in seen and v["address_withheld"]:
                # The withheld street was all that told these apart (often several houses of
                # one program): each row is its own listing, numbered in the file's order.
                base, number = record.source_id, 2
                while f"{base}#{number}" in seen:
                    number += 1
                record.source_id = f"{base}#{number}"
                report.withheld_sharing_a_name += 1
            if record.source_id in seen:
                report.skip("duplicate", line)
                continue
            seen[record.source_id] = line
            report.cleaned.update(record.cleaned)
            records.append(record)
    except csv.Error as error:
        raise ImportFileError(f"the CSV is broken at line {reader.line_num}: {error}") from None
    return ParsedFile(CSV_FORMAT, Facility.SOURCE_DIRECTORY, records)


def _parse_locator_json(text, report, label_codes, progress) -> ParsedFile:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportFileError(
            f"not valid JSON (line {error.lineno}, column {error.colno}): {error.msg}"
        ) from None
    rows = data.get("rows") if isinstance(data, dict) else data
    if not isinstance(rows, list):
        raise ImportFileError("JSON without a rows[] list: not SAMHSA locator data.")
    for number, row in enumerate(rows, start=1):
        if not isinstance(row, dict):
            raise ImportFileError(f"rows[{number}] is not an object.")
        missing = [k for k in JSON_REQUIRED_KEYS if k not in row]
        if missing:
            raise ImportFileError(f"rows[{number}] lacks key(s) {', '.join(missing)}.")
    complete = True
    if isinstance(data, dict) and int(data.get("totalPages") or 1) > 1:
        complete = False
        report.notes.append(
            f"page {data.get('page')} of {data.get('totalPages')} of the locator's results: "
            "facilities missing from it were not deactivated"
        )
    records: list[Record] = []
    seen: set[str] = set()
    for number, row in enumerate(rows, start=1):
        report.read += 1
        if progress and report.read % 2000 == 0:
            progress(f"read {report.read} rows")
        if (row.get("typeFacility") or "SA") != "SA":
            report.skip("not_substance_use", number)
            continue
        codes = []
        for service in row.get("services") or []:
            for label in str(service.get("f3") or "").split(";"):
                clean = cleaning.clean_text(label)[0]
                if not clean:
                    continue
                code = label_codes.get(clean.lower())
                if code is None:
                    report.unmapped_labels[clean] += 1
                else:
                    codes.append(code)
        record = _clean_record(
            report,
            number,
            name=row.get("name1"),
            name2=row.get("name2"),
            street1=row.get("street1"),
            street2=row.get("street2"),
            city=row.get("city"),
            state=row.get("state"),
            zip_code=str(row.get("zip") or ""),
            phone=row.get("phone"),
            intakes=[row.get("intake1"), row.get("intake2")],
            website=row.get("website"),
            coordinates=(row.get("latitude"), row.get("longitude")),
            codes=codes,
        )
        if record is None:
            continue
        record.source_id = f"frid:{str(row['frid']).strip()}"
        if record.source_id in seen:
            report.skip("duplicate", number)
            continue
        seen.add(record.source_id)
        report.cleaned.update(record.cleaned)
        records.append(record)
    return ParsedFile(JSON_FORMAT, Facility.SOURCE_LOCATOR, records, complete)


def _clean_record(report: ImportReport, line: int, **raw) -> Record | None:
    cleaned: Counter = Counter()
    texts = {}
    for key in ("name", "name2", "street1", "street2", "city"):
        texts[key], changed = cleaning.clean_text(raw[key] if raw[key] is not None else "")
        if changed and raw[key]:
            cleaned["whitespace_trimmed"] += 1
    if not texts["name"]:
        report.skip("no_name", line)
        return None
    values = dict(texts)
    values["address_withheld"] = cleaning.is_withheld(texts["street1"])
    if values["address_withheld"]:
        # Listed by city, state and ZIP; the dashes are not a street.
        values["street1"] = ""
    values["state"], rule = cleaning.clean_state(raw["state"])
    values["zip_code"], zip_rule = cleaning.clean_zip(raw["zip_code"])
    if not values["street1"] and not values["zip_code"]:
        report.skip("no_address", line)
        return None
    _count(cleaned, rule, zip_rule)
    if not values["street1"] and not values["address_withheld"]:
        cleaned["street_missing"] += 1
    values["phone"], values["phone_extension"], rules = cleaning.clean_phone(raw["phone"])
    _count(cleaned, *rules)
    values["intake_phone"] = values["intake_phone_extension"] = ""
    for intake in raw["intakes"]:
        if intake and str(intake).strip():
            number, extension, rules = cleaning.clean_phone(str(intake))
            _count(cleaned, *rules)
            if number:
                values["intake_phone"], values["intake_phone_extension"] = number, extension
                break
    values["website"], rule = cleaning.clean_website(raw["website"])
    _count(cleaned, rule)

    located = None
    if raw["coordinates"] is not None and any(raw["coordinates"]):
        located = cleaning.clean_coordinates(*raw["coordinates"])
        if located is None:
            cleaned["coordinates_invalid"] += 1
    if located:
        source = Facility.LOCATED_BY_FILE
    elif values["zip_code"] in cleaning.zip_centroids():
        located = cleaning.zip_centroids()[values["zip_code"]]
        source = Facility.LOCATED_BY_ZIP
    else:
        source = Facility.NOT_LOCATED
    values["latitude"], values["longitude"] = located or (None, None)
    values["location_source"] = source

    unique_codes = list(dict.fromkeys(raw["codes"]))
    if len(unique_codes) != len(raw["codes"]):
        cleaned["codes_repeated"] += 1
    values["service_codes"] = f" {' '.join(unique_codes)} " if unique_codes else ""
    return Record(line=line, source_id="", values=values, cleaned=cleaned)


def _count(cleaned: Counter, *rules: str | None) -> None:
    for rule in rules:
        if rule:
            cleaned[rule] += 1


def iter_chunks(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
