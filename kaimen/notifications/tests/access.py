"""Access-matrix rows for the 通知 page: every signed-in user has their own; anonymous visitors
are sent to log in."""

from django.urls import reverse

from kaimen.core.access import SIGNED_IN, Row

ROWS = [
    Row("notifications:list", lambda w: reverse("notifications:list"), SIGNED_IN),
    Row(
        "notifications:read",
        lambda w: reverse("notifications:read", args=[1]),
        SIGNED_IN,
        method="post",
    ),
    Row(
        "notifications:read_all",
        lambda w: reverse("notifications:read_all"),
        SIGNED_IN,
        method="post",
    ),
]
