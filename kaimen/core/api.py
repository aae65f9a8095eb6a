"""Shapes shared by every router of the API, and the errors each kind of operation documents.

No `from __future__ import annotations` here: Ninja and pydantic read the annotations at runtime.
"""

from typing import Any

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


# The error answers an operation documents: reads (anyone may call, so 401 only for a bad
# token), staff reads (403 for the public), writes (bearer token, validation, conflicts).
READ_ERRORS: dict[int, Any] = {401: ErrorOut, 404: ErrorOut}
STAFF_READ_ERRORS: dict[int, Any] = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut}
WRITE_ERRORS: dict[int, Any] = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    409: ErrorOut,
    422: ValidationErrorOut,
}
