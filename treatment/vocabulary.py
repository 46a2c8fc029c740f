"""The directory's words and the SAMHSA codes behind them (clinical spec §4)."""

from django.utils.functional import lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from treatment import servicecodes


def _samhsa(code: str, english):
    """A label for one of SAMHSA's codes: our English wording, or in Spanish the Spanish name
    in treatment/data/service-labels-es.csv (so it needs no .po entry)."""

    def label() -> str:
        return servicecodes.label_for(code, str(english), get_language() or "")

    return lazy(label, str)()


# Category → the SAMHSA service codes that put a facility in it.
CATEGORY_CODES: dict[str, tuple[str, ...]] = {
    "detox": ("DT", "HID", "RD", "OD", "ODTX"),
    "residential": ("HI", "HIT", "RES", "RS", "RL"),
    "php": ("ODT",),
    "iop": ("OIT",),
    "outpatient": ("OP", "ORT"),
    "medication": ("OTP", "MM", "MU", "BU", "BUM", "UB", "NU", "UN", "VTRL", "NXN"),
    "aftercare": ("ACC", "HH", "PEER", "RC", "SHG"),
}
CATEGORY_NAMES = {
    "detox": _("Detox (withdrawal management)"),
    "residential": _("Inpatient or residential"),
    "php": _("Day program (partial hospitalization)"),
    "iop": _("Intensive outpatient"),
    "outpatient": _("Outpatient"),
    "medication": _("Medication for opioid use disorder"),
    "aftercare": _("Aftercare and recovery support"),
}

MEDICATION_CODES: dict[str, tuple[str, ...]] = {
    "methadone": ("OTP", "MM", "MU"),
    "buprenorphine": ("BU", "BUM", "UB"),
    "naltrexone": ("NU", "UN", "VTRL", "NXN"),
}
MEDICATION_NAMES = {
    "methadone": _("Methadone"),
    "buprenorphine": _("Buprenorphine"),
    "naltrexone": _("Naltrexone"),
}

PAYMENT = {
    "MD": _samhsa("MD", _("Medicaid")),
    "MC": _samhsa("MC", _("Medicare")),
    "PI": _samhsa("PI", _("Private insurance")),
    "MI": _samhsa("MI", _("Military insurance (TRICARE)")),
    "SF": _samhsa("SF", _("Cash or self-pay")),
    "SS": _samhsa("SS", _("Sliding fee scale")),
    "PA": _samhsa("PA", _("Payment assistance")),
    "NP": _samhsa("NP", _("Free (no payment accepted)")),
}
SPANISH_CODE = "SP"
LANGUAGE = {
    SPANISH_CODE: _samhsa(SPANISH_CODE, _("Spanish")),
    "AH": _samhsa("AH", _("Sign language")),
}
# The search form's words for the same codes: Spanish speakers look for "se habla español".
LANGUAGE_FILTER = {
    SPANISH_CODE: _("Spanish (se habla español)"),
    "AH": LANGUAGE["AH"],
}
GROUP = {
    "PW": _samhsa("PW", _("Pregnant or postpartum women")),
    "AD": _samhsa("AD", _("Adolescents")),
    "VET": _samhsa("VET", _("Veterans")),
    "CO": _samhsa("CO", _("Co-occurring mental health conditions")),
}
# Who a program serves, from SAMHSA's "Age groups accepted" and "Gender accepted" codes.
AGE = {
    "CHLD": _samhsa("CHLD", _("Children and adolescents")),
    "YAD": _samhsa("YAD", _("Young adults")),
    "ADLT": _samhsa("ADLT", _("Adults")),
    "SNR": _samhsa("SNR", _("Seniors")),
}
GENDER = {
    "FEM": _samhsa("FEM", _("Women")),
    "MALE": _samhsa("MALE", _("Men")),
}
TELEHEALTH_CODE = "TELE"

# Short names for the one-line summary of a search ("Detox within 25 miles of 01605").
CATEGORY_SHORT_NAMES = {
    "detox": _("Detox"),
    "residential": _("Residential"),
    "php": _("Day program"),
    "iop": _("Intensive outpatient"),
    "outpatient": _("Outpatient"),
    "medication": _("Medication"),
    "aftercare": _("Aftercare"),
}

RADII = (5, 10, 25, 50, 100)
DEFAULT_RADIUS = 25

# Screening care levels (clinical spec §3) a "find care" link may carry.
CARE_LEVELS = (
    "inpatient_detox",
    "residential",
    "php",
    "iop",
    "outpatient",
    "early_intervention",
    "aftercare",
)


def categories_for(codes) -> list[str]:
    present = set(codes)
    return [name for name, wanted in CATEGORY_CODES.items() if present.intersection(wanted)]


def medications_for(codes) -> list[str]:
    present = set(codes)
    return [name for name, wanted in MEDICATION_CODES.items() if present.intersection(wanted)]


# Every filterable fact as one bit of Facility.features, so the search tests a whole filter
# set with one integer AND, inside the (latitude, longitude, active, features) index.
FEATURE_CODES: dict[str, tuple[str, ...]] = {
    **{f"category:{name}": codes for name, codes in CATEGORY_CODES.items()},
    **{f"medication:{name}": codes for name, codes in MEDICATION_CODES.items()},
    **{f"payment:{code}": (code,) for code in PAYMENT},
    **{f"language:{code}": (code,) for code in LANGUAGE},
    **{f"group:{code}": (code,) for code in GROUP},
    **{f"age:{code}": (code,) for code in AGE},
    **{f"gender:{code}": (code,) for code in GENDER},
    "telehealth": (TELEHEALTH_CODE,),
}
FEATURE_BITS = {name: 1 << bit for bit, name in enumerate(FEATURE_CODES)}


def features_for(codes) -> int:
    present = set(codes)
    return sum(
        FEATURE_BITS[name] for name, wanted in FEATURE_CODES.items() if present.intersection(wanted)
    )


def feature_mask(names) -> int:
    return sum(FEATURE_BITS[name] for name in names)
