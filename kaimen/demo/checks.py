"""Deploy check of the demo: its logins share a published password, so none may sign in on a
production site."""

from typing import Any

from django.core.checks import Error, Tags, register
from django.db import DatabaseError

from kaimen.accounts.models import User
from kaimen.demo.world import DEMO_LOGINS, DEMO_PASSWORD


@register(Tags.security, deploy=True)
def no_demo_logins(**kwargs: Any) -> list[Error]:
    """Active demo logins that still have the published password."""
    names = [login.username for login in DEMO_LOGINS]
    try:
        found = [
            user.username
            for user in User.objects.filter(username__in=names, is_active=True)
            if user.check_password(DEMO_PASSWORD)
        ]
    except DatabaseError:
        return []  # no database yet (before migrate): nothing to refuse
    if not found:
        return []
    return [
        Error(
            f"Demo logins with the published password exist: {', '.join(sorted(found))}.",
            hint="Deactivate them or change their passwords (manage.py changepassword).",
            id="kaimen.E103",
        )
    ]
