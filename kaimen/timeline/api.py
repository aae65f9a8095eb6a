"""The published day seals of the event chain in the JSON API (mounted at /api/v1/).

No `from __future__ import annotations`: Ninja reads the annotations at runtime.
"""

from datetime import date, datetime

from django.http import HttpRequest
from ninja import Router, Schema

from kaimen.core.api import ErrorOut
from kaimen.timeline.selectors import daily_seal_list

router = Router(tags=["chain"])


class SealOut(Schema):
    day: date
    sequence: int
    hash: str
    seal_key: str
    updated_at: datetime


class SealsOut(Schema):
    seals: list[SealOut]


@router.get("/chain/seals", response={200: SealsOut, 401: ErrorOut}, url_name="chain_seals")
def chain_seals(request: HttpRequest) -> SealsOut:
    """The chain head at the end of each day (today: so far), latest first. Keep a copy: `manage.py
    verify_events --against FILE` proves the log still matches it."""
    return SealsOut(
        seals=[SealOut.model_validate(s, from_attributes=True) for s in daily_seal_list()]
    )
