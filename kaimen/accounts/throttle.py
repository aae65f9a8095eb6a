"""Login throttling: count failures per username and per client address in the cache."""

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    return str(request.META.get("REMOTE_ADDR", "unknown"))


def _keys(username: str, address: str) -> list[str]:
    return [f"login-fail:user:{username.lower()}", f"login-fail:addr:{address}"]


def login_locked(username: str, address: str) -> bool:
    limit = settings.KAIMEN_LOGIN_MAX_FAILURES
    return any(cache.get(key, 0) >= limit for key in _keys(username, address))


def login_failed(username: str, address: str) -> None:
    window = settings.KAIMEN_LOGIN_WINDOW_SECONDS
    for key in _keys(username, address):
        cache.add(key, 0, window)
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, window)


def login_succeeded(username: str, address: str) -> None:
    cache.delete(_keys(username, address)[0])
