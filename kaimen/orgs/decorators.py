from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase

from kaimen.orgs.selectors import scope_for

View = Callable[..., HttpResponseBase]  # pages, and files (streamed)


def staff_required(view: View) -> View:
    """Back-office pages exist only for staff: others get the same 404 as a missing page.

    (Anonymous visitors are sent to the login page first by LoginRequiredMiddleware.)
    """

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not scope_for(request.user).is_staff:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper
