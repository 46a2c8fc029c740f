"""The articles and glossary terms FirstStep ships with.

Each article's body is the HTML file of the same slug in `articles/`. Facts come from
clinical spec §5 and the sources listed with each article. To change a shipped article
for everyone who has not edited it, edit its file and raise its `revision`; a new data
migration calling `content.shipped.loader.load_shipped_content` then refreshes it.
"""

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

ARTICLES_DIR = Path(__file__).resolve().parent / "articles"
REVIEWED = date(2026, 11, 23)

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

    @property
    def body(self) -> str:
        return (ARTICLES_DIR / f"{self.slug}.html").read_text(encoding="utf-8")


@dataclass(frozen=True)
class ShippedTerm:
    slug: str
    term: str
    definition: str
    also_written_as: tuple[str, ...] = field(default=())


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
        "precipitated-withdrawal",
        "Precipitated withdrawal",
        "Sudden, strong withdrawal when buprenorphine or naltrexone is taken while opioids "
        "are still in the body. Waiting until withdrawal has begun helps avoid it.",
    ),
)
