"""Reporter identities, encrypted at rest with `settings.KAIMEN_IDENTITY_KEYS` (MultiFernet:
the first key encrypts, every key decrypts, so keys can be rotated).

`Identity` hides its fields from `repr`/`str`, so a stray log line or traceback shows nothing.
Decrypting is only done by `services.report_identity_read`, which checks the permission and
records the read as an Event.
"""

import json
from dataclasses import dataclass, field

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings


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


def _fernet() -> MultiFernet:
    keys = settings.KAIMEN_IDENTITY_KEYS
    if isinstance(keys, str):
        keys = [keys]
    return MultiFernet([Fernet(key.encode() if isinstance(key, str) else key) for key in keys])


def identity_encrypt(identity: Identity) -> str:
    """The Fernet token of the identity, or "" for an anonymous report."""
    if not identity:
        return ""
    payload = {"name": identity.name, "phone": identity.phone, "email": identity.email}
    return _fernet().encrypt(json.dumps(payload, ensure_ascii=False).encode()).decode()


def identity_decrypt(token: str) -> Identity:
    if not token:
        return Identity()
    try:
        data = json.loads(_fernet().decrypt(token.encode()))
    except InvalidToken as exc:
        raise ValueError("identity token cannot be decrypted with the configured keys") from exc
    return Identity(
        name=str(data.get("name", "")),
        phone=str(data.get("phone", "")),
        email=str(data.get("email", "")),
    )


def identity_rotate(token: str) -> str:
    """Re-encrypt under the first key (after a key was added in front)."""
    return _fernet().rotate(token.encode()).decode() if token else ""
