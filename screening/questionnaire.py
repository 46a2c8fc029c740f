"""A questionnaire in progress, kept in the person's server-side session.

Every answer is saved as soon as a step is posted (even when another answer on
that step is still missing), so Back, a reload or a lost connection loses
nothing. Finishing clears the answers and the one-time submission id; the session
keeps only a digest of that id, so an identical retry from the same page (a double
click, "Try again" after an outage) finds the same result and nothing else does.
The session never holds a reference.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from django.contrib.sessions.backends.base import SessionBase
from django.urls import reverse

from screening.questions import OVERDOSE_NOW, STEPS, Step
from screening.references import new_submission_token

SESSION_KEY = "questionnaire"
FINISHED_KEY = "finished_submission"
CHEST_PAIN = "chest"  # medical_urgent's "chest pain or trouble breathing right now"


@dataclass
class State:
    mode: str
    token: str
    answers: dict = field(default_factory=dict)

    def scoring_answers(self) -> dict:
        return {"mode": self.mode, **self.answers}


def load(session: SessionBase) -> State | None:
    raw = session.get(SESSION_KEY)
    if not raw or raw.get("mode") not in {"self", "family"}:
        return None
    return State(mode=raw["mode"], token=raw["token"], answers=dict(raw.get("answers", {})))


def _store(session: SessionBase, state: State) -> None:
    session[SESSION_KEY] = {"mode": state.mode, "token": state.token, "answers": state.answers}


def begin(session: SessionBase, *, mode: str) -> State:
    """Start (or keep) a questionnaire; a change of mode starts the answers afresh."""
    state = load(session)
    if state is None or state.mode != mode:
        state = State(mode=mode, token=new_submission_token())
        _store(session, state)
    return state


def save_answers(session: SessionBase, answers: dict) -> State:
    state = load(session)
    if state is None:
        raise LookupError("no questionnaire in progress")
    state.answers.update(answers)
    _store(session, state)
    return state


def clear(session: SessionBase) -> None:
    session.pop(SESSION_KEY, None)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def finish(session: SessionBase, state: State) -> None:
    clear(session)
    session[FINISHED_KEY] = _digest(state.token)


def finished_with(session: SessionBase, token: str) -> bool:
    """Whether this session finished the questionnaire that had this submission id."""
    finished = session.get(FINISHED_KEY)
    return bool(token) and isinstance(finished, str) and finished == _digest(token)


def step_number(step: Step) -> int:
    return STEPS.index(step) + 1


def step_url(step: Step) -> str:
    return reverse("screening:step", args=[step.slug])


def first_url(state: State) -> str:
    if state.mode in OVERDOSE_NOW.modes:
        return reverse("screening:safety_check")
    return step_url(STEPS[0])


def previous_url(state: State, step: Step) -> str:
    index = STEPS.index(step)
    if index > 0:
        return step_url(STEPS[index - 1])
    if state.mode in OVERDOSE_NOW.modes:
        return reverse("screening:safety_check")
    return reverse("screening:start")


def emergency_now(state: State) -> bool:
    """An answer on the first screen that needs emergency help before anything else
    (spec §3 rule 14): chest pain or trouble breathing right now. Suicidal thoughts now
    are shown their crisis help on the step itself."""
    return CHEST_PAIN in (state.answers.get("medical_urgent") or [])


def next_url(state: State, step: Step) -> str | None:
    if step is STEPS[0] and emergency_now(state):
        return reverse("screening:emergency")
    index = STEPS.index(step)
    if index + 1 < len(STEPS):
        return step_url(STEPS[index + 1])
    return None


def first_incomplete_step(state: State) -> Step | None:
    for step in STEPS:
        if any(q.id not in state.answers for q in step.questions_for(state.mode)):
            return step
    return None
