"""Reporter identities, encrypted at rest with `settings.KAIMEN_IDENTITY_KEYS` through
`kaimen.core.crypto` (Fernet, or SM4-GCM with the national option; the first key encrypts, every
key decrypts, so keys can be rotated).

`Identity` hides its fields from `repr`/`str`, so a stray log line or traceback shows nothing.
Decrypting is only done by `services.report_identity_read`, which checks the permission and
records the read as an Event.
"""

import json
from dataclasses import dataclass, field

from kaimen.core import crypto


@dataclass(frozen=True)
class Identity:
    name: str = field(default="", repr=False)
    phone: str = field(default="", repr=False)
    email: str = field(default="", repr=False)

    def __bool__(self) -> bool:
        return bool(self.name or self.phone or self.email)

    def __str__(self) -> str:
        return "Identity(<hidden>)"

    __repr__ = __str__


def identity_encrypt(identity: Identity) -> str:
    """The encrypted token of the identity, or "" for an anonymous report."""
    if not identity:
        return ""
    payload = {"name": identity.name, "phone": identity.phone, "email": identity.email}
    return crypto.encrypt(json.dumps(payload, ensure_ascii=False).encode())


def identity_decrypt(token: str) -> Identity:
    if not token:
        return Identity()
    data = json.loads(crypto.decrypt(token))  # ValueError when no configured key opens it
    return Identity(
        name=str(data.get("name", "")),
        phone=str(data.get("phone", "")),
        email=str(data.get("email", "")),
    )


def identity_rotate(token: str) -> str:
    """Re-encrypt under the first key and the current algorithm (after a key was added in
    front, or the national option turned on or off)."""
    return crypto.reencrypt(token)
