import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

SESSION_VERIFIED = "kaimen_2fa_verified"
SESSION_STARTED = "kaimen_started"
SESSION_SEEN = "kaimen_seen"
SEEN_RESOLUTION = 60  # seconds: the last-seen time is written at most once a minute


class StaffSessionMiddleware:
    """Staff sessions end after `KAIMEN_STAFF_IDLE_SECONDS` without a request and, however
    busy, `KAIMEN_STAFF_SESSION_SECONDS` after they began (等保: idle and absolute lifetime)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and getattr(user, "kind", "") == "staff":
            now = time.time()
            session = request.session
            started = float(session.setdefault(SESSION_STARTED, now))
            seen = float(session.get(SESSION_SEEN, now))
            if (
                now - seen > settings.KAIMEN_STAFF_IDLE_SECONDS
                or now - started > settings.KAIMEN_STAFF_SESSION_SECONDS
            ):
                logout(request)
                if request.path.startswith(("/staff/", "/django-admin/")):
                    return redirect(f"{reverse('accounts:login')}?next={request.path}")
            elif now - seen >= SEEN_RESOLUTION or SESSION_SEEN not in session:
                session[SESSION_SEEN] = now
        return self.get_response(request)


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
