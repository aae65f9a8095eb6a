"""The one rate-limit mechanism: who the client is, and counters in the shared cache.

`client_address` reads `X-Forwarded-For` only when the request came from one of
`settings.KAIMEN_TRUSTED_PROXIES` (addresses or networks), walking the header from the right
past the trusted hops, so a visitor cannot choose their own address and visitors behind the
reverse proxy are not one client. Counters live in the "default" cache — Redis in production,
shared by every worker (`check --deploy` refuses a per-process cache) — in fixed windows, so
the time to wait is known and said (429 with Retry-After).

Password logins are counted by django-axes (per account and client, visible in the admin;
`kaimen.accounts.services.user_authenticate`); everything else counts here.
"""

import hashlib
import ipaddress
import math
import time
from dataclasses import dataclass
from functools import cache as memoize

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.translation import gettext as _

from kaimen.core.errors import ApplicationError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
UNKNOWN_CLIENT = "0.0.0.0"  # noqa: S104  (a placeholder value, nothing listens on it)


@memoize
def _trusted_networks(proxies: tuple[str, ...]) -> tuple[IPNetwork, ...]:
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def _address(text: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def _trusted(address: IPAddress | None) -> bool:
    networks = _trusted_networks(tuple(settings.KAIMEN_TRUSTED_PROXIES))
    return address is not None and any(address in network for network in networks)


def client_address(request: HttpRequest) -> str:
    """The address of the client: the first hop from the right of `X-Forwarded-For` that is not
    a trusted proxy, when the connection itself comes from a trusted proxy; else REMOTE_ADDR."""
    connected = _address(str(request.META.get("REMOTE_ADDR") or ""))
    # No usable address (a test client, a misconfigured server): one shared bucket, still an
    # address, as the login records store it.
    remote = str(connected) if connected is not None else UNKNOWN_CLIENT
    if not _trusted(connected):
        return remote
    hops = [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    client = remote
    for hop in reversed(hops):
        address = _address(hop)
        if address is None:
            break  # garbage left of our proxies was written by the client: stop trusting
        client = str(address)
        if not _trusted(address):
            break
    return client


@dataclass(frozen=True)
class Rate:
    """At most `limit` counted actions per key in each window of `window` seconds."""

    name: str
    limit: int
    window: int


class ThrottledError(ApplicationError):
    status = 429

    def __init__(self, message: str, *, retry_after: int, field: str | None = None) -> None:
        super().__init__(message, code="throttled", field=field)
        self.retry_after = retry_after


def _slot(rate: Rate, key: str) -> tuple[str, int]:
    """The counter's cache key in the current window, and the seconds left in the window."""
    now = time.time()
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    index = int(now // rate.window)
    return f"throttle:{rate.name}:{digest}:{index}", max(
        1, math.ceil((index + 1) * rate.window - now)
    )


def throttle_check(
    rate: Rate, key: str, message: str | None = None, field: str | None = None
) -> None:
    """Raise ThrottledError (with the seconds to wait) once `key` has used up its window."""
    slot, left = _slot(rate, key)
    if int(cache.get(slot, 0)) >= rate.limit:
        raise ThrottledError(
            message or _("操作过于频繁，请稍后再试。"), retry_after=left, field=field
        )


def throttle_count(rate: Rate, key: str) -> int:
    """Count one action for `key`; returns the count in the current window."""
    slot, left = _slot(rate, key)
    cache.add(slot, 0, left + 1)
    try:
        return int(cache.incr(slot))
    except ValueError:  # expired between add and incr
        cache.set(slot, 1, left + 1)
        return 1


def throttle_reset(rate: Rate, key: str) -> None:
    cache.delete(_slot(rate, key)[0])
