from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

SESSION_VERIFIED = "kaimen_2fa_verified"


class StaffTwoFactorMiddleware:
    """When KAIMEN_STAFF_2FA_REQUIRED is on, staff must set up and pass TOTP before working."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            settings.KAIMEN_STAFF_2FA_REQUIRED
            and user.is_authenticated
            and getattr(user, "kind", "") == "staff"
            and not request.session.get(SESSION_VERIFIED)
            and request.path.startswith(("/staff/", "/django-admin/"))
        ):
            return redirect(reverse("accounts:totp_setup"))
        return self.get_response(request)
