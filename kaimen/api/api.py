"""The JSON API (/api/v1/): one NinjaAPI that mounts each app's router."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI

from kaimen.core.errors import ApplicationError, ConflictError

api = NinjaAPI(
    title="Kaimen API",
    version="1",
    urls_namespace="api",
    description="开门 Kaimen: campaigns, projects and their outcomes. "
    "Authenticate with `POST /api/v1/auth/token`, then `Authorization: Bearer <token>`.",
)


@api.exception_handler(ConflictError)
def on_conflict(request: HttpRequest, exc: ConflictError) -> HttpResponse:
    body: dict[str, object] = {"detail": exc.message, "code": exc.code}
    if exc.allowed or exc.code == "invalid_transition":
        body["allowed"] = exc.allowed
    return api.create_response(request, body, status=409)


@api.exception_handler(ApplicationError)
def on_application_error(request: HttpRequest, exc: ApplicationError) -> HttpResponse:
    body = {"detail": exc.message, "code": exc.code, "field": exc.field}
    return api.create_response(request, body, status=exc.status)


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, {"detail": "Not found"}, status=404)


@api.exception_handler(PermissionDenied)
def on_forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(request, {"detail": "Forbidden"}, status=403)
