"""Deploy checks: production refuses what is unsafe (each refusal has a test)."""

import os
from typing import Any, cast

from django.conf import settings
from django.core.checks import Error, Tags, register
from django.urls import URLPattern, URLResolver, get_resolver
from django.views.static import serve

# Caches whose counts are not shared by the workers and servers (throttles would multiply).
PER_PROCESS_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
    "django.core.cache.backends.filebased.FileBasedCache",
}

PRODUCTION_KEYS = {
    "DJANGO_SECRET_KEY": "kaimen.E001",
    "KAIMEN_IDENTITY_KEYS": "kaimen.E002",
    "KAIMEN_RECEIPT_KEY": "kaimen.E003",
}


@register(Tags.security, deploy=True)
def keys_from_environment(**kwargs: Any) -> list[Error]:
    """Keys must come from the environment in production, not from a development file."""
    return [
        Error(
            f"{name} is not set; a development key from .secrets/ is in use.",
            hint=f"Set {name} in the environment (see README, Production).",
            id=check_id,
        )
        for name, check_id in PRODUCTION_KEYS.items()
        if not os.environ.get(name)
    ]


@register(Tags.security, deploy=True)
def production_mode(**kwargs: Any) -> list[Error]:
    """DEBUG shows tracebacks and settings to anyone and serves files without checks."""
    if not settings.DEBUG:
        return []
    return [Error("DEBUG is on.", hint="Set DJANGO_DEBUG=0 in production.", id="kaimen.E004")]


@register(Tags.caches, deploy=True)
def shared_cache(**kwargs: Any) -> list[Error]:
    """Throttles, lock-outs and the page-cache generation must be counted once for all workers."""
    backend = cast(dict[str, dict[str, str]], settings.CACHES)["default"]["BACKEND"]
    if backend not in PER_PROCESS_CACHES:
        return []
    return [
        Error(
            f"The default cache ({backend}) is not shared between workers: every worker counts "
            "its own rate limits.",
            hint="Set REDIS_URL (see README, Production).",
            id="kaimen.E005",
        )
    ]


def _serves_files(patterns: list[URLPattern | URLResolver]) -> bool:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if _serves_files(pattern.url_patterns):
                return True
        elif pattern.callback is serve:
            return True
    return False


@register(Tags.security, deploy=True)
def no_media_from_django(**kwargs: Any) -> list[Error]:
    """Uploaded files (report attachments above all) are only served by views that check who
    may see them; a URL that serves MEDIA_ROOT as-is would bypass every scope."""
    if not _serves_files(get_resolver().url_patterns):
        return []
    return [
        Error(
            "A URL serves files straight from disk (django.views.static.serve).",
            hint="Never serve MEDIA_ROOT publicly; files go through their views "
            "(KAIMEN_SENDFILE lets the web server send them).",
            id="kaimen.E006",
        )
    ]
