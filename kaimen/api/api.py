"""The JSON API (/api/v1/): one NinjaAPI that mounts each app's router.

Reads accept a bearer token, the session, or nobody (anonymous callers see published records
only); writes need a bearer token (see `kaimen.accounts.api`).
"""

from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver
from ninja import NinjaAPI
from ninja.openapi.schema import OpenAPISchema

from kaimen.accounts.api import optional_bearer
from kaimen.accounts.api import router as auth_router
from kaimen.campaigns.api import router as campaigns_router
from kaimen.core.errors import ApplicationError, ConflictError
from kaimen.core.throttle import ThrottledError

ERROR_BODY = {
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}}
}
# Answers any operation can give before its view runs (kaimen.core.middleware and Ninja's body
# parser): unreadable input or control characters (400), and for a body, too large (413).
EDGE_ERRORS = {"400": "Bad Request", "413": "Content Too Large"}


class KaimenAPI(NinjaAPI):
    """Ninja's views marked public for LoginRequiredMiddleware: the API answers 401 itself."""

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        for operations in schema["paths"].values():
            for operation in operations.values():
                responses = operation["responses"]
                for status, description in EDGE_ERRORS.items():
                    if status == "413" and "requestBody" not in operation:
                        continue
                    responses.setdefault(int(status), {"description": description, **ERROR_BODY})
        return schema

    def _get_urls(self) -> list[URLResolver | URLPattern]:
        urls = super()._get_urls()
        for pattern in urls:
            if isinstance(pattern, URLPattern):
                login_not_required(pattern.callback)
        return urls


api = KaimenAPI(
    title="Kaimen API",
    version="1",
    urls_namespace="api",
    auth=optional_bearer,
    description="开门 Kaimen: campaigns, projects and their outcomes. "
    "Authenticate with `POST /api/v1/auth/token`, then `Authorization: Bearer <token>`.",
)
api.add_router("/auth", auth_router)
api.add_router("/", campaigns_router)
api.add_router("/", "kaimen.supervision.api.router")
api.add_router("/", "kaimen.insights.api.router")
api.add_router("/", "kaimen.participation.api.router")
api.add_router("/", "kaimen.publication.api.router")
api.add_router("/", "kaimen.reports.api.router")
api.add_router("/", "kaimen.timeline.api.router")


@api.exception_handler(ConflictError)
def on_conflict(request: HttpRequest, exc: ConflictError) -> HttpResponse:
    body: dict[str, object] = {"detail": exc.message, "code": exc.code}
    if exc.allowed or exc.code == "invalid_transition":
        body["allowed"] = exc.allowed
    return api.create_response(request, body, status=409)


@api.exception_handler(ApplicationError)
def on_application_error(request: HttpRequest, exc: ApplicationError) -> HttpResponse:
    body = {"detail": exc.message, "code": exc.code, "field": exc.field}
    response = api.create_response(request, body, status=exc.status)
    if isinstance(exc, ThrottledError):
        response["Retry-After"] = str(exc.retry_after)
    return response


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, {"detail": "Not found"}, status=404)


@api.exception_handler(PermissionDenied)
def on_forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(request, {"detail": "Forbidden"}, status=403)


@api.exception_handler(ValidationError)
def on_model_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """A model's full_clean() refused a value the schema let through: 400 naming the field."""
    field: str | None = None
    detail = exc.messages[0] if exc.messages else ""
    if hasattr(exc, "error_dict"):
        field, messages = next(iter(exc.message_dict.items()))
        detail = messages[0]
    body = {"detail": detail, "code": "invalid", "field": field}
    return api.create_response(request, body, status=400)
