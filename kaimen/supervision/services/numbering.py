"""Numbers of problems and documents: one counter per commission, year and kind (问题 2024-001,
整改通知〔2024〕1号), taken under a row lock so two writes never share a number."""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from kaimen.core.errors import ConflictError
from kaimen.orgs.models import Organization
from kaimen.supervision.models import (
    NumberSequence,
    SequenceKind,
)

MAX_TEXT = 5000

# ---------------------------------------------------------------- numbers


def number_allocate(*, commission: Organization, year: int, kind: str) -> int:
    """The next number of this kind for the commission and year, safe under concurrency.

    The UPDATE locks the counter row until the surrounding transaction ends, so concurrent
    callers take numbers in turn; the first number of a year creates the row (a concurrent
    creator loses on the unique constraint and retries the UPDATE).
    """
    for _attempt in range(3):
        counter = NumberSequence.objects.filter(commission=commission, year=year, kind=kind)
        if counter.update(last=F("last") + 1):
            return counter.values_list("last", flat=True).get()
        try:
            with transaction.atomic():
                NumberSequence.objects.create(commission=commission, year=year, kind=kind, last=1)
        except IntegrityError:
            continue
        return 1
    raise ConflictError(_("编号分配冲突，请重试。"), code="number_conflict")


def problem_number(commission: Organization, year: int) -> str:
    n = number_allocate(commission=commission, year=year, kind=SequenceKind.PROBLEM)
    return f"{year}-{n:04d}"


def document_number(commission: Organization, year: int, kind: str, word: str) -> str:
    n = number_allocate(commission=commission, year=year, kind=kind)
    return f"{commission.short_name or commission.name}{word}〔{year}〕{n}号"
