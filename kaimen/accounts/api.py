"""Who is calling the API: bearer tokens (`POST /api/v1/auth/token`), or the session for reads.

- `optional_bearer` (reads): a valid `Authorization: Bearer <token>` → that user; a header that
  is present but invalid or expired → 401; no header → the session's user, or anonymous.
- `bearer` (writes): a valid bearer token is required. Session-only callers get 401, so writes
  never ride on a cookie and need no CSRF token.
"""

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.security import HttpBearer

from kaimen.accounts.models import UserKind
from kaimen.accounts.services import (
    api_token_create,
    api_token_user,
    second_factor_check,
    user_authenticate,
)
from kaimen.core.api import ErrorOut, ValidationErrorOut
from kaimen.core.errors import ApplicationError
from kaimen.core.throttle import ThrottledError


class BearerAuth(HttpBearer):
    """A valid API token is required; the token's user becomes `request.user`."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = api_token_user(token)
        if user is None:
            return None
        request.user = user
        return user


class OptionalBearerAuth(BearerAuth):
    """As `BearerAuth` when an Authorization header is sent; otherwise the session's user."""

    def __call__(self, request: HttpRequest) -> Any:
        if self.header in request.headers:
            return super().__call__(request)
        # Anonymous visitors are let through too: selectors show them published records only.
        return request.user


bearer = BearerAuth()
optional_bearer = OptionalBearerAuth()

router = Router(tags=["auth"])


class TokenIn(Schema):
    username: str
    password: str
    code: str = Field("", description="Two-factor code, for users who have set it up.")


class TokenOut(Schema):
    token: str


@router.post(
    "/token",
    auth=None,
    response={200: TokenOut, 401: ErrorOut, 422: ValidationErrorOut, 429: ErrorOut},
    url_name="token_create",
    summary="Issue a bearer token",
    # The id it had when this router lived in kaimen.api: clients generated from the document
    # keep their method name.
    operation_id="kaimen_api_auth_token_create",
)
def token_create(request: HttpRequest, payload: TokenIn) -> Status[dict[str, Any]]:
    """Exchange a username and password for a token (valid `KAIMEN_API_TOKEN_DAYS` days).

    Failures are counted like the login page's: too many lock the account and the address (429).
    Users with two-factor authentication also send the current `code`, as on the login page.
    """
    try:
        user = user_authenticate(
            request=request, username=payload.username, password=payload.password
        )
        if user.has_totp:
            second_factor_check(request=request, user=user, code=payload.code)
    except ThrottledError:
        raise
    except ApplicationError as error:
        return Status(401, {"detail": error.message, "code": error.code, "field": error.field})
    if settings.KAIMEN_STAFF_2FA_REQUIRED and user.kind == UserKind.STAFF and not user.has_totp:
        message = _("请先在网页上设置两步验证。")
        return Status(401, {"detail": message, "code": "totp_setup_required", "field": "code"})
    return Status(200, {"token": api_token_create(user=user)})
