"""A cache for the public pages everybody reads and nobody personalises.

Anonymous visitors (no session, no bearer token) of the pages named in
`settings.KAIMEN_PUBLIC_CACHE_URLS` get a stored copy, kept in each process's memory (the
"pages" cache). Every recorded event bumps a generation number in the shared cache on commit,
so a change is visible at once in the process that made it and within a second everywhere
else; the timeout is only a safety net.
Pages that set a cookie (a CSRF token for a form) or carry an inline script are not stored, so
a stored page never holds one person's token and its scripts run under the CSP without a nonce.
"""

import time
from collections.abc import Callable
from http import HTTPStatus

from django.conf import settings
from django.core.cache import cache, caches
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.utils.translation import get_language

GENERATION_KEY = "kaimen:public-generation"
CACHED_HEADERS = ("Content-Type", "Content-Language")
INLINE_SCRIPT = b"<script nonce="


# Each process asks the shared cache for the generation at most this often, so a hit costs no
# network round trip; a change made in another process shows within this many seconds (at
# once in the process that made it).
GENERATION_CHECK_SECONDS = 1.0
_seen = {"generation": 0, "checked_at": float("-inf")}


def public_generation() -> int:
    now = time.monotonic()
    if now - _seen["checked_at"] >= GENERATION_CHECK_SECONDS:
        _seen["generation"] = int(cache.get_or_set(GENERATION_KEY, 1, timeout=None) or 1)
        _seen["checked_at"] = now
    return int(_seen["generation"])


def public_pages_changed() -> None:
    """Call inside the transaction of a change: cached public pages expire when it commits.

    One bump per transaction however many changes it records."""
    connection = transaction.get_connection()
    if not any(callback is bump_generation for _, callback, _ in connection.run_on_commit):
        transaction.on_commit(bump_generation)


def bump_generation() -> None:
    try:
        _seen["generation"] = cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, timeout=None)
        _seen["generation"] = 2
    _seen["checked_at"] = time.monotonic()


def _is_anonymous(request: HttpRequest) -> bool:
    return (
        settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
    )


def _cache_key(request: HttpRequest) -> str:
    # The visitor's display choices (the remembered region, 长辈版) change the page too.
    choices = ",".join(
        request.COOKIES.get(name, "") for name in settings.KAIMEN_PUBLIC_CACHE_COOKIES
    )
    return f"public-page:{public_generation()}:{get_language()}:{choices}:{request.get_full_path()}"


class PublicPageCacheMiddleware:
    """Serve and store the anonymous copies; sits after LocaleMiddleware (the key has the
    language) and before the views."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        key = getattr(request, "_kaimen_public_cache_key", None)
        if key is not None and isinstance(response, HttpResponse) and storable(response):
            headers = {name: response[name] for name in CACHED_HEADERS if name in response}
            copy = (response.content, headers)
            caches["pages"].set(key, copy, settings.KAIMEN_PUBLIC_CACHE_SECONDS)
        return response

    def process_view(
        self, request: HttpRequest, view: object, args: object, kwargs: object
    ) -> HttpResponseBase | None:
        match = request.resolver_match
        if (
            request.method not in ("GET", "HEAD")
            or match is None
            or match.view_name not in settings.KAIMEN_PUBLIC_CACHE_URLS
            or not _is_anonymous(request)
        ):
            return None
        key = _cache_key(request)
        stored = caches["pages"].get(key)
        if stored is not None:
            content, headers = stored
            response = HttpResponse(content, headers=headers)
            response["X-Kaimen-Cache"] = "hit"
            return response
        request._kaimen_public_cache_key = key  # type: ignore[attr-defined]
        return None


def storable(response: HttpResponseBase) -> bool:
    if response.status_code != HTTPStatus.OK or response.streaming or response.cookies:
        return False
    content: bytes = response.content  # type: ignore[attr-defined]
    # An inline script would need this request's nonce; such pages are rendered every time.
    return INLINE_SCRIPT not in content
