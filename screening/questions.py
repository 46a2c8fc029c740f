"""The questionnaire: steps, questions and answer wording for each mode.

Question ids and values are the scoring service's vocabulary (clinical spec
§1); this module only adds the words people read, in both voices: a person
answering about themselves, and a family member saying what they have seen.
The same wording serves the forms, the result page, the PDF and staff review.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from django.utils.html import format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from screening.scoring import ANSWER_VALUES, CRITERIA

# Checkbox groups whose "none of these" is stored as an empty list.
NONE_MEANS_EMPTY = frozenset({"opioids", "wd_symptoms"})
NONE_VALUE = "none"


@dataclass(frozen=True)
class Question:
    id: str
    self_text: str
    family_text: str
    choices: tuple[tuple[str, str], ...]
    multiple: bool = False
    modes: frozenset[str] = frozenset({"self", "family"})
    help_text: str = ""
    family_only_values: frozenset[str] = field(default_factory=frozenset)

    def text(self, mode: str) -> str:
        return self.family_text if mode == "family" else self.self_text

    def choices_for(self, mode: str) -> list[tuple[str, str]]:
        return [
            (value, label)
            for value, label in self.choices
            if mode == "family" or value not in self.family_only_values
        ]

    @cached_property
    def labels(self) -> dict[str, str]:
        return dict(self.choices)

    def answer_in_words(self, answer: str | list[str] | None) -> str:
        labels = self.labels
        if answer is None:
            return str(_("Not answered"))
        if isinstance(answer, list):
            if not answer:
                return str(labels.get(NONE_VALUE, _("None of these")))
            return ", ".join(str(labels.get(value, value)) for value in answer)
        return str(labels.get(answer, answer))


@dataclass(frozen=True)
class Step:
    slug: str
    title: str
    family_title: str
    intro: str
    family_intro: str
    questions: tuple[Question, ...]

    def questions_for(self, mode: str) -> list[Question]:
        return [q for q in self.questions if mode in q.modes]


YES = ("yes", _("Yes"))
NO = ("no", _("No"))
NOT_SURE = ("unknown", _("Not sure"))

OVERDOSE_NOW = Question(
    id="overdose_now",
    self_text=_("Is someone overdosing right now?"),
    family_text=_(
        "Right now, is the person unresponsive, not breathing normally, "
        "or do they have blue or grey lips?"
    ),
    choices=(("yes", _("Yes, right now")), ("no", _("No"))),
    modes=frozenset({"family"}),
)

_SIGNS_SELF = {
    "c1": _("Used more opioids, or for longer, than you meant to?"),
    "c2": _("Wanted to cut down or stop, but couldn't?"),
    "c3": _("Spent a lot of time getting opioids, using them, or getting over their effects?"),
    "c4": _("Had strong cravings or urges to use?"),
    "c5": _("Kept missing things you had to do at work, school or home because of using?"),
    "c6": _("Kept using even though it caused problems with family or friends?"),
    "c7": _("Given up or cut back on things you used to enjoy, because of using?"),
    "c8": _("Used in situations where it was physically dangerous, like while driving?"),
    "c9": _("Kept using even though it was harming your body or your mind?"),
    "c10": _("Needed more to get the same effect, or felt less from the same amount?"),
    "c11": _("Felt sick when you stopped (withdrawal), or used so you would not feel sick?"),
}
_SIGNS_FAMILY = {
    "c1": _("Used more, or for longer, than they said they would?"),
    "c2": _("Said they wanted to cut down or stop, or tried to, but couldn't?"),
    "c3": _("Spent much of the day getting opioids, using, or recovering from using?"),
    "c4": _("Talked about strong cravings or urges to use?"),
    "c5": _("Kept failing to do what they need to do at work, school or home?"),
    "c6": _("Kept using even though it caused fights or problems with family or friends?"),
    "c7": _("Stopped doing things they used to enjoy, or seeing people they used to see?"),
    "c8": _("Used in situations where it was physically dangerous, like while driving?"),
    "c9": _("Kept using even though it was clearly harming their health or their mood?"),
    "c10": _("Seemed to need more and more to get the same effect?"),
    "c11": _(
        "Seemed sick when they could not use (sweating, shaking, vomiting), "
        "or used to stop feeling sick?"
    ),
}

STEPS: tuple[Step, ...] = (
    Step(
        slug="safety",
        title=_("First, are you safe right now?"),
        family_title=_("Is your loved one safe right now?"),
        intro=_("Safety comes first. If you are in danger right now, call 911."),
        family_intro=_("Safety comes first. If your loved one is in danger right now, call 911."),
        questions=(
            Question(
                id="suicidal",
                self_text=_("Have you had thoughts of ending your life?"),
                family_text=_("Have they talked about ending their life, or tried to?"),
                choices=(
                    ("now", _("Yes, right now")),
                    ("past_month", _("Yes, in the past month, but not right now")),
                    ("no", _("No")),
                ),
            ),
            Question(
                id="medical_urgent",
                self_text=_("Right now, do you have any of these?"),
                family_text=_("Right now, does your loved one have any of these?"),
                choices=(
                    ("chest", _("Chest pain or trouble breathing right now")),
                    ("fever_injection", _("Fever, with sore injection sites")),
                    ("skin", _("Red, hot, swollen or pus-filled skin, or a wound that won't heal")),
                    (NONE_VALUE, _("None of these")),
                ),
                multiple=True,
                help_text=_("Tick all that apply."),
            ),
        ),
    ),
    Step(
        slug="use",
        title=_("Your use"),
        family_title=_("Their use"),
        intro=_("A few questions about you, which opioids you use and how often."),
        family_intro=_(
            "Answer with what you have seen or know. It is fine to say you are not sure."
        ),
        questions=(
            Question(
                id="age",
                self_text=_("How old are you?"),
                family_text=_("How old is your loved one?"),
                choices=(("under_18", _("Under 18")), ("18_plus", _("18 or older"))),
            ),
            Question(
                id="opioids",
                self_text=_("In the past 12 months, which of these have you used?"),
                family_text=_(
                    "In the past 12 months, which of these do you know or think they have used?"
                ),
                choices=(
                    ("heroin", _("Heroin")),
                    ("fentanyl", _("Fentanyl, or pills or powder that may contain it")),
                    (
                        "pills",
                        _(
                            "Prescription opioid pills not taken as prescribed "
                            "(like oxycodone or hydrocodone)"
                        ),
                    ),
                    ("other", _("Another opioid (like morphine or codeine)")),
                    (NONE_VALUE, _("None of these")),
                ),
                multiple=True,
                help_text=_("Tick all that apply."),
            ),
            Question(
                id="use_days",
                self_text=_("In the past 30 days, on how many days did you use opioids?"),
                family_text=_("In the past 30 days, on how many days do you think they used?"),
                choices=(
                    ("0", _("None")),
                    ("1-3", _("1 to 3 days")),
                    ("4-9", _("4 to 9 days")),
                    ("10-19", _("10 to 19 days")),
                    ("20-30", _("20 days or more (almost every day)")),
                ),
            ),
            Question(
                id="last_use",
                self_text=_("When did you last use?"),
                family_text=_("When did they last use, as far as you know?"),
                choices=(
                    ("under_6h", _("Less than 6 hours ago")),
                    ("6_24h", _("6 to 24 hours ago")),
                    ("1_3d", _("1 to 3 days ago")),
                    ("4_10d", _("4 to 10 days ago")),
                    ("11_90d", _("11 days to 3 months ago")),
                    ("over_90d", _("More than 3 months ago")),
                    ("unknown", _("Not sure")),
                ),
            ),
            Question(
                id="injects",
                self_text=_("In the past 12 months, have you injected drugs (used a needle)?"),
                family_text=_(
                    "In the past 12 months, have you seen signs that they inject "
                    "(needles, marks on the arms)?"
                ),
                choices=(YES, NO, NOT_SURE),
            ),
            Question(
                id="prescribed_only",
                self_text=_(
                    "Do you take prescription opioid pills only as your doctor prescribed?"
                ),
                family_text="",
                choices=(YES, NO),
                modes=frozenset({"self"}),
                help_text=_(
                    "For example, pain pills taken exactly as your doctor told you, "
                    "with a doctor who checks in with you."
                ),
            ),
            Question(
                id="in_treatment",
                self_text=_("Are you getting treatment for opioid use?"),
                family_text=_("Are they getting treatment for opioid use?"),
                choices=(
                    ("none", _("No")),
                    (
                        "medication_now",
                        _(
                            "Yes, taking methadone, buprenorphine (like Suboxone) "
                            "or naltrexone (like Vivitrol) now"
                        ),
                    ),
                    ("now", _("Yes, in another treatment program now")),
                    ("completed", _("Not now, but a program was completed")),
                ),
            ),
        ),
    ),
    Step(
        slug="signs",
        title=_("Signs in the past 12 months"),
        family_title=_("What you have seen in the past 12 months"),
        intro=_("In the past 12 months, have you…"),
        family_intro=_(
            "In the past 12 months, has your loved one… Answer with what you have seen. "
            "Choose “Don't know” when you can't tell."
        ),
        questions=tuple(
            Question(
                id=criterion,
                self_text=_SIGNS_SELF[criterion],
                family_text=_SIGNS_FAMILY[criterion],
                choices=(YES, NO, ("unknown", _("Don't know"))),
                family_only_values=frozenset({"unknown"}),
            )
            for criterion in CRITERIA
        ),
    ),
    Step(
        slug="withdrawal",
        title=_("Withdrawal and health"),
        family_title=_("Withdrawal and health"),
        intro=_("Withdrawal is how the body reacts when opioids wear off."),
        family_intro=_("Withdrawal is how the body reacts when opioids wear off."),
        questions=(
            Question(
                id="wd_symptoms",
                self_text=_("Right now, do you have any of these?"),
                family_text=_(
                    "Right now, do they have any of these, that you can see or they told you about?"
                ),
                choices=(
                    ("aches", _("Muscle or bone aches")),
                    ("nausea", _("Nausea, vomiting, stomach cramps or diarrhea")),
                    ("anxiety", _("Anxiety or restlessness")),
                    ("craving", _("Strong craving")),
                    ("mood", _("Low mood or irritability")),
                    (
                        "flu",
                        _("Fever, chills, sweating, runny nose, yawning or goosebumps"),
                    ),
                    ("sleep", _("Can't sleep")),
                    (NONE_VALUE, _("None of these")),
                ),
                multiple=True,
                help_text=_("Tick all that apply."),
            ),
            Question(
                id="wd_severity",
                self_text=_("Overall, how bad do you feel right now?"),
                family_text=_("Overall, how bad do they look right now?"),
                choices=(
                    ("none", _("Not bad at all")),
                    ("mild", _("Mild")),
                    ("moderate", _("Moderate")),
                    ("severe", _("Severe")),
                ),
            ),
            Question(
                id="overdose_past_year",
                self_text=_(
                    "In the past 12 months, have you overdosed "
                    "(needed naloxone/Narcan or emergency care)?"
                ),
                family_text=_(
                    "In the past 12 months, have they overdosed "
                    "(needed naloxone/Narcan or emergency care)?"
                ),
                choices=(YES, NO, NOT_SURE),
            ),
            Question(
                id="sedatives",
                self_text=_(
                    "Do you also use alcohol or benzodiazepines (like Xanax, Valium or Klonopin)?"
                ),
                family_text=_(
                    "Do they also use alcohol or benzodiazepines (like Xanax, Valium or Klonopin)?"
                ),
                choices=(
                    ("daily", _("Yes, every day")),
                    ("sometimes", _("Yes, sometimes")),
                    ("no", _("No")),
                    ("unknown", _("Not sure")),
                ),
            ),
            Question(
                id="complicated_withdrawal",
                self_text=_(
                    "When you stopped alcohol or sedatives, have you ever had seizures, "
                    "seen or heard things that weren't there, or been very confused?"
                ),
                family_text=_(
                    "When they stopped alcohol or sedatives, have they ever had seizures, "
                    "seen or heard things that weren't there, or been very confused?"
                ),
                choices=(YES, NO, NOT_SURE),
            ),
            Question(
                id="pregnant",
                self_text=_("Are you pregnant, or have you given birth in the past 12 months?"),
                family_text=_(
                    "Is your loved one pregnant, or have they given birth in the past 12 months?"
                ),
                choices=(
                    ("yes", _("Yes, pregnant")),
                    ("postpartum", _("Gave birth in the past 12 months")),
                    NO,
                    NOT_SURE,
                    ("na", _("Does not apply")),
                ),
            ),
            Question(
                id="mental_health",
                self_text=_(
                    "Does depression, anxiety, trauma or another mental health condition "
                    "make daily life hard for you?"
                ),
                family_text=_(
                    "Does depression, anxiety, trauma or another mental health condition "
                    "make daily life hard for them?"
                ),
                choices=(YES, NO),
            ),
        ),
    ),
    Step(
        slug="situation",
        title=_("Your situation"),
        family_title=_("Their situation"),
        intro=_("Last step. Your answers help suggest care that fits your life."),
        family_intro=_("Last step. Your answers help suggest care that fits their life."),
        questions=(
            Question(
                id="prior_treatment",
                self_text=_("Have you had treatment for opioid use before?"),
                family_text=_("Have they had treatment for opioid use before?"),
                choices=(
                    ("none", _("No")),
                    ("detox_only", _("Detox only")),
                    ("program", _("A treatment program")),
                    ("program_relapsed", _("A treatment program, then started using again")),
                ),
            ),
            Question(
                id="readiness",
                self_text=_("How do you feel about getting help?"),
                family_text=_("As far as you know, how do they feel about getting help?"),
                choices=(
                    ("not_now", _("Not right now")),
                    ("thinking", _("Thinking about it")),
                    ("ready", _("Ready")),
                ),
            ),
            Question(
                id="housing",
                self_text=_("Do you have a stable place to live?"),
                family_text=_("Do they have a stable place to live?"),
                choices=(
                    ("stable", _("Yes")),
                    (
                        "unstable",
                        _("No: homeless, staying with others, or at risk of losing housing"),
                    ),
                ),
            ),
            Question(
                id="home_use",
                self_text=_("Does anyone you live with use drugs?"),
                family_text=_("Does anyone they live with use drugs?"),
                choices=(YES, NO),
            ),
            Question(
                id="support",
                self_text=_("Is there at least one person who supports your recovery?"),
                family_text=_(
                    "Is there at least one person (you count) who supports their recovery?"
                ),
                choices=(YES, NO),
            ),
        ),
    ),
)

STEP_SLUGS = tuple(step.slug for step in STEPS)
QUESTIONS: dict[str, Question] = {
    question.id: question for step in STEPS for question in step.questions
} | {OVERDOSE_NOW.id: OVERDOSE_NOW}


def step_by_slug(slug: str) -> Step | None:
    return next((step for step in STEPS if step.slug == slug), None)


def questions_in_order(mode: str) -> list[Question]:
    """Every question a person in this mode is asked, in the order they see them."""
    first = [OVERDOSE_NOW] if mode in OVERDOSE_NOW.modes else []
    return first + [q for step in STEPS for q in step.questions_for(mode)]


def _questions_shown(mode: str, answers: dict) -> tuple[Question, ...]:
    return _questions_listed(mode, OVERDOSE_NOW.id in answers)


@lru_cache
def _questions_listed(mode: str, overdose_answered: bool) -> tuple[Question, ...]:
    # Every other question is listed even when unanswered; the overdose check only when answered.
    return tuple(
        q for q in questions_in_order(mode) if overdose_answered or q.id != OVERDOSE_NOW.id
    )


def answers_in_words(mode: str, answers: dict) -> list[tuple[str, str]]:
    """(question, answer) pairs in words, for the summary, the PDF and staff review."""
    return [
        (str(q.text(mode)), q.answer_in_words(answers.get(q.id)))
        for q in _questions_shown(mode, answers)
    ]


def answers_html(mode: str, answers: dict) -> SafeString:
    """answers_in_words() as the <dt>/<dd> pairs of a <dl>, as the result page, the PDFs and
    staff review show them."""
    return format_html_join("", "<dt>{}</dt><dd>{}</dd>", answers_in_words(mode, answers))


def _check_vocabulary() -> None:
    # The words must cover exactly the scoring vocabulary, so a value can never
    # be stored that the scoring service does not know (or the reverse).
    for question in QUESTIONS.values():
        values = {value for value, _label in question.choices}
        if question.id in NONE_MEANS_EMPTY:
            values.discard(NONE_VALUE)
        expected = set(ANSWER_VALUES[question.id])
        if values != expected:
            raise AssertionError(f"{question.id}: {sorted(values)} != {sorted(expected)}")


_check_vocabulary()
