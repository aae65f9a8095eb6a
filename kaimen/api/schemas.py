"""Shapes shared by every router of the API.

No `from __future__ import annotations` here: Ninja and pydantic read the annotations at runtime.
"""

from ninja import Field, Schema


class ErrorOut(Schema):
    """What every error answers: a message, and for service errors a code and the field at fault."""

    detail: str
    code: str | None = None
    field: str | None = None


class ValidationErrorItem(Schema):
    type: str
    loc: list[str | int] = Field(description='Where: e.g. ["body", "payload", "version"].')
    msg: str


class ValidationErrorOut(Schema):
    """Ninja's answer (422) when the request does not fit the schema."""

    detail: list[ValidationErrorItem]
