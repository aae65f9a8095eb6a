"""Shapes of supervision records in the JSON API (/api/v1/): `*In` parse, `*Out` render.

No `from __future__ import annotations` here: Ninja and pydantic read the annotations at runtime.
"""

import datetime
from typing import Any, Literal

from ninja import Field, Schema

from kaimen.campaigns.schemas import Number, OrganizationOut
from kaimen.core.api import ErrorOut
from kaimen.supervision.models import InspectionKind, ProblemSource, Severity

Colour = Literal["blue", "yellow", "orange", "red", "green"]


class ConflictOut(ErrorOut):
    """409: `code` "stale" (someone acted since you read `version`) or "invalid_transition"
    (not allowed in the current state); `allowed` names the actions the state allows."""

    allowed: list[str] = Field(default_factory=list)


class ProjectRefOut(Schema):
    id: int
    title: str


class ProblemOut(Schema):
    id: int
    number: str = Field(description="Per commission and year, e.g. 2024-0007.")
    commission: OrganizationOut
    source: str
    project: ProjectRefOut | None
    responsible_unit: OrganizationOut
    description: str
    severity: str
    assigned_on: datetime.date
    deadline: datetime.date
    state: str
    progress: str
    listed: bool
    listed_number: str
    listed_deadline: datetime.date | None
    amount_refunded: Number
    amount_recovered: Number
    lookback_due: datetime.date | None
    colour: Colour | None = Field(description="Warning colour today; null when none.")
    version: int = Field(description="Send it back with a transition; stale → 409.")


class TimelineEntryOut(Schema):
    at: datetime.datetime
    action: str
    actor: str
    before: dict[str, Any]
    after: dict[str, Any]
    reason: str


class ProblemDetailOut(ProblemOut):
    inspection: int | None = Field(description="The inspection it was filed from, if any.")
    original_deadline: datetime.date
    allowed_actions: list[str] = Field(description="What the caller may do now.")
    timeline: list[TimelineEntryOut]


class ProblemCreateIn(Schema):
    project: int | None = Field(None, description="Project id.")
    responsible_unit: int = Field(description="Organization id of the responsible unit.")
    source: ProblemSource
    description: str
    deadline: datetime.date = Field(description="May lie in the past when recorded late.")
    severity: Severity = Severity.GENERAL
    commission: int | None = Field(
        None, description="Owning commission; defaults to the caller's (or the project's)."
    )


class TransitionIn(Schema):
    action: str = Field(
        description="notify, start_rectifying, submit_evidence, return, close, "
        "mark_basically_done, mark_long_term, request_extension, approve_extension, "
        "refuse_extension, list, reopen, confirm_lookback."
    )
    reason: str = ""
    version: int
    deadline: datetime.date | None = Field(
        None, description="request_extension, list (督办时限) and reopen."
    )
    text: str = Field("", description="submit_evidence: what was done (defaults to reason).")
    checklist: dict[str, bool] | None = Field(None, description="submit_evidence: 六见.")


class InspectionProblemIn(Schema):
    project: int | None = None
    responsible_unit: int
    description: str
    deadline: datetime.date
    severity: Severity = Severity.GENERAL
    source: ProblemSource = ProblemSource.INSPECTION


class InspectionCreateIn(Schema):
    commission: int | None = None
    date: datetime.date
    kind: InspectionKind
    members: str = ""
    notes: str = ""
    inspected_units: list[int] = Field(default_factory=list)
    projects: list[int] = Field(default_factory=list)
    problems: list[InspectionProblemIn] = Field(default_factory=list)


class InspectionProblemOut(Schema):
    id: int
    number: str
    state: str
    colour: Colour | None
    version: int


class InspectionOut(Schema):
    id: int
    commission: OrganizationOut
    date: datetime.date
    kind: str
    members: str
    notes: str
    inspected_units: list[OrganizationOut]
    projects: list[ProjectRefOut]
    problems: list[InspectionProblemOut]


class WarningSummaryOut(Schema):
    today: datetime.date
    total: int
    listed: int
    extension_requested: int
    colours: dict[str, int]
    states: dict[str, int]
    statuses: dict[str, int] = Field(
        description="景德镇 view: done / on_schedule / behind / long_term."
    )
