"""articles_for_result: the articles a screening result links, per care level, flag and mode."""

import pytest

from content.models import Article
from content.selectors import articles_for_result
from screening.scoring import CARE_LEVELS, RED_FLAGS

pytestmark = pytest.mark.django_db

DEPENDENCE = "dependence-and-addiction"
SIGNS = "signs-of-heroin-dependence"
WITHDRAWAL = "heroin-withdrawal"
DETOX = "detox"
RESIDENTIAL = "inpatient-and-residential-treatment"
OUTPATIENT = "php-iop-and-outpatient"
MEDICATIONS = "medications-for-opioid-use-disorder"
THERAPIES = "therapies"
AFTERCARE = "aftercare-and-recovery-support"
OVERDOSE = "overdose"
FAMILIES = "for-families"
INFECTIONS = "infections-and-safer-use"

# (care level, red flags, mode) -> the slugs linked, in order.
CASES = [
    ("emergency", [], "self", [OVERDOSE, WITHDRAWAL]),
    ("inpatient_detox", [], "self", [DETOX, MEDICATIONS]),
    ("residential", [], "self", [RESIDENTIAL, MEDICATIONS]),
    ("php", [], "self", [OUTPATIENT, MEDICATIONS]),
    ("iop", [], "self", [OUTPATIENT, MEDICATIONS]),
    ("outpatient", [], "self", [OUTPATIENT, THERAPIES]),
    ("early_intervention", [], "self", [DEPENDENCE, SIGNS]),
    ("aftercare", [], "self", [AFTERCARE, THERAPIES]),
    ("none", [], "self", [DEPENDENCE, SIGNS]),
    ("emergency", [], "family", [FAMILIES, OVERDOSE, WITHDRAWAL]),
    ("inpatient_detox", [], "family", [FAMILIES, OVERDOSE, DETOX]),
    ("residential", [], "family", [FAMILIES, OVERDOSE, RESIDENTIAL]),
    ("php", [], "family", [FAMILIES, OVERDOSE, OUTPATIENT]),
    ("iop", [], "family", [FAMILIES, OVERDOSE, OUTPATIENT]),
    ("outpatient", [], "family", [FAMILIES, OVERDOSE, OUTPATIENT]),
    ("early_intervention", [], "family", [FAMILIES, OVERDOSE, DEPENDENCE]),
    ("aftercare", [], "family", [FAMILIES, OVERDOSE, AFTERCARE]),
    ("none", [], "family", [FAMILIES, OVERDOSE, DEPENDENCE]),
    # Red flags come first.
    ("emergency", ["overdose_now"], "family", [OVERDOSE, FAMILIES, WITHDRAWAL]),
    ("emergency", ["overdose_now"], "self", [OVERDOSE, WITHDRAWAL]),
    ("emergency", ["suicidal_now"], "self", [THERAPIES, OVERDOSE, WITHDRAWAL]),
    ("emergency", ["medical_urgent"], "self", [INFECTIONS, OVERDOSE, WITHDRAWAL]),
    ("inpatient_detox", ["pregnant_withdrawal"], "self", [MEDICATIONS, DETOX]),
    ("residential", ["suicidal_now"], "self", [THERAPIES, RESIDENTIAL, MEDICATIONS]),
    # Several flags, in any order, give the same answer.
    ("emergency", ["suicidal_now", "overdose_now"], "self", [OVERDOSE, THERAPIES, WITHDRAWAL]),
    ("emergency", ["overdose_now", "suicidal_now"], "self", [OVERDOSE, THERAPIES, WITHDRAWAL]),
    # Rules 2026.12's flags (and 2026.11's, for results stored under it).
    ("emergency", ["medical_emergency"], "self", [OVERDOSE, WITHDRAWAL]),
    ("inpatient_detox", ["sedatives"], "self", [OVERDOSE, DETOX, MEDICATIONS]),
    ("outpatient", ["pregnant"], "self", [MEDICATIONS, OUTPATIENT, THERAPIES]),
    ("aftercare", ["pregnant"], "family", [MEDICATIONS, FAMILIES, OVERDOSE]),
    # Unknown codes fall back to the "none" articles rather than failing.
    ("no_such_level", ["no_such_flag"], "self", [DEPENDENCE, SIGNS]),
]


@pytest.mark.parametrize(("care_level", "red_flags", "mode", "expected"), CASES)
def test_it_links_the_articles_that_matter(shipped, care_level, red_flags, mode, expected):
    articles = articles_for_result(care_level=care_level, red_flags=red_flags, mode=mode)
    assert [a.slug for a in articles] == expected


def test_the_table_covers_every_care_level_red_flag_and_mode():
    assert {case[0] for case in CASES} >= set(CARE_LEVELS)
    flags = {flag for case in CASES for flag in case[1]}
    assert flags >= set(RED_FLAGS)
    assert flags >= {"medical_emergency", "sedatives", "pregnant", "pregnant_withdrawal"}
    assert {case[2] for case in CASES} == {"self", "family"}


@pytest.mark.parametrize("care_level", CARE_LEVELS)
@pytest.mark.parametrize("mode", ["self", "family"])
def test_it_always_links_two_or_three_articles(shipped, care_level, mode):
    articles = articles_for_result(care_level=care_level, red_flags=[], mode=mode)
    assert 2 <= len(articles) <= 3


def test_it_leaves_out_unpublished_articles(shipped):
    Article.objects.filter(slug=DETOX).update(is_published=False)
    articles = articles_for_result(care_level="inpatient_detox", red_flags=[], mode="self")
    assert [a.slug for a in articles] == [MEDICATIONS]


def test_it_returns_nothing_before_any_article_exists(db):
    Article.objects.all().delete()
    assert articles_for_result(care_level="iop", red_flags=[], mode="self") == []


# (care level, red flags, mode, injects, overdose risk) -> the slugs linked, in order.
FINDING_CASES = [
    ("iop", [], "self", True, False, [INFECTIONS, OUTPATIENT, MEDICATIONS]),
    ("iop", [], "self", False, True, [OVERDOSE, OUTPATIENT, MEDICATIONS]),
    ("iop", [], "self", True, True, [OVERDOSE, INFECTIONS, OUTPATIENT]),
    ("outpatient", [], "family", True, False, [INFECTIONS, FAMILIES, OVERDOSE]),
    ("emergency", ["medical_urgent"], "self", True, True, [INFECTIONS, OVERDOSE, WITHDRAWAL]),
    ("none", ["overdose_now"], "self", False, True, [OVERDOSE, DEPENDENCE, SIGNS]),
]


@pytest.mark.parametrize(
    ("care_level", "red_flags", "mode", "injects", "overdose_risk", "expected"), FINDING_CASES
)
def test_injecting_and_overdose_risk_link_their_articles(
    shipped, care_level, red_flags, mode, injects, overdose_risk, expected
):
    articles = articles_for_result(
        care_level=care_level,
        red_flags=red_flags,
        mode=mode,
        injects=injects,
        overdose_risk=overdose_risk,
    )
    assert [a.slug for a in articles] == expected
