"""The keyed seal of the event chain: which key seals, and the one MAC function.

Each sealed event stores `hash = seal_mac(key, its canonical content + the previous hash)` and the
id of the key. Without the key, someone who can write to the database cannot rebuild the chain
after changing a row. Keys come from `settings.KAIMEN_EVENT_SEAL_KEYS` ("id:secret" pairs; the
first seals new events, every listed one verifies old ones), so a key can be rotated without
resealing the past.
"""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from kaimen.core.crypto import keyed_mac

KEY_ID_MAX = 20


def seal_keys() -> dict[str, bytes]:
    """Every configured key by its id, in the order configured (the first seals)."""
    keys: dict[str, bytes] = {}
    for pair in settings.KAIMEN_EVENT_SEAL_KEYS:
        key_id, sep, secret = pair.partition(":")
        key_id = key_id.strip()
        if not sep or not key_id or not secret or len(key_id) > KEY_ID_MAX:
            raise ImproperlyConfigured(
                f"KAIMEN_EVENT_SEAL_KEYS: each entry is 'id:secret' with an id of at most "
                f"{KEY_ID_MAX} characters (got {key_id[:KEY_ID_MAX]!r}…)"
            )
        keys[key_id] = secret.encode()
    if not keys:
        raise ImproperlyConfigured("KAIMEN_EVENT_SEAL_KEYS names no key")
    return keys


def sealing_key() -> tuple[str, bytes]:
    """The id and secret of the key new seals are made with."""
    return next(iter(seal_keys().items()))


def seal_mac(key: bytes, message: bytes) -> str:
    """The chain's MAC, 64 hex digits: HMAC-SHA256, or HMAC-SM3 with the national option
    (`kaimen.core.crypto`, where the algorithm is chosen). Turn the option on with a new chain
    or with `verify_events` run before; events sealed with the other algorithm no longer verify."""
    return keyed_mac(key, message)
