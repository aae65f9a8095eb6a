"""Receipt codes (查询码): 16 random digits shown once to the reporter, stored only as an
HMAC-SHA256 under `settings.KAIMEN_RECEIPT_KEY`. Look-ups are rate-limited per client address.
"""

import hashlib
import hmac
import re
import secrets

from django.conf import settings
from django.core.cache import cache

RECEIPT_DIGITS = 16
LOOKUP_LIMIT = 10  # look-ups per client address …
LOOKUP_WINDOW = 10 * 60  # … within this many seconds


def _key() -> bytes:
    return str(settings.KAIMEN_RECEIPT_KEY).encode()


def keyed_digest(value: str, purpose: str = "receipt") -> str:
    return hmac.new(_key(), f"{purpose}:{value}".encode(), hashlib.sha256).hexdigest()


def receipt_new() -> str:
    return "".join(secrets.choice("0123456789") for _digit in range(RECEIPT_DIGITS))


def receipt_normalize(code: str) -> str:
    """Digits only: people type receipts with spaces or dashes between the groups."""
    return re.sub(r"[\s\-]", "", code or "")


def receipt_digest(code: str) -> str:
    return keyed_digest(receipt_normalize(code))


def receipt_display(code: str) -> str:
    """1234 5678 9012 3456: easier to copy down."""
    return " ".join(code[i : i + 4] for i in range(0, len(code), 4))


def lookup_allowed(address: str) -> bool:
    """Count one look-up for this client address; False once it has used up its window."""
    key = f"receipt-lookup:{keyed_digest(address, 'addr')}"
    cache.add(key, 0, LOOKUP_WINDOW)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, LOOKUP_WINDOW)
        count = 1
    return count <= LOOKUP_LIMIT
