"""What the back-office pages share: running a service call into a form, URLs, permission."""

from collections.abc import Callable
from typing import Any, Literal

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.urls import reverse

from kaimen.campaigns.models import (
    Campaign,
    Project,
)
from kaimen.core.errors import ApplicationError, ConflictError
from kaimen.core.forms import BaseRowFormSet, StyledForm

SaveResult = Literal["ok", "error", "conflict"]


def attempt(
    request: HttpRequest,
    call: Callable[[], object],
    form: StyledForm,
    *,
    success: str,
    formset: BaseRowFormSet | None = None,
) -> SaveResult:
    """Call a service; put what it refuses next to the field it names."""
    try:
        call()
    except ConflictError as exc:
        form.add_error(None, exc.message)
        return "conflict"
    except ApplicationError as exc:
        place_error(form, formset, exc)
        return "error"
    messages.success(request, success)
    return "ok"


def place_error(form: StyledForm, formset: BaseRowFormSet | None, exc: ApplicationError) -> None:
    name = exc.field or ""
    parts = name.replace("-", ".").split(".")
    if formset is not None and len(parts) == 3 and parts[1].isdigit():  # noqa: PLR2004
        rows = formset.used_forms()
        index = int(parts[1])
        if index < len(rows) and parts[2] in rows[index].fields:
            rows[index].add_error(parts[2], exc.message)
            return
    form.add_error(name if name in form.fields else None, exc.message)


def post_data(request: HttpRequest) -> Any:
    """The POST data, or None for a GET. "overwrite" (offered after a conflict, naming the
    version now stored) saves the user's input over the other person's, deliberately."""
    if request.method != "POST":
        return None
    data = request.POST.copy()
    if data.get("overwrite", "").isdigit():
        data["version"] = str(data["overwrite"])
    return data


def require_perm(request: HttpRequest, perm: str, obj: Campaign | Project) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied(perm)


def project_url(project: Project, anchor: str = "") -> str:
    url = reverse("campaigns_staff:project_detail", args=[project.pk])
    return f"{url}#{anchor}" if anchor else url
