"""Shapes of campaigns and projects in the JSON API (/api/v1/): `*In` parse, `*Out` render.

No `from __future__ import annotations` here: Ninja and pydantic read the annotations at runtime.
"""

from decimal import Decimal
from typing import Annotated

from ninja import Field, Schema
from pydantic import PlainSerializer

from kaimen.campaigns.models import Comparator, Theme


def _number(value: Decimal) -> int | float:
    """Decimals leave as JSON numbers: whole values as integers (60), others as floats (74.5)."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)


# Stored as Decimal, rendered as a JSON number (not the string pydantic would make of it).
Number = Annotated[Decimal, PlainSerializer(_number, return_type=float)]


class OrganizationOut(Schema):
    id: int
    name: str


class CampaignRefOut(Schema):
    id: int
    year: int
    title: str


class CampaignOut(Schema):
    id: int
    year: int
    issuer: OrganizationOut
    title: str
    project_count: int = Field(description="Projects of the campaign the caller may see.")


class ProjectSummaryOut(Schema):
    id: int
    title: str
    lead_units: list[OrganizationOut]
    state: str


class CampaignDetailOut(CampaignOut):
    intro: str
    state: str
    projects: list[ProjectSummaryOut]


class TargetOut(Schema):
    label: str
    comparator: str
    target_value: Number
    unit: str
    actual_value: Number | None
    achieved: bool | None
    ratio: Number | None = Field(description="Completion in percent, for 'at least' targets.")
    achievement: str = Field(description='Actual / target = ratio, as shown: "71 / 60 = 118 %".')


class OutcomeOut(Schema):
    position: int
    headline: str
    body: str


class MetricOut(Schema):
    label: str
    value: Number
    unit: str
    normalized_value: Number
    normalized_unit: str


class ProjectOut(Schema):
    id: int
    campaign: CampaignRefOut
    title: str
    theme: str
    lead_units: list[OrganizationOut]
    goal: str
    plan: str
    state: str
    targets: list[TargetOut]
    outcomes: list[OutcomeOut]
    metrics: list[MetricOut]
    version: int = Field(description="Send it back with PATCH; a stale version answers 409.")


class TargetIn(Schema):
    label: str = Field(max_length=200)
    comparator: Comparator = Comparator.AT_LEAST
    target_value: Decimal = Field(max_digits=20, decimal_places=4)
    unit: str = Field("", max_length=20)
    actual_value: Decimal | None = Field(None, max_digits=20, decimal_places=4)


class ProjectPatchIn(Schema):
    """Fields left out (or null) are not changed; `targets` replaces the whole list."""

    version: int
    title: str | None = Field(None, max_length=200)
    theme: Theme | None = None
    goal: str | None = None
    plan: str | None = None
    lead_units: list[int] | None = Field(None, description="Organization ids, in order.")
    targets: list[TargetIn] | None = None
