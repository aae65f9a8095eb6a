"""Receipt codes (查询码): 16 random digits shown once to the reporter, stored only as an
HMAC (SHA-256, or SM3 with the national option) under `settings.KAIMEN_RECEIPT_KEY`. Failed look-ups are rate-limited per client
address (`LOOKUP_RATE`); a look-up that finds its report does not count.

A double-clicked form must show the same receipt twice, so the receipt is kept for a few
minutes in the cache, which is shared (Redis in production): encrypted under a key derived from
the form's idempotency key, which only the reporter's browser holds (the database keeps only an
HMAC of it). Neither the cache nor the server's keys alone can read a cached receipt.
"""

import base64
import re
import secrets

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.cache import cache

from kaimen.core.crypto import keyed_mac
from kaimen.core.throttle import Rate

RECEIPT_DIGITS = 16
# Wrong receipts per client address in ten minutes: guessing 16 digits stays hopeless.
LOOKUP_RATE = Rate("receipt-lookup", 10, 10 * 60)


def _key() -> bytes:
    return str(settings.KAIMEN_RECEIPT_KEY).encode()


def keyed_digest(value: str, purpose: str = "receipt", *, sm3: bool | None = None) -> str:
    """HMAC of the value under the receipt key (SM3 with the national option, else SHA-256)."""
    return keyed_mac(_key(), f"{purpose}:{value}".encode(), sm3=sm3)


def receipt_new() -> str:
    return "".join(secrets.choice("0123456789") for _digit in range(RECEIPT_DIGITS))


def receipt_normalize(code: str) -> str:
    """Digits only: people type receipts with spaces or dashes between the groups."""
    return re.sub(r"[\s\-]", "", code or "")


def receipt_digests(code: str) -> set[str]:
    """The digests a receipt may be stored under: receipts issued before the national option
    was turned on (or off) keep working."""
    return {keyed_digest(receipt_normalize(code), sm3=sm3) for sm3 in (True, False)}


def receipt_display(code: str) -> str:
    """1234 5678 9012 3456: easier to copy down."""
    return " ".join(code[i : i + 4] for i in range(0, len(code), 4))


def _cache_fernet(idempotency_key: str) -> Fernet:
    derived = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=_key(), info=b"kaimen receipt cache"
    ).derive(idempotency_key.encode())
    return Fernet(base64.urlsafe_b64encode(derived))


def _cache_key(idempotency_key: str) -> str:
    return f"report-receipt:{keyed_digest(idempotency_key, 'receipt-cache')}"


def receipt_cache_put(idempotency_key: str, receipt: str, timeout: int) -> None:
    """Keep the receipt for a repeated submission of the same form, encrypted (see above)."""
    if not idempotency_key:
        return  # nothing only the reporter holds to encrypt it with: not kept at all
    token = _cache_fernet(idempotency_key).encrypt(receipt.encode()).decode()
    cache.set(_cache_key(idempotency_key), token, timeout)


def receipt_cache_get(idempotency_key: str) -> str:
    """The receipt kept for this idempotency key, or "" (none kept, expired or unreadable)."""
    if not idempotency_key:
        return ""
    token = cache.get(_cache_key(idempotency_key))
    if not isinstance(token, str):
        return ""
    try:
        return _cache_fernet(idempotency_key).decrypt(token.encode()).decode()
    except InvalidToken:
        return ""
