"""The articles and glossary terms FirstStep ships with, in English and Spanish.

English: each article's body is the HTML file of the same slug in `articles/`; its metadata
is below. Facts come from clinical spec §5 and the sources listed with each article.

Spanish, in `es/` (read by `spanish_articles` and `spanish_glossary`):
- `es/<english-slug>.html`: the Spanish body of that article;
- `es/meta.json` and `es/meta_extra.json`: `{english slug: {"slug": …, "title": …,
  "summary": …}}`, optionally with `"revision"` (default 1) and `"last_reviewed"`
  (YYYY-MM-DD, default the English one). Both files are read; `meta_extra.json` holds the
  articles written apart from the translation of the first twelve;
- `es/glossary.json` and `es/glossary_extra.json`: `{english term: {"term": …,
  "definition": …}}`, optionally with `"also_written_as"` (a list).
An article ships in Spanish only when it has both its body file and its meta entry; the
rest of its metadata (topic, care levels, …) is the English article's, and its sources are
the same sources as named in Spanish (`SPANISH_SOURCES`).

To change a shipped article for everyone who has not edited it, edit its file and raise its
`revision` (Spanish: in its meta entry); a new data migration calling
`content.shipped.loader.load_shipped_content` then refreshes it. Each language's version
has its own revision, so a new English text never replaces a Spanish one, or the reverse.
"""

import json
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

ARTICLES_DIR = Path(__file__).resolve().parent / "articles"
ES_DIR = Path(__file__).resolve().parent / "es"
ES_META_FILES = ("meta.json", "meta_extra.json")
ES_GLOSSARY_FILES = ("glossary.json", "glossary_extra.json")
REVIEWED = date(2026, 11, 23)
REVIEWED_DECEMBER = date(2026, 12, 1)

# Sources, each a title, a publisher and an address (clinical spec §5).
CDC_OUD_DIAGNOSIS = {
    "title": "Opioid Use Disorder: Diagnosis",
    "publisher": "Centers for Disease Control and Prevention (CDC)",
    "url": "https://www.cdc.gov/overdose-prevention/hcp/clinical-care/opioid-use-disorder-diagnosis.html",
}
CDC_PREVENTING_OVERDOSE = {
    "title": "Preventing Opioid Overdose",
    "publisher": "Centers for Disease Control and Prevention (CDC)",
    "url": "https://www.cdc.gov/overdose-prevention/prevention/index.html",
}
CDC_STOP_OVERDOSE = {
    "title": "Helping Stop Overdose",
    "publisher": "Centers for Disease Control and Prevention (CDC)",
    "url": "https://www.cdc.gov/stop-overdose/caring/index.html",
}
NIDA_HEROIN = {
    "title": "Heroin DrugFacts",
    "publisher": "National Institute on Drug Abuse (NIDA)",
    "url": "https://nida.nih.gov/publications/drugfacts/heroin",
}
NIDA_TREATMENT_PRINCIPLES = {
    "title": "Principles of Drug Addiction Treatment: A Research-Based Guide",
    "publisher": "National Institute on Drug Abuse (NIDA)",
    "url": "https://nida.nih.gov/publications/principles-drug-addiction-treatment-research-based-guide-third-edition",
}
NIDA_TREATMENT_RECOVERY = {
    "title": "Drugs, Brains, and Behavior: Treatment and Recovery",
    "publisher": "National Institute on Drug Abuse (NIDA)",
    "url": "https://nida.nih.gov/publications/drugs-brains-behavior-science-addiction/treatment-recovery",
}
SAMHSA_TIP_63 = {
    "title": "TIP 63: Medications for Opioid Use Disorder",
    "publisher": "Substance Abuse and Mental Health Services Administration (SAMHSA)",
    "url": "https://store.samhsa.gov/product/tip-63-medications-opioid-use-disorder/pep21-02-01-002",
}
SAMHSA_HELPLINE = {
    "title": "SAMHSA's National Helpline",
    "publisher": "Substance Abuse and Mental Health Services Administration (SAMHSA)",
    "url": "https://www.samhsa.gov/find-help/national-helpline",
}
FINDTREATMENT = {
    "title": "FindTreatment.gov",
    "publisher": "Substance Abuse and Mental Health Services Administration (SAMHSA)",
    "url": "https://findtreatment.gov/",
}
FDA_NALOXONE_OTC = {
    "title": "FDA Approves First Over-the-Counter Naloxone Nasal Spray",
    "publisher": "U.S. Food and Drug Administration (FDA)",
    "url": "https://www.fda.gov/news-events/press-announcements/fda-approves-first-over-counter-naloxone-nasal-spray",
}
FDA_MOUD = {
    "title": "Information about Medications for Opioid Use Disorder (MOUD)",
    "publisher": "U.S. Food and Drug Administration (FDA)",
    "url": "https://www.fda.gov/drugs/information-drug-class/information-about-medications-opioid-use-disorder-moud",
}
ASAM_CRITERIA = {
    "title": "The ASAM Criteria",
    "publisher": "American Society of Addiction Medicine (ASAM)",
    "url": "https://www.asam.org/asam-criteria",
}
LIFELINE_988 = {
    "title": "988 Suicide & Crisis Lifeline",
    "publisher": "988 Suicide & Crisis Lifeline",
    "url": "https://988lifeline.org/",
}
CDC_HEPATITIS_C = {
    "title": "Hepatitis C",
    "publisher": "Centers for Disease Control and Prevention (CDC)",
    "url": "https://www.cdc.gov/hepatitis-c/index.html",
}
CDC_SYRINGE_SERVICES = {
    "title": "Syringe Services Programs",
    "publisher": "Centers for Disease Control and Prevention (CDC)",
    "url": "https://www.cdc.gov/hiv/effective-interventions/prevent/syringe-services-programs/index.html",
}
CDC_XYLAZINE = {
    "title": "What You Should Know About Xylazine",
    "publisher": "Centers for Disease Control and Prevention (CDC)",
    "url": "https://www.cdc.gov/overdose-prevention/about/what-you-should-know-about-xylazine.html",
}

# The same sources for the Spanish articles: the publisher's own Spanish name where it
# uses one, and its Spanish page only where one is known to exist (NIDA's heroin
# DrugFacts); otherwise the English page, marked as such in the title.
CDC_ES = "Centros para el Control y la Prevención de Enfermedades (CDC)"
NIDA_ES = "Instituto Nacional sobre el Abuso de Drogas (NIDA)"
SAMHSA_ES = "Administración de Servicios de Salud Mental y Abuso de Sustancias (SAMHSA)"
FDA_ES = "Administración de Alimentos y Medicamentos de los EE. UU. (FDA)"
LIFELINE_988_ES = "988 Línea de Prevención del Suicidio y Crisis"
IN_ENGLISH = " (en inglés)"


def _english_page(source: dict, publisher: str) -> dict:
    return {"title": source["title"] + IN_ENGLISH, "publisher": publisher, "url": source["url"]}


SPANISH_SOURCES: dict[str, dict] = {
    source["url"]: spanish
    for source, spanish in (
        (CDC_OUD_DIAGNOSIS, _english_page(CDC_OUD_DIAGNOSIS, CDC_ES)),
        (CDC_PREVENTING_OVERDOSE, _english_page(CDC_PREVENTING_OVERDOSE, CDC_ES)),
        (CDC_STOP_OVERDOSE, _english_page(CDC_STOP_OVERDOSE, CDC_ES)),
        (CDC_HEPATITIS_C, _english_page(CDC_HEPATITIS_C, CDC_ES)),
        (CDC_SYRINGE_SERVICES, _english_page(CDC_SYRINGE_SERVICES, CDC_ES)),
        (CDC_XYLAZINE, _english_page(CDC_XYLAZINE, CDC_ES)),
        (
            NIDA_HEROIN,
            {
                "title": "La heroína (DrugFacts)",
                "publisher": NIDA_ES,
                "url": "https://nida.nih.gov/es/publicaciones/drugfacts/la-heroina",
            },
        ),
        (NIDA_TREATMENT_PRINCIPLES, _english_page(NIDA_TREATMENT_PRINCIPLES, NIDA_ES)),
        (NIDA_TREATMENT_RECOVERY, _english_page(NIDA_TREATMENT_RECOVERY, NIDA_ES)),
        (SAMHSA_TIP_63, _english_page(SAMHSA_TIP_63, SAMHSA_ES)),
        (SAMHSA_HELPLINE, _english_page(SAMHSA_HELPLINE, SAMHSA_ES)),
        (FINDTREATMENT, _english_page(FINDTREATMENT, SAMHSA_ES)),
        (FDA_NALOXONE_OTC, _english_page(FDA_NALOXONE_OTC, FDA_ES)),
        (FDA_MOUD, _english_page(FDA_MOUD, FDA_ES)),
        # ASAM has no Spanish name.
        (ASAM_CRITERIA, _english_page(ASAM_CRITERIA, ASAM_CRITERIA["publisher"])),
        (LIFELINE_988, _english_page(LIFELINE_988, LIFELINE_988_ES)),
    )
}


def spanish_source(source: dict) -> dict:
    """The source as a Spanish article names it (the English one if none is set)."""
    return dict(SPANISH_SOURCES.get(source["url"], source))


@dataclass(frozen=True)
class ShippedArticle:
    slug: str
    title: str
    summary: str
    audience: str
    topic: str
    position: int
    care_levels: tuple[str, ...]
    directory_categories: tuple[str, ...]
    sources: tuple[dict, ...]
    revision: int = 1
    last_reviewed: date = REVIEWED
    is_published: bool = True
    language: str = "en"
    translation_key: str = ""  # the English slug; empty for English, where it is the slug
    body_dir: Path = ARTICLES_DIR

    @property
    def key(self) -> str:
        return self.translation_key or self.slug

    @property
    def body(self) -> str:
        # Each language's files are named after the English slug.
        return (self.body_dir / f"{self.key}.html").read_text(encoding="utf-8")


@dataclass(frozen=True)
class ShippedTerm:
    slug: str  # the anchor on the glossary page, the same in every language
    term: str
    definition: str
    also_written_as: tuple[str, ...] = field(default=())
    language: str = "en"


ARTICLES: tuple[ShippedArticle, ...] = (
    ShippedArticle(
        slug="dependence-and-addiction",
        title="Dependence and addiction: what is the difference?",
        summary="What each word means, how they differ, and why both matter when you "
        "think about stopping.",
        audience="everyone",
        topic="understanding",
        position=10,
        care_levels=("early_intervention", "none", "outpatient"),
        directory_categories=("outpatient", "medication"),
        sources=(CDC_OUD_DIAGNOSIS, NIDA_TREATMENT_RECOVERY, SAMHSA_TIP_63),
    ),
    ShippedArticle(
        slug="signs-of-heroin-dependence",
        title="Signs of heroin dependence",
        summary="Changes in the body, in habits, in mood and with money: what you may "
        "notice in yourself, and what family may see.",
        audience="everyone",
        topic="understanding",
        position=20,
        care_levels=("early_intervention", "outpatient", "none"),
        directory_categories=("outpatient",),
        sources=(CDC_OUD_DIAGNOSIS, NIDA_HEROIN, SAMHSA_HELPLINE),
    ),
    ShippedArticle(
        slug="heroin-withdrawal",
        title="Heroin withdrawal: symptoms and timeline",
        summary="What withdrawal feels like, how long it usually lasts, and why stopping "
        "alone can be risky.",
        audience="self",
        topic="understanding",
        position=30,
        care_levels=("inpatient_detox", "emergency"),
        directory_categories=("detox", "medication"),
        sources=(SAMHSA_TIP_63, NIDA_HEROIN, CDC_STOP_OVERDOSE),
        revision=2,
        last_reviewed=REVIEWED_DECEMBER,
    ),
    ShippedArticle(
        slug="detox",
        title="Detox (withdrawal management)",
        summary="What happens in medical detox, inpatient or outpatient, how long it takes, "
        "and why detox alone is not treatment.",
        audience="everyone",
        topic="treatment",
        position=10,
        care_levels=("inpatient_detox",),
        directory_categories=("detox",),
        sources=(SAMHSA_TIP_63, ASAM_CRITERIA, NIDA_TREATMENT_PRINCIPLES, FINDTREATMENT),
        revision=2,
        last_reviewed=REVIEWED_DECEMBER,
    ),
    ShippedArticle(
        slug="inpatient-and-residential-treatment",
        title="Inpatient and residential treatment",
        summary="Living at a treatment program for a while: what a day looks like, how long "
        "it lasts, and who it suits.",
        audience="everyone",
        topic="treatment",
        position=20,
        care_levels=("residential",),
        directory_categories=("residential",),
        sources=(ASAM_CRITERIA, NIDA_TREATMENT_PRINCIPLES, FINDTREATMENT),
    ),
    ShippedArticle(
        slug="php-iop-and-outpatient",
        title="Day programs, intensive outpatient and outpatient care",
        summary="Treatment while you live at home: hours per week for PHP, IOP and regular "
        "outpatient care, and how people step down.",
        audience="everyone",
        topic="treatment",
        position=30,
        care_levels=("php", "iop", "outpatient"),
        directory_categories=("php", "iop", "outpatient"),
        sources=(ASAM_CRITERIA, NIDA_TREATMENT_PRINCIPLES, FINDTREATMENT),
    ),
    ShippedArticle(
        slug="medications-for-opioid-use-disorder",
        title="Medications for opioid use disorder",
        summary="Methadone, buprenorphine and naltrexone: how each works, how to start, "
        "and common myths.",
        audience="everyone",
        topic="treatment",
        position=40,
        care_levels=("inpatient_detox", "residential", "php", "iop", "outpatient"),
        directory_categories=("medication",),
        sources=(SAMHSA_TIP_63, FDA_MOUD, NIDA_TREATMENT_RECOVERY),
        revision=2,
        last_reviewed=REVIEWED_DECEMBER,
    ),
    ShippedArticle(
        slug="therapies",
        title="Talk therapies and peer support",
        summary="CBT, DBT, ACT, contingency management, family therapy and peer support, "
        "in plain words.",
        audience="everyone",
        topic="treatment",
        position=50,
        care_levels=("php", "iop", "outpatient", "aftercare"),
        directory_categories=("outpatient",),
        sources=(NIDA_TREATMENT_PRINCIPLES, SAMHSA_TIP_63, LIFELINE_988),
    ),
    ShippedArticle(
        slug="aftercare-and-recovery-support",
        title="Aftercare and recovery support",
        summary="Continuing care, sober living, support groups, and what to do after a slip.",
        audience="self",
        topic="safety_recovery",
        position=10,
        care_levels=("aftercare",),
        directory_categories=("aftercare",),
        sources=(NIDA_TREATMENT_RECOVERY, SAMHSA_TIP_63, SAMHSA_HELPLINE),
    ),
    ShippedArticle(
        slug="overdose",
        title="Opioid overdose: signs and what to do",
        summary="How to tell it is an overdose, the five steps that save a life, and how "
        "naloxone works.",
        audience="everyone",
        topic="safety_recovery",
        position=20,
        care_levels=("emergency",),
        directory_categories=("medication",),
        sources=(CDC_STOP_OVERDOSE, CDC_PREVENTING_OVERDOSE, FDA_NALOXONE_OTC),
        revision=2,
        last_reviewed=REVIEWED_DECEMBER,
    ),
    ShippedArticle(
        slug="infections-and-safer-use",
        title="Infections and safer use",
        summary="HIV and hepatitis C testing, PrEP, syringe services programs, wound care, "
        "and what xylazine means when someone overdoses.",
        audience="self",
        topic="safety_recovery",
        position=30,
        care_levels=(),
        directory_categories=("medication",),
        sources=(CDC_SYRINGE_SERVICES, CDC_HEPATITIS_C, CDC_XYLAZINE),
        last_reviewed=REVIEWED_DECEMBER,
    ),
    ShippedArticle(
        slug="for-families",
        title="For families and friends",
        summary="How to start the conversation, what helps and what does not, naloxone at "
        "home, and looking after yourself.",
        audience="family",
        topic="family_money",
        position=10,
        care_levels=(),
        directory_categories=("outpatient", "medication"),
        sources=(NIDA_TREATMENT_RECOVERY, CDC_STOP_OVERDOSE, SAMHSA_HELPLINE),
        revision=2,
        last_reviewed=REVIEWED_DECEMBER,
    ),
    ShippedArticle(
        slug="paying-for-treatment",
        title="Paying for treatment",
        summary="Medicaid, Medicare, private insurance, sliding fees and free programs, and "
        "a free helpline that can point you to them.",
        audience="everyone",
        topic="family_money",
        position=20,
        care_levels=(),
        directory_categories=("outpatient", "medication"),
        sources=(SAMHSA_HELPLINE, FINDTREATMENT),
    ),
)

GLOSSARY: tuple[ShippedTerm, ...] = (
    ShippedTerm(
        "detox",
        "Detox",
        "Short for detoxification, also called withdrawal management. Care that helps "
        "your body get through withdrawal safely. It is a first step, not the whole "
        "treatment.",
        ("withdrawal management",),
    ),
    ShippedTerm(
        "withdrawal",
        "Withdrawal",
        "The sick, restless feeling that comes when the body is used to opioids and gets "
        "less than it is used to, or none.",
    ),
    ShippedTerm(
        "tolerance",
        "Tolerance",
        "When the body gets used to a drug, so the same amount does less. Tolerance drops "
        "fast after a break, which makes the old amount dangerous.",
    ),
    ShippedTerm(
        "dependence",
        "Dependence",
        "When the body has adapted to a drug and gets withdrawal without it. It can happen "
        "with or without addiction.",
        ("physical dependence",),
    ),
    ShippedTerm(
        "oud",
        "Opioid use disorder (OUD)",
        "The medical name for opioid addiction. A clinician decides if someone has it, "
        "using 11 criteria. It can be mild, moderate or severe.",
        ("opioid use disorder", "OUD"),
    ),
    ShippedTerm(
        "moud",
        "MOUD",
        "Medications for opioid use disorder: methadone, buprenorphine and naltrexone. "
        "They are approved by the FDA to treat opioid addiction.",
        ("medications for opioid use disorder",),
    ),
    ShippedTerm(
        "otp",
        "OTP",
        "Opioid treatment program. A clinic certified to give methadone for opioid use "
        "disorder. Many also offer buprenorphine and counseling.",
        ("opioid treatment program",),
    ),
    ShippedTerm(
        "php",
        "PHP",
        "Partial hospitalization program, or day program. Treatment for most of the day, "
        "often 20 hours a week or more, while you sleep at home.",
        ("partial hospitalization",),
    ),
    ShippedTerm(
        "iop",
        "IOP",
        "Intensive outpatient program. Treatment for several hours a day, a few days a "
        "week, usually 9 or more hours a week, while you live at home.",
        ("intensive outpatient",),
    ),
    ShippedTerm(
        "naloxone",
        "Naloxone",
        "A medicine that reverses an opioid overdose. The nasal spray (one brand is "
        "Narcan) is sold without a prescription.",
    ),
    ShippedTerm(
        "paws",
        "PAWS",
        "Post-acute withdrawal: low mood, poor sleep or cravings that can last for weeks "
        "after the worst of withdrawal. Symptoms past 14 days are worth a doctor's visit.",
        ("post-acute withdrawal",),
    ),
    ShippedTerm(
        "relapse",
        "Relapse",
        "Going back to using after a time of not using. It is common, and it is a reason "
        "to get more support, not a failure.",
    ),
    ShippedTerm(
        "fentanyl",
        "Fentanyl",
        "A very strong opioid, much stronger than heroin. It is in much of the street "
        "drug supply, often without people knowing.",
    ),
    ShippedTerm(
        "aftercare",
        "Aftercare",
        "Support after a treatment program ends, such as counseling, support groups, "
        "medication and sober living. Also called continuing care.",
        ("continuing care",),
    ),
    ShippedTerm(
        "hepatitis-c",
        "Hepatitis C",
        "A virus that harms the liver. It spreads through blood, such as on shared needles. "
        "Pills taken for 8 to 12 weeks can cure it.",
        ("hep C",),
    ),
    ShippedTerm(
        "prep",
        "PrEP",
        "Medicine that people without HIV take to keep from getting it, for example from "
        "shared needles or from sex. Short for pre-exposure prophylaxis.",
    ),
    ShippedTerm(
        "syringe-services-program",
        "Syringe services program",
        "A program that gives out new needles and other sterile supplies for free, and "
        "often testing, naloxone and help finding treatment. Also called a needle exchange.",
        ("syringe services programs", "needle exchange"),
    ),
    ShippedTerm(
        "xylazine",
        "Xylazine",
        'An animal sedative, also called "tranq", mixed into much of the street supply. It '
        "causes deep wounds and heavy sleepiness. Naloxone does not reverse it, but still "
        "reverses the opioid taken with it.",
        ("tranq",),
    ),
    ShippedTerm(
        "precipitated-withdrawal",
        "Precipitated withdrawal",
        "Sudden, strong withdrawal when buprenorphine or naltrexone is taken while opioids "
        "are still in the body. Waiting until withdrawal has begun helps avoid it.",
    ),
)


def _read_json(path: Path) -> dict:
    if not path.is_file():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


def spanish_articles(
    english: tuple[ShippedArticle, ...] = ARTICLES, directory: Path = ES_DIR
) -> tuple[ShippedArticle, ...]:
    """The Spanish versions that `es/` holds: each needs its body file and its meta entry."""
    meta: dict = {}
    for name in ES_META_FILES:
        meta.update(_read_json(directory / name))
    found = []
    for article in english:
        entry = meta.get(article.slug)
        if entry is None or not (directory / f"{article.slug}.html").is_file():
            continue  # not translated yet: English only
        reviewed = entry.get("last_reviewed")
        found.append(
            replace(
                article,
                language="es",
                translation_key=article.slug,
                slug=entry["slug"],
                title=entry["title"],
                summary=entry["summary"],
                sources=tuple(spanish_source(source) for source in article.sources),
                revision=int(entry.get("revision", 1)),
                last_reviewed=date.fromisoformat(reviewed) if reviewed else article.last_reviewed,
                body_dir=directory,
            )
        )
    return tuple(found)


def _other_forms(term: str) -> tuple[str, ...]:
    """ "Trastorno por consumo de opioides (TCO)" is also written as its two parts."""
    if term.endswith(")") and " (" in term:
        words, _sep, short = term[:-1].partition(" (")
        return (words.strip(), short.strip())
    return ()


def spanish_glossary(
    english: tuple[ShippedTerm, ...] = GLOSSARY, directory: Path = ES_DIR
) -> tuple[ShippedTerm, ...]:
    """The Spanish glossary terms that `es/` holds, keyed by the English term (or slug)."""
    entries: dict = {}
    for name in ES_GLOSSARY_FILES:
        entries.update(_read_json(directory / name))
    by_name = {term.term: term for term in english} | {term.slug: term for term in english}
    found = []
    for name, entry in entries.items():
        original = by_name.get(name)
        if original is None:
            continue
        others = tuple(entry.get("also_written_as", ())) or _other_forms(entry["term"])
        found.append(
            ShippedTerm(
                slug=original.slug,
                term=entry["term"],
                definition=entry["definition"],
                also_written_as=others,
                language="es",
            )
        )
    return tuple(found)


ARTICLES_ES: tuple[ShippedArticle, ...] = spanish_articles()
GLOSSARY_ES: tuple[ShippedTerm, ...] = spanish_glossary()
