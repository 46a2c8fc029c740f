"""Read SAMHSA's service-code key and FirstStep's additions to it from treatment/data/."""

import csv
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
KEY_FILE = DATA_DIR / "samhsa-service-codes.csv"
SUPPLEMENT_FILE = DATA_DIR / "service-codes-supplement.csv"
GROUPS_FILE = DATA_DIR / "service-groups.csv"
LOCATOR_ALIASES_FILE = DATA_DIR / "locator-label-aliases.csv"
SPANISH_LABELS_FILE = DATA_DIR / "service-labels-es.csv"


def clean_label(label: str) -> str:
    # SAMHSA's key carries a stray U+FFFD (a mis-encoded character) after one label.
    return " ".join(label.replace("\ufffd", "").split())


def read_key() -> list[dict]:
    """Every code with its label, group and where the label comes from."""
    groups: dict[str, tuple[str, int]] = {}
    with GROUPS_FILE.open(encoding="utf-8", newline="") as f:
        for order, row in enumerate(csv.DictReader(f), start=1):
            for code in row["codes"].split():
                groups[code] = (row["group"], order)
    entries: dict[str, dict] = {}
    with KEY_FILE.open(encoding="utf-8", errors="replace", newline="") as f:
        for row in csv.DictReader(f):
            code = row["code"].strip()
            entries[code] = {"code": code, "label": clean_label(row["label"]), "source": "samhsa"}
    with SUPPLEMENT_FILE.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            code = row["code"].strip()
            entries.setdefault(
                code, {"code": code, "label": clean_label(row["label"]), "source": "supplement"}
            )
    for entry in entries.values():
        entry["group"], entry["group_order"] = groups.get(entry["code"], ("", 999))
    return sorted(entries.values(), key=lambda e: (e["group_order"], e["code"]))


def read_locator_aliases() -> dict[str, str]:
    """Labels the locator API uses that differ from the key's, lower-cased → code."""
    with LOCATOR_ALIASES_FILE.open(encoding="utf-8", newline="") as f:
        return {clean_label(row["label"]).lower(): row["code"] for row in csv.DictReader(f)}


@cache
def spanish_labels() -> dict[str, str]:
    """Code → its label in Spanish; group headings are keyed "group:<English heading>"."""
    with SPANISH_LABELS_FILE.open(encoding="utf-8", newline="") as f:
        return {row["code"]: row["label_es"].strip() for row in csv.DictReader(f)}


def label_for(code: str, label: str, language: str) -> str:
    """SAMHSA's label for a code, in Spanish when the page is and we have one."""
    if language.startswith("es"):
        return spanish_labels().get(code, label)
    return label


def group_for(group: str, language: str) -> str:
    if language.startswith("es"):
        return spanish_labels().get(f"group:{group}", group)
    return group
