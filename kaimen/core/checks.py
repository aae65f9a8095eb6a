import os
from typing import Any

from django.core.checks import Error, Tags, register


@register(Tags.security, deploy=True)
def secret_key_from_environment(**kwargs: Any) -> list[Error]:
    """A generated key changes on every start and differs between workers: sessions break."""
    if not os.environ.get("DJANGO_SECRET_KEY"):
        return [
            Error(
                "DJANGO_SECRET_KEY is not set; a random key is generated per process.",
                hint="Set DJANGO_SECRET_KEY to a long random value in production.",
                id="kaimen.E001",
            )
        ]
    return []
