import os
from typing import Any

from django.core.checks import Error, Tags, register

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
