from django.urls import reverse

from kaimen.core.access import EVERYONE, Row

ROWS = [
    Row(
        "set_language",
        lambda w: reverse("set_language"),
        EVERYONE,
        method="post",
        data=lambda w: {"language": "en", "next": "/"},
    ),
]
