"""What an import did, counted, for the command's output and the ImportRun record."""

from collections import Counter
from dataclasses import dataclass, field

SKIP_REASONS = {
    "no_name": "no name",
    "no_address": "neither a street address nor a ZIP code",
    "duplicate": "the same facility again (same name, street and ZIP, or same frid)",
    "not_substance_use": "not a substance use facility (locator typeFacility other than SA)",
}
CLEANING_RULES = {
    "street_missing": "street addresses missing: listed by city, state and ZIP",
    "whitespace_trimmed": "values with stray or doubled spaces tidied",
    "zip_padded": "ZIP codes padded to five digits",
    "zip_plus4_trimmed": "ZIP+4 codes cut to five digits",
    "zip_missing": "ZIP codes missing",
    "zip_invalid": "ZIP codes not understood (left blank)",
    "state_invalid": "states not understood (left blank)",
    "state_missing": "states missing",
    "phone_normalised": "phone numbers normalised for tel: links",
    "phone_extension_split": "phone extensions split off",
    "phone_letters_to_digits": "phone numbers in letters turned into digits",
    "phone_unusable": "phone numbers not understood (left blank)",
    "website_scheme_added": "websites given http://",
    "website_invalid": "websites not understood (left blank)",
    "coordinates_invalid": "coordinates out of range (ZIP center used instead)",
    "codes_repeated": "service codes listed twice in a row (kept once)",
}


@dataclass
class KeptCorrection:
    source_id: str
    name: str
    field: str
    staff_value: object
    incoming_value: object


@dataclass
class ImportReport:
    path: str
    format: str = ""
    data_date: str = ""
    read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deactivated: int = 0
    skipped: dict[str, list[int]] = field(default_factory=dict)
    located_by_file: int = 0
    located_by_zip: int = 0
    not_located: int = 0
    # Listed by city, state and ZIP: SAMHSA withheld the street ("- - -").
    addresses_withheld: int = 0
    # Of those, rows with the same name and ZIP as an earlier withheld row, kept apart.
    withheld_sharing_a_name: int = 0
    # Locator listings merged into the directory row of the same facility.
    merged: int = 0
    cleaned: Counter = field(default_factory=Counter)
    unknown_codes: Counter = field(default_factory=Counter)
    unmapped_labels: Counter = field(default_factory=Counter)
    kept_corrections: list[KeptCorrection] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def skip(self, reason: str, line: int) -> None:
        self.skipped.setdefault(reason, []).append(line)

    @property
    def skipped_total(self) -> int:
        return sum(len(lines) for lines in self.skipped.values())

    def as_dict(self) -> dict:
        return {
            "path": self.path,
            "format": self.format,
            "data_date": self.data_date,
            "read": self.read,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "deactivated": self.deactivated,
            "skipped": self.skipped,
            "located_by_file": self.located_by_file,
            "located_by_zip": self.located_by_zip,
            "not_located": self.not_located,
            "addresses_withheld": self.addresses_withheld,
            "withheld_sharing_a_name": self.withheld_sharing_a_name,
            "merged": self.merged,
            "cleaned": dict(self.cleaned),
            "unknown_codes": dict(self.unknown_codes),
            "unmapped_labels": dict(self.unmapped_labels),
            "kept_corrections": [vars(c) for c in self.kept_corrections],
            "notes": self.notes,
            "seconds": round(self.seconds, 2),
        }

    def lines(self) -> list[str]:
        out = [
            f"Imported {self.path} ({self.format}, SAMHSA data of {self.data_date})"
            f" in {self.seconds:.1f} s",
            f"  read:        {self.read}",
            f"  created:     {self.created}",
            f"  updated:     {self.updated}",
            f"  unchanged:   {self.unchanged}",
            f"  deactivated: {self.deactivated}",
            f"  skipped:     {self.skipped_total}",
        ]
        for reason, lines in self.skipped.items():
            shown = ", ".join(str(n) for n in lines[:20]) + (" …" if len(lines) > 20 else "")
            out.append(f"    {len(lines)} {SKIP_REASONS.get(reason, reason)}: lines {shown}")
        out += [
            "  located:",
            f"    by coordinates in the file: {self.located_by_file}",
            f"    by ZIP code center:         {self.located_by_zip}",
            f"    not located:                {self.not_located}",
            f"  street address withheld by SAMHSA ('- - -'), listed by city, state and ZIP:"
            f" {self.addresses_withheld}"
            + (
                f" ({self.withheld_sharing_a_name} share a name and ZIP with another: each"
                " listed, numbered in the file's order)"
                if self.withheld_sharing_a_name
                else ""
            ),
            "  merged (the same facility in the locator JSON and the directory CSV):"
            f" {self.merged}",
        ]
        if self.cleaned:
            out.append("  cleaned:")
            for rule, count in sorted(self.cleaned.items()):
                out.append(f"    {count} {CLEANING_RULES.get(rule, rule)}")
        if self.unknown_codes:
            codes = ", ".join(f"{code} ({n})" for code, n in self.unknown_codes.most_common())
            out.append(
                f"  unknown service codes, kept ({len(self.unknown_codes)}; facilities): {codes}"
            )
        if self.unmapped_labels:
            total = sum(self.unmapped_labels.values())
            out.append(
                f"  service labels that map to no code: {total} "
                f"({len(self.unmapped_labels)} different), e.g. "
                + "; ".join(label for label, _ in self.unmapped_labels.most_common(5))
            )
        if self.kept_corrections:
            out.append(
                "  staff corrections kept, SAMHSA's change NOT applied: "
                f"{len(self.kept_corrections)}"
            )
            for c in self.kept_corrections[:50]:
                out.append(
                    f"    {c.name} [{c.source_id}] {c.field}: kept {c.staff_value!r},"
                    f" file says {c.incoming_value!r}"
                )
        for note in self.notes:
            out.append(f"  note: {note}")
        return out
