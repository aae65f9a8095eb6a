"""API shapes of reports. No `from __future__ import annotations`: Ninja reads them at runtime."""

from datetime import date, datetime

from ninja import Field, Schema


class IdentityIn(Schema):
    name: str = Field("", max_length=50)
    phone: str = Field("", max_length=20)
    email: str = Field("", max_length=254)


class ReportIn(Schema):
    category: str = Field(description="Category code, the same as the Open311 service_code.")
    content: str = Field(max_length=5000)
    channel: str = Field("web", description="web, hotline, letter, visit or mail (staff only).")
    kind: str | None = Field(
        None, description="discipline or service_request; default: by category"
    )
    organization: int | None = Field(None, description="The place or unit the report concerns.")
    project: int | None = None
    address: str = Field("", max_length=200)
    identity: IdentityIn | None = Field(
        None, description="Optional; encrypted at rest and never returned."
    )


class ReportCreatedOut(Schema):
    id: int
    receipt: str = Field(description="Shown once: 16 digits; only a keyed hash is stored.")
    reference: str
    duplicate: bool = False


class ReplyOut(Schema):
    unit: str
    body: str
    created_at: datetime


class ReceiptOut(Schema):
    id: int
    reference: str
    kind: str
    category: str
    category_name: str
    status: str
    status_label: str
    received_on: date
    accept_due: date
    reply_due: date | None
    decline_reason: str
    rating: str
    replies: list[ReplyOut]
