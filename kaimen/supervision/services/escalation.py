"""Nightly escalation: warning letters (提示函, 督办函, 约谈通知书) for problems whose colour
calls for one, each numbered, stored and recorded once."""

from dataclasses import dataclass
from datetime import date

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Value
from django.utils import timezone
from django.utils.translation import gettext as _

from kaimen.supervision.documents import letter_document
from kaimen.supervision.models import (
    EscalationStep,
    Letter,
    LetterKind,
    Problem,
    SequenceKind,
    WarningPolicy,
)
from kaimen.supervision.notify import after_letter
from kaimen.supervision.selectors import Colouring
from kaimen.supervision.services.checks import resolve_today
from kaimen.supervision.services.numbering import document_number
from kaimen.supervision.warnings import (
    ALL_COLOURS,
    deadline_text,
    escalation_step,
)
from kaimen.timeline.services import event_record

MAX_TEXT = 5000

# ---------------------------------------------------------------- nightly escalation


STEP_LETTERS: dict[str, str] = {
    EscalationStep.REMINDER: LetterKind.REMINDER,
    EscalationStep.PROMPT_LETTER: LetterKind.PROMPT,
    EscalationStep.SUPERVISION_LETTER: LetterKind.URGE,
    EscalationStep.INTERVIEW: LetterKind.INTERVIEW,
    EscalationStep.ACCOUNTABILITY: LetterKind.ACCOUNTABILITY,
}
NUMBERED: dict[str, tuple[str, str]] = {
    LetterKind.PROMPT: (SequenceKind.PROMPT, "提示函"),
    LetterKind.URGE: (SequenceKind.URGE, "督办函"),
    LetterKind.INTERVIEW: (SequenceKind.INTERVIEW, "约谈"),
}


@dataclass
class WarningsSent:
    today: date
    letters: dict[str, int]  # per colour

    @property
    def total(self) -> int:
        return sum(self.letters.values())


def _letter_send(
    problem: Problem, colour: str, kind: str, policy: WarningPolicy, today: date
) -> bool:
    """One problem's letter for one colour, once (per colour and deadline); False if sent before."""
    try:
        with transaction.atomic():
            number = ""
            if kind in NUMBERED:
                sequence, word = NUMBERED[kind]
                number = document_number(problem.commission, today.year, sequence, _(word))
            letter = Letter.objects.create(
                commission=problem.commission,
                problem=problem,
                kind=kind,
                colour=colour,
                deadline=problem.deadline,
                number=number,
                sent_on=today,
                sent_at=timezone.now(),
            )
            if kind in NUMBERED:
                text = deadline_text(problem, today, policy)
                letter.document.save(
                    f"{kind}-{problem.commission_id}-{today.year}-{letter.pk}.docx",
                    ContentFile(letter_document(letter, text.removeprefix("已").replace(" ", ""))),
                    save=True,
                )
            event_record(
                actor="system",
                action="problem.letter_sent",
                target=problem,
                organization=problem.commission,
                after={"kind": kind, "colour": colour, "number": number},
            )
            after_letter(letter)
    except IntegrityError:
        return False
    return True


def warnings_send(*, today: date | None = None, limit: int | None = None) -> WarningsSent:
    """What each colour's escalation step requires, for every coloured problem not yet served
    with that colour's letter for its current deadline: the letter (numbered and generated as
    a Word document for 提示函/督办函/约谈), an Event, and the unit told after commit.
    Idempotent: running it again the same day (or any day) sends nothing twice."""
    today = resolve_today(today)
    colouring = Colouring(today)
    sent: dict[str, int] = {}
    served = Letter.objects.filter(
        problem=OuterRef("pk"), colour=OuterRef("_colour"), deadline=OuterRef("deadline")
    )
    for colour in ALL_COLOURS:
        problems = (
            Problem.objects.filter(colouring.q(colour))
            .annotate(_colour=Value(colour))
            .exclude(Exists(served))
            .select_related("commission", "responsible_unit", "project", "inspection")
            .order_by("pk")
        )
        count = 0
        for problem in problems[:limit] if limit else problems:
            policy = colouring.policy(problem.commission_id)
            step = escalation_step(colour, policy)
            kind = STEP_LETTERS.get(step or "")
            if kind is not None and _letter_send(problem, colour, kind, policy, today):
                count += 1
        sent[colour] = count
    return WarningsSent(today=today, letters=sent)
